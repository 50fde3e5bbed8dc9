// Keyboard shortcuts on the customers screen (ui/shortcuts, ui/screens/customers).
#include <doctest/doctest.h>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::UiDriver;

namespace {
constexpr const char* kForm = "customer_detail";
}

TEST_CASE("Ctrl+N opens a new customer, Ctrl+S saves it, Esc closes the form") {
    UiDriver ui;
    ui.press('N', true);
    REQUIRE(ui.has("Create customer", kForm));
    ui.fill("Name", "Shortcut Trading", kForm);
    ui.press('S', true);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = 'Shortcut Trading'") == 1);
    CHECK(ui.find("Shortcut Trading", kForm, true).has_value());  // the form now shows the saved customer
    ui.press(ImGuiKey_Escape);  // leaves the Name field, where the cursor still is
    ui.press(ImGuiKey_Escape);  // closes the form
    CHECK(ui.find("Select a customer on the left, or create a new one.", kForm, true).has_value());
    CHECK_FALSE(ui.has("Save", kForm));
}

TEST_CASE("Ctrl+S with a problem shows it next to the field and writes nothing") {
    UiDriver ui;
    const int64_t before = scalar(ui.db(), "SELECT count(*) FROM customers");
    ui.press('N', true);
    ui.press('S', true);
    CHECK(ui.find("Required", kForm, true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == before);
}

TEST_CASE("Esc on a form with unsaved edits asks before closing it") {
    UiDriver ui;
    ui.press('N', true);
    ui.fill("Name", "Half typed", kForm);
    ui.press(ImGuiKey_Enter);   // Enter leaves the field keeping the text (Esc there would undo it)
    ui.press(ImGuiKey_Escape);
    REQUIRE(ui.find("The customer you are editing has unsaved changes.", "confirm", true));
    ui.click("Cancel", "confirm");
    CHECK(ui.has("Create customer", kForm));
    ui.press(ImGuiKey_Escape);
    ui.click("Discard", "confirm");
    CHECK(ui.find("Select a customer on the left, or create a new one.", kForm, true).has_value());
    CHECK_FALSE(ui.has("Create customer", kForm));
}

TEST_CASE("Ctrl+F puts the cursor in the search box, so typing filters the list") {
    UiDriver ui(12);
    ui.press('F', true);
    ImGui::GetIO().AddInputCharactersUTF8("C10001");
    ui.frames(2);
    CHECK(ui.find("1 shown", {}, true).has_value());
}
