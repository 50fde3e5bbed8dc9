// Exporting and importing the whole database from the top bar's Database menu (ui/app).
#include <doctest/doctest.h>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::UiDriver;

TEST_CASE("Export offers the database as a dated .sqlite file that imports back, replacing what changed since") {
    UiDriver ui(15);
    ui.click("Database");
    ui.click("Export database image…");
    const std::string image = ui.services().downloaded_bytes;
    CHECK(image.substr(0, 16) == std::string("SQLite format 3\0", 16));
    CHECK(ui.services().downloaded_name.starts_with("crm-"));
    CHECK(ui.services().downloaded_name.ends_with(".sqlite"));

    REQUIRE_OK(ui.db().exec("UPDATE customers SET deleted = 1 WHERE code = 'C10001'"));
    ui.frames(1);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == 14);

    ui.click("Database");
    ui.click("Import database image…");
    REQUIRE(ui.find("All records in this tab are replaced by the file's. Export first to keep them.", "confirm", true));
    ui.click("Choose file…", "confirm");
    CHECK(ui.services().file_pickers_opened == 1);
    ui.app().import_image(image);  // what the browser hands back from the picker
    ui.frames(2);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == 15);
    CHECK(ui.find("Imported: 15 customers", {}, true).has_value());
    CHECK(ui.find("15 customers", {}, true).has_value());  // the list shows the imported data
}

TEST_CASE("importing a file that is not a CRM database says why and keeps every record") {
    UiDriver ui(15);
    ui.app().import_image("name,phone\nACME,123\n");
    ui.frames(2);
    CHECK(ui.find("Not imported: the file is not a SQLite database, or it is damaged", {}, true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == 15);
}

TEST_CASE("cancelling the import confirmation opens no file picker") {
    UiDriver ui;
    ui.click("Database");
    ui.click("Import database image…");
    ui.click("Cancel", "confirm");
    CHECK(ui.services().file_pickers_opened == 0);
}
