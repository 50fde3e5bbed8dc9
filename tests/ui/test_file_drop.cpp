// Files dropped onto the page (ui/app: App::file_dropped, which the browser's drop event
// calls): a CSV opens in Import customers, a database image asks before it replaces the
// sandbox's records, and where neither may happen the person is told why.
#include <doctest/doctest.h>

#include <string>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kFile =
    "名称,编号,城市\r\n"
    "杭州海川软件有限公司,H1,杭州\r\n"
    "宁波东港贸易有限公司,H2,宁波\r\n";

std::string exported_image(UiDriver& ui) {
    ui.click("Database");
    ui.click("Export database image…");
    return ui.services().downloaded_bytes;
}

}  // namespace

TEST_CASE("a CSV dropped on any screen opens in Import customers, as if chosen there") {
    UiDriver ui(5);
    ui.click("Activities", "sidebar");
    ui.app().file_dropped("新客户.csv", kFile);
    ui.frames(2);
    CHECK(ui.find("新客户.csv · UTF-8 · 2 rows", {}, true).has_value());
    CHECK(ui.find("Import").has_value());  // the Import customers screen shows it
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == 5);  // nothing imported yet
}

TEST_CASE("a database image dropped on the sandbox replaces its records only after the person agrees") {
    UiDriver ui(15);
    const std::string image = exported_image(ui);
    REQUIRE(image.starts_with(std::string("SQLite format 3\0", 16)));
    REQUIRE_OK(ui.db().exec("UPDATE customers SET deleted = 1 WHERE code = 'C10001'"));
    ui.frames(1);

    SUBCASE("Cancel keeps every record as it is") {
        ui.app().file_dropped("backup.bin", image);  // known by its bytes, whatever its name
        ui.frames(2);
        REQUIRE(ui.find("All records in this tab are replaced by those of backup.bin. Export first to keep them.",
                        "confirm", true));
        ui.click("Cancel", "confirm");
        CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == 14);
    }
    SUBCASE("Replace imports it") {
        ui.app().file_dropped("crm-2026-12-04.sqlite", image);
        ui.frames(2);
        ui.click("Replace", "confirm");
        CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == 15);
        CHECK(ui.find("Imported: 15 customers", {}, true).has_value());
    }
    SUBCASE("a damaged image says why and changes nothing") {
        ui.app().file_dropped("broken.sqlite", image.substr(0, 1000));
        ui.frames(2);
        ui.click("Replace", "confirm");
        CHECK(ui.find("Not imported: the file is not a SQLite database, or it is damaged", {}, true).has_value());
        CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == 14);
    }
}

TEST_CASE("logged in, an image is refused with the reason, and so is a CSV for someone who may not import") {
    UiDriver viewer(ServerMode{});
    viewer.log_in("viewer", "Viewer", R"({"customers":{"view":"all","create":"none"}})");
    viewer.app().file_dropped("crm.sqlite", std::string("SQLite format 3\0", 16));
    viewer.frames(2);
    CHECK(viewer.find("A database image can be imported in the sandbox only; here the records come from the server.",
                      {}, true)
              .has_value());
    CHECK_FALSE(viewer.find("Replace", "confirm").has_value());
    viewer.app().file_dropped("new.csv", kFile);
    viewer.frames(2);
    CHECK(viewer.find("You may not import customers, so a dropped file cannot be opened here.", {}, true).has_value());

    UiDriver login_screen(ServerMode{});  // nobody logged in: nothing to drop onto
    login_screen.app().file_dropped("new.csv", kFile);
    login_screen.frames(2);
    CHECK_FALSE(login_screen.find("You may not import customers, so a dropped file cannot be opened here.", {}, true)
                    .has_value());
}
