// Tests for domain/csv_export: the customers list exactly as filtered and sorted, imported
// back unchanged; contacts with each opt-out honoured and the fully opted-out left out.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/csv.hpp"
#include "customer_fixtures.hpp"
#include "domain/contact.hpp"
#include "domain/csv_export.hpp"
#include "domain/customer_import.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::saved;

namespace {

std::vector<csv::Row> rows_of(const std::string& bytes) {
    CHECK(bytes.starts_with(kUtf8Bom));
    Result<std::vector<csv::Row>> rows = csv::parse(bytes);
    REQUIRE_OK(rows);
    return rows.value();
}

Contact contact(const std::string& customer_id, const char* name) {
    Contact c;
    c.customer_id = customer_id;
    c.name = name;
    c.phone = "010-6552 0001";
    c.mobile = "138 0000 0001";
    c.email = std::string(name) + "@huaxin.cn";
    c.address = "建国路 88 号";
    return c;
}

void save(Db& db, Contact c) { REQUIRE_OK(save_contact(db, c, "sales1")); }

}  // namespace

TEST_CASE("the customers export has the rows the list shows, in its order, under field-name headers") {
    Db db = crm::test::fresh_crm_db();
    saved(db, crm::test::company("北京华信", "C2"));
    saved(db, crm::test::company("上海华信", "C1"));
    saved(db, crm::test::company("杭州海川", "C3"));
    CustomerQuery query;
    query.search = "华信";
    query.sort = {{CustomerColumn::code, true}};
    CsvExport out = export_customers_csv(db, query);
    CHECK(out.rows == 2);
    std::vector<csv::Row> rows = rows_of(out.bytes);
    REQUIRE(rows.size() == 3);
    const std::span<const std::string_view> columns = customer_columns();
    CHECK(rows[0] == csv::Row(columns.begin(), columns.end()));
    CHECK(rows[0][1] == "name");
    CHECK(rows[1][1] == "北京华信");
    CHECK(rows[2][1] == "上海华信");
    CHECK(out.bytes.find("\r\n") != std::string::npos);
    CHECK(out.bytes.find("'010-6552 8888") == std::string::npos);  // not a formula: no guard
}

TEST_CASE("an exported list imports back unchanged, phones with a leading + and formulas included") {
    Db db = crm::test::fresh_crm_db();
    Customer c = crm::test::company("=HYPERLINK(\"http://x\")", "C1");
    c.phone = "+86 10 6552 8888";
    c.notes = "two\nlines, \"quoted\"";
    c.tags = "VIP, 华东";
    c = saved(db, c);
    CsvExport out = export_customers_csv(db, {});
    CHECK(out.bytes.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
    CHECK(out.bytes.find(",'+86 10 6552 8888,") != std::string::npos);

    Result<ImportFile> file = read_import_file(out.bytes);
    REQUIRE_OK(file);
    ImportOptions options;
    options.mapping = guess_mapping(file.value().header);
    options.actor = "sales2";
    ImportJob job(db, file.value(), options);
    CHECK_FALSE(job.step(100));
    CHECK(job.state() == ImportJob::State::committed);
    CHECK(job.summary().updated == 1);
    std::optional<Customer> after = find_customer(db, c.id);
    REQUIRE(after);
    CHECK(after->updated_by == c.updated_by);  // nothing changed, so nothing was written
    CHECK(*after == c);
}

TEST_CASE("the contacts export empties each opted-out channel and leaves out who opted out of all") {
    Db db = crm::test::fresh_crm_db();
    const Customer customer = saved(db, crm::test::company("华信科技", "C1"));
    const Customer other = saved(db, crm::test::company("海川软件", "C2"));
    Contact plain = contact(customer.id, "anna");
    Contact no_email = contact(customer.id, "bo");
    no_email.no_email = true;
    Contact no_call = contact(customer.id, "chen");
    no_call.no_call = true;
    Contact no_sms = contact(customer.id, "du");
    no_sms.no_sms = true;
    Contact no_mail = contact(customer.id, "er");
    no_mail.no_mail = true;
    Contact nothing = contact(customer.id, "fan");
    nothing.no_email = nothing.no_call = nothing.no_sms = nothing.no_mail = true;
    for (const Contact& c : {plain, no_email, no_call, no_sms, no_mail, nothing}) save(db, c);
    save(db, contact(other.id, "gao"));

    const std::vector<std::string> ids = {customer.id};
    CsvExport out = export_contacts_csv(db, ids);
    CHECK(out.rows == 5);
    CHECK(out.left_out == 1);
    std::vector<csv::Row> rows = rows_of(out.bytes);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0] == csv::Row{"customer_code", "customer_name", "name", "title", "role", "phone", "mobile", "email",
                              "address", "birthday"});
    // customer_code, customer_name, name, title, role, phone, mobile, email, address, birthday
    CHECK(rows[1] == csv::Row{"C1", "华信科技", "anna", "", "", "010-6552 0001", "138 0000 0001", "anna@huaxin.cn",
                              "建国路 88 号", ""});
    CHECK(rows[2][7].empty());                           // bo: no email
    CHECK((rows[3][5].empty() && rows[3][6].empty()));  // chen: no calls, so no number at all
    CHECK((rows[4][5] == "010-6552 0001" && rows[4][6].empty()));  // du: no SMS, no mobile
    CHECK(rows[5][8].empty());                          // er: no letters
    CHECK(out.bytes.find("fan") == std::string::npos);

    CsvExport all = export_all_contacts_csv(db);
    CHECK(all.rows == 6);
    CHECK(all.left_out == 1);
    CHECK(rows_of(all.bytes).back()[2] == "gao");
}
