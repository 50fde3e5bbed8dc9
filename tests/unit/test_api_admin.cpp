// The admin API over HTTP (web/api_admin.cpp): users, teams and roles, and who may use it.
//
// [SECTION] Access
// [SECTION] Users
// [SECTION] Teams
// [SECTION] Roles
#include <doctest/doctest.h>

#include <string>

#include "server_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

ServerOptions demo_options(const TempDir& folder) {
    ServerOptions options = test_server_options(folder);
    options.seed_demo = true;
    options.admin_password.clear();
    return options;
}

// A demo server and its admin, logged in.
struct AdminSession {
    TempDir folder;
    TestServer server{demo_options(folder)};
    ApiClient admin = server.login("admin", "demo123");
};

nlohmann::json fields_of(const httplib::Result& result) {
    CHECK(error_code(result, 422) == "invalid");
    return json_of(result)["error"]["fields"];
}

bool has_field(const nlohmann::json& fields, const std::string& field, const std::string& code) {
    for (const nlohmann::json& problem : fields)
        if (problem["field"] == field && problem["code"] == code) return true;
    return false;
}

nlohmann::json find_by_id(const nlohmann::json& list, const std::string& id) {
    for (const nlohmann::json& entry : list)
        if (entry["id"] == id) return entry;
    return nullptr;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Access
//-----------------------------------------------------------------------------

TEST_CASE("the admin API answers 401 without a login and 403 to everyone but administrators") {
    AdminSession session;
    const char* paths[] = {"/api/v1/admin/users", "/api/v1/admin/teams", "/api/v1/admin/roles"};
    ApiClient manager = session.server.login("manager", "demo123");
    for (const char* path : paths) {
        CAPTURE(path);
        CHECK(error_code(session.server.anonymous().get(path), 401) == "unauthorized");
        CHECK(error_code(manager.get(path), 403) == "forbidden");
        CHECK(error_code(manager.post(path, {{"id", "x1"}, {"name", "X"}}), 403) == "forbidden");
        httplib::Result allowed = session.admin.get(path);
        REQUIRE(allowed);
        CHECK(allowed->status == 200);
    }
    // Nothing was written by the refused requests.
    CHECK(find_by_id(json_of(session.admin.get("/api/v1/admin/teams"))["teams"], "x1").is_null());
}

TEST_CASE("a role with admin view but not edit may read the admin API and not change it") {
    AdminSession session;
    REQUIRE(session.admin
                .post("/api/v1/admin/roles",
                      {{"id", "auditor"}, {"name", "Auditor"}, {"permissions", {{"admin", {{"view", "all"}}}}}})
                ->status == 201);
    REQUIRE(session.admin
                .post("/api/v1/admin/users",
                      {{"id", "audit1"}, {"name", "Audit One"}, {"role", "auditor"}, {"password", "audit-pass"}})
                ->status == 201);
    ApiClient auditor = session.server.login("audit1", "audit-pass");
    CHECK(auditor.get("/api/v1/admin/users")->status == 200);
    CHECK(error_code(auditor.post("/api/v1/admin/teams", {{"id", "t2"}, {"name", "T"}}), 403) == "forbidden");
}

//-----------------------------------------------------------------------------
// [SECTION] Users
//-----------------------------------------------------------------------------

TEST_CASE("the admin lists users with their role, team and active flag, never a password") {
    AdminSession session;
    httplib::Result result = session.admin.get("/api/v1/admin/users");
    const nlohmann::json users = json_of(result)["users"];
    CHECK(users.size() == 7);
    CHECK(find_by_id(users, "sales1") ==
          nlohmann::json{
              {"id", "sales1"}, {"name", "Sam Sales"}, {"role", "sales"}, {"team_id", "sales"}, {"active", true}});
    CHECK(result->body.find("argon2") == std::string::npos);
    CHECK(result->body.find("password") == std::string::npos);
}

TEST_CASE("an admin creates a user who can then log in with the given password") {
    AdminSession session;
    httplib::Result created = session.admin.post(
        "/api/v1/admin/users",
        {{"id", "sales3"}, {"name", "Sven Sales"}, {"role", "sales"}, {"team_id", "sales"}, {"password", "welcome1"}});
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(json_of(created)["user"] ==
          nlohmann::json{
              {"id", "sales3"}, {"name", "Sven Sales"}, {"role", "sales"}, {"team_id", "sales"}, {"active", true}});
    ApiClient sales3 = session.server.login("sales3", "welcome1");
    const nlohmann::json me = json_of(sales3.get("/api/v1/me"))["user"];
    CHECK(me["role"] == "sales");
    CHECK(me["permissions"]["customers"]["view"] == "team");
}

TEST_CASE("a new role takes effect on the user's next request, without logging in again") {
    AdminSession session;
    ApiClient agent = session.server.login("agent1", "demo123");
    CHECK(json_of(agent.get("/api/v1/me"))["user"]["permissions"]["customers"]["view"] == "own");
    httplib::Result changed = session.admin.post("/api/v1/admin/users", {{"id", "agent1"}, {"role", "manager"}});
    REQUIRE(changed);
    CHECK(changed->status == 200);
    const nlohmann::json me = json_of(agent.get("/api/v1/me"))["user"];
    CHECK(me["role"] == "manager");
    CHECK(me["permissions"]["customers"]["view"] == "all");
    CHECK(me["team_id"] == "agents");  // left out of the change: kept
}

TEST_CASE("a new password ends the user's sessions; the old password stops working") {
    AdminSession session;
    ApiClient agent = session.server.login("agent1", "demo123");
    REQUIRE(session.admin.post("/api/v1/admin/users", {{"id", "agent1"}, {"password", "changed-1"}})->status == 200);
    CHECK(error_code(agent.get("/api/v1/me"), 401) == "unauthorized");
    CHECK(error_code(session.server.try_login("agent1", "demo123"), 401) == "bad_credentials");
    session.server.login("agent1", "changed-1");
}

TEST_CASE("deactivating a user ends their sessions at once") {
    AdminSession session;
    ApiClient agent = session.server.login("agent1", "demo123");
    httplib::Result deactivated = session.admin.post("/api/v1/admin/users", {{"id", "agent1"}, {"active", false}});
    CHECK(json_of(deactivated)["user"]["active"] == false);
    CHECK(error_code(agent.get("/api/v1/me"), 401) == "unauthorized");
}

TEST_CASE("invalid users get 422 with every problem next to its field") {
    AdminSession session;
    const nlohmann::json fields = fields_of(session.admin.post(
        "/api/v1/admin/users", {{"id", "New User"}, {"role", "chief"}, {"team_id", "mars"}, {"password", "123"}}));
    CHECK(has_field(fields, "id", "format"));
    CHECK(has_field(fields, "name", "required"));
    CHECK(has_field(fields, "role", "unknown_role"));
    CHECK(has_field(fields, "team_id", "unknown_team"));
    CHECK(has_field(fields, "password", "too_short"));
    CHECK(fields.size() == 5);
    for (const nlohmann::json& field : fields)
        if (field["code"] == "too_short") CHECK(field["limit"] == 6);

    const nlohmann::json no_password =
        fields_of(session.admin.post("/api/v1/admin/users", {{"id", "newbie"}, {"name", "New"}, {"role", "agent"}}));
    CHECK(no_password == nlohmann::json::array({{{"field", "password"}, {"code", "required"}}}));
    CHECK(has_field(fields_of(session.admin.post("/api/v1/admin/users", {{"name", "No id"}})), "id", "required"));
    CHECK(has_field(
        fields_of(session.admin.post("/api/v1/admin/users", {{"id", "agent1"}, {"name", std::string(101, 'x')}})),
        "name", "too_long"));
    CHECK(json_of(session.admin.get("/api/v1/admin/users"))["users"].size() == 7);
}

TEST_CASE("wrong types and malformed JSON in the admin API get 400 naming the field") {
    AdminSession session;
    httplib::Result active = session.admin.post("/api/v1/admin/users", {{"id", "agent1"}, {"active", "no"}});
    CHECK(error_code(active, 400) == "bad_request");
    CHECK(json_of(active)["error"]["message"].get<std::string>().find("\"active\"") != std::string::npos);
    CHECK(error_code(session.admin.post("/api/v1/admin/users", {{"id", 7}}), 400) == "bad_request");
    CHECK(error_code(session.admin.post_text("/api/v1/admin/teams", "{id: 'x'}"), 400) == "bad_request");
    httplib::Result permissions = session.admin.post(
        "/api/v1/admin/roles", {{"id", "r1"}, {"name", "R"}, {"permissions", {{"customers", "all"}}}});
    CHECK(error_code(permissions, 400) == "bad_request");
    CHECK(json_of(permissions)["error"]["message"].get<std::string>().find("permissions.customers") !=
          std::string::npos);
    CHECK(json_of(session.admin.get("/api/v1/admin/users"))["users"].size() == 7);
    CHECK(find_by_id(json_of(session.admin.get("/api/v1/admin/users"))["users"], "agent1")["active"] == true);
}

TEST_CASE("an admin cannot deactivate themself, nor demote the last active admin") {
    AdminSession session;
    const nlohmann::json self =
        fields_of(session.admin.post("/api/v1/admin/users", {{"id", "admin"}, {"active", false}}));
    CHECK(self == nlohmann::json::array({{{"field", "active"}, {"code", "self"}}}));
    const nlohmann::json last =
        fields_of(session.admin.post("/api/v1/admin/users", {{"id", "admin"}, {"role", "manager"}}));
    CHECK(last == nlohmann::json::array({{{"field", "role"}, {"code", "last_admin"}}}));
    CHECK(json_of(session.admin.get("/api/v1/me"))["user"]["role"] == "admin");

    // Once the manager is an admin too, either may demote the other.
    REQUIRE(session.admin.post("/api/v1/admin/users", {{"id", "manager"}, {"role", "admin"}})->status == 200);
    ApiClient manager = session.server.login("manager", "demo123");
    REQUIRE(manager.post("/api/v1/admin/users", {{"id", "admin"}, {"role", "manager"}})->status == 200);
    CHECK(error_code(session.admin.get("/api/v1/admin/users"), 403) == "forbidden");
    CHECK(has_field(fields_of(manager.post("/api/v1/admin/users", {{"id", "manager"}, {"role", "sales"}})), "role",
                    "last_admin"));
}

//-----------------------------------------------------------------------------
// [SECTION] Teams
//-----------------------------------------------------------------------------

TEST_CASE("an admin creates and renames teams, and users can then join them") {
    AdminSession session;
    httplib::Result created = session.admin.post("/api/v1/admin/teams", {{"id", "north"}, {"name", "North"}});
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(json_of(created)["team"] == nlohmann::json{{"id", "north"}, {"name", "North"}});
    httplib::Result renamed = session.admin.post("/api/v1/admin/teams", {{"id", "north"}, {"name", "North region"}});
    CHECK(renamed->status == 200);
    const nlohmann::json teams = json_of(session.admin.get("/api/v1/admin/teams"))["teams"];
    CHECK(teams.size() == 4);
    CHECK(find_by_id(teams, "north")["name"] == "North region");
    REQUIRE(session.admin.post("/api/v1/admin/users", {{"id", "sales1"}, {"team_id", "north"}})->status == 200);
    CHECK(json_of(session.server.login("sales1", "demo123").get("/api/v1/me"))["user"]["team_id"] == "north");

    const nlohmann::json fields = fields_of(session.admin.post("/api/v1/admin/teams", {{"id", "N"}}));
    CHECK(has_field(fields, "id", "format"));
    CHECK(has_field(fields, "name", "required"));
}

//-----------------------------------------------------------------------------
// [SECTION] Roles
//-----------------------------------------------------------------------------

TEST_CASE("the admin reads every role's permissions with the names of modules, actions and scopes") {
    AdminSession session;
    const nlohmann::json body = json_of(session.admin.get("/api/v1/admin/roles"));
    CHECK(body["modules"] == nlohmann::json{"customers", "contacts", "activities", "points", "saved_filters", "admin"});
    CHECK(body["actions"] == nlohmann::json{"view", "create", "edit", "delete", "export"});
    CHECK(body["scopes"] == nlohmann::json{"none", "own", "team", "all"});
    CHECK(body["roles"].size() == 6);
    const nlohmann::json marketing = find_by_id(body["roles"], "marketing");
    CHECK(marketing["name"] == "Marketing");
    CHECK(marketing["permissions"]["contacts"] ==
          nlohmann::json{{"view", "all"}, {"create", "own"}, {"edit", "own"}, {"delete", "none"}, {"export", "all"}});
    CHECK(marketing["permissions"]["admin"]["view"] == "none");
}

TEST_CASE("an admin replaces a role's grants and its users see the change on their next request") {
    AdminSession session;
    ApiClient service = session.server.login("service1", "demo123");
    httplib::Result replaced = session.admin.post(
        "/api/v1/admin/roles",
        {{"id", "service"}, {"permissions", {{"customers", {{"view", "team"}, {"delete", "own"}}}}}});
    REQUIRE(replaced);
    CHECK(replaced->status == 200);
    CHECK(json_of(replaced)["role"]["name"] == "Service");  // left out: kept
    const nlohmann::json permissions = json_of(service.get("/api/v1/me"))["user"]["permissions"];
    CHECK(
        permissions["customers"] ==
        nlohmann::json{{"view", "team"}, {"create", "none"}, {"edit", "none"}, {"delete", "own"}, {"export", "none"}});
    CHECK(permissions["contacts"]["view"] == "none");  // replaced as a whole
}

TEST_CASE("invalid roles get 422 naming the module, action or scope at fault") {
    AdminSession session;
    const nlohmann::json fields = fields_of(session.admin.post(
        "/api/v1/admin/roles",
        {{"id", "odd"},
         {"permissions", {{"invoices", {{"view", "all"}}}, {"customers", {{"fly", "all"}, {"view", "everyone"}}}}}}));
    CHECK(has_field(fields, "name", "required"));
    CHECK(has_field(fields, "permissions.invoices", "unknown_module"));
    CHECK(has_field(fields, "permissions.customers.fly", "unknown_action"));
    CHECK(has_field(fields, "permissions.customers.view", "unknown_scope"));
    CHECK(json_of(session.admin.get("/api/v1/admin/roles"))["roles"].size() == 6);
}

TEST_CASE("taking the admin module away from the last admins' role is refused") {
    AdminSession session;
    const nlohmann::json fields = fields_of(session.admin.post(
        "/api/v1/admin/roles", {{"id", "admin"}, {"permissions", {{"customers", {{"view", "all"}}}}}}));
    CHECK(fields == nlohmann::json::array({{{"field", "permissions"}, {"code", "last_admin"}}}));
    CHECK(session.admin.get("/api/v1/admin/roles")->status == 200);
}
