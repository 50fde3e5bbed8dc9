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
