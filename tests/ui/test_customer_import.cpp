// Importing customers from CSV (ui/screens/customer_import_screen) and exporting the
// customers list as CSV (ui/screens/customers), driven by label.
#include <doctest/doctest.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kFile =
    "名称,编号,城市,邮箱\r\n"
    "杭州海川软件有限公司,H1,杭州,info@haichuan.cn\r\n"
    "宁波东港贸易有限公司,H2,宁波,not-an-email\r\n"
    "\"Suzhou \"\"Lake\"\" Optics\",H3,苏州,\r\n";

void choose(UiDriver& ui, const std::string& name, const std::string& bytes) {
    ui.click("Import customers");
    ui.click("Choose file…");
    REQUIRE(ui.services().file_chosen);
    CHECK(ui.services().file_accept == ".csv,text/csv");
    ui.services().file_chosen(name, bytes);
    ui.frames(2);
}

int64_t customers_named(UiDriver& ui, const char* name) {
    crm::Stmt stmt = ui.db().prepare("SELECT count(*) FROM customers WHERE name = ?1 AND deleted = 0");
    stmt.bind(1, name);
    REQUIRE(stmt.step().value_or(false));
    return stmt.int64(0);
}

}  // namespace

TEST_CASE("a UTF-8 file with one bad row shows its encoding, the row's error, and imports the good rows") {
    UiDriver ui(3);
    const int64_t before = scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0");
    choose(ui, "客户.csv", kFile);
    CHECK(ui.find("客户.csv · UTF-8 · 3 rows", {}, true).has_value());
    CHECK(ui.find("info@haichuan.cn", {}, true).has_value());  // the sample of the 邮箱 column
    const auto error = ui.find("Email: Not an email address (name@example.com)", {}, true);
    const auto row = ui.find("宁波东港贸易有限公司", {}, true);
    REQUIRE(error);
    REQUIRE(row);
    CHECK(error->min.y == doctest::Approx(row->min.y).epsilon(0.01));  // on the row's line
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == before);

    ui.click("Skip them");
    ui.click("Import");
    ui.frames(3);
    CHECK(ui.find("Imported 2 customers (0 updated), 1 rows skipped", {}, true).has_value());
    CHECK(ui.find("Row 3: Email: Not an email address (name@example.com)", {}, true).has_value());
    CHECK(customers_named(ui, "杭州海川软件有限公司") == 1);
    CHECK(customers_named(ui, "Suzhou \"Lake\" Optics") == 1);
    CHECK(customers_named(ui, "宁波东港贸易有限公司") == 0);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == before + 2);
}

TEST_CASE("in all-or-nothing mode one bad row imports nothing, and says so") {
    UiDriver ui(3);
    const int64_t before = scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0");
    choose(ui, "customers.csv", kFile);
    ui.click("Import nothing");
    ui.click("Import");
    ui.frames(3);
    CHECK(ui.find("Nothing was imported: 1 rows have problems. Fix them, or choose to skip them.", {}, true));
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE deleted = 0") == before);
}

TEST_CASE("a choice cell may hold its caption in either language; other cells and repeated codes say why") {
    UiDriver ui(3);
    choose(ui, "types.csv",
           "名称,编号,类型\r\n"
           "甲贸易公司,T1,企业客户\r\n"
           "乙贸易公司,T2,Distributor\r\n"
           "丙贸易公司,T3,big\r\n"
           "丁贸易公司,t1,enterprise\r\n");
    CHECK(ui.find("Type: Not one of the values: consumer (Consumer), enterprise (Enterprise), distributor "
                  "(Distributor), public_institution (Public institution)",
                  {}, true));
    CHECK(ui.find("Code: Same as row 2 of this file", {}, true));

    ui.click("Skip them");
    ui.click("Import");
    ui.frames(3);
    CHECK(ui.find("Imported 2 customers (0 updated), 2 rows skipped", {}, true).has_value());
    CHECK(ui.find("Row 5: Code: Same as row 2 of this file", {}, true).has_value());
    CHECK(crm::test::scalar_text(ui.db(), "SELECT type FROM customers WHERE code = ?1", "T1") == "enterprise");
    CHECK(crm::test::scalar_text(ui.db(), "SELECT type FROM customers WHERE code = ?1", "T2") == "distributor");
    CHECK(customers_named(ui, "丁贸易公司") == 0);
}

TEST_CASE("every value a choice column stores has a caption in both languages, for the import to read") {
    for (std::string_view column : crm::customer_columns()) {
        INFO(column);
        std::vector<std::string_view> values;
        for (const crm::ui::Choice& choice : crm::ui::choices_of_field(column)) {
            if (choice.value.empty()) continue;
            values.push_back(choice.value);
            for (crm::ui::Language language : {crm::ui::Language::en, crm::ui::Language::zh})
                CHECK(std::string_view(crm::ui::tr_in(language, choice.caption)) != choice.caption);
        }
        const std::span<const std::string_view> stored = crm::customer_choices(column);
        CHECK(values == std::vector<std::string_view>(stored.begin(), stored.end()));
    }
}

TEST_CASE("a file that is not text says why and offers no import") {
    UiDriver ui(3);
    choose(ui, "photo.csv", "name\n\xff\xd8\xff\xe0\n");
    CHECK(ui.find("The file is neither UTF-8 nor GBK/GB18030 text (line 2).", {}, true).has_value());
    CHECK_FALSE(ui.has("Import"));
}

TEST_CASE("Import customers is in the sidebar only for those who may create customers") {
    UiDriver reader(ServerMode{});
    reader.log_in("viewer", "Viewer", R"({"customers":{"view":"all","create":"none"}})");
    CHECK_FALSE(reader.has("Import customers"));
    UiDriver sales(ServerMode{});
    sales.log_in("sales1", "Sales One", R"({"customers":{"view":"all","create":"own"}})");
    CHECK(sales.has("Import customers"));
}

TEST_CASE("Export CSV downloads exactly the customers the search shows") {
    UiDriver ui(12);
    const std::string code = crm::test::scalar_text(ui.db(), "SELECT code FROM customers WHERE rowid = ?1", "5");
    const std::string name = crm::test::scalar_text(ui.db(), "SELECT name FROM customers WHERE rowid = ?1", "5");
    ui.fill("Search", code);
    CHECK(ui.find("1 shown", {}, true).has_value());
    ui.click("Export CSV");
    const std::string& bytes = ui.services().downloaded_bytes;
    CHECK(ui.services().downloaded_name.ends_with(".csv"));
    crm::Result<std::vector<crm::csv::Row>> rows = crm::csv::parse(bytes);
    REQUIRE_OK(rows);
    REQUIRE(rows.value().size() == 2);
    CHECK(rows.value()[0][1] == "name");
    CHECK(rows.value()[1][1] == name);
    CHECK(rows.value()[1][2] == code);
    CHECK(ui.find("Exported 1 customers", {}, true).has_value());
}
