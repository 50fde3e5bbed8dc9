// The Points tab of the customer 360 view (ui/screens/customer_points_tab), driven by label.
#include <doctest/doctest.h>

#include "core/db.hpp"
#include "domain/points.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::scalar_text;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";

// Opens the first customer by name and its Points tab.
std::string open_points_tab(UiDriver& ui) {
    const std::string name = scalar_text(ui.db(), "SELECT name FROM customers ORDER BY name COLLATE NOCASE LIMIT ?1", "1");
    ui.click(name, "customers");
    ui.click("Points (0)", kForm);
    return name;
}

bool some_text_contains(std::string_view part) {
    for (const crm::automation::Item& item : crm::automation::last_frame())
        if (item.label.find(part) != std::string::npos) return true;
    return false;
}

// The item `below` starts within one row under the field `field`.
void check_under(const crm::automation::Item& field, const crm::automation::Item& below) {
    CHECK(below.min.y >= field.max.y - 1);
    CHECK(below.min.y < field.max.y + (field.max.y - field.min.y));
}

}  // namespace

TEST_CASE("an entry added through the Points form is stored and listed, and the tab and header show the balance") {
    UiDriver ui(3);
    const std::string name = open_points_tab(ui);
    CHECK(ui.find("No points yet.", kForm, true).has_value());
    CHECK_FALSE(some_text_contains("Points: "));

    ui.fill("Points", "1200", kForm);
    ui.fill("Reason", "Order SO-1001", kForm);
    ui.click("Add entry", kForm);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM points_ledger WHERE kind = 'earn' AND points = 1200 AND deleted = 0") == 1);
    CHECK(scalar_text(ui.db(), "SELECT reason FROM points_ledger WHERE points = ?1", "1200") == "Order SO-1001");
    CHECK(ui.has("Points (1,200)", kForm));
    CHECK(ui.find("Balance: 1,200 points", kForm, true).has_value());
    CHECK(ui.find("+1,200", kForm, true).has_value());
    CHECK(ui.find("Order SO-1001", kForm, true).has_value());
    CHECK(some_text_contains("Points: 1,200"));
    // The status bar says what was added.
    CHECK(ui.find("1,200 points for " + name, {}, true).has_value());
}

TEST_CASE("a redeem past the balance shows the error under the Points field and writes nothing") {
    UiDriver ui(3);
    open_points_tab(ui);
    ui.fill("Points", "100", kForm);
    ui.fill("Reason", "Welcome bonus", kForm);
    ui.click("Add entry", kForm);
    REQUIRE(ui.has("Points (100)", kForm));

    ui.click("Entry kind", kForm);
    ui.click("Redeem");
    ui.fill("Points", "500", kForm);
    ui.fill("Reason", "Gift: tea set", kForm);
    ui.click("Add entry", kForm);
    auto field = ui.find("Points", kForm, false);
    auto error = ui.find("Only 100 points available", kForm, true);
    REQUIRE(field);
    REQUIRE(error);
    check_under(*field, *error);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM points_ledger WHERE kind = 'redeem'") == 0);
    CHECK(ui.has("Points (100)", kForm));

    ui.fill("Points", "40", kForm);
    ui.click("Add entry", kForm);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM points_ledger WHERE kind = 'redeem' AND points = 40") == 1);
    CHECK(ui.has("Points (60)", kForm));
    CHECK(ui.find("-40", kForm, true).has_value());
    CHECK_FALSE(ui.find("Only 100 points available", kForm, true).has_value());
}

TEST_CASE("points that are not a whole number and a missing reason are both said next to their fields") {
    UiDriver ui(3);
    open_points_tab(ui);
    ui.fill("Points", "1.5", kForm);
    ui.click("Add entry", kForm);
    auto points = ui.find("Points", kForm, false);
    auto not_whole = ui.find("Not a whole number (e.g. 200 or -50)", kForm, true);
    auto reason = ui.find("Reason", kForm, false);
    auto required = ui.find("Required", kForm, true);
    REQUIRE(points);
    REQUIRE(not_whole);
    REQUIRE(reason);
    REQUIRE(required);
    check_under(*points, *not_whole);
    check_under(*reason, *required);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM points_ledger") == 0);
}
