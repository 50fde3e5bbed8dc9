// Activities in the UI (customer_activities_tab, activity_dialog, calendar, my_day,
// batch_activity), driven natively by label.
#include <doctest/doctest.h>

#include "core/clock.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::scalar_text;
using crm::test::UiDriver;
using namespace crm;

namespace {

constexpr const char* kForm = "customer_detail";
constexpr const char* kDialog = "activity_dialog";
constexpr const char* kTimeline = "activities";  // the tab's table scrolls: a child window of the form

// A company with two contacts and no activities.
std::string make_customer(UiDriver& ui) {
    Customer customer;
    customer.name = "Hangzhou Haichuan Software";
    REQUIRE_OK(save_customer(ui.db(), customer, "demo"));
    for (const char* name : {"Wang Fang", "Li Lei"}) {
        Contact contact;
        contact.customer_id = customer.id;
        contact.name = name;
        REQUIRE_OK(save_contact(ui.db(), contact, "demo"));
    }
    return customer.id;
}

// Finds the customer with the search box and opens it on its Activities tab.
void open_customer(UiDriver& ui, const char* tab) {
    ui.fill("Search", "Haichuan");
    ui.click("Hangzhou Haichuan Software", "customers");
    ui.click(tab, kForm);
}

std::string open_new_customer(UiDriver& ui) {
    std::string id = make_customer(ui);
    open_customer(ui, "Activities (0)");
    return id;
}

// A text drawn in the last frame that contains `part` (the header's facts are one line).
bool shows_text_containing(std::string_view part) {
    for (const automation::Item& item : automation::last_frame())
        if (item.is_text && item.label.find(part) != std::string::npos) return true;
    return false;
}

std::string today_at(const char* time) { return format_date(local_today()) + " " + time; }

}  // namespace

TEST_CASE("a visit logged through the dialog is on the customer's timeline and on the calendar, and can be done there") {
    UiDriver ui(3);
    const std::string customer_id = open_new_customer(ui);
    CHECK(ui.find("No activities yet.", kForm, true).has_value());
    ui.click("Log activity", kForm);
    ui.fill("Subject", "Quarterly review", kDialog);
    ui.click("Contact", kDialog);
    ui.click("Li Lei");
    ui.fill("Planned", today_at("09:30"), kDialog);
    ui.fill("Outcome", "Agreed on the new price list", kDialog);
    ui.click("Save activity", kDialog);

    CHECK_FALSE(ui.has("Save activity", kDialog));
    const std::string id = scalar_text(ui.db(), "SELECT id FROM activities WHERE customer_id = ?1", customer_id);
    std::optional<Activity> stored = find_activity(ui.db(), id);
    REQUIRE(stored.has_value());
    CHECK(stored->kind == "visit");
    CHECK(stored->planned_at == iso_utc(*parse_local_minutes(today_at("09:30"))));
    CHECK(stored->owner_id == "demo");
    CHECK(scalar_text(ui.db(), "SELECT name FROM contacts WHERE id = ?1", stored->contact_id) == "Li Lei");
    CHECK(ui.has("Activities (1)", kForm));
    CHECK(ui.find("Quarterly review  (with Li Lei)", kTimeline, true).has_value());
    CHECK(ui.find("Agreed on the new price list", kTimeline, true).has_value());

    ui.click("Calendar");
    CHECK(ui.has("Week"));
    REQUIRE(ui.has("09:30 Quarterly review"));
    CHECK(ui.find("Visit · Hangzhou Haichuan Software", {}, true).has_value());
    ui.click("09:30 Quarterly review");
    ui.click("Mark done", kDialog);
    CHECK(find_activity(ui.db(), id)->is_done());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM activities WHERE customer_id = (SELECT customer_id FROM activities "
                          "WHERE subject = 'Quarterly review') AND deleted = 0") == 1);

    ui.click("Customers");
    CHECK(shows_text_containing("Last contact: " + format_date(local_today())));
}

TEST_CASE("the dialog shows every problem next to its field and writes nothing") {
    UiDriver ui(3);
    open_new_customer(ui);
    const int64_t before = scalar(ui.db(), "SELECT count(*) FROM activities");
    ui.click("Log activity", kForm);
    ui.fill("Planned", "next Tuesday", kDialog);
    ui.click("Save activity", kDialog);
    // The problems appear in the frame after the click, and the dialog grows to them in the one
    // after that (the browser draws four frames after an input).
    ui.frames(2);
    CHECK(ui.find("Required", kDialog, true).has_value());
    CHECK(ui.find("Not a date and time (YYYY-MM-DD HH:MM)", kDialog, true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM activities") == before);
    ui.click("Cancel", kDialog);
    ui.click("Discard", "confirm");
    CHECK_FALSE(ui.has("Save activity", kDialog));
}

TEST_CASE("an activity opened from the timeline is edited, and deleted after confirming") {
    UiDriver ui(3);
    const std::string customer_id = make_customer(ui);
    Activity call;
    call.customer_id = customer_id;
    call.kind = "call";
    call.subject = "Payment reminder";
    call.planned_at = iso_utc(*parse_local_minutes("2026-11-30 10:00"));
    REQUIRE_OK(save_activity(ui.db(), call, "demo"));
    // Done elsewhere to the millisecond; the dialog shows minutes.
    REQUIRE_OK(mark_done(ui.db(), call.id, "demo", *parse_iso_utc("2026-11-30T11:00:42.123Z")));
    open_customer(ui, "Activities (1)");
    ui.click("2026-11-30 11:00", kTimeline);
    ui.fill("Next step", "Send the invoice again", kDialog);
    ui.click("Save activity", kDialog);
    CHECK(find_activity(ui.db(), call.id)->next_step == "Send the invoice again");
    CHECK(find_activity(ui.db(), call.id)->done_at == "2026-11-30T11:00:42.123Z");
    CHECK(find_activity(ui.db(), call.id)->planned_at == call.planned_at);

    ui.click("2026-11-30 11:00", kTimeline);
    ui.click("Delete activity", kDialog);
    REQUIRE(ui.find("Delete the activity \"Payment reminder\"?", "confirm", true).has_value());
    ui.click("Delete", "confirm");
    CHECK(scalar_text(ui.db(), "SELECT deleted FROM activities WHERE id = ?1", call.id) == "1");
    CHECK(ui.has("Activities (0)", kForm));
}

TEST_CASE("my day shows the user's overdue activities in their section, and Mark done takes one off") {
    UiDriver ui(3);
    Customer customer;
    customer.name = "Overdue Trading";
    REQUIRE_OK(save_customer(ui.db(), customer, "demo"));
    Activity late;
    late.customer_id = customer.id;
    late.kind = "call";
    late.subject = "Call back about the order";
    late.planned_at = iso_utc(now_ms() - 3'600'000);
    REQUIRE_OK(save_activity(ui.db(), late, "demo"));
    ui.click("My day");
    ui.click("Everyone's");  // the sandbox starts with everyone's; only the user's now
    CHECK(ui.find("Overdue (1)", {}, true).has_value());
    CHECK(ui.find("Call back about the order", {}, true).has_value());
    CHECK(ui.find("Overdue Trading", {}, true).has_value());
    ui.click("Mark done");
    CHECK(find_activity(ui.db(), late.id)->is_done());
    CHECK(ui.find("Overdue (0)", {}, true).has_value());
    CHECK(ui.find("Nothing overdue.", {}, true).has_value());
}

TEST_CASE("one activity logged for customers ticked on the list is written for each of them, and only them") {
    UiDriver ui(5);
    const char* nth_by_name = "SELECT name FROM customers ORDER BY name COLLATE NOCASE LIMIT 1 OFFSET ?1";
    const std::vector<std::string> names = {scalar_text(ui.db(), nth_by_name, "0"),
                                            scalar_text(ui.db(), nth_by_name, "2"),
                                            scalar_text(ui.db(), nth_by_name, "4")};
    CHECK_FALSE(ui.has("Log activity for selection"));
    for (const std::string& name : names) ui.click("Select " + name, "customers");
    CHECK(ui.find("3 selected", {}, true).has_value());
    ui.click("Log activity for selection");
    CHECK(ui.find("One activity for each selected customer (3)", kDialog, true).has_value());
    CHECK_FALSE(ui.has("Contact", kDialog));
    ui.fill("Subject", "New year greetings", kDialog);
    ui.fill("Planned", "2026-12-31 10:00", kDialog);
    ui.click("Log for all selected (3)", kDialog);
    CHECK_FALSE(ui.has("Subject", kDialog));
    CHECK(scalar(ui.db(), "SELECT count(*) FROM activities WHERE subject = 'New year greetings'") == 3);
    for (const std::string& name : names) {
        CHECK(scalar_text(ui.db(),
                          "SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer_id "
                          "WHERE a.subject = 'New year greetings' AND c.name = ?1",
                          name) == "1");
    }
    CHECK_FALSE(ui.find("3 selected", {}, true).has_value());  // done: the selection is cleared
}

TEST_CASE("Select all shown ticks what the search shows; Reach out copies their emails") {
    UiDriver ui(5);
    const std::string name = scalar_text(ui.db(), "SELECT name FROM customers ORDER BY name LIMIT 1 OFFSET ?1", "0");
    Stmt update = ui.db().prepare("UPDATE customers SET email = 'buyer@example.cn' WHERE name = ?1");
    REQUIRE(update.bind(1, name).step().ok());
    Stmt no_contacts = ui.db().prepare(
        "UPDATE contacts SET deleted = 1 WHERE customer_id = (SELECT id FROM customers WHERE name = ?1)");
    REQUIRE(no_contacts.bind(1, name).step().ok());
    ui.fill("Search", name);
    CHECK(ui.find("1 shown", {}, true).has_value());
    ui.click("Select all shown");
    CHECK(ui.find("1 selected", {}, true).has_value());
    ui.click("Reach out…");
    ui.click("Copy email addresses");
    CHECK(std::string(ImGui::GetClipboardText()) == "buyer@example.cn");
    ui.click("Close");
    ui.fill("Search", "");
    CHECK(ui.find("1 selected", {}, true).has_value());  // kept while the search changes
    ui.click("Clear selection");
    CHECK_FALSE(ui.has("Clear selection"));
}
