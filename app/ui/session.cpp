#include "ui/session.hpp"

namespace crm::ui {

namespace {

std::string string_at(const nlohmann::json& json, const char* key) {
    auto found = json.find(key);
    return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

Scope parse_scope(std::string_view text) {
    if (text == "own") return Scope::own;
    if (text == "team") return Scope::team;
    if (text == "all") return Scope::all;
    return Scope::none;
}

const char* scope_name(Scope scope) {
    switch (scope) {
        case Scope::own: return "own";
        case Scope::team: return "team";
        case Scope::all: return "all";
        case Scope::none: break;
    }
    return "none";
}

Permissions Permissions::from_json(const nlohmann::json& json) {
    Permissions permissions;
    if (!json.is_object()) return permissions;
    for (const auto& [module, actions] : json.items()) {
        if (!actions.is_object()) continue;
        for (const auto& [action, scope] : actions.items())
            if (scope.is_string()) permissions.set(module, action, parse_scope(scope.get<std::string>()));
    }
    return permissions;
}

nlohmann::json Permissions::to_json() const {
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [module, actions] : scopes_)
        for (const auto& [action, scope] : actions) json[module][action] = scope_name(scope);
    return json;
}

Scope Permissions::scope(std::string_view module, std::string_view action) const {
    auto actions = scopes_.find(module);
    if (actions == scopes_.end()) return Scope::none;
    auto found = actions->second.find(action);
    return found == actions->second.end() ? Scope::none : found->second;
}

void Permissions::set(const std::string& module, const std::string& action, Scope scope) {
    scopes_[module][action] = scope;
}

std::optional<SessionUser> parse_session_user(const nlohmann::json& json) {
    if (!json.is_object()) return std::nullopt;
    SessionUser user;
    user.id = string_at(json, "id");
    if (user.id.empty()) return std::nullopt;
    user.name = string_at(json, "name");
    if (user.name.empty()) user.name = user.id;
    user.role = string_at(json, "role");
    user.team_id = string_at(json, "team_id");
    if (auto permissions = json.find("permissions"); permissions != json.end())
        user.permissions = Permissions::from_json(*permissions);
    return user;
}

std::optional<Session> parse_login_answer(const nlohmann::json& json) {
    if (!json.is_object()) return std::nullopt;
    Session session;
    session.token = string_at(json, "token");
    auto user = json.find("user");
    if (session.token.empty() || user == json.end()) return std::nullopt;
    std::optional<SessionUser> parsed = parse_session_user(*user);
    if (!parsed) return std::nullopt;
    session.user = std::move(*parsed);
    session.expires_at = string_at(json, "expires_at");
    return session;
}

bool Session::may(std::string_view module, std::string_view action, std::string_view owner_id) const {
    switch (user.permissions.scope(module, action)) {
        case Scope::none: return false;
        case Scope::all: return true;
        case Scope::own: return owner_id.empty() || owner_id == user.id;
        case Scope::team: {
            if (owner_id.empty() || owner_id == user.id) return true;
            auto team = team_of_user.find(owner_id);
            return team != team_of_user.end() && !user.team_id.empty() && team->second == user.team_id;
        }
    }
    return false;
}

}  // namespace crm::ui
