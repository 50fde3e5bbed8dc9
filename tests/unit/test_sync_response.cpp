// Tests for sync/protocol's parse_response: the client reads the server's answer without a
// JSON tree (a SAX parse), so every shape the tree's checks refused must still be refused,
// and a good answer must read back exactly as the rows were written.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "support.hpp"
#include "sync/protocol.hpp"

using namespace crm;

namespace {

// An answer around `changes` (a JSON array's inside), with every required member.
std::string answer(std::string_view changes, std::string_view rest = R"("removals":[])") {
    return R"({"results":[],"last_mid":0,"changes":[)" + std::string(changes) + R"(],)" + std::string(rest) +
           R"(,"cursor":5,"more":false})";
}

const sync::FieldValue& value_of(const sync::Change& change, std::string_view field) {
    const size_t index = change.table->field_index(field);
    REQUIRE(index < change.fields.size());
    return change.fields[index];
}

std::string_view text_of(const sync::Change& change, std::string_view field) { return value_of(change, field).text; }

}  // namespace

TEST_CASE("a pulled change reads back as the row the server wrote, text, integers and booleans alike") {
    Db db = crm::test::fresh_crm_db();
    REQUIRE_OK(db.exec("INSERT INTO customers (id, kind, name, city, notes, created_at, updated_at, rev) VALUES "
                       "('c1', 'company', 'Say \"Hi\" Ltd', '宁波', 'tab\tnew\nline \\ 😀', 't0', 't1', 42)"));
    REQUIRE_OK(db.exec("INSERT INTO points_ledger (id, customer_id, kind, points, created_at, updated_at, rev) "
                       "VALUES ('p1', 'c1', 'adjust', -9007199254740993, 't', 't', 43)"));
    REQUIRE_OK(db.exec("INSERT INTO contacts (id, customer_id, name, is_primary, created_at, updated_at, rev) "
                       "VALUES ('k1', 'c1', 'Wang', 1, 't', 't', 44)"));
    std::string changes;
    for (const char* table : {"customers", "points_ledger", "contacts"}) {
        const sync::TableSpec& spec = *sync::find_table(table);
        Stmt stmt = db.prepare(sync::select_columns(spec));
        REQUIRE(stmt.step().value());
        if (!changes.empty()) changes += ",";
        sync::append_change_json(changes, spec, stmt);
    }
    Result<sync::SyncResponse> parsed = sync::parse_response(answer(changes));
    REQUIRE_OK(parsed);
    const sync::SyncResponse& response = parsed.value();
    REQUIRE(response.changes.size() == 3);

    const sync::Change& customer = response.changes[0];
    CHECK(customer.table->name == "customers");
    CHECK(customer.id == "c1");
    CHECK(customer.seq == 42);
    CHECK_FALSE(customer.deleted);
    CHECK(customer.fields.size() == customer.table->fields.size());
    for (const sync::FieldValue& value : customer.fields) CHECK(value.kind == sync::FieldValue::Kind::text);
    CHECK(text_of(customer, "name") == "Say \"Hi\" Ltd");
    CHECK(text_of(customer, "city") == "宁波");
    CHECK(text_of(customer, "notes") == "tab\tnew\nline \\ 😀");

    const sync::Change& entry = response.changes[1];
    const sync::FieldValue& points = value_of(entry, "points");
    CHECK(points.kind == sync::FieldValue::Kind::integer);
    CHECK(points.integer == -9007199254740993);

    const sync::Change& contact = response.changes[2];
    const sync::FieldValue& primary = value_of(contact, "is_primary");
    CHECK(primary.kind == sync::FieldValue::Kind::boolean);
    CHECK(primary.boolean);

    CHECK(response.cursor == 5);
    CHECK(response.head == 5);  // no head: the cursor
    CHECK_FALSE(response.more);
}

TEST_CASE("an answer's members may come in any order, and members the client does not know are passed over") {
    const std::string body =
        R"({"future":{"nested":[1,{"x":[]}]},"more":true,"head":900,"scope":"all",)"
        R"("changes":[{"fields":{"owner_id":"sales1","name":"宁波海港"},"extra":[{"a":1}],"deleted":false,)"
        R"("seq":7,"id":"c9","table":"customers"}],)"
        R"("results":[{"status":"rejected","mid":3,"code":"invalid","message":"name is required","field":"name","x":{}}],)"
        R"("removals":[{"id":"c2","table":"customers"}],"cursor":8,"last_mid":3})";
    Result<sync::SyncResponse> parsed = sync::parse_response(body);
    REQUIRE_OK(parsed);
    const sync::SyncResponse& response = parsed.value();
    REQUIRE(response.changes.size() == 1);
    const sync::Change& change = response.changes[0];
    CHECK(change.id == "c9");
    CHECK(text_of(change, "name") == "宁波海港");
    CHECK(text_of(change, "owner_id") == "sales1");
    // Fields not sent are absent: an update leaves them as they are.
    CHECK(value_of(change, "city").kind == sync::FieldValue::Kind::absent);
    REQUIRE(response.results.size() == 1);
    CHECK(response.results[0] == sync::MutationResult{3, "rejected", "invalid", "name is required", "name"});
    REQUIRE(response.removals.size() == 1);
    CHECK(response.removals[0].table == "customers");
    CHECK(response.removals[0].id == "c2");
    CHECK(response.head == 900);
    CHECK(response.cursor == 8);
    CHECK(response.last_mid == 3);
    CHECK(response.more);
    CHECK(response.scope == "all");
}

TEST_CASE("a malformed answer is refused whole, with what was wrong") {
    const std::string change = R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"name":"A"}})";
    struct Case {
        std::string body;
        const char* says;
    };
    const Case cases[] = {
        {"", "not valid JSON"},
        {"[]", "not a JSON object"},
        {"5", "not a JSON object"},
        {answer(change).substr(0, 60), "not valid JSON"},
        {answer(change) + "x", "not valid JSON"},
        {answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"name":"\xff"}})"), "not valid JSON"},
        {R"({"results":[],"last_mid":0,"changes":[],"removals":[],"cursor":5})", "are required"},
        {R"({"results":[],"last_mid":0,"changes":{},"removals":[],"cursor":5,"more":false})", "are required"},
        {R"({"results":[],"last_mid":"0","changes":[],"removals":[],"cursor":5,"more":false})", "are required"},
        {R"({"results":[],"last_mid":0,"changes":[],"removals":[],"cursor":5,"more":1})", "are required"},
        {answer(R"({"table":"customers","id":"c1","deleted":false,"fields":{}})"), "a change needs"},
        {answer(R"({"table":"customers","id":"c1","seq":"1","deleted":false,"fields":{}})"), "a change needs"},
        {answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":[]})"), "a change needs"},
        {answer(R"({"table":["customers"],"id":"c1","seq":1,"deleted":false,"fields":{}})"), "a change needs"},
        {answer(R"("c1")"), "a change needs"},
        {answer(R"({"table":"nope","id":"c1","seq":1,"deleted":false,"fields":{}})"), "unknown table or a bad id"},
        {answer(R"({"table":"customers","id":"c 1","seq":1,"deleted":false,"fields":{}})"), "unknown table or a bad id"},
        {answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"nope":"x"}})"), "customers.nope"},
        {answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"name":5}})"), "customers.name"},
        {answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"name":{"x":1}}})"), "customers.name"},
        {answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"name":null}})"), "customers.name"},
        {answer(R"({"table":"points_ledger","id":"p1","seq":1,"deleted":false,"fields":{"points":1.5}})"),
         "points_ledger.points"},
        {answer(R"({"table":"points_ledger","id":"p1","seq":1,"deleted":false,"fields":{"points":"12"}})"),
         "points_ledger.points"},
        {answer(R"({"table":"points_ledger","id":"p1","seq":1,"deleted":false,"fields":{"points":9223372036854775808}})"),
         "points_ledger.points"},
        {answer(change, R"("removals":[{"table":"nope","id":"c1"}])"), "a removal needs"},
        {answer(change, R"("removals":[{"table":"customers","id":7}])"), "a removal needs"},
        {R"({"results":[{"mid":1}],"last_mid":0,"changes":[],"removals":[],"cursor":5,"more":false})", "a result needs"},
        {R"({"results":[{"mid":1.5,"status":"applied"}],"last_mid":0,"changes":[],"removals":[],"cursor":5,"more":false})",
         "a result needs"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body);
        Result<sync::SyncResponse> parsed = sync::parse_response(c.body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "bad_response");
        CHECK(parsed.error().message.find(c.says) != std::string::npos);
    }
    // The same answer, well formed, is taken: the cases above fail for their one fault.
    CHECK(sync::parse_response(answer(change)).ok());
}

TEST_CASE("a parsed answer moves without its changes losing their text") {
    Result<sync::SyncResponse> parsed = sync::parse_response(
        answer(R"({"table":"customers","id":"c1","seq":1,"deleted":false,"fields":{"name":"A"}})"));
    REQUIRE_OK(parsed);
    sync::SyncResponse moved = std::move(parsed).value();
    sync::SyncResponse again = std::move(moved);
    REQUIRE(again.changes.size() == 1);
    CHECK(again.changes[0].id == "c1");
    CHECK(text_of(again.changes[0], "name") == "A");
}
