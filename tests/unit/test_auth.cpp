// Users, roles, permissions, passwords and sessions (web/auth.hpp), on a database in memory.
//
// [SECTION] Fixture
// [SECTION] Schema and default roles
// [SECTION] Passwords
// [SECTION] Sessions and authenticate()
// [SECTION] Users, teams and roles
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "auth.hpp"
#include "core/clock.hpp"
#include "storage.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Fixture
//-----------------------------------------------------------------------------

// The server's database: the shared schema plus the "auth" chain.
Db auth_db() {
    Db db = crm::test::fresh_crm_db();
    REQUIRE_OK(migrate_auth_schema(db));
    return db;
}

void add_user(Db& db, const std::string& id, const std::string& role, const std::string& team = "",
              const std::string& password = "secret1") {
    REQUIRE_OK(create_user(db, {id, "User " + id, role, team, password, true}, PasswordCost::minimum));
}

void add_team(Db& db, const std::string& id) { REQUIRE_OK(save_team(db, {id, "Team " + id})); }

httplib::Request bearer(const std::string& token) {
    httplib::Request request;
    request.headers.emplace("Authorization", "Bearer " + token);
    return request;
}

Principal principal_of(Db& db, const std::string& user) {
    Result<Principal> principal = load_principal(db, user);
    REQUIRE_OK(principal);
    return principal.value();
}

Problems problems_of(const Result<bool>& result) {
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "invalid");
    return result.error().fields;
}

Problems problems_of(const Status& status) {
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    return status.error().fields;
}

bool has(const Problems& problems, const std::string& field, const std::string& code) {
    return std::find_if(problems.begin(), problems.end(),
                        [&](const FieldError& p) { return p.field == field && p.code == code; }) != problems.end();
}

constexpr Scope N = Scope::none, O = Scope::own, T = Scope::team, A = Scope::all;

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Schema and default roles
//-----------------------------------------------------------------------------

TEST_CASE("the auth chain creates its tables and six default roles once, however often it runs") {
    Db db = auth_db();
    const int version = chain_version(db, "auth");
    CHECK(version == auth_migrations().back().version);
    Result<int> again = migrate_auth_schema(db);
    REQUIRE_OK(again);
    CHECK(again.value() == version);
    CHECK(scalar(db, "SELECT count(*) FROM roles") == 6);
    CHECK(scalar(db, "SELECT count(*) FROM users") == 0);
    // The shared schema's version is untouched by the chain.
    CHECK(schema_version(db) == schema_migrations().back().version);
}

TEST_CASE("Storage::open applies the auth chain to the server's database") {
    Result<std::unique_ptr<Storage>> storage = Storage::open(":memory:");
    REQUIRE_OK(storage);
    storage.value()->with_db([](Db& db) { CHECK(chain_version(db, "auth") == auth_migrations().back().version); });
}

TEST_CASE("each default role grants the scopes the issue specifies, per module and action") {
    Db db = auth_db();
    add_team(db, "t1");
    struct Expected {
        const char* role;
        std::array<Scope, 5> data;  // customers, contacts, activities and points alike
        std::array<Scope, 5> admin;
    };
    //                        view create edit delete export
    const Expected expected[] = {
        {"admin", {A, A, A, A, A}, {A, A, A, A, A}},     {"manager", {A, A, A, A, A}, {N, N, N, N, N}},
        {"sales", {T, O, O, O, O}, {N, N, N, N, N}},     {"service", {A, A, A, N, N}, {N, N, N, N, N}},
        {"marketing", {A, O, O, N, A}, {N, N, N, N, N}}, {"agent", {O, O, O, N, N}, {N, N, N, N, N}},
    };
    const Action actions[] = {Action::view, Action::create, Action::edit, Action::remove, Action::export_data};
    for (const Expected& role : expected) {
        add_user(db, std::string("u-") + role.role, role.role, "t1");
        const Principal principal = principal_of(db, std::string("u-") + role.role);
        CHECK(principal.role == role.role);
        for (size_t i = 0; i < 5; ++i) {
            CAPTURE(role.role);
            CAPTURE(action_name(actions[i]));
            CHECK(principal.scope("customers", actions[i]) == role.data[i]);
            CHECK(principal.scope("contacts", actions[i]) == role.data[i]);
            CHECK(principal.scope("activities", actions[i]) == role.data[i]);
            CHECK(principal.scope("points", actions[i]) == role.data[i]);
            CHECK(principal.scope("admin", actions[i]) == role.admin[i]);
        }
        CHECK(principal.scope("no-such-module", Action::view) == Scope::none);
    }
}

TEST_CASE("a principal's JSON names every module and action, with delete, export and none spelled out") {
    Db db = auth_db();
    add_team(db, "sales");
    add_user(db, "sales9", "sales", "sales");
    const nlohmann::json json = principal_of(db, "sales9").to_json();
    CHECK(json["id"] == "sales9");
    CHECK(json["name"] == "User sales9");
    CHECK(json["role"] == "sales");
    CHECK(json["team_id"] == "sales");
    const nlohmann::json& permissions = json["permissions"];
    CHECK(permissions.size() == std::size(kModules));
    CHECK(permissions["customers"] ==
          nlohmann::json{{"view", "team"}, {"create", "own"}, {"edit", "own"}, {"delete", "own"}, {"export", "own"}});
    CHECK(permissions["admin"]["view"] == "none");
}

TEST_CASE("action and scope names read back as what they name, and nothing else reads") {
    for (std::string_view name : kActionNames)
        CHECK(action_name(parse_action(name).value()) == name);
    for (std::string_view name : kScopeNames)
        CHECK(scope_name(parse_scope(name).value()) == name);
    CHECK(parse_action("remove") == std::nullopt);
    CHECK(parse_action("export_data") == std::nullopt);
    CHECK(parse_scope("everyone") == std::nullopt);
    CHECK(action_name(Action::remove) == "delete");
    CHECK(action_name(Action::export_data) == "export");
}

//-----------------------------------------------------------------------------
// [SECTION] Passwords
//-----------------------------------------------------------------------------

TEST_CASE("a password hash verifies the password and no other, and does not contain it") {
    Result<std::string> hash = hash_password("correct horse", PasswordCost::minimum);
    REQUIRE_OK(hash);
    CHECK(hash.value().starts_with("$argon2id$"));
    CHECK(hash.value().find("correct horse") == std::string::npos);
    CHECK(verify_password(hash.value(), "correct horse"));
    CHECK_FALSE(verify_password(hash.value(), "correct horsE"));
    CHECK_FALSE(verify_password(hash.value(), ""));
    CHECK_FALSE(verify_password("not a hash", "correct horse"));
    // Two hashes of one password differ (a fresh salt each time).
    CHECK(hash_password("correct horse", PasswordCost::minimum).value() != hash.value());
}

TEST_CASE("an interactive-cost hash records its cost, so it verifies whatever the server's cost is") {
    Result<std::string> hash = hash_password("secret1", PasswordCost::interactive);
    REQUIRE_OK(hash);
    CHECK(hash.value().find("m=65536") != std::string::npos);  // 64 MiB
    CHECK(verify_password(hash.value(), "secret1"));
    CHECK(hash_password("secret1", PasswordCost::minimum).value().find("m=65536") == std::string::npos);
}

TEST_CASE("passwords must have 6 characters, counted as characters, not bytes") {
    Problems problems;
    check_password("12345", problems);
    CHECK(problems == Problems{{"password", "too_short", 6}});
    problems.clear();
    check_password("密码密码密码", problems);  // 6 characters, 18 bytes
    CHECK(problems.empty());
    check_password("", problems);
    CHECK(problems == Problems{{"password", "required"}});
    problems.clear();
    check_password(std::string(kMaxPasswordBytes + 1, 'x'), problems);
    CHECK(problems == Problems{{"password", "too_long", static_cast<int>(kMaxPasswordBytes)}});
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions and authenticate()
//-----------------------------------------------------------------------------

TEST_CASE("a session's token authenticates as its user until it is ended") {
    Db db = auth_db();
    add_user(db, "agent7", "agent");
    Result<Session> session = create_session(db, "agent7", 3'600'000);
    REQUIRE_OK(session);
    CHECK(session.value().token.size() == 64);
    CHECK(session.value().token.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(std::abs(session.value().expires_at - (now_ms() + 3'600'000)) < 10'000);

    Result<Principal> principal = authenticate(db, bearer(session.value().token));
    REQUIRE_OK(principal);
    CHECK(principal.value().user_id == "agent7");
    CHECK(principal.value().scope("customers", Action::view) == Scope::own);

    REQUIRE(end_session(db, session.value().token).value());
    Result<Principal> ended = authenticate(db, bearer(session.value().token));
    REQUIRE_FALSE(ended.ok());
    CHECK(ended.error().code == "unauthorized");
    CHECK_FALSE(end_session(db, session.value().token).value());
}

TEST_CASE("the database keeps only a hash of each token, never the token") {
    Db db = auth_db();
    add_user(db, "agent7", "agent");
    const std::string token = create_session(db, "agent7", 60'000).value().token;
    CHECK(scalar(db, "SELECT count(*) FROM sessions") == 1);
    CHECK(scalar(db, "SELECT length(token_hash) FROM sessions") == 32);
    CHECK(scalar(db, "SELECT typeof(token_hash) = 'blob' FROM sessions") == 1);
    Stmt stmt = db.prepare("SELECT count(*) FROM sessions WHERE hex(token_hash) = upper(?1) OR token_hash = ?1");
    stmt.bind(1, token);
    REQUIRE(stmt.step().value());
    CHECK(stmt.int64(0) == 0);
}

TEST_CASE("the token lookup uses the primary key, not a scan of every session") {
    Db db = auth_db();
    Stmt plan = db.prepare("EXPLAIN QUERY PLAN SELECT user_id, expires_at FROM sessions WHERE token_hash = ?1");
    std::string detail;
    while (plan.step().value())
        detail += plan.text(3) + "\n";
    INFO(detail);
    CHECK(detail.find("SEARCH sessions USING PRIMARY KEY") != std::string::npos);
}

TEST_CASE("an expired token is refused, and the next login clears expired sessions away") {
    Db db = auth_db();
    add_user(db, "agent7", "agent");
    const std::string token = create_session(db, "agent7", 60'000).value().token;
    REQUIRE(db.exec("UPDATE sessions SET expires_at = " + std::to_string(now_ms() - 1)).ok());
    Result<Principal> expired = authenticate(db, bearer(token));
    REQUIRE_FALSE(expired.ok());
    CHECK(expired.error().code == "unauthorized");
    CHECK(expired.error().message.find("expired") != std::string::npos);

    REQUIRE_OK(create_session(db, "agent7", 60'000));
    CHECK(scalar(db, "SELECT count(*) FROM sessions") == 1);
}

TEST_CASE("authenticate refuses a missing header, another scheme, and tokens that are not 64 hex digits") {
    Db db = auth_db();
    add_user(db, "agent7", "agent");
    const std::string token = create_session(db, "agent7", 60'000).value().token;
    const std::string other_token(64, 'a');  // well formed, but nobody's
    std::vector<httplib::Request> requests(7);
    requests[1].headers.emplace("Authorization", "Basic " + token);
    requests[2].headers.emplace("Authorization", "Bearer " + token.substr(1));
    requests[3].headers.emplace("Authorization", "Bearer " + token + "00");
    requests[4].headers.emplace("Authorization", "Bearer " + token.substr(0, 63) + "g");
    requests[5].headers.emplace("Authorization", "Bearer " + other_token);
    requests[6].headers.emplace("Authorization", "Bearer");
    for (size_t i = 0; i < requests.size(); ++i) {
        CAPTURE(i);
        Result<Principal> principal = authenticate(db, requests[i]);
        REQUIRE_FALSE(principal.ok());
        CHECK(principal.error().code == "unauthorized");
    }
    httplib::Request lower_case;
    lower_case.headers.emplace("Authorization", "bearer  " + token + " ");
    CHECK(authenticate(db, lower_case).ok());
}

TEST_CASE("a deactivated user's token stops working, and so does an unknown user's principal") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    add_user(db, "agent7", "agent");
    const std::string token = create_session(db, "agent7", 60'000).value().token;
    REQUIRE(db.exec("UPDATE users SET active = 0 WHERE id = 'agent7'").ok());
    CHECK(authenticate(db, bearer(token)).error().code == "unauthorized");
    CHECK(load_principal(db, "nobody").error().code == "unauthorized");
}

TEST_CASE("a change to a role's grants shows in the next principal loaded, without a new login") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    add_user(db, "agent7", "agent");
    const std::string token = create_session(db, "agent7", 60'000).value().token;
    CHECK(authenticate(db, bearer(token)).value().scope("customers", Action::remove) == Scope::none);
    Grants grants;
    grants["customers"] = {O, O, O, O, N};
    REQUIRE_OK(save_role(db, {"agent", std::nullopt, grants}));
    const Principal principal = authenticate(db, bearer(token)).value();
    CHECK(principal.scope("customers", Action::remove) == Scope::own);
    CHECK(principal.scope("contacts", Action::view) == Scope::none);  // left out: none
}

TEST_CASE("team_of names a user's team, and nothing for no team or no user") {
    Db db = auth_db();
    add_team(db, "north");
    add_user(db, "sales7", "sales", "north");
    add_user(db, "admin", "admin");
    CHECK(team_of(db, "sales7") == "north");
    CHECK(team_of(db, "admin") == "");
    CHECK(team_of(db, "nobody") == "");
}

//-----------------------------------------------------------------------------
// [SECTION] Users, teams and roles
//-----------------------------------------------------------------------------

TEST_CASE("user ids are lower-case letters, digits, dot, dash and underscore, 2 to 32 of them") {
    for (const char* id : {"ab", "sales1", "li.wei", "a_b-c", "0123456789abcdef0123456789abcdef"}) {
        CAPTURE(id);
        CHECK(is_valid_id(id));
    }
    for (const char* id : {"", "a", "Sales1", "li wei", "a/b", "é1", "0123456789abcdef0123456789abcdef0"}) {
        CAPTURE(id);
        CHECK_FALSE(is_valid_id(id));
    }
}

TEST_CASE("creating a user reports every problem with its field") {
    Db db = auth_db();
    const Problems problems =
        problems_of(create_user(db, {"Bad Id", "", "chief", "nowhere", "123", true}, PasswordCost::minimum));
    CHECK(has(problems, "id", "format"));
    CHECK(has(problems, "name", "required"));
    CHECK(has(problems, "role", "unknown_role"));
    CHECK(has(problems, "team_id", "unknown_team"));
    CHECK(has(problems, "password", "too_short"));
    CHECK(problems.size() == 5);
    CHECK(has(
        problems_of(create_user(db, {std::string(33, 'a'), "N", "agent", "", "secret1", true}, PasswordCost::minimum)),
        "id", "too_long"));
    CHECK(scalar(db, "SELECT count(*) FROM users") == 0);
}

TEST_CASE("a user without a password cannot be created, but can be updated without one") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    UserChange change{"newbie", "New Person", "agent", "", true, std::nullopt};
    CHECK(has(problems_of(save_user(db, change, "admin")), "password", "required"));
    add_user(db, "agent7", "agent");
    Result<bool> renamed =
        save_user(db, {"agent7", "Agent Seven", std::nullopt, std::nullopt, std::nullopt, {}}, "admin");
    REQUIRE_OK(renamed);
    CHECK_FALSE(renamed.value());
    const UserRow user = find_user(db, "agent7").value();
    CHECK(user.name == "Agent Seven");
    CHECK(user.role == "agent");  // left out: kept
    CHECK(user.active);
}

TEST_CASE("a new password or a deactivation ends the user's sessions; a rename does not") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    add_user(db, "agent7", "agent");
    auto session_count = [&] { return scalar(db, "SELECT count(*) FROM sessions WHERE user_id = 'agent7'"); };
    REQUIRE_OK(create_session(db, "agent7", 60'000));
    REQUIRE_OK(save_user(db, {"agent7", "Renamed", {}, {}, {}, {}}, "admin"));
    CHECK(session_count() == 1);
    REQUIRE_OK(
        save_user(db, {"agent7", {}, {}, {}, {}, hash_password("newpass1", PasswordCost::minimum).value()}, "admin"));
    CHECK(session_count() == 0);
    CHECK(verify_password(find_credentials(db, "agent7").value().password_hash, "newpass1"));
    REQUIRE_OK(create_session(db, "agent7", 60'000));
    REQUIRE_OK(save_user(db, {"agent7", {}, {}, {}, false, {}}, "admin"));
    CHECK(session_count() == 0);
}

TEST_CASE("an admin cannot deactivate themself, nor demote or deactivate the last active admin") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    add_user(db, "boss", "manager");
    CHECK(problems_of(save_user(db, {"admin", {}, {}, {}, false, {}}, "admin")) == Problems{{"active", "self"}});
    CHECK(problems_of(save_user(db, {"admin", {}, "manager", {}, {}, {}}, "admin")) ==
          Problems{{"role", "last_admin"}});
    CHECK(problems_of(save_user(db, {"admin", {}, {}, {}, false, {}}, "boss")) == Problems{{"active", "last_admin"}});
    CHECK(find_user(db, "admin").value().role == "admin");
    CHECK(find_user(db, "admin").value().active);

    // With a second admin the first may step down.
    REQUIRE_OK(save_user(db, {"boss", {}, "admin", {}, {}, {}}, "admin"));
    CHECK(count_active_admins(db) == 2);
    REQUIRE_OK(save_user(db, {"admin", {}, "manager", {}, {}, {}}, "boss"));
    CHECK(count_active_admins(db) == 1);
}

TEST_CASE("a role change that would leave no admin is refused") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    Grants no_admin;
    no_admin["customers"] = {A, A, A, A, A};
    CHECK(problems_of(save_role(db, {"admin", std::nullopt, no_admin})) == Problems{{"permissions", "last_admin"}});
    CHECK(principal_of(db, "admin").scope("admin", Action::edit) == Scope::all);
}

TEST_CASE("a new role can be created with grants and renamed later, keeping them") {
    Db db = auth_db();
    add_user(db, "admin", "admin");
    Grants grants;
    grants["customers"] = {A, N, N, N, A};
    Result<bool> created = save_role(db, {"auditor", std::string("Auditor"), grants});
    REQUIRE_OK(created);
    CHECK(created.value());
    CHECK(has(problems_of(save_role(db, {"other", std::nullopt, grants})), "name", "required"));
    REQUIRE_OK(save_role(db, {"auditor", std::string("Auditors"), std::nullopt}));
    std::vector<RoleRow> roles = list_roles(db);
    auto auditor = std::find_if(roles.begin(), roles.end(), [](const RoleRow& role) { return role.id == "auditor"; });
    REQUIRE(auditor != roles.end());
    CHECK(auditor->name == "Auditors");
    CHECK(auditor->grants.at("customers")[static_cast<size_t>(Action::export_data)] == Scope::all);
    CHECK(roles.size() == 7);
}

TEST_CASE("teams are created, renamed, and need a valid id and a name") {
    Db db = auth_db();
    CHECK(save_team(db, {"north", "North"}).value());
    CHECK_FALSE(save_team(db, {"north", "North region"}).value());
    CHECK(list_teams(db).size() == 1);
    CHECK(list_teams(db)[0].name == "North region");
    const Problems problems = problems_of(save_team(db, {"North!", " "}));
    CHECK(has(problems, "id", "format"));
    CHECK(has(problems, "name", "required"));
}

TEST_CASE("the demo users come with their roles and teams, all with the demo password") {
    Db db = auth_db();
    REQUIRE_OK(seed_demo_users(db, PasswordCost::minimum));
    const std::vector<UserRow> users = list_users(db);
    REQUIRE(users.size() == 7);
    struct Expected {
        const char *id, *role, *team;
    };
    for (const Expected& expected :
         {Expected{"admin", "admin", ""}, Expected{"manager", "manager", "sales"}, Expected{"sales1", "sales", "sales"},
          Expected{"sales2", "sales", "sales"}, Expected{"service1", "service", "service"},
          Expected{"agent1", "agent", "agents"}, Expected{"agent2", "agent", "agents"}}) {
        CAPTURE(expected.id);
        const std::optional<UserRow> user = find_user(db, expected.id);
        REQUIRE(user);
        CHECK(user->role == expected.role);
        CHECK(user->team_id == expected.team);
        CHECK(user->active);
        CHECK(verify_password(find_credentials(db, expected.id)->password_hash, "demo123"));
    }
    CHECK_FALSE(seed_demo_users(db, PasswordCost::minimum).ok());  // only into a database without users
}

TEST_CASE("a person's own settings are theirs whatever the role, and no role can reach anyone else's") {
    Principal nobody;  // a role that grants nothing
    Principal admin;
    admin.grants["user_settings"].fill(Scope::all);  // as if a role had been given more
    for (Action action : {Action::view, Action::create, Action::edit, Action::remove}) {
        CHECK(nobody.scope(kPersonalModule, action) == Scope::own);
        CHECK(admin.scope(kPersonalModule, action) == Scope::own);
    }
    CHECK_FALSE(is_module(kPersonalModule));  // not in the roles editor's grid
    CHECK(nobody.scope("customers", Action::view) == Scope::none);
}
