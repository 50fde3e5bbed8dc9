// The administration screens (ui/screens/admin_*) against a fake server, and who sees them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kAdmin = R"({"admin":{"view":"all","edit":"all"},"customers":{"view":"all"}})";
constexpr const char* kForm = "user_form";

void open_users(UiDriver& ui) {
    ui.click("Users");
    ui.answer("/api/v1/admin/users", 200,
              R"({"users":[{"id":"sales1","name":"Sales One","role":"sales","team_id":"east","active":true},)"
              R"({"id":"agent1","name":"Agent One","role":"agent","team_id":"","active":false}]})");
    ui.answer("/api/v1/admin/roles", 200,
              R"({"roles":[{"id":"sales","name":"Sales rep","permissions":{}},{"id":"agent","name":"Agent","permissions":{}}],)"
              R"("modules":["customers","contacts","activities","admin"],"actions":["view","create","edit","delete","export"],)"
              R"("scopes":["none","own","team","all"]})");
    ui.answer("/api/v1/admin/teams", 200, R"({"teams":[{"id":"east","name":"East China"}]})");
}

}  // namespace

TEST_CASE("the administration screens are in the sidebar only for those who administer everything") {
    UiDriver sales(ServerMode{});
    sales.log_in("sales1", "Sales One", R"({"customers":{"view":"own"},"admin":{"view":"none"}})");
    CHECK_FALSE(sales.has("Users"));
    CHECK_FALSE(sales.has("Roles"));

    UiDriver admin(ServerMode{});
    admin.log_in("admin", "Admin", kAdmin);
    CHECK(admin.has("Users"));
    CHECK(admin.has("Teams"));
    CHECK(admin.has("Roles"));
}

TEST_CASE("the users screen lists the server's users and shows a 422's field error under that field") {
    UiDriver ui(ServerMode{});
    ui.log_in("admin", "Admin", kAdmin);
    open_users(ui);
    CHECK(ui.services().last("/api/v1/admin/users")->token == "token-admin");
    CHECK(ui.has("sales1", "users"));
    CHECK(ui.find("East China", "users", true).has_value());
    CHECK(ui.find("Sales rep", "users", true).has_value());
    CHECK(ui.find("2 users", {}, true).has_value());

    ui.click("New user");
    ui.fill("User ID", "sales1", kForm);
    ui.fill("Name", "Second Sales", kForm);
    ui.fill("Password", "secret123", kForm);
    ui.click("Create user", kForm);
    // A taken id is caught here: the server would take the form for a change to that user.
    CHECK(ui.find("Already used by another record", kForm, true).has_value());
    CHECK(ui.services().last("/api/v1/admin/users")->method == "GET");

    ui.fill("User ID", "Sales 2", kForm);
    ui.fill("Password", "secret123", kForm);
    ui.click("Role", kForm);
    ui.click("Sales rep", "##Combo");
    ui.click("Team", kForm);
    ui.click("East China", "##Combo");
    ui.click("Create user", kForm);
    auto sent = ui.services().last("/api/v1/admin/users");
    REQUIRE(sent);
    REQUIRE(sent->method == "POST");
    CHECK(nlohmann::json::parse(sent->body) == nlohmann::json{{"id", "Sales 2"},
                                                              {"name", "Second Sales"},
                                                              {"role", "sales"},
                                                              {"team_id", "east"},
                                                              {"active", true},
                                                              {"password", "secret123"}});
    ui.answer("/api/v1/admin/users", 422,
              R"({"error":{"code":"invalid","message":"invalid","fields":[{"field":"id","code":"format"}]}})");
    auto field = ui.find("User ID", kForm, false);
    auto problem = ui.find("Only lower-case letters, digits and . _ - (e.g. sales3)", kForm, true);
    REQUIRE(field);
    REQUIRE(problem);
    CHECK(problem->min.y >= field->max.y - 1);
    CHECK(problem->min.y < field->max.y + (field->max.y - field->min.y));
    CHECK(ui.find("Not saved: fix the fields marked in red.", kForm, true).has_value());

    ui.fill("User ID", "sales3", kForm);
    ui.click("Create user", kForm);
    ui.answer("/api/v1/admin/users", 200, "{}");
    CHECK(ui.find("Created user Second Sales", {}, true).has_value());
    CHECK(ui.services().is_pending("/api/v1/admin/users"));  // the list reloads
}

TEST_CASE("a new user needs a password; an edited one keeps theirs when the field is left empty") {
    UiDriver ui(ServerMode{});
    ui.log_in("admin", "Admin", kAdmin);
    open_users(ui);
    ui.click("New user");
    ui.fill("User ID", "sales9", kForm);
    ui.fill("Name", "Nine", kForm);
    ui.click("Create user", kForm);
    CHECK(ui.find("Role", kForm, false).has_value());  // no role chosen for them: two problems
    ui.click("Role", kForm);
    ui.click("Agent", "##Combo");
    ui.click("Create user", kForm);
    auto password = ui.find("Password", kForm, false);
    auto required = ui.find("Required", kForm, true);
    REQUIRE(password);
    REQUIRE(required);
    CHECK(required->min.y >= password->max.y - 1);
    CHECK(ui.services().last("/api/v1/admin/users")->method == "GET");

    ui.click("Cancel", kForm);
    ui.click("agent1", "users");
    ui.click("Active", kForm);
    ui.click("Save", kForm);
    auto sent = ui.services().last("/api/v1/admin/users");
    REQUIRE(sent->method == "POST");
    const auto body = nlohmann::json::parse(sent->body);
    CHECK(body["active"] == true);
    CHECK_FALSE(body.contains("password"));
}

TEST_CASE("the roles screen saves the matrix of scopes") {
    UiDriver ui(ServerMode{});
    ui.log_in("admin", "Admin", kAdmin);
    ui.click("Roles");
    ui.answer("/api/v1/admin/roles", 200,
              R"({"roles":[{"id":"sales","name":"Sales rep","permissions":{"customers":{"view":"own","delete":"none"}}}],)"
              R"("modules":["customers","contacts"],"actions":["view","delete"],"scopes":["none","own","team","all"]})");
    ui.click("Sales rep", "role_list");
    ui.click("Customers Delete", "role_form");
    ui.click("Team");
    ui.click("Save", "role_form");
    auto sent = ui.services().last("/api/v1/admin/roles");
    REQUIRE(sent->method == "POST");
    const auto body = nlohmann::json::parse(sent->body);
    CHECK(body["id"] == "sales");
    CHECK(body["permissions"]["customers"]["delete"] == "team");
    CHECK(body["permissions"]["customers"]["view"] == "own");
    CHECK(body["permissions"]["contacts"]["view"] == "none");
}

TEST_CASE("the teams screen adds a team") {
    UiDriver ui(ServerMode{});
    ui.log_in("admin", "Admin", kAdmin);
    ui.click("Teams");
    ui.answer("/api/v1/admin/teams", 200, R"({"teams":[{"id":"east","name":"East China"}]})");
    CHECK(ui.has("east", "teams"));
    ui.click("New team");
    ui.fill("Team ID", "south", "team_form");
    ui.fill("Name", "South China", "team_form");
    ui.click("Create team", "team_form");
    CHECK(nlohmann::json::parse(ui.services().last("/api/v1/admin/teams")->body) ==
          nlohmann::json{{"id", "south"}, {"name", "South China"}});
}
