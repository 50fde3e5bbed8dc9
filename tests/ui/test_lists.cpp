// The contacts and activities lists (record_list_screen, contacts_list, activities_list),
// driven natively by label: search, filters, the column chooser, sort, export, and what a
// click on a row opens.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string_view>

#include "core/clock.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::UiDriver;
using namespace crm;

namespace {

// A scrolling table draws in a child window named after the table.
constexpr const char* kContacts = "contacts";
constexpr const char* kActivities = "activities";
constexpr const char* kFilters = "list_filters";

struct Data {
    std::string haichuan, huaxin;
};

// Two customers of their own (besides the demo's), three contacts, two activities.
Data add_data(UiDriver& ui) {
    Data d;
    for (auto [id, name] : {std::pair{&d.haichuan, "Hangzhou Haichuan Software"}, std::pair{&d.huaxin, "Huaxin Tech"}}) {
        Customer customer;
        customer.name = name;
        REQUIRE_OK(save_customer(ui.db(), customer, "demo"));
        *id = customer.id;
    }
    for (auto [customer, name, email] : {std::tuple{d.haichuan, "Wang Fang", "wang@haichuan.cn"},
                                         std::tuple{d.haichuan, "Li Lei", "li@haichuan.cn"},
                                         std::tuple{d.huaxin, "Zhao Min", "zhao@huaxin.cn"}}) {
        Contact contact;
        contact.customer_id = customer;
        contact.name = name;
        contact.email = email;
        contact.no_email = std::string_view(name) == "Li Lei";
        REQUIRE_OK(save_contact(ui.db(), contact, "demo"));
    }
    const int64_t now = now_ms();
    for (auto [customer, subject, planned, done] :
         {std::tuple{d.haichuan, "Zebra project review", now - 2 * 86'400'000LL, false},
          std::tuple{d.huaxin, "Annual contract talks", now - 5 * 86'400'000LL, true}}) {
        Activity a;
        a.customer_id = customer;
        a.kind = "meeting";
        a.subject = subject;
        a.planned_at = iso_utc(planned);
        if (done) a.done_at = a.planned_at;
        REQUIRE_OK(save_activity(ui.db(), a, "demo"));
    }
    return d;
}

}  // namespace

TEST_CASE("the contacts list finds a contact as you type and opens its customer's 360 view") {
    UiDriver ui(3);
    add_data(ui);
    ui.click("Contacts", "sidebar");
    CHECK(ui.has("Wang Fang", kContacts));
    CHECK(ui.has("Zhao Min", kContacts));
    ui.fill("Search the list", "haichuan");  // the customer's name finds its contacts
    CHECK(ui.has("Wang Fang", kContacts));
    CHECK(ui.has("Li Lei", kContacts));
    CHECK_FALSE(ui.has("Zhao Min", kContacts));
    ui.fill("Search the list", "zhao@");
    CHECK(ui.has("Zhao Min", kContacts));
    CHECK_FALSE(ui.has("Wang Fang", kContacts));

    ui.click("Zhao Min", kContacts);
    ui.frames(2);
    // The customers screen, with Huaxin Tech open on the right.
    CHECK(ui.find("Huaxin Tech", "customer_detail").has_value());
}

TEST_CASE("the contacts list's filters and export leave out what the person asked to leave out") {
    UiDriver ui(3);
    add_data(ui);
    ui.click("Contacts", "sidebar");
    ui.fill("Search the list", "haichuan");  // this test's contacts, not the demo data's opted-out ones
    ui.click("Filters");
    ui.click("Opted out", kFilters);
    ui.click("Of something", "##Combo");
    CHECK(ui.has("Li Lei", kContacts));
    CHECK(ui.has("No email", kContacts));
    CHECK_FALSE(ui.has("Wang Fang", kContacts));
    CHECK(ui.has("Filters (1)"));

    ui.click("Clear filters", kFilters);
    ui.fill("Search the list", "haichuan");
    ui.click("Export CSV");
    const std::string& csv = ui.services().downloaded_bytes;
    CHECK(ui.services().downloaded_name.starts_with("contacts-"));
    CHECK(csv.find("Wang Fang") != std::string::npos);
    CHECK(csv.find("wang@haichuan.cn") != std::string::npos);
    CHECK(csv.find("Li Lei") != std::string::npos);              // still there, for the phone
    CHECK(csv.find("li@haichuan.cn") == std::string::npos);      // but not the email they refused
    CHECK(csv.find("Zhao Min") == std::string::npos);            // not in the list as searched
}

TEST_CASE("the column chooser hides and shows a list's columns") {
    UiDriver ui(3);
    add_data(ui);
    ui.click("Contacts", "sidebar");
    CHECK(ui.find("Email", kContacts, true).has_value());
    CHECK_FALSE(ui.find("Title", kContacts, true).has_value());  // hidden until picked
    ui.click("Columns");
    ui.click("Email", "##Popup");  // the chooser's checkboxes, not the header
    ui.click("Title", "##Popup");
    ui.press(ImGuiKey_Escape);
    ui.frames(2);
    CHECK_FALSE(ui.find("Email", kContacts, true).has_value());
    CHECK_FALSE(ui.has("wang@haichuan.cn", kContacts));
    CHECK(ui.find("Title", kContacts, true).has_value());
}

TEST_CASE("the activities list is newest first, sorts by a header, filters by status and opens an activity") {
    UiDriver ui(0);
    add_data(ui);
    ui.click("Activities", "sidebar");
    const auto zebra = ui.find("Zebra project review", kActivities);
    const auto annual = ui.find("Annual contract talks", kActivities);
    REQUIRE(zebra.has_value());
    REQUIRE(annual.has_value());
    CHECK(zebra->min.y < annual->min.y);  // two days ago above five days ago
    CHECK(ui.find("2 in all", {}, true).has_value());

    ui.click("Subject", kActivities);  // ascending by subject
    ui.frames(2);
    CHECK(ui.find("Annual contract talks", kActivities)->min.y < ui.find("Zebra project review", kActivities)->min.y);

    ui.click("Filters");
    ui.click("Status", kFilters);
    ui.click("Overdue", "##Combo");
    CHECK(ui.has("Zebra project review", kActivities));
    CHECK_FALSE(ui.has("Annual contract talks", kActivities));
    CHECK(ui.find("Overdue", kActivities, true).has_value());  // its status cell says so, not "Planned"
    CHECK(ui.find("2 in all, 1 shown", {}, true).has_value());  // the count of all, not of those the filter lists

    ui.click("Zebra project review", kActivities);
    CHECK(ui.has("Save activity", "activity_dialog"));
    ui.fill("Subject", "Zebra project review (moved)", "activity_dialog");
    ui.click("Save activity", "activity_dialog");
    CHECK(ui.has("Zebra project review (moved)", kActivities));
    CHECK(scalar(ui.db(), "SELECT count(*) FROM activities WHERE subject = 'Zebra project review (moved)'") == 1);
}

TEST_CASE("opening a list reads its order once: the table's first sort is the one read") {
    // Counts the statements run that read a list's order: the customers' (with their search
    // texts) and the activities'.
    struct Counts {
        int customers = 0, contacts = 0, activities = 0;
    } counts;
    auto on_statement = [](unsigned, void* context, void* statement, void*) {
        auto* c = static_cast<Counts*>(context);
        const std::string_view sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
        if (sql.starts_with("SELECT rowid, search_text FROM customers")) ++c->customers;
        if (sql.starts_with("SELECT a.rowid FROM activities")) ++c->activities;
        if (sql.starts_with("SELECT c.rowid FROM contacts")) ++c->contacts;
        return 0;
    };
    // Traced from the start: the customers list is the first screen.
    UiDriver ui(12, [&](ui::AppOptions& options) {
        options.open_sandbox = [open = options.open_sandbox, &counts, on_statement](const DemoOptions& demo) {
            Db db = open(demo);
            sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, on_statement, &counts);
            return db;
        };
    });
    ui.frames(2);
    CHECK(counts.customers == 1);
    // The contacts' default is two keys (customer, then name), which the table reports in its
    // columns' order: the same default all the same.
    ui.click("Contacts", "sidebar");
    ui.frames(3);
    CHECK(counts.contacts == 1);
    ui.click("Activities");
    ui.frames(3);
    CHECK(counts.activities == 1);
    // A header's click still orders the list again.
    ui.click("Subject", kActivities);
    ui.frames(2);
    CHECK(counts.activities == 2);
    sqlite3_trace_v2(ui.db().handle(), 0, nullptr, nullptr);
}

TEST_CASE("a date filter that is not a date shows nothing rather than everything") {
    UiDriver ui(0);
    add_data(ui);
    ui.click("Activities", "sidebar");
    ui.click("Filters");
    ui.fill("From", format_date(local_today() - 3), kFilters);
    CHECK(ui.has("Zebra project review", kActivities));
    CHECK_FALSE(ui.has("Annual contract talks", kActivities));
    ui.fill("From", "2026-13-01", kFilters);
    CHECK_FALSE(ui.has("Zebra project review", kActivities));
    CHECK(ui.has("Nothing matches the search and filters.", kActivities));
}

TEST_CASE("a contacts filter saved by name comes back with its search, apart from the customers' filters") {
    UiDriver ui(3);
    add_data(ui);
    ui.click("Contacts", "sidebar");
    ui.click("Filters");
    ui.fill("Search the list", "haichuan");
    ui.click("Opted out", kFilters);
    ui.click("Of something", "##Combo");
    ui.click("Save filter…", kFilters);
    ui.fill("Filter name", "Haichuan opt-outs", "Save filter");
    ui.click("Save", "Save filter");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM saved_filters WHERE name = 'Haichuan opt-outs' AND list = 'contacts'") ==
          1);

    ui.click("Clear filters", kFilters);
    ui.fill("Search the list", "");
    CHECK(ui.has("Zhao Min", kContacts));
    ui.click("Saved filters", kFilters);
    ui.click("Haichuan opt-outs", "##Combo");
    CHECK(ui.has("Li Lei", kContacts));
    CHECK_FALSE(ui.has("Wang Fang", kContacts));
    CHECK_FALSE(ui.has("Zhao Min", kContacts));
    CHECK(ui.has("Filters (1)"));

    // Not offered on the customers list, whose filters are others.
    ui.click("Customers", "sidebar");
    ui.click("Filters");
    ui.click("Saved filters", "customer_filters");
    CHECK_FALSE(ui.has("Haichuan opt-outs", "##Combo"));
    ui.press(ImGuiKey_Escape);

    ui.click("Contacts", "sidebar");
    ui.click("Delete “Haichuan opt-outs”", kFilters);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM saved_filters WHERE deleted = 0") == 0);
}
