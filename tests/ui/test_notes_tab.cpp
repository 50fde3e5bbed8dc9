// The Notes tab of the customer 360 view (ui/screens/customer_notes_tab), driven by label.
#include <doctest/doctest.h>

#include <string>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::scalar_text;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";

// The first customer by name, opened, with the count of its notes.
std::string open_first(UiDriver& ui, int64_t& notes) {
    const std::string id = scalar_text(ui.db(), "SELECT id FROM customers ORDER BY name COLLATE NOCASE LIMIT ?1", "1");
    const std::string name = scalar_text(ui.db(), "SELECT name FROM customers WHERE id = ?1", id);
    notes = scalar(ui.db(), ("SELECT count(*) FROM activities WHERE kind = 'note' AND deleted = 0 AND customer_id = '" +
                             id + "'").c_str());
    ui.click(name, "customers");
    ui.frames(2);  // a tab bar lays its tabs out in the frame after it first appears
    return id;
}

}  // namespace

TEST_CASE("a note added on the Notes tab is stored as a note activity, listed first and counted") {
    UiDriver ui(3);
    int64_t notes = 0;
    const std::string id = open_first(ui, notes);
    ui.click("Notes (" + std::to_string(notes) + ")", kForm);
    CHECK(ui.has("Add note"));
    ui.fill("New note", "Prefers calls in the morning");
    ui.click("Add note", kForm);
    CHECK(scalar(ui.db(), ("SELECT count(*) FROM activities WHERE kind = 'note' AND deleted = 0 AND customer_id = '" + id +
                           "' AND subject = 'Prefers calls in the morning'").c_str()) == 1);
    CHECK(ui.find("Notes (" + std::to_string(notes + 1) + ")", kForm).has_value());
    CHECK(ui.find("Prefers calls in the morning", "notes", true).has_value());
    CHECK(ui.find("Noted: Prefers calls in the morning", {}, true).has_value());
    // On the timeline too, as a note.
    CHECK(ui.has("Activities (" + std::to_string(scalar(ui.db(), ("SELECT count(*) FROM activities WHERE deleted = 0 AND "
                                                                   "customer_id = '" + id + "'").c_str())) + ")"));
}

TEST_CASE("a blank note cannot be added, and the field takes at most 200 characters") {
    UiDriver ui(3);
    int64_t notes = 0;
    open_first(ui, notes);
    ui.click("Notes (" + std::to_string(notes) + ")", kForm);
    const int64_t before = scalar(ui.db(), "SELECT count(*) FROM activities");
    ui.fill("New note", "   ");
    ui.click("Add note", kForm);  // disabled: nothing happens
    CHECK(scalar(ui.db(), "SELECT count(*) FROM activities") == before);
    ui.fill("New note", std::string(250, 'x'));
    ui.click("Add note", kForm);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM activities") == before + 1);
    CHECK(scalar(ui.db(), "SELECT max(length(subject)) FROM activities WHERE kind = 'note'") == 200);
}

TEST_CASE("a click on a note opens it to edit; deleting it takes it off the tab") {
    UiDriver ui(3);
    int64_t notes = 0;
    open_first(ui, notes);
    ui.click("Notes (" + std::to_string(notes) + ")", kForm);
    ui.fill("New note", "Budget is decided in March");
    ui.click("Add note", kForm);
    const std::string note_id = scalar_text(ui.db(), "SELECT id FROM activities WHERE subject = ?1", "Budget is decided in March");
    // The row spans its columns: a click on the note's text opens it.
    ui.click("Budget is decided in March", "notes");
    REQUIRE(ui.has("Delete activity"));
    ui.click("Delete activity");
    ui.click("Delete", "confirm");
    CHECK(scalar(ui.db(), ("SELECT deleted FROM activities WHERE id = '" + note_id + "'").c_str()) == 1);
    CHECK(ui.find("Notes (" + std::to_string(notes) + ")", kForm).has_value());
}
