// The sandbox's banner, Reset and training panel (ui/app, ui/training_panel), driven by label:
// tasks tick when the trainee really does them through the screens, and Reset asks, then
// brings back the demo data and starts the training over.
#include <doctest/doctest.h>

#include <string>

#include "core/packed_memory.hpp"
#include "domain/customer_file.hpp"
#include "domain/demo_data.hpp"
#include "domain/training.hpp"
#include "support.hpp"
#include "ui/i18n.hpp"
#include "ui_driver.hpp"

namespace test = crm::test;
namespace window = crm::test::window;
using test::UiDriver;

namespace {

constexpr const char* kCustomerTask = "Create a customer with a contact";
constexpr const char* kPhoneTask = "Find a customer by phone";

bool ticked(UiDriver& ui, const std::string& task) {
    const bool done = ui.has(task + ": done", window::training_panel);
    CHECK(done != ui.has(task + ": not done", window::training_panel));  // one row, in one state
    return done;
}

std::string all_customer_ids(UiDriver& ui) {
    return test::scalar_text(
        ui.db(), "SELECT group_concat(id) FROM (SELECT id FROM customers WHERE deleted = ?1 ORDER BY id)", "0");
}

void create_customer_with_contact(UiDriver& ui) {
    ui.click("New customer");
    ui.fill("Name", "Harbour Lights Trading", window::customer_form);
    ui.click("Create customer", window::customer_form);
    REQUIRE(test::scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = 'Harbour Lights Trading'") == 1);
    ui.click("Contacts (0)", window::customer_form);
    ui.click("Add contact", window::customer_form);
    ui.fill("Name", "Li Na", window::contact_dialog);
    ui.click("Add", window::contact_dialog);
    REQUIRE(test::scalar(ui.db(), "SELECT count(*) FROM contacts WHERE name = 'Li Na' AND deleted = 0") == 1);
}

int64_t database_bytes(UiDriver& ui) {
    return test::scalar(ui.db(), "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
}

}  // namespace

TEST_CASE("the sandbox's top bar shows the banner, Training and Reset; the panel lists the tasks, none done") {
    UiDriver ui;
    CHECK(ui.find("Sandbox: changes are not saved", {}, true).has_value());
    auto reset = ui.find("Reset sandbox");
    REQUIRE(reset);
    CHECK(reset->max.x <= 1366);
    CHECK_FALSE(ui.find("Guided tasks", window::training_panel, true).has_value());  // hidden until asked for
    ui.click("Training");
    REQUIRE(ui.find("Guided tasks", window::training_panel, true).has_value());
    CHECK(ui.find("0 of 5 done", window::training_panel, true).has_value());
    for (const char* task :
         {kCustomerTask, "Log a visit", kPhoneTask, "Add points to a customer", "Merge two customers"}) {
        CAPTURE(task);
        CHECK_FALSE(ticked(ui, task));
    }
    // The panel fits a 1366 x 768 screen beside the customers list and form.
    auto last_row = ui.find("Merge two customers: not done", window::training_panel);
    REQUIRE(last_row);
    CHECK(last_row->max.x <= 1366);
    CHECK(last_row->max.y <= 768);
    CHECK(ui.has("New customer"));
    ui.click("Training");
    CHECK_FALSE(ui.find("Guided tasks", window::training_panel, true).has_value());
}

TEST_CASE("the server mode shows neither the banner nor the training") {
    UiDriver ui(test::ServerMode{});
    CHECK_FALSE(ui.find("Sandbox: changes are not saved", {}, true).has_value());
    CHECK_FALSE(ui.has("Training"));
    CHECK_FALSE(ui.has("Reset sandbox"));
}

TEST_CASE("a customer created with a contact through the screens ticks its task, not before the contact is added") {
    UiDriver ui;
    ui.click("Training");
    ui.click("New customer");
    ui.fill("Name", "Harbour Lights Trading", window::customer_form);
    ui.click("Create customer", window::customer_form);
    CHECK_FALSE(ticked(ui, kCustomerTask));  // a customer alone is half of it
    ui.click("Contacts (0)", window::customer_form);
    ui.click("Add contact", window::customer_form);
    ui.fill("Name", "Li Na", window::contact_dialog);
    ui.click("Add", window::contact_dialog);
    CHECK(ticked(ui, kCustomerTask));
    CHECK(ui.find("1 of 5 done", window::training_panel, true).has_value());
}

TEST_CASE("a task done with the panel hidden is ticked when it opens") {
    UiDriver ui;
    create_customer_with_contact(ui);
    ui.click("Training");
    CHECK(ticked(ui, kCustomerTask));
}

TEST_CASE("a customer's phone number typed in the search box ticks the phone task; a name does not") {
    UiDriver ui;
    ui.click("Training");
    const std::string name =
        test::scalar_text(ui.db(), "SELECT name FROM customers WHERE phone <> ?1 ORDER BY rowid LIMIT 1", "");
    const std::string phone = test::scalar_text(ui.db(), "SELECT phone FROM customers WHERE name = ?1", name);
    ui.fill("Search", name);
    CHECK_FALSE(ticked(ui, kPhoneTask));
    ui.fill("Search", phone);
    CHECK(ui.has(name, window::customer_list));
    CHECK(ticked(ui, kPhoneTask));
    // Clearing the search does not take the tick back: the customer was found.
    ui.fill("Search", "");
    CHECK(ticked(ui, kPhoneTask));
}

TEST_CASE("Reset asks what will be lost; cancelling keeps everything") {
    UiDriver ui;
    create_customer_with_contact(ui);
    ui.click("Reset sandbox");
    REQUIRE(ui.has("Yes, reset", window::confirm));
    auto message = ui.find(
        "Everything done in the sandbox will be lost: the customers, contacts, activities\nand points added, changed, "
        "merged or deleted, any form not yet saved, and the\ntraining's progress. The demo data is made again, of the size chosen below, the\n"
        "first screen opens and the training starts over.",
        window::confirm, true);
    CHECK(message.has_value());
    ui.click("Cancel", window::confirm);
    CHECK_FALSE(ui.has("Yes, reset", window::confirm));
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = 'Harbour Lights Trading'") == 1);
}

TEST_CASE("Reset brings back the demo data as at the start, the first screen, and the training with no task done") {
    UiDriver ui;
    const std::string demo_ids = all_customer_ids(ui);
    const int64_t demo_activities = test::scalar(ui.db(), "SELECT count(*) FROM activities");
    ui.click("Training");
    create_customer_with_contact(ui);
    ui.fill("Search",
            test::scalar_text(ui.db(), "SELECT phone FROM customers WHERE phone <> ?1 ORDER BY rowid LIMIT 1", ""));
    REQUIRE(ticked(ui, kCustomerTask));
    REQUIRE(ticked(ui, kPhoneTask));
    ui.click("My day");
    REQUIRE_FALSE(ui.has("New customer"));

    ui.click("Reset sandbox");
    ui.click("Yes, reset", window::confirm);
    ui.frames(2);
    CHECK(all_customer_ids(ui) == demo_ids);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers WHERE name = 'Harbour Lights Trading'") == 0);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM contacts WHERE name = 'Li Na'") == 0);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM activities") == demo_activities);
    CHECK(ui.has("New customer"));  // the customers screen, the first
    CHECK(ui.find("12 customers", {}, true).has_value());
    CHECK(ui.find("Sandbox reset: 12 demo customers", {}, true).has_value());
    CHECK_FALSE(ui.app().has_unsaved_work());
    CHECK(ui.find("0 of 5 done", window::training_panel, true).has_value());
    CHECK_FALSE(ticked(ui, kCustomerTask));
    CHECK_FALSE(ticked(ui, kPhoneTask));

    // The training counts again from the reset.
    create_customer_with_contact(ui);
    CHECK(ticked(ui, kCustomerTask));
}

TEST_CASE("Reset makes the demo data in the size chosen in its dialog, and offers that size the next time") {
    UiDriver ui;
    ui.click("Reset sandbox");
    CHECK_FALSE(ui.find("Large data takes a few seconds to make.", window::confirm, true).has_value());
    ui.click("Customers", window::confirm);
    ui.click("10,000", "##Combo");
    CHECK(ui.find("Large data takes a few seconds to make.", window::confirm, true).has_value());
    ui.click("Customers", window::confirm);
    ui.click("60", "##Combo");
    ui.click("Activities", window::confirm);
    ui.click("+10,000 over 3 years", "##Combo");
    ui.click("Yes, reset", window::confirm);
    ui.frames(2);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 60);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM activities WHERE at < date('now', '-1 year')") > 5000);
    CHECK(ui.find("Sandbox reset: 60 demo customers", {}, true).has_value());

    // The next Reset starts from that size: confirmed as it is, it makes the same again.
    create_customer_with_contact(ui);
    REQUIRE(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 61);
    ui.click("Reset sandbox");
    ui.click("Yes, reset", window::confirm);
    ui.frames(2);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 60);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM activities WHERE at < date('now', '-1 year')") > 5000);
}

TEST_CASE("Reset can keep the data in compact memory, says what the data takes, and can turn it off again") {
    // Whatever happens below, the tests after this one start without compact memory.
    struct Restore {
        ~Restore() { crm::set_compact_memory(false); }
    } restore;
    UiDriver ui;
    REQUIRE_FALSE(crm::compact_memory());
    crm::PackedMemoryStats stats;
    REQUIRE_FALSE(crm::packed_memory_stats(ui.db().handle(), stats));
    constexpr const char* kPlain = "Database in memory: nothing is stored on this computer";
    constexpr const char* kCompact = "Database in memory, compressed: nothing is stored on this computer";
    CHECK(ui.find(kPlain, {}, true).has_value());
    ui.click("Reset sandbox");
    CHECK(ui.find("In memory now: " + crm::format_file_size(database_bytes(ui)) + " of data.", window::confirm, true)
              .has_value());
    ui.click("Compact memory", window::confirm);
    ui.click("Yes, reset", window::confirm);
    ui.frames(2);
    CHECK(crm::compact_memory());
    REQUIRE(crm::packed_memory_stats(ui.db().handle(), stats));
    CHECK(ui.find(kCompact, {}, true).has_value());  // the status bar says so
    CHECK_FALSE(ui.find(kPlain, {}, true).has_value());
    // 12 customers fit in the chunks the store holds decompressed (1 MB): nothing is
    // compressed yet, so the dialog will say only what the data takes.
    CHECK(stats.packed_chunks == 0);
    CHECK(stats.stored_bytes >= stats.file_bytes);
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 12);
    // The work goes on as before, in the compact database.
    create_customer_with_contact(ui);
    ui.click("Training");
    CHECK(ticked(ui, kCustomerTask));

    // The dialog now shows the choice ticked; unticked, the next database is SQLite's own
    // again. (What a larger dataset is kept in compressed, the browser test reads.)
    ui.click("Reset sandbox");
    CHECK(ui.find("In memory now: " + crm::format_file_size(database_bytes(ui)) + " of data.", window::confirm, true)
              .has_value());
    ui.click("Compact memory", window::confirm);
    ui.click("Yes, reset", window::confirm);
    ui.frames(2);
    CHECK_FALSE(crm::compact_memory());
    CHECK_FALSE(crm::packed_memory_stats(ui.db().handle(), stats));
    CHECK(ui.find(kPlain, {}, true).has_value());
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 12);
}

TEST_CASE("the sandbox keeps data larger than the threshold in compact memory, unless the memory was chosen") {
    struct Restore {
        ~Restore() { crm::set_compact_memory(false); }
    } restore;
    constexpr const char* kCompact = "Database in memory, compressed: nothing is stored on this computer";
    // 2,000 customers are about 5 MB: over a threshold of 1 MB (the app's is 400 MB).
    auto one_megabyte = [](crm::ui::AppOptions& options) { options.compact_memory_above = int64_t{1} << 20; };
    {
        UiDriver ui(2'000, one_megabyte);
        CHECK(crm::compact_memory());
        crm::PackedMemoryStats stats;
        CHECK(crm::packed_memory_stats(ui.db().handle(), stats));
        CHECK(ui.find(kCompact, {}, true).has_value());
        CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 2'000);
    }
    {
        UiDriver ui(2'000, [&](crm::ui::AppOptions& options) {
            one_megabyte(options);
            crm::set_compact_memory(false);  // ?memory=uncompressed (main_web.cpp)
            options.memory_chosen = true;
        });
        CHECK_FALSE(crm::compact_memory());
        CHECK_FALSE(ui.find(kCompact, {}, true).has_value());
    }
    UiDriver small(12, one_megabyte);  // 12 customers: under the threshold
    CHECK_FALSE(crm::compact_memory());
    CHECK_FALSE(small.find(kCompact, {}, true).has_value());
}

TEST_CASE("Reset's compact memory follows the size chosen until the person clicks it") {
    struct Restore {
        ~Restore() { crm::set_compact_memory(false); }
    } restore;
    UiDriver ui(12, [](crm::ui::AppOptions& options) { options.compact_memory_above = int64_t{1} << 20; });
    auto chosen_text = [&](int customers, bool ticked_for_it) {
        crm::DemoOptions size;
        size.customers = customers;
        const std::string bytes = crm::format_file_size(crm::estimated_demo_bytes(size));
        return ticked_for_it ? "The data chosen takes about " + bytes + " uncompressed, so compact memory is ticked for it."
                             : "The data chosen takes about " + bytes + " in memory.";
    };
    auto shows = [&](int customers, bool ticked_for_it) {
        return ui.find(chosen_text(customers, ticked_for_it), window::confirm, true).has_value();
    };
    auto choose = [&](const char* customers) {
        ui.click("Customers", window::confirm);
        ui.click(customers, "##Combo");
    };
    auto confirm = [&] {
        ui.click("Yes, reset", window::confirm);
        ui.frames(2);
    };
    ui.click("Reset sandbox");
    CHECK(shows(12, false));
    choose("1,000");
    CHECK(shows(1'000, true));
    confirm();
    CHECK(crm::compact_memory());
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 1'000);

    // Smaller data again: unticked by itself.
    ui.click("Reset sandbox");
    CHECK(shows(1'000, true));
    choose("60");
    CHECK(shows(60, false));
    confirm();
    CHECK_FALSE(crm::compact_memory());

    // Unticked by the person for large data: their choice stays, whatever the size.
    ui.click("Reset sandbox");
    choose("1,000");
    ui.click("Compact memory", window::confirm);
    CHECK(shows(1'000, false));
    confirm();
    CHECK_FALSE(crm::compact_memory());
    CHECK(test::scalar(ui.db(), "SELECT count(*) FROM customers") == 1'000);
    ui.click("Reset sandbox");
    CHECK(shows(1'000, false));
    confirm();
    CHECK_FALSE(crm::compact_memory());

    // Ticked by the person for small data: the dialog says what it takes uncompressed.
    ui.click("Reset sandbox");
    choose("60");
    ui.click("Compact memory", window::confirm);
    crm::DemoOptions sixty;
    sixty.customers = 60;
    CHECK(ui.find("The data chosen takes about " + crm::format_file_size(crm::estimated_demo_bytes(sixty)) + " uncompressed.",
                  window::confirm, true)
              .has_value());
    confirm();
    CHECK(crm::compact_memory());
}

TEST_CASE("every guided task has a title and a hint in English and Chinese") {
    for (crm::ui::Language language : {crm::ui::Language::en, crm::ui::Language::zh}) {
        crm::ui::set_language(language);
        for (crm::TrainingTask task : crm::kTrainingTasks) {
            const std::string name(crm::task_name(task));
            CAPTURE(name);
            CHECK(crm::ui::has_translation("training.task." + name));
            CHECK(crm::ui::has_translation("training.hint." + name));
        }
    }
    crm::ui::set_language(crm::ui::Language::en);
}
