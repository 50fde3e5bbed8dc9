// Tests for domain/customer_import: reading files in UTF-8 and GBK, guessing the mapping,
// the preview's per-row problems, insert-or-update by each key, both modes, permissions,
// and a cancel that leaves the database exactly as it was.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "customer_fixtures.hpp"
#include "domain/customer_import.hpp"
#include "sync/client.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::customer_rows;
using crm::test::saved;
using crm::test::scalar;

namespace {

ImportFile file_of(std::string_view bytes) {
    Result<ImportFile> file = read_import_file(bytes);
    INFO(crm::test::error_text(file));
    REQUIRE(file.ok());
    return std::move(file).value();
}

ImportOptions options_for(const ImportFile& file, ImportKey key = ImportKey::code,
                          ImportMode mode = ImportMode::skip_bad_rows) {
    ImportOptions options;
    options.mapping = guess_mapping(file.header);
    options.key = key;
    options.mode = mode;
    options.actor = "sales1";
    return options;
}

ImportSummary run(Db& db, const ImportFile& file, ImportOptions options, ImportJob::State expected,
                  size_t budget = 2000) {
    ImportJob job(db, file, std::move(options));
    while (job.step(budget)) CHECK(job.done() < job.total());
    CHECK(job.state() == expected);
    INFO(job.error().message);
    return job.summary();
}

// Every column of every row of the table, in rowid order: equal digests, equal tables.
std::string table_digest(Db& db, const char* table) {
    Stmt stmt = db.prepare(std::string("SELECT * FROM ") + table + " ORDER BY rowid");
    std::string all;
    while (stmt.step().value_or(false)) {
        for (int i = 0; i < stmt.columns(); ++i) all += stmt.text(i) + '\x1f';
        all += '\x1e';
    }
    return std::to_string(std::hash<std::string>{}(all)) + "/" + std::to_string(all.size());
}

std::string city_of_code(Db& db, const char* code) {
    return crm::test::scalar_text(db, "SELECT city FROM customers WHERE code = ?1 AND deleted = 0", code);
}

std::string generated_file(int rows) {
    std::string text = "name,code,city,phone\n";
    for (int i = 0; i < rows; ++i) {
        const std::string n = std::to_string(i);
        text += "客户" + n + ",G" + n + ",\"上海, 浦东\"," + "021-5555 " + std::to_string(1000 + i % 9000) + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("an import file keeps its header apart and its rows with quotes and line breaks as written") {
    ImportFile file = file_of("\xEF\xBB\xBFname,notes\r\n\"华信, 北京\",\"line1\r\nsaid \"\"hi\"\"\"\r\n");
    CHECK(file.encoding == TextEncoding::utf8_bom);
    CHECK(file.header == std::vector<std::string>{"name", "notes"});
    REQUIRE(file.rows.size() == 1);
    CHECK(file.rows[0] == csv::Row{"华信, 北京", "line1\r\nsaid \"hi\""});
}

TEST_CASE("an import file in GBK is decoded and says so; an empty or broken file says why") {
    ImportFile file = file_of("\xc3\xfb\xb3\xc6\n\xbb\xaa\xd0\xc5\xbf\xc6\xbc\xbc\xd3\xd0\xcf\xde\xb9\xab\xcb\xbe\n");
    CHECK(file.encoding == TextEncoding::gb18030);
    CHECK(file.header == std::vector<std::string>{"名称"});
    CHECK(file.rows == std::vector<csv::Row>{{"华信科技有限公司"}});
    CHECK(read_import_file("").error().code == "empty");
    CHECK(read_import_file("name\n\"open\n").error().code == "csv");
    CHECK(read_import_file("name\n\xff\xfe\n").error().code == "encoding");
}

TEST_CASE("the mapping is guessed from English and Chinese captions and from the export's field names") {
    const std::vector<std::string> header = {"客户名称", "编号", " E-mail ", "电话", "城市", "省份", "Address",
                                             "类型",     "等级", "行业",     "负责人", "备注", "标签", "member_level",
                                             "Unknown",  "名称"};
    CHECK(guess_mapping(header) == ColumnMapping{"name", "code", "email", "phone", "city", "province", "address",
                                                 "type", "level", "industry", "owner_id", "notes", "tags",
                                                 "member_level", "", ""});
    const std::span<const std::string_view> columns = customer_columns();
    const std::vector<std::string> field_names(columns.begin(), columns.end());
    CHECK(guess_mapping(field_names) == field_names);
}

TEST_CASE("the preview lists each row's problems under spreadsheet row numbers and writes nothing") {
    Db db = crm::test::fresh_crm_db();
    saved(db, crm::test::company("华信科技", "C1"));
    ImportFile file = file_of("name,code,email\n新客户,,a@b.cn\n,,not-an-email\n\n华信科技改名,C1,\n");
    std::vector<PreviewRow> preview = preview_import(db, file, options_for(file), 10);
    REQUIRE(preview.size() == 3);
    CHECK(preview[0].row == 2);
    CHECK(preview[0].problems.empty());
    CHECK_FALSE(preview[0].updates);
    CHECK(preview[1].row == 3);
    CHECK(preview[1].problems == Problems{{"name", "required", 0}, {"email", "email_format", 0}});
    CHECK(preview[2].row == 5);  // row 4 is blank
    CHECK(preview[2].updates);
    CHECK(preview[2].problems.empty());
    CHECK(customer_rows(db) == 1);
    CHECK(preview_import(db, file, options_for(file), 1).size() == 1);
}

TEST_CASE("skip_bad_rows writes the good rows and lists the bad ones") {
    Db db = crm::test::fresh_crm_db();
    ImportFile file = file_of("name,code,email\n甲公司,A1,\n,A2,\n乙公司,A3,bad\n丙公司,A1,\n丁公司,A4,\n");
    ImportSummary summary = run(db, file, options_for(file), ImportJob::State::committed);
    CHECK(summary.inserted == 2);
    CHECK(summary.updated == 0);
    REQUIRE(summary.bad_rows.size() == 3);
    CHECK(summary.bad_rows[0].row == 3);
    CHECK(summary.bad_rows[0].problems == Problems{{"name", "required", 0}});
    CHECK(summary.bad_rows[1].row == 4);
    CHECK(summary.bad_rows[1].problems == Problems{{"email", "email_format", 0}});
    CHECK(summary.bad_rows[2].row == 5);  // row 2's code again
    CHECK(summary.bad_rows[2].problems == Problems{{"code", "same_as_row", 2}});
    CHECK(customer_rows(db) == 2);
    CHECK(crm::test::scalar_text(db, "SELECT name FROM customers WHERE code = ?1", "A1") == "甲公司");
    CHECK(crm::test::scalar_text(db, "SELECT updated_by FROM customers WHERE code = ?1", "A4") == "sales1");
    CHECK(crm::test::scalar_text(db, "SELECT owner_id FROM customers WHERE code = ?1", "A4") == "sales1");
}

TEST_CASE("all_or_nothing writes nothing when one row is bad, and lists every bad row") {
    Db db = crm::test::fresh_crm_db();
    saved(db, crm::test::company("华信科技", "C1"));
    const std::string before = table_digest(db, "customers");
    ImportFile file = file_of("name,code,email\n甲公司,A1,\n,A2,\n华信新名,C1,\n乙公司,A3,bad\n");
    ImportSummary summary =
        run(db, file, options_for(file, ImportKey::code, ImportMode::all_or_nothing), ImportJob::State::rejected);
    REQUIRE(summary.bad_rows.size() == 2);
    CHECK(summary.bad_rows[0].row == 3);
    CHECK(summary.bad_rows[1].row == 5);
    CHECK(summary.inserted == 0);
    CHECK(summary.updated == 0);
    CHECK(table_digest(db, "customers") == before);

    ImportFile good = file_of("name,code\n甲公司,A1\n华信新名,C1\n");
    ImportSummary ok = run(db, good, options_for(good, ImportKey::code, ImportMode::all_or_nothing),
                           ImportJob::State::committed);
    CHECK(ok.inserted == 1);
    CHECK(ok.updated == 1);
    CHECK(customer_rows(db) == 2);
}

TEST_CASE("a row with an earlier row's code is refused naming that row, alike in the preview and both modes") {
    Db db = crm::test::fresh_crm_db();
    saved(db, crm::test::company("华信科技", "C1"));
    ImportFile file = file_of("name,code\n甲公司,A1\n乙公司,B1\n丙公司, a1\n华信一,C1\n华信二,c1\n丁公司,A1\n");
    const Problems repeats_row_2{{"code", "same_as_row", 2}};
    std::vector<PreviewRow> preview = preview_import(db, file, options_for(file), 10);
    REQUIRE(preview.size() == 6);
    CHECK(preview[0].problems.empty());
    CHECK(preview[1].problems.empty());
    CHECK(preview[2].problems == repeats_row_2);  // codes ignore case, as the unique index does
    CHECK(preview[3].problems.empty());
    CHECK(preview[4].problems == Problems{{"code", "same_as_row", 5}});  // two updates of one customer
    CHECK(preview[5].problems == repeats_row_2);  // the first row with the code, not the last

    ImportSummary skipped = run(db, file, options_for(file), ImportJob::State::committed);
    CHECK(skipped.inserted == 2);
    CHECK(skipped.updated == 1);
    REQUIRE(skipped.bad_rows.size() == 3);
    CHECK(skipped.bad_rows[0].row == 4);
    CHECK(skipped.bad_rows[0].problems == repeats_row_2);
    CHECK(skipped.bad_rows[1].row == 6);
    CHECK(skipped.bad_rows[2].row == 7);
    CHECK(crm::test::scalar_text(db, "SELECT name FROM customers WHERE code = ?1", "A1") == "甲公司");
    CHECK(crm::test::scalar_text(db, "SELECT name FROM customers WHERE code = ?1", "C1") == "华信一");

    Db other = crm::test::fresh_crm_db();
    ImportSummary rejected =
        run(other, file, options_for(file, ImportKey::code, ImportMode::all_or_nothing), ImportJob::State::rejected);
    REQUIRE(rejected.bad_rows.size() == 3);
    CHECK(rejected.bad_rows[0].problems == repeats_row_2);
    CHECK(customer_rows(other) == 0);
}

TEST_CASE("by email or phone, a row whose key matches an earlier row's after normalisation is refused") {
    Db db = crm::test::fresh_crm_db();
    Customer stored = crm::test::company("甲公司");
    stored.email = "Sales@Jia.cn";
    saved(db, stored);
    SUBCASE("email, ignoring case and spaces around it; two updates of one customer as well") {
        ImportFile file = file_of("name,email\n乙公司,new@yi.cn\n丙公司, NEW@yi.cn \n甲一,sales@jia.cn\n甲二,SALES@JIA.CN\n");
        std::vector<PreviewRow> preview = preview_import(db, file, options_for(file, ImportKey::email), 10);
        REQUIRE(preview.size() == 4);
        CHECK(preview[0].problems.empty());
        CHECK(preview[1].problems == Problems{{"email", "same_as_row", 2}});
        CHECK(preview[2].problems.empty());
        CHECK(preview[3].problems == Problems{{"email", "same_as_row", 4}});
        ImportSummary summary = run(db, file, options_for(file, ImportKey::email), ImportJob::State::committed);
        CHECK(summary.inserted == 1);
        CHECK(summary.updated == 1);
        REQUIRE(summary.bad_rows.size() == 2);
        CHECK(summary.bad_rows[0].problems == preview[1].problems);
        CHECK(summary.bad_rows[1].problems == preview[3].problems);
    }
    SUBCASE("phone, ignoring spaces, dashes and the country code") {
        ImportFile file = file_of("name,phone\n乙公司,138 1234 5678\n丙公司,+86 138-1234-5678\n丁公司,\n戊公司,\n");
        std::vector<PreviewRow> preview = preview_import(db, file, options_for(file, ImportKey::phone), 10);
        REQUIRE(preview.size() == 4);
        CHECK(preview[1].problems == Problems{{"phone", "same_as_row", 2}});
        CHECK(preview[3].problems.empty());  // empty keys insert, and never repeat
        ImportSummary summary = run(db, file, options_for(file, ImportKey::phone), ImportJob::State::committed);
        CHECK(summary.inserted == 3);
        REQUIRE(summary.bad_rows.size() == 1);
        CHECK(summary.bad_rows[0].row == 3);
    }
    SUBCASE("two new customers with one code, whatever the key") {
        ImportFile file = file_of("name,code,email\n乙公司,B1,b@yi.cn\n丙公司,b1,c@bing.cn\n");
        std::vector<PreviewRow> preview = preview_import(db, file, options_for(file, ImportKey::email), 10);
        REQUIRE(preview.size() == 2);
        CHECK(preview[1].problems == Problems{{"code", "same_as_row", 2}});
        ImportSummary summary = run(db, file, options_for(file, ImportKey::email), ImportJob::State::committed);
        REQUIRE(summary.bad_rows.size() == 1);
        CHECK(summary.bad_rows[0].problems == preview[1].problems);
    }
}

TEST_CASE("a choice cell holds the stored value or its English or Chinese caption, in any case and width") {
    Db db = crm::test::fresh_crm_db();
    ImportFile file = file_of(
        "name,code,kind,type,level,member_level,gender\n"
        "甲公司,K1,company,enterprise,A,gold,\n"
        "乙公司,K2,Company,Enterprise,a,Gold member,\n"
        "丙公司,K3,组织客户,企业客户,Ａ,金卡会员,\n"
        "丁公司,K4,ＣＯＭＰＡＮＹ, ＥＮＴＥＲＰＲＩＳＥ ,b,GOLD MEMBER,\n"
        "王五,K5,个人客户,消费客户,,,女\n"
        "大公司,K6,company,big,E,gold,\n");
    ImportOptions options = options_for(file);
    // As the UI gives them from its translation tables.
    options.captions = {{"kind", "Company", "company"},      {"kind", "组织客户", "company"},
                        {"kind", "Person", "person"},        {"kind", "个人客户", "person"},
                        {"type", "Enterprise", "enterprise"}, {"type", "企业客户", "enterprise"},
                        {"type", "Consumer", "consumer"},    {"type", "消费客户", "consumer"},
                        {"member_level", "Gold member", "gold"}, {"member_level", "金卡会员", "gold"},
                        {"gender", "Female", "female"},      {"gender", "女", "female"}};
    std::vector<PreviewRow> preview = preview_import(db, file, options, 10);
    REQUIRE(preview.size() == 6);
    for (size_t i = 0; i < 5; ++i) CHECK(preview[i].problems.empty());
    CHECK(preview[5].problems == Problems{{"type", "invalid_choice", 0}, {"level", "invalid_choice", 0}});

    ImportSummary summary = run(db, file, options, ImportJob::State::committed);
    CHECK(summary.inserted == 5);
    REQUIRE(summary.bad_rows.size() == 1);
    CHECK(summary.bad_rows[0].problems == preview[5].problems);
    const char* stored =
        "SELECT kind || '/' || type || '/' || level || '/' || member_level FROM customers WHERE code = ?1";
    for (const char* code : {"K1", "K2", "K3"})
        CHECK(crm::test::scalar_text(db, stored, code) == "company/enterprise/A/gold");
    CHECK(crm::test::scalar_text(db, stored, "K4") == "company/enterprise/B/gold");
    CHECK(crm::test::scalar_text(db, stored, "K5") == "person/consumer//");
    CHECK(crm::test::scalar_text(db, "SELECT gender FROM customers WHERE code = ?1", "K5") == "female");
}

TEST_CASE("an update by code writes only the mapped, non-blank cells and keeps every other field") {
    Db db = crm::test::fresh_crm_db();
    Customer stored = saved(db, crm::test::company("华信科技", "C1"), "boss");
    ImportFile file = file_of("code,city,phone,notes\nc1,上海,,'=1+1\n");  // the code ignores case
    ImportSummary summary = run(db, file, options_for(file), ImportJob::State::committed);
    CHECK(summary.updated == 1);
    std::optional<Customer> after = find_customer(db, stored.id);
    REQUIRE(after);
    CHECK(after->city == "上海");
    CHECK(after->notes == "=1+1");  // the export's formula guard is taken off
    CHECK(after->phone == stored.phone);
    CHECK(after->email == stored.email);
    CHECK(after->name == stored.name);
    CHECK(after->owner_id == "boss");  // not mapped: the owner stays
    CHECK(after->updated_by == "sales1");
    CHECK(customer_rows(db) == 1);
}

TEST_CASE("upsert by email and by phone matches the way the duplicate check does") {
    Db db = crm::test::fresh_crm_db();
    Customer a = crm::test::company("甲公司");
    a.email = "Sales@Jia.cn";
    a.phone = "021-5555 0001";
    a = saved(db, a);
    SUBCASE("email, ignoring case") {
        ImportFile file = file_of("email,city\nsales@jia.CN,杭州\nnew@yi.cn,南京\n");
        ImportFile named = file_of("name,email\n乙公司,new@yi.cn\n");
        run(db, named, options_for(named, ImportKey::email), ImportJob::State::committed);
        ImportSummary summary = run(db, file, options_for(file, ImportKey::email), ImportJob::State::committed);
        CHECK(summary.updated == 2);
        CHECK(find_customer(db, a.id)->city == "杭州");
    }
    SUBCASE("phone, ignoring spaces and dashes; an empty key inserts") {
        ImportFile file = file_of("name,phone,city\n,02155550001,杭州\n丙公司,,南京\n");
        ImportSummary summary = run(db, file, options_for(file, ImportKey::phone), ImportJob::State::committed);
        CHECK(summary.updated == 1);
        CHECK(summary.inserted == 1);
        CHECK(find_customer(db, a.id)->city == "杭州");
        CHECK(find_customer(db, a.id)->name == "甲公司");
    }
    SUBCASE("a key that matches two customers is the row's problem") {
        Customer b = crm::test::company("乙公司");
        b.phone = "(021) 5555-0001";
        saved(db, b);
        ImportFile file = file_of("phone,city\n021 5555 0001,杭州\n");
        ImportSummary summary = run(db, file, options_for(file, ImportKey::phone), ImportJob::State::committed);
        REQUIRE(summary.bad_rows.size() == 1);
        CHECK(summary.bad_rows[0].problems == Problems{{"phone", "ambiguous", 0}});
    }
}

TEST_CASE("imported rows reach the sync outbox like a form's save, and a cancelled import's do not") {
    Db db = crm::test::fresh_crm_db();
    Result<sync::SyncClient> client = sync::SyncClient::attach(db, "sales1");
    REQUIRE_OK(client);
    ImportFile file = file_of("name\n甲公司\n乙公司\n");
    ImportJob cancelled(db, file, options_for(file));
    cancelled.step(1);
    cancelled.cancel();
    CHECK(client.value().pending() == 0);
    run(db, file, options_for(file), ImportJob::State::committed);
    CHECK(client.value().pending() == 2);
    CHECK(scalar(db, "SELECT count(*) FROM sync_outbox WHERE table_name = 'customers' AND op = 'upsert'") == 2);
}

TEST_CASE("rows the person may not create or edit are refused as the row's problem") {
    Db db = crm::test::fresh_crm_db();
    saved(db, crm::test::company("别人的客户", "C1"), "other");
    saved(db, crm::test::company("我的客户", "C2"), "sales1");
    ImportFile file = file_of("name,code,owner\n改名,C1,\n改名二,C2,\n新客户,C3,\n送人,C4,other\n");
    ImportOptions options = options_for(file);
    options.may = [](std::string_view action, std::string_view owner) {
        return (action == "create" || action == "edit") && owner == "sales1";
    };
    ImportSummary summary = run(db, file, options, ImportJob::State::committed);
    CHECK(summary.updated == 1);
    CHECK(summary.inserted == 1);
    REQUIRE(summary.bad_rows.size() == 2);
    CHECK(summary.bad_rows[0].row == 2);
    CHECK(summary.bad_rows[0].problems == Problems{{"owner_id", "forbidden", 0}});
    CHECK(summary.bad_rows[1].row == 5);
    CHECK(crm::test::scalar_text(db, "SELECT name FROM customers WHERE code = ?1", "C1") == "别人的客户");
}

TEST_CASE("a cancel part-way leaves the customers table and the outbox exactly as they were") {
    Db db = crm::test::fresh_crm_db();
    saved(db, crm::test::company("华信科技", "G5"));
    const int64_t rows_before = customer_rows(db);
    const std::string before = table_digest(db, "customers");
    ImportFile file = file_of(generated_file(5000));
    ImportJob job(db, file, options_for(file));
    CHECK(job.step(1000));
    CHECK(job.step(1000));
    CHECK(job.done() == 2000);
    CHECK(job.progress() == doctest::Approx(0.4));
    CHECK(customer_rows(db) > rows_before);
    job.cancel();
    CHECK(job.state() == ImportJob::State::cancelled);
    CHECK_FALSE(job.step(1000));
    CHECK(customer_rows(db) == rows_before);
    CHECK(table_digest(db, "customers") == before);
    CHECK(city_of_code(db, "G5") == "北京");
}

TEST_CASE("a 2-row file and a 10,000-row file import in steps to the last row") {
    Db db = crm::test::fresh_crm_db();
    ImportFile small = file_of(generated_file(2));
    CHECK(run(db, small, options_for(small), ImportJob::State::committed).inserted == 2);
    ImportFile large = file_of(generated_file(10000));
    ImportSummary summary = run(db, large, options_for(large), ImportJob::State::committed, 2000);
    CHECK(summary.inserted == 9998);
    CHECK(summary.updated == 2);  // G0 and G1 again
    CHECK(summary.bad_rows.empty());
    CHECK(customer_rows(db) == 10000);
    CHECK(city_of_code(db, "G9999") == "上海, 浦东");
}

TEST_CASE("a timed step imports at least one row, stops when its time is up, and the last one commits") {
    Db db = crm::test::fresh_crm_db();
    ImportFile file = file_of(generated_file(3));
    ImportJob job(db, file, options_for(file));
    CHECK(job.step_for(std::chrono::milliseconds(0)));
    CHECK(job.done() == 1);  // the time was up at once, yet the import moved on
    CHECK(job.step_for(std::chrono::milliseconds(0)));
    CHECK(job.done() == 2);
    CHECK_FALSE(job.step_for(std::chrono::seconds(60)));
    CHECK(job.state() == ImportJob::State::committed);
    CHECK(job.summary().inserted == 3);
    CHECK(customer_rows(db) == 3);
}
