// The admin API: users, teams and roles. Only for a principal whose role grants the
// "admin" module at scope all: view to read, edit to change; everyone else gets 403.
//
//   GET  /api/v1/admin/users  -> {"users": [{"id", "name", "role", "team_id", "active"}]}
//   POST /api/v1/admin/users  {"id", "name", "role", "team_id", "active", "password"}
//   GET  /api/v1/admin/teams  -> {"teams": [{"id", "name"}]}
//   POST /api/v1/admin/teams  {"id", "name"}
//   GET  /api/v1/admin/roles  -> {"roles": [{"id", "name", "permissions"}], "modules", "actions", "scopes"}
//   POST /api/v1/admin/roles  {"id", "name", "permissions": {module: {action: scope}}}
//
// A POST creates the record when its id is new (201) and otherwise changes the fields it
// carries (200); the answer holds the record as saved. Input a person can correct gets 422
// with every problem next to its field (auth.hpp lists the codes).
//
// [SECTION] Access
// [SECTION] Users
// [SECTION] Teams
// [SECTION] Roles
// [SECTION] Routes
#include "api.hpp"
#include "auth.hpp"
#include "core/text.hpp"
#include "server_options.hpp"
#include "storage.hpp"

namespace crm {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Access
//-----------------------------------------------------------------------------

// The principal when they may administer; otherwise answers 401 or 403 and returns nullopt.
std::optional<Principal> admin_or_answer(Storage& storage, const ApiRequest& request, httplib::Response& response,
                                         Action action) {
    std::optional<Principal> principal = authenticate_or_answer(storage, request.http, response);
    if (principal && principal->scope("admin", action) != Scope::all) {
        send_error(response, 403, "forbidden",
                   "only administrators may " + std::string(action_name(action)) + " " + request.http.path);
        return std::nullopt;
    }
    return principal;
}

// Answers a failed save: 422 for problems with the input, 500 for anything else.
void answer_failure(httplib::Response& response, const Error& error) {
    if (error.code == "invalid") return send_invalid(response, error.fields);
    send_error(response, 500, "internal", error.message);
}

//-----------------------------------------------------------------------------
// [SECTION] Users
//-----------------------------------------------------------------------------

nlohmann::json user_json(const UserRow& user) {
    return {
        {"id", user.id}, {"name", user.name}, {"role", user.role}, {"team_id", user.team_id}, {"active", user.active}};
}

void get_users(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    if (!admin_or_answer(storage, request, response, Action::view)) return;
    nlohmann::json users = nlohmann::json::array();
    for (const UserRow& user : storage.with_db([](Db& db) { return list_users(db); }))
        users.push_back(user_json(user));
    send_json(response, 200, {{"users", std::move(users)}});
}

void post_user(Storage& storage, PasswordCost cost, const ApiRequest& request, httplib::Response& response) {
    std::optional<Principal> admin = admin_or_answer(storage, request, response, Action::edit);
    if (!admin) return;
    std::optional<nlohmann::json> body = read_json_object(request, response);
    if (!body || !check_field_types(*body,
                                    {{"id", JsonType::string},
                                     {"name", JsonType::string},
                                     {"role", JsonType::string},
                                     {"team_id", JsonType::string},
                                     {"active", JsonType::boolean},
                                     {"password", JsonType::string}},
                                    response)) {
        return;
    }
    UserChange change;
    change.id = trim(optional_text(*body, "id").value_or(""));
    change.name = optional_text(*body, "name");
    change.role = optional_text(*body, "role");
    change.team_id = optional_text(*body, "team_id");
    if (change.role) change.role = trim(*change.role);
    if (change.team_id) change.team_id = trim(*change.team_id);
    change.active = optional_flag(*body, "active");

    // Hashed before taking the database: it is slow on purpose.
    Problems problems;
    if (std::optional<std::string> password = optional_text(*body, "password")) {
        check_password(*password, problems);
        if (problems.empty()) {
            Result<std::string> hash = hash_password(*password, cost);
            if (!hash) return answer_failure(response, hash.error());
            change.password_hash = std::move(hash).value();
        }
    }
    Result<bool> created = storage.with_db([&](Db& db) { return save_user(db, change, admin->user_id, problems); });
    if (!created) return answer_failure(response, created.error());
    std::optional<UserRow> saved = storage.with_db([&](Db& db) { return find_user(db, change.id); });
    send_json(response, created.value() ? 201 : 200, {{"user", saved ? user_json(*saved) : nlohmann::json()}});
}

//-----------------------------------------------------------------------------
// [SECTION] Teams
//-----------------------------------------------------------------------------

void get_teams(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    if (!admin_or_answer(storage, request, response, Action::view)) return;
    nlohmann::json teams = nlohmann::json::array();
    for (const TeamRow& team : storage.with_db([](Db& db) { return list_teams(db); })) {
        teams.push_back({{"id", team.id}, {"name", team.name}});
    }
    send_json(response, 200, {{"teams", std::move(teams)}});
}

void post_team(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    if (!admin_or_answer(storage, request, response, Action::edit)) return;
    std::optional<nlohmann::json> body = read_json_object(request, response);
    if (!body || !check_field_types(*body, {{"id", JsonType::string}, {"name", JsonType::string}}, response)) return;
    const TeamRow team{trim(optional_text(*body, "id").value_or("")), trim(optional_text(*body, "name").value_or(""))};
    Result<bool> created = storage.with_db([&](Db& db) { return save_team(db, team); });
    if (!created) return answer_failure(response, created.error());
    send_json(response, created.value() ? 201 : 200, {{"team", {{"id", team.id}, {"name", team.name}}}});
}

//-----------------------------------------------------------------------------
// [SECTION] Roles
//-----------------------------------------------------------------------------

nlohmann::json names_json(std::span<const std::string_view> names) {
    nlohmann::json list = nlohmann::json::array();
    for (std::string_view name : names)
        list.push_back(name);
    return list;
}

nlohmann::json role_json(const RoleRow& role) {
    return {{"id", role.id}, {"name", role.name}, {"permissions", grants_to_json(role.grants)}};
}

void get_roles(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    if (!admin_or_answer(storage, request, response, Action::view)) return;
    nlohmann::json roles = nlohmann::json::array();
    for (const RoleRow& role : storage.with_db([](Db& db) { return list_roles(db); }))
        roles.push_back(role_json(role));
    send_json(response, 200,
              {{"roles", std::move(roles)},
               {"modules", names_json(kModules)},
               {"actions", names_json(kActionNames)},
               {"scopes", names_json(kScopeNames)}});
}

// {"customers": {"view": "all", ...}, ...} -> Grants. A wrong JSON type answers 400 and
// returns nullopt; unknown names become problems ("permissions.<module>.<action>").
std::optional<Grants> read_grants(const nlohmann::json& permissions, Problems& problems, httplib::Response& response) {
    Grants grants;
    for (const auto& [module, actions] : permissions.items()) {
        const std::string module_field = "permissions." + module;
        if (!actions.is_object()) {
            send_error(response, 400, "bad_request", "\"" + module_field + "\" must be an object");
            return std::nullopt;
        }
        if (!is_module(module)) {
            problems.push_back({module_field, "unknown_module"});
            continue;
        }
        auto& scopes = grants[module];
        scopes.fill(Scope::none);
        for (const auto& [action_text, scope_value] : actions.items()) {
            const std::string action_field = module_field + "." + action_text;
            if (!scope_value.is_string()) {
                send_error(response, 400, "bad_request", "\"" + action_field + "\" must be a string");
                return std::nullopt;
            }
            std::optional<Action> action = parse_action(action_text);
            std::optional<Scope> scope = parse_scope(scope_value.get<std::string>());
            if (!action) {
                problems.push_back({action_field, "unknown_action"});
            } else if (!scope) {
                problems.push_back({action_field, "unknown_scope"});
            } else {
                scopes[static_cast<size_t>(*action)] = *scope;
            }
        }
    }
    return grants;
}

void post_role(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    if (!admin_or_answer(storage, request, response, Action::edit)) return;
    std::optional<nlohmann::json> body = read_json_object(request, response);
    if (!body || !check_field_types(
                     *body, {{"id", JsonType::string}, {"name", JsonType::string}, {"permissions", JsonType::object}},
                     response)) {
        return;
    }
    RoleChange change;
    change.id = trim(optional_text(*body, "id").value_or(""));
    change.name = optional_text(*body, "name");
    Problems problems;
    if (auto permissions = body->find("permissions"); permissions != body->end() && !permissions->is_null()) {
        change.grants = read_grants(*permissions, problems, response);
        if (!change.grants) return;
    }
    Result<bool> created = storage.with_db([&](Db& db) { return save_role(db, change, problems); });
    if (!created) return answer_failure(response, created.error());
    std::optional<RoleRow> saved;
    for (RoleRow& role : storage.with_db([](Db& db) { return list_roles(db); }))
        if (role.id == change.id) saved = std::move(role);
    send_json(response, created.value() ? 201 : 200, {{"role", saved ? role_json(*saved) : nlohmann::json()}});
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Routes
//-----------------------------------------------------------------------------

void add_admin_routes(ApiRouter& router, Storage& storage, const ServerOptions& options) {
    using Handler = void (*)(Storage&, const ApiRequest&, httplib::Response&);
    auto route = [&](const char* method, const char* path, Handler handler) {
        router.add(method, path, [&storage, handler](const ApiRequest& request, httplib::Response& response) {
            handler(storage, request, response);
        });
    };
    route("GET", "/api/v1/admin/users", get_users);
    route("GET", "/api/v1/admin/teams", get_teams);
    route("POST", "/api/v1/admin/teams", post_team);
    route("GET", "/api/v1/admin/roles", get_roles);
    route("POST", "/api/v1/admin/roles", post_role);
    const PasswordCost cost = options.password_cost;
    router.add("POST", "/api/v1/admin/users", [&storage, cost](const ApiRequest& request, httplib::Response& response) {
        post_user(storage, cost, request, response);
    });
}

}  // namespace crm
