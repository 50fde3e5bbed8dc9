// Server mode's session (ui/app_session, login_screen, lock_panel): login, log out, the idle
// lock; the fake server answers what the real one would.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kAllowAll =
    R"({"customers":{"view":"all","create":"all","edit":"all","delete":"all","export":"all"},)"
    R"("contacts":{"view":"all","create":"all","edit":"all","delete":"all","export":"all"}})";

}  // namespace

TEST_CASE("with a server the app opens on the login screen, and without one it runs as the sandbox") {
    UiDriver server(ServerMode{});
    CHECK(server.app().mode() == crm::ui::App::Mode::server);
    CHECK(server.app().ready());
    CHECK(server.has("Log in"));
    CHECK(server.has("User"));
    CHECK(server.has("Password"));
    CHECK_FALSE(server.has("New customer"));
    CHECK(server.services().last("/api/v1/health")->method == "GET");

    ServerMode none;
    none.server_answers = false;
    UiDriver sandbox(none);
    CHECK(sandbox.app().mode() == crm::ui::App::Mode::sandbox);
    CHECK(sandbox.has("New customer"));
    CHECK(sandbox.find("5 customers", {}, true).has_value());
    CHECK(sandbox.find("Sandbox: changes are not saved", {}, true).has_value());
}

TEST_CASE("an empty user and password are marked under their fields and nothing is sent") {
    UiDriver ui(ServerMode{});
    ui.fill("Password", "demo123");
    ui.click("Log in");
    auto user = ui.find("User", {}, false);
    auto required = ui.find("Required", {}, true);
    REQUIRE(user);
    REQUIRE(required);
    CHECK(required->min.y >= user->max.y - 1);
    CHECK(required->min.y < user->max.y + (user->max.y - user->min.y));
    CHECK_FALSE(ui.services().last("/api/v1/login").has_value());

    ui.fill("User", "sales1");
    ui.fill("Password", "");
    ui.click("Log in");
    auto password = ui.find("Password", {}, false);
    required = ui.find("Required", {}, true);
    REQUIRE(password);
    REQUIRE(required);
    CHECK(required->min.y >= password->max.y - 1);
    CHECK_FALSE(ui.services().last("/api/v1/login").has_value());
}

TEST_CASE("wrong credentials, too many attempts with the wait, and no server are said under the form") {
    UiDriver ui(ServerMode{});
    ui.fill("User", "sales1");
    ui.fill("Password", "wrong");
    ui.click("Log in");
    auto sent = ui.services().last("/api/v1/login");
    REQUIRE(sent);
    CHECK(sent->method == "POST");
    CHECK(sent->token.empty());
    CHECK(nlohmann::json::parse(sent->body) == nlohmann::json{{"user", "sales1"}, {"password", "wrong"}});
    ui.answer("/api/v1/login", 401, R"({"error":{"code":"bad_credentials","message":"bad"}})");
    auto button = ui.find("Log in");
    auto message = ui.find("Wrong user name or password.", {}, true);
    REQUIRE(button);
    REQUIRE(message);
    CHECK(message->min.y > button->max.y);

    ui.fill("Password", "wrong again");
    ui.click("Log in");
    ui.answer("/api/v1/login", 429, R"({"error":{"code":"too_many_attempts","message":"wait"},"retry_after":2})");
    CHECK(ui.find("Too many attempts. Try again in 2 s.", {}, true).has_value());
    CHECK(ui.app().redraw_in_seconds() > 0);  // the countdown redraws itself
    ui.fill("Password", "demo123");
    ui.click("Log in");  // disabled while the wait lasts
    CHECK_FALSE(ui.services().is_pending("/api/v1/login"));
    ui.frames(60);
    CHECK(ui.find("Too many attempts. Try again in 1 s.", {}, true).has_value());
    ui.frames(60);
    CHECK_FALSE(ui.find("Too many attempts. Try again in 1 s.", {}, true).has_value());

    ui.fill("Password", "demo123");
    ui.click("Log in");
    ui.answer("/api/v1/login", 0, "");
    CHECK(ui.find("Cannot reach the server. Check the network and try again.", {}, true).has_value());
    CHECK(ui.app().session() == nullptr);
}

TEST_CASE("logging in keeps the token and the user, shows the name, and sends the token from then on") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    REQUIRE(ui.app().session() != nullptr);
    CHECK(ui.app().session()->token == "token-sales1");
    CHECK(ui.app().session()->user.id == "sales1");
    CHECK(ui.app().session()->user.name == "Sales One");
    CHECK(ui.app().session()->user.team_id == "t1");
    CHECK(ui.find("Signed in as Sales One", {}, true).has_value());
    CHECK(ui.has("Log out"));
    CHECK(ui.has("New customer"));
    CHECK(ui.services().last("/api/v1/directory")->token == "token-sales1");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == 0);  // sync fills it; until then empty

    ui.click("New customer");
    ui.fill("Name", "Owned By Me", "customer_detail");
    ui.click("Create customer", "customer_detail");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE owner_id = 'sales1' AND updated_by = 'sales1'") == 1);
}

TEST_CASE("log out tells the server, wipes the database and every trace of the user, and shows the login screen") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.click("New customer");
    ui.fill("Name", "Left Behind Ltd", "customer_detail");
    ui.click("Create customer", "customer_detail");
    REQUIRE(scalar(ui.db(), "SELECT count(*) FROM customers") == 1);

    ui.click("Log out");
    // Work that exists only in this tab is lost by logging out: asked first.
    REQUIRE(ui.find("Logging out wipes all data in this tab, including changes not yet sent to the server.",
                    "confirm", true));
    ui.click("Cancel", "confirm");
    CHECK(ui.app().session() != nullptr);
    ui.click("Log out");
    ui.click("Log out", "confirm");

    auto logout = ui.services().last("/api/v1/logout");
    REQUIRE(logout);
    CHECK(logout->method == "POST");
    CHECK(logout->token == "token-sales1");
    CHECK(ui.app().session() == nullptr);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == 0);
    CHECK(ui.has("Log in"));
    CHECK_FALSE(ui.has("New customer"));
    CHECK_FALSE(ui.app().has_unsaved_work());
    CHECK_FALSE(ui.find("Created customer Left Behind Ltd", {}, true).has_value());
    ui.answer("/api/v1/logout", 200, "{}");
    CHECK(ui.has("Log in"));
}

TEST_CASE("after the idle minutes the lock hides the workspace; the right password unlocks it with the unsaved form") {
    UiDriver ui(ServerMode{0.05});  // 3 seconds, 180 test frames
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.click("New customer");
    ui.fill("Name", "Half Typed Trading", "customer_detail");
    const double wait = ui.app().redraw_in_seconds();
    CHECK(wait > 2.5);  // the frame loop sleeps until the lock is due
    CHECK(wait <= 3.0);
    ui.frames(170);
    CHECK_FALSE(ui.app().locked());
    ui.frames(20);
    REQUIRE(ui.app().locked());
    CHECK(ui.find("Screen locked", {}, true).has_value());
    CHECK(ui.find("Sales One", {}, true).has_value());
    CHECK_FALSE(ui.has("New customer"));
    CHECK_FALSE(ui.has("Create customer"));

    ui.fill("Password", "wrong");
    ui.click("Unlock");
    auto sent = ui.services().last("/api/v1/login");
    REQUIRE(sent);
    CHECK(nlohmann::json::parse(sent->body) == nlohmann::json{{"user", "sales1"}, {"password", "wrong"}});
    ui.answer("/api/v1/login", 401, R"({"error":{"code":"bad_credentials","message":"bad"}})");
    CHECK(ui.find("Wrong password.", {}, true).has_value());
    CHECK(ui.app().locked());

    ui.fill("Password", "demo123");
    ui.click("Unlock");
    ui.answer("/api/v1/login", 200,
              R"({"token":"token-2","expires_at":"2030-01-01T00:00:00Z","user":{"id":"sales1","name":"Sales One",)"
              R"("role":"r","team_id":"t1","permissions":)" + std::string(kAllowAll) + "}}");
    CHECK_FALSE(ui.app().locked());
    CHECK(ui.app().session()->token == "token-2");
    CHECK(ui.services().last("/api/v1/logout")->token == "token-sales1");  // the old token is ended
    CHECK(ui.app().has_unsaved_work());
    ui.click("Create customer", "customer_detail");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = 'Half Typed Trading'") == 1);
}

TEST_CASE("a dialog open when the screen locks is there again after unlocking") {
    UiDriver ui(ServerMode{0.05});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.click("New customer");
    ui.fill("Name", "Dialog Keepers", "customer_detail");
    ui.click("Create customer", "customer_detail");
    ui.click("Contacts (0)", "customer_detail");
    ui.click("Add contact", "customer_detail");
    ui.fill("Name", "Wang Fang", "contact_dialog");
    ui.frames(200);
    REQUIRE(ui.app().locked());
    CHECK_FALSE(ui.has("Save contact"));
    ui.fill("Password", "demo123");
    ui.click("Unlock");
    ui.answer("/api/v1/login", 200,
              R"({"token":"token-sales1","user":{"id":"sales1","name":"Sales One","permissions":)" +
                  std::string(kAllowAll) + "}}");
    REQUIRE_FALSE(ui.app().locked());
    ui.frames(2);
    ui.click("Add", "contact_dialog");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM contacts WHERE name = 'Wang Fang'") == 1);
    CHECK_FALSE(ui.services().last("/api/v1/logout").has_value());  // the same token was not ended
}

TEST_CASE("Log out on the lock panel wipes the tab") {
    UiDriver ui(ServerMode{0.05});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.frames(200);
    REQUIRE(ui.app().locked());
    ui.click("Log out");
    CHECK(ui.app().session() == nullptr);
    CHECK(ui.has("Log in"));
    CHECK(ui.services().last("/api/v1/logout")->token == "token-sales1");
}

TEST_CASE("a 401 from the server locks the screen so the person can log in again without losing work") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.app().log_out();
    ui.frames(2);
    ui.log_in("admin", "Admin", R"({"admin":{"view":"all","edit":"all"}})");
    ui.click("Users");
    ui.answer("/api/v1/admin/users", 401, R"({"error":{"code":"unauthorized"}})");
    CHECK(ui.app().locked());
    CHECK(ui.find("Session expired", {}, true).has_value());
}

TEST_CASE("Enter in the password field logs in, as the button does") {
    UiDriver ui(ServerMode{});
    ui.fill("User", "sales1");
    ui.fill("Password", "demo123");
    ui.press(ImGuiKey_Enter);
    auto sent = ui.services().last("/api/v1/login");
    REQUIRE(sent);
    CHECK(nlohmann::json::parse(sent->body) == nlohmann::json{{"user", "sales1"}, {"password", "demo123"}});
}
