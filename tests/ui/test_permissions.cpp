// What the logged-in user may do decides what the customers screen offers (ui/session,
// ui/screens/customer_detail); the sandbox allows everything.
#include <doctest/doctest.h>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";

std::string customers(const char* edit, const char* remove) {
    return std::string(R"({"customers":{"view":"all","create":"all","edit":")") + edit + R"(","delete":")" + remove +
           R"(","export":"none"}})";
}

void create_customer(UiDriver& ui, const char* name) {
    ui.click("New customer");
    ui.fill("Name", name, kForm);
    ui.click("Create customer", kForm);
}

}  // namespace

TEST_CASE("Delete is not offered to a user whose role may not delete customers") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", customers("all", "none"));
    create_customer(ui, "Keep Me Ltd");
    CHECK(ui.find("Keep Me Ltd", kForm, true).has_value());
    CHECK(ui.has("Save", kForm));
    CHECK_FALSE(ui.has("Delete customer", kForm));
}

TEST_CASE("with the own scope, Delete and editing are offered for one's own customers only") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", customers("own", "own"));
    create_customer(ui, "Mine Ltd");
    CHECK(ui.has("Delete customer", kForm));
    CHECK_FALSE(ui.find("You may view this customer but not change it.", kForm, true).has_value());
    ui.fill("Owner", "sales2", kForm);
    ui.click("Save", kForm);
    CHECK_FALSE(ui.has("Delete customer", kForm));
    CHECK(ui.find("You may view this customer but not change it.", kForm, true).has_value());
}

TEST_CASE("the sandbox allows everything, and the database image export follows the export permission") {
    UiDriver sandbox;
    sandbox.click("C10001", "customers");
    CHECK(sandbox.has("Delete customer", kForm));

    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", customers("all", "none"));
    ui.click("Database");
    ui.click("Export database image…");
    CHECK(ui.services().downloaded_bytes.empty());  // the item is disabled
}
