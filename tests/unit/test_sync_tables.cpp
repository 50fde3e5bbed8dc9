// Tests for sync/tables: JSON text written straight from rows (a first sync's answer).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"
#include "sync/tables.hpp"

using namespace crm;

namespace {

std::string as_json_string(std::string_view text) {
    std::string out;
    sync::append_json_string(out, text);
    return out;
}

}  // namespace

TEST_CASE("append_json_string escapes what JSON requires and reads back as the same text") {
    const std::string samples[] = {"", "plain", "say \"hi\"", "back\\slash", "tab\tnew\nline\r", std::string("nul\0x", 5),
                                   "宁波海港贸易有限公司", "emoji 😀", "\x1f\x7f"};
    for (const std::string& text : samples) {
        CAPTURE(text);
        const nlohmann::json parsed = nlohmann::json::parse(as_json_string(text), nullptr, false);
        REQUIRE(parsed.is_string());
        CHECK(parsed.get<std::string>() == text);
    }
    CHECK(as_json_string("a\"b") == "\"a\\\"b\"");
    CHECK(as_json_string("\x01") == "\"\\u0001\"");
    CHECK(as_json_string("中") == "\"中\"");  // UTF-8 passes through, not \u escapes
}

TEST_CASE("append_json_string replaces bytes that are not UTF-8 with U+FFFD, so the answer stays valid JSON") {
    const std::string bad[] = {"\xff", "abc\xc3", "\xed\xa0\x80", "\xe0\x80\xaf", "\x80tail"};
    for (const std::string& text : bad) {
        CAPTURE(text);
        const std::string json_text = as_json_string(text);
        const nlohmann::json parsed = nlohmann::json::parse(json_text, nullptr, false);
        REQUIRE(parsed.is_string());
        CHECK(parsed.get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
    }
}

TEST_CASE("append_change_json writes a row as the change the client parses") {
    Db db = crm::test::fresh_crm_db();
    REQUIRE_OK(db.exec("INSERT INTO customers (id, kind, name, city, created_at, updated_at, rev) "
                       "VALUES ('c1', 'company', 'Say \"Hi\" Ltd', '宁波', 't0', 't1', 42)"));
    const sync::TableSpec& customers = *sync::find_table("customers");
    Stmt stmt = db.prepare(sync::select_columns(customers) + " WHERE id = 'c1'");
    REQUIRE(stmt.step().value());
    std::string out;
    sync::append_change_json(out, customers, stmt);
    const nlohmann::json change = nlohmann::json::parse(out);
    CHECK(change["table"] == "customers");
    CHECK(change["id"] == "c1");
    CHECK(change["seq"] == 42);
    CHECK(change["deleted"] == false);
    CHECK(change["fields"]["name"] == "Say \"Hi\" Ltd");
    CHECK(change["fields"]["city"] == "宁波");
    CHECK(change["fields"].size() == customers.fields.size());
}

TEST_CASE("an integer field is a JSON integer: never a numeral in a string, a fraction, a boolean or beyond int64") {
    const sync::TableSpec& ledger = *sync::find_table("points_ledger");
    const sync::FieldSpec& points = *ledger.field("points");
    CHECK(points.type == sync::FieldType::integer);
    for (const nlohmann::json& good : {nlohmann::json(12), nlohmann::json(-50), nlohmann::json(0),
                                       nlohmann::json(INT64_MAX), nlohmann::json(INT64_MIN)}) {
        CAPTURE(good.dump());
        CHECK(sync::has_field_type(points, good));
    }
    for (const nlohmann::json& bad : {nlohmann::json("12"), nlohmann::json(1.5), nlohmann::json(12.0),
                                      nlohmann::json(true), nlohmann::json(nullptr),
                                      nlohmann::json(uint64_t{INT64_MAX} + 1)}) {
        CAPTURE(bad.dump());
        CHECK_FALSE(sync::has_field_type(points, bad));
    }
    CHECK(sync::default_record(ledger)["points"] == 0);
    CHECK(sync::default_record(ledger)["points"].is_number_integer());
}

TEST_CASE("an integer column is written, read and sent as a JSON integer") {
    Db db = crm::test::fresh_crm_db();
    REQUIRE_OK(db.exec("INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES ('c1', 'company', 'P', 't', 't')"));
    const sync::TableSpec& ledger = *sync::find_table("points_ledger");
    sync::RecordWriter writer(db);
    nlohmann::json fields = sync::default_record(ledger);
    fields["customer_id"] = "c1";
    fields["kind"] = "adjust";
    fields["points"] = int64_t{-9007199254740993};  // beyond a double's exact integers
    fields["created_at"] = fields["updated_at"] = "t";
    REQUIRE_OK(writer.write(ledger, "p1", fields, 7, false));
    CHECK(crm::test::scalar(db, "SELECT points FROM points_ledger WHERE id = 'p1'") == -9007199254740993);

    std::optional<sync::StoredRecord> stored = sync::read_record(db, ledger, "p1");
    REQUIRE(stored);
    CHECK(stored->fields["points"].is_number_integer());
    CHECK(stored->fields["points"].get<int64_t>() == -9007199254740993);

    Stmt stmt = db.prepare(sync::select_columns(ledger) + " WHERE id = 'p1'");
    REQUIRE(stmt.step().value());
    std::string out;
    sync::append_change_json(out, ledger, stmt);
    const nlohmann::json change = nlohmann::json::parse(out);
    CHECK(change["fields"]["points"].is_number_integer());
    CHECK(change["fields"]["points"].get<int64_t>() == -9007199254740993);
    CHECK(change["seq"] == 7);
}
