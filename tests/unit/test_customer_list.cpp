// Tests for domain/customer's lists: search as you type, sorting, and loading rows.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/text.hpp"
#include "customer_fixtures.hpp"
#include "domain/customer.hpp"
#include "support.hpp"

using namespace crm;
using namespace crm::test;

namespace {

// The query plan of the statement find_customer_rowids runs, one line per step of the plan.
std::string plan_of_find_customer_rowids(Db& db, const CustomerQuery& query) {
    std::string sql;
    auto remember_sql = [](unsigned, void* context, void* statement, void*) -> int {
        *static_cast<std::string*>(context) = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
        return 0;
    };
    sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, remember_sql, &sql);
    find_customer_rowids(db, query);
    sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
    REQUIRE_FALSE(sql.empty());
    Stmt plan = db.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string details;
    while (plan.step().value()) details += plan.text(3) + "\n";
    return details;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Search, sort and rows
//-----------------------------------------------------------------------------

namespace {

// Five customers that differ in every searchable and sortable column.
Db searchable_db() {
    Db db = crm::test::fresh_crm_db();
    auto add = [&](const char* name, const char* code, const char* city, const char* phone, const char* email,
                   const char* kind, const char* type, const char* level, const char* owner) {
        Customer c = company(name, code);
        c.city = city;
        c.phone = phone;
        c.email = email;
        c.kind = kind;
        c.type = type;
        c.level = level;
        c.owner_id = owner;
        saved(db, c);
    };
    add("Acme Trading", "ZX-100", "Shanghai", "021-5555 0000", "sales@acme.com", "company", "distributor", "B",
        "sales2");
    add("beta Labs", "zx-200", "beijing", "010-1234 5678", "hello@northwind.com", "company", "enterprise", "A",
        "agent1");
    add("华信科技有限公司", "HX-1", "杭州", "0571-8888 6666", "info@huaxin.cn", "company", "public_institution", "C",
        "sales1");
    add("张伟", "", "Chengdu", "13812345678", "zhangwei@example.com", "person", "consumer", "D", "agent2");
    add("Delta Foods", "DF-9", "Xiamen", "0592-1111 2222", "orders@deltafoods.com", "company", "enterprise", "A",
        "sales1");
    return db;
}

}  // namespace

TEST_CASE("an empty search finds every live customer, sorted by name by default") {
    Db db = searchable_db();
    CHECK(search(db, "") == Names{"Acme Trading", "beta Labs", "Delta Foods", "华信科技有限公司", "张伟"});
    CHECK(search(db, "   ") == search(db, ""));
}

TEST_CASE("the search matches name, code, phone, email and city, ignoring ASCII case") {
    Db db = searchable_db();
    CHECK(search(db, "acme") == Names{"Acme Trading"});               // name
    CHECK(search(db, "ZX-2") == Names{"beta Labs"});                  // code, other case
    CHECK(search(db, "zx") == Names{"Acme Trading", "beta Labs"});    // code prefix
    CHECK(search(db, "5555") == Names{"Acme Trading"});               // phone
    CHECK(search(db, "northwind") == Names{"beta Labs"});             // email
    CHECK(search(db, "杭州") == Names{"华信科技有限公司"});           // city
    CHECK(search(db, "XIAMEN") == Names{"Delta Foods"});              // city, other case
    CHECK(search(db, "科技") == Names{"华信科技有限公司"});           // inside a Chinese name
    CHECK(search(db, "  acme  ") == Names{"Acme Trading"});           // the search text is trimmed
    CHECK(search(db, "nothing like this").empty());
}

TEST_CASE("filters combine with each other and with the search; an empty filter filters nothing") {
    Db db = searchable_db();
    Stmt tag = db.prepare("UPDATE customers SET tags = ?2, lifecycle = 'growing' WHERE name = ?1");
    for (auto [name, tags] : {std::pair{"Acme Trading", "VIP, 华东"}, {"Delta Foods", "vipers, Export"}}) {
        tag.reset();
        REQUIRE_OK(tag.bind_all(name, tags).run());
    }
    auto filtered = [&](CustomerFilter filter, std::string text = "") {
        CustomerQuery query;
        query.filter = std::move(filter);
        query.search = std::move(text);
        return names(db, query);
    };
    CHECK(filtered({}) == search(db, ""));
    CHECK(filtered({.type = "enterprise"}) == Names{"beta Labs", "Delta Foods"});
    CHECK(filtered({.type = "enterprise", .level = "A", .owner_id = "sales1"}) == Names{"Delta Foods"});
    CHECK(filtered({.kind = "person"}) == Names{"张伟"});
    CHECK(filtered({.city = " BEIJING "}) == Names{"beta Labs"});          // any case, trimmed
    CHECK(filtered({.tag = "vip"}) == Names{"Acme Trading"});              // a whole tag, not "vipers"
    CHECK(filtered({.tag = "华东"}) == Names{"Acme Trading"});
    CHECK(filtered({.tag = "export"}) == Names{"Delta Foods"});
    CHECK(filtered({.lifecycle = "growing"}, "delta") == Names{"Delta Foods"});
    CHECK(filtered({.lifecycle = "growing"}, "beta").empty());
    CHECK(filtered({.type = "enterprise", .level = "D"}).empty());
    CHECK(filtered({.owner_id = "'; DROP TABLE customers; --"}).empty());  // a value, never SQL
    CHECK(count_customers(db) == 5);
}

TEST_CASE("the search does not look at other columns") {
    Db db = searchable_db();
    CHECK(search(db, "distributor").empty());  // type
    CHECK(search(db, "agent1").empty());       // owner
    CHECK(search(db, "Software").empty());     // industry
}

TEST_CASE("deleted customers are neither found nor counted") {
    Db db = searchable_db();
    CHECK(count_customers(db) == 5);
    std::vector<int64_t> rowids = find_customer_rowids(db, {});
    std::string acme_id = crm::test::scalar_text(db, "SELECT id FROM customers WHERE name = ?1", "Acme Trading");
    REQUIRE_OK(delete_customer(db, acme_id, "sales1"));
    CHECK(count_customers(db) == 4);
    CHECK(search(db, "acme trading").empty());
    CHECK(find_customer_rowids(db, {}).size() == rowids.size() - 1);
}

TEST_CASE("LIKE wildcards in the search are matched literally") {
    Db db = crm::test::fresh_crm_db();
    for (const char* name : {"100% Cotton", "1000 Cotton", "A_B Ltd", "AXB Ltd", "Back\\slash Co", "Backslash Co"})
        saved(db, company(name));
    CHECK(search(db, "100%") == Names{"100% Cotton"});
    CHECK(search(db, "%") == Names{"100% Cotton"});
    CHECK(search(db, "A_B") == Names{"A_B Ltd"});
    CHECK(search(db, "_") == Names{"A_B Ltd"});
    CHECK(search(db, "\\") == Names{"Back\\slash Co"});
    CHECK(search(db, "k\\s") == Names{"Back\\slash Co"});
}

TEST_CASE("sorting by name ignores case, ascending and descending") {
    Db db = searchable_db();
    CustomerQuery query;
    query.sort = {{CustomerColumn::name, false}};
    CHECK(names(db, query) == Names{"Acme Trading", "beta Labs", "Delta Foods", "华信科技有限公司", "张伟"});
    query.sort = {{CustomerColumn::name, true}};
    CHECK(names(db, query) == Names{"张伟", "华信科技有限公司", "Delta Foods", "beta Labs", "Acme Trading"});
}

TEST_CASE("sorting by several keys applies them in order, each in its own direction") {
    Db db = searchable_db();
    CustomerQuery query;
    query.sort = {{CustomerColumn::level, false}, {CustomerColumn::name, true}};
    CHECK(names(db, query) == Names{"Delta Foods", "beta Labs", "Acme Trading", "华信科技有限公司", "张伟"});
    query.sort = {{CustomerColumn::type, true}, {CustomerColumn::code, false}};
    CHECK(names(db, query) == Names{"华信科技有限公司", "Delta Foods", "beta Labs", "Acme Trading", "张伟"});
}

TEST_CASE("customers that tie on every sort key keep the order they were added in") {
    Db db = crm::test::fresh_crm_db();
    Customer first = saved(db, company("Same"));
    Customer second = saved(db, company("same"));
    CustomerQuery query;
    query.sort = {{CustomerColumn::name, true}};
    std::vector<int64_t> rowids = find_customer_rowids(db, query);
    CustomerRows rows(db);
    REQUIRE(rowids.size() == 2);
    CHECK(rows.load(rowids[0])->id == first.id);
    CHECK(rows.load(rowids[1])->id == second.id);
}

TEST_CASE("every sortable column sorts its values, ascending and descending") {
    Db db = searchable_db();
    // Distinct update times, in an order unrelated to the names.
    REQUIRE_OK(db.exec("UPDATE customers SET updated_at = '2026-0' || (length(name) % 7) || '-01T00:00:00.000Z'"));
    struct Column {
        CustomerColumn column;
        std::string (*value)(const CustomerRow&);
        bool ignore_case;
    };
    const Column columns[] = {
        {CustomerColumn::code, [](const CustomerRow& r) { return r.code; }, true},
        {CustomerColumn::name, [](const CustomerRow& r) { return r.name; }, true},
        {CustomerColumn::kind, [](const CustomerRow& r) { return r.kind; }, false},
        {CustomerColumn::type, [](const CustomerRow& r) { return r.type; }, false},
        {CustomerColumn::level, [](const CustomerRow& r) { return r.level; }, false},
        {CustomerColumn::city, [](const CustomerRow& r) { return r.city; }, true},
        {CustomerColumn::phone, [](const CustomerRow& r) { return r.phone; }, false},
        {CustomerColumn::email, [](const CustomerRow& r) { return r.email; }, true},
        {CustomerColumn::owner, [](const CustomerRow& r) { return r.owner_id; }, false},
        {CustomerColumn::updated, [](const CustomerRow& r) { return r.updated_at; }, false},
    };
    CustomerRows rows(db);
    for (const Column& column : columns) {
        for (bool descending : {false, true}) {
            CustomerQuery query;
            query.sort = {{column.column, descending}};
            std::vector<std::string> values;
            for (int64_t rowid : find_customer_rowids(db, query)) {
                std::string value = column.value(*rows.load(rowid));
                values.push_back(column.ignore_case ? ascii_lower(value) : value);
            }
            INFO("column " << static_cast<int>(column.column)
                           << std::string(descending ? " descending" : " ascending"));
            REQUIRE(values.size() == 5);
            for (size_t i = 1; i < values.size(); ++i) {
                INFO(values[i - 1] << " then " << values[i]);
                CHECK((descending ? values[i - 1] >= values[i] : values[i - 1] <= values[i]));
            }
            CHECK(values.front() != values.back());  // the column really varies
        }
    }
}

TEST_CASE("a search and a sort combine") {
    Db db = searchable_db();
    CustomerQuery query;
    query.search = ".com";
    query.sort = {{CustomerColumn::email, true}};
    CHECK(names(db, query) == Names{"张伟", "Acme Trading", "Delta Foods", "beta Labs"});
}

TEST_CASE("CustomerRows::load gives the slim row of a rowid, and nothing for an unknown rowid") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("Acme Trading", "ZX-100");
    customer.owner_id = "agent1";
    customer = saved(db, customer);
    std::vector<int64_t> rowids = find_customer_rowids(db, {});
    REQUIRE(rowids.size() == 1);

    CustomerRows rows(db);
    std::optional<CustomerRow> row = rows.load(rowids[0]);
    REQUIRE(row.has_value());
    CHECK(row->rowid == rowids[0]);
    CHECK(row->id == customer.id);
    CHECK(row->code == "ZX-100");
    CHECK(row->name == "Acme Trading");
    CHECK(row->kind == "company");
    CHECK(row->type == "enterprise");
    CHECK(row->level == "B");
    CHECK(row->city == "北京");
    CHECK(row->phone == "010-6552 8888");
    CHECK(row->email == "info@huaxin.cn");
    CHECK(row->owner_id == "agent1");
    CHECK(row->updated_at == customer.updated_at);

    CHECK_FALSE(rows.load(rowids[0] + 1000).has_value());
}

TEST_CASE("CustomerRows::load leaves no statement running, so another connection can write the file") {
    // A statement left on its row holds a read lock on the file; in rollback-journal mode
    // another connection can then not commit.
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("crm-unit-rows-" + new_id() + ".sqlite");
    {
        Result<Db> db = open_crm_database(path.string());
        REQUIRE_OK(db);
        Customer customer = saved(db.value(), company("Acme"));
        CustomerRows rows(db.value());
        REQUIRE(rows.load(find_customer_rowids(db.value(), {}).at(0)).has_value());
        for (sqlite3_stmt* s = sqlite3_next_stmt(db.value().handle(), nullptr); s;
             s = sqlite3_next_stmt(db.value().handle(), s))
            CHECK(sqlite3_stmt_busy(s) == 0);

        Result<Db> other = Db::open(path.string());
        REQUIRE_OK(other);
        REQUIRE_OK(other.value().exec("PRAGMA busy_timeout = 0"));  // fail at once instead of waiting 5 s
        customer.name = "Acme Renamed";
        REQUIRE_OK(save_customer(other.value(), customer, "sales2"));
        CHECK(rows.load(find_customer_rowids(db.value(), {}).at(0))->name == "Acme Renamed");
    }
    std::filesystem::remove(path);
}

TEST_CASE("the default list order and the search are read from the name index, with no full sort") {
    Db db = searchable_db();
    for (const char* text : {"", "acme"}) {
        std::string plan = plan_of_find_customer_rowids(db, {text, {{CustomerColumn::name, false}}});
        const std::string context = std::string(text) + ": " + plan;
        INFO(context);
        // The index holds name and search_text, so the search is checked on the index entry and
        // the table row is never read (SQLite defers the seek until a column needs it).
        CHECK(plan.find("USING INDEX customers_name") != std::string::npos);
        // Only customers with the same name are put in rowid order; never the whole list.
        CHECK(plan.find("USE TEMP B-TREE FOR ORDER BY") == std::string::npos);
    }
}

TEST_CASE("one CustomerRows loads many rows in any order with its one statement") {
    Db db = searchable_db();
    std::vector<int64_t> rowids = find_customer_rowids(db, {});
    CustomerRows rows(db);
    std::vector<std::string> forward, backward;
    for (int64_t rowid : rowids) forward.push_back(rows.load(rowid)->name);
    for (auto it = rowids.rbegin(); it != rowids.rend(); ++it) backward.insert(backward.begin(), rows.load(*it)->name);
    CHECK(forward == backward);
    CHECK(forward == Names{"Acme Trading", "beta Labs", "Delta Foods", "华信科技有限公司", "张伟"});
    CHECK_FALSE(rows.load(-1).has_value());
    CHECK(rows.load(rowids[2])->name == "Delta Foods");  // usable after a miss
}

TEST_CASE("only a unique-index failure on save is reported as a duplicate code") {
    Db db = crm::test::fresh_crm_db();
    Customer first{};
    first.name = "Alpha";
    first.code = "X1";
    REQUIRE_OK(save_customer(db, first, "tester"));
    // A trigger stands in for a race: a second writer takes the code between validate() and the insert.
    REQUIRE_OK(db.exec("CREATE TEMP TRIGGER steal BEFORE INSERT ON customers WHEN NEW.code = 'X2' BEGIN "
                       "UPDATE customers SET code = 'X2' WHERE code = 'X1'; END"));
    Customer second{};
    second.name = "Beta";
    second.code = "X2";
    Status status = save_customer(db, second, "tester");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    REQUIRE(status.error().fields.size() == 1);
    CHECK(status.error().fields[0] == FieldError{"code", "duplicate", 0});
}

TEST_CASE("the search never matches across two fields, and follows edits") {
    Db db = searchable_db();
    // "Trading" ends the name and "ZX" starts the code: together they are no match.
    CHECK(search(db, "tradingzx") == Names{});
    CHECK(search(db, "trading zx") == Names{});
    std::vector<int64_t> rowids = find_customer_rowids(db, CustomerQuery{"acme", {}});
    REQUIRE(rowids.size() == 1);
    CustomerRows rows(db);
    Customer acme = *find_customer(db, rows.load(rowids[0])->id);
    acme.name = "Apex Trading";
    REQUIRE_OK(save_customer(db, acme, "tester"));
    CHECK(search(db, "acme trading").empty());
    CHECK(search(db, "apex") == Names{"Apex Trading"});
}
