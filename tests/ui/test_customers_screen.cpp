// The customers screen (ui/screens/customers, customer_detail), driven natively by label.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::scalar_text;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";
constexpr const char* kList = "customers";

}  // namespace

TEST_CASE("the first frame lists the demo customers with their codes, and the count in the status bar") {
    UiDriver ui(12);
    CHECK(ui.has("New customer"));
    CHECK(ui.find("12 customers", {}, true).has_value());
    CHECK(ui.find("C10001", kList, true).has_value());
    CHECK(ui.app().ready());
}

TEST_CASE("saving with an empty name and a malformed email shows both problems under their fields and writes nothing") {
    UiDriver ui;
    const int64_t before = scalar(ui.db(), "SELECT count(*) FROM customers");
    ui.click("New customer");
    ui.fill("Email", "not-an-email", kForm);
    ui.click("Create customer", kForm);
    auto name = ui.find("Name", kForm, false);
    auto email = ui.find("Email", kForm, false);
    auto required = ui.find("Required", kForm, true);
    auto bad_email = ui.find("Not an email address (name@example.com)", kForm, true);
    REQUIRE(name);
    REQUIRE(email);
    REQUIRE(required);
    REQUIRE(bad_email);
    CHECK(required->min.y >= name->max.y - 1);
    CHECK(required->min.y < name->max.y + (name->max.y - name->min.y));
    CHECK(bad_email->min.y >= email->max.y - 1);
    CHECK(bad_email->min.y < email->max.y + (email->max.y - email->min.y));
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == before);
}

TEST_CASE("a customer created in the form is stored, found by the search box and deleted after confirming") {
    UiDriver ui;
    ui.click("New customer");
    ui.fill("Name", "杭州海川软件有限公司", kForm);
    ui.fill("Phone", "0571-8888 0101", kForm);
    ui.click("Create customer", kForm);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = '杭州海川软件有限公司' AND deleted = 0") == 1);

    ui.fill("Search", "海川软件");
    CHECK(ui.find("1 shown", {}, true).has_value());
    CHECK(ui.has("杭州海川软件有限公司", kList));

    ui.click("Delete customer", kForm);
    CHECK(ui.find("Delete 杭州海川软件有限公司 and its 0 contact(s)?", "confirm", true).has_value());
    ui.click("Cancel", "confirm");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = '杭州海川软件有限公司' AND deleted = 0") == 1);
    ui.click("Delete customer", kForm);
    ui.click("Delete", "confirm");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = '杭州海川软件有限公司' AND deleted = 1") == 1);
    CHECK(ui.find("0 shown", {}, true).has_value());
}

TEST_CASE("opening another customer with unsaved edits asks first, and keeps the edits when told to") {
    UiDriver ui(3);
    const char* nth_by_name = "SELECT name FROM customers ORDER BY name COLLATE NOCASE LIMIT 1 OFFSET ?1";
    const std::string first = scalar_text(ui.db(), nth_by_name, "0");
    const std::string second = scalar_text(ui.db(), nth_by_name, "1");
    ui.click(first, kList);
    ui.fill("City", "Edited city", kForm);
    ui.click(second, kList);
    REQUIRE(ui.find("The customer you are editing has unsaved changes.", "confirm", true));
    ui.click("Cancel", "confirm");
    CHECK(ui.find(first, kForm, true).has_value());  // still on the first customer, edits kept
    ui.click("Save", kForm);
    CHECK(scalar_text(ui.db(), "SELECT city FROM customers WHERE name = ?1", first) == "Edited city");

    ui.fill("City", "Thrown away", kForm);
    ui.click(second, kList);
    ui.click("Discard", "confirm");
    CHECK(ui.find(second, kForm, true).has_value());
    CHECK(scalar_text(ui.db(), "SELECT city FROM customers WHERE name = ?1", first) == "Edited city");
}

TEST_CASE("typing past a field's limit stops at the limit") {
    UiDriver ui;
    ui.click("New customer");
    ui.fill("Code", std::string(40, '7'), kForm);
    ui.fill("Name", "Limits Ltd", kForm);
    ui.click("Create customer", kForm);
    CHECK(scalar_text(ui.db(), "SELECT code FROM customers WHERE name = ?1", "Limits Ltd") ==
          std::string(crm::customer_limits::code, '7'));
}

TEST_CASE("filters combine, and a filter saved by name comes back with its search after clearing") {
    UiDriver ui(40);
    const std::string distributors_in_a =
        std::to_string(scalar(ui.db(), "SELECT count(*) FROM customers WHERE type = 'distributor' AND level = 'A'"));
    const std::string distributors = std::to_string(scalar(ui.db(), "SELECT count(*) FROM customers WHERE type = 'distributor'"));
    REQUIRE(distributors != distributors_in_a);  // the demo data has both, so the test can tell

    ui.click("Filters");
    ui.click("Type", "customer_filters");
    ui.click("Distributor", "##Combo");  // the open combo's list, not the table's cells
    CHECK(ui.find(distributors + " shown", {}, true).has_value());
    CHECK(ui.has("Filters (1)"));
    ui.click("Level", "customer_filters");
    ui.click("A", "##Combo");
    CHECK(ui.find(distributors_in_a + " shown", {}, true).has_value());

    ui.click("Save filter…", "customer_filters");
    ui.fill("Filter name", "A distributors", "Save filter");
    ui.click("Save", "Save filter");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM saved_filters WHERE name = 'A distributors' AND owner_id = 'demo'") == 1);

    ui.click("Clear filters", "customer_filters");
    CHECK(ui.find("40 shown", {}, true).has_value());
    ui.click("Saved filters", "customer_filters");
    ui.click("A distributors", "##Combo");
    CHECK(ui.find(distributors_in_a + " shown", {}, true).has_value());
    CHECK(ui.has("Filters (2)"));

    ui.click("Delete “A distributors”", "customer_filters");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM saved_filters WHERE deleted = 0") == 0);
}

TEST_CASE("the Columns chooser hides a customers column, and Copy rows leaves it out") {
    UiDriver ui;
    const std::string name = scalar_text(ui.db(), "SELECT name FROM customers WHERE name <> ?1 ORDER BY name LIMIT 1", "");
    CHECK(ui.find("Code", "customers", true).has_value());
    ui.click("Columns");
    ui.click("Code", "##Popup");
    ui.press(ImGuiKey_Escape);
    ui.frames(2);
    CHECK_FALSE(ui.find("Code", "customers", true).has_value());
    ui.click("Select " + name);
    ui.click("Copy rows");
    const std::string copied = ImGui::GetClipboardText() ? ImGui::GetClipboardText() : "";
    CHECK(copied.rfind("Name\tType\tLevel\tCity\tPhone\tOwner\r\n" + name + "\t", 0) == 0);

    ui.click("Columns");
    ui.click("Code", "##Popup");  // and back
    ui.press(ImGuiKey_Escape);
    ui.frames(2);
    CHECK(ui.find("Code", "customers", true).has_value());
}

TEST_CASE("Copy rows puts the ticked customers on the clipboard as tab-separated text, in the list's order") {
    UiDriver ui;
    const std::vector<std::string> names = {
        scalar_text(ui.db(), "SELECT name FROM customers WHERE name <> ?1 ORDER BY name LIMIT 1 OFFSET 2", ""),
        scalar_text(ui.db(), "SELECT name FROM customers WHERE name <> ?1 ORDER BY name LIMIT 1", "")};
    for (const std::string& name : names) ui.click("Select " + name);
    ui.click("Copy rows");
    const std::string copied = ImGui::GetClipboardText() ? ImGui::GetClipboardText() : "";
    // The list is sorted by name: the second ticked comes first.
    const std::string code = scalar_text(ui.db(), "SELECT code FROM customers WHERE name = ?1", names[1]);
    CHECK(copied.rfind("Name\tCode\tType\tLevel\tCity\tPhone\tOwner\r\n" + names[1] + "\t" + code + "\t", 0) == 0);
    CHECK(std::count(copied.begin(), copied.end(), '\n') == 3);
    CHECK(copied.find(names[0]) > copied.find(names[1]));
    CHECK(ui.find("2 rows copied: paste them into a spreadsheet", {}, true).has_value());

    // Ctrl+C copies them too, but not while a text field is being edited.
    ImGui::SetClipboardText("other");
    ui.press('C', true);
    CHECK(std::string(ImGui::GetClipboardText()) == copied);
    ImGui::SetClipboardText("other");
    ui.click("Search");
    ui.press('C', true);
    CHECK(std::string(ImGui::GetClipboardText()) == "other");
}
