// Tests for domain/customer_search: search as you type from memory finds exactly what the
// list's SQL finds, whatever order the keystrokes come in.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "customer_fixtures.hpp"
#include "domain/customer.hpp"
#include "domain/customer_search.hpp"
#include "domain/demo_data.hpp"
#include "support.hpp"

using namespace crm;
using namespace crm::test;

namespace {

Db demo_db(int customers) {
    Db db = fresh_crm_db();
    DemoOptions options;
    options.customers = customers;
    REQUIRE_OK(seed_demo_data(db, options));
    return db;
}

// What the SQL finds for `search` with the query's sort.
std::vector<int64_t> by_sql(Db& db, CustomerQuery query, std::string search) {
    query.search = std::move(search);
    return find_customer_rowids(db, query);
}

}  // namespace

TEST_CASE("typing, deleting and retyping find what the SQL finds at every keystroke") {
    Db db = demo_db(300);
    CustomerQuery query;
    CustomerSearch search;
    search.load(db, query);
    CHECK(search.size() == 300);
    // Narrowing (each extends the last), widening (backspace), starting over, Chinese, a
    // phone, an upper-case code, surrounding spaces, and nothing at all.
    for (const char* typed : {"a", "an", "ang", "an", "a", "", "0", "05", "057", "上", "上海", "C", "C1", "C10",
                              " c100 ", "zzzz", "zzzzz", "", "@"}) {
        INFO("typed: '" << typed << "'");
        CHECK(search.find(typed) == by_sql(db, query, typed));
    }
}

TEST_CASE("the search keeps the list's sort, and load() reads the data again") {
    Db db = demo_db(120);
    CustomerQuery query;
    query.sort = {{CustomerColumn::city, true}, {CustomerColumn::name, false}};
    CustomerSearch search;
    search.load(db, query);
    CHECK(search.find("a") == by_sql(db, query, "a"));

    Customer added = company("Aardvark Imports");
    added.city = "Zibo";
    saved(db, added);
    CHECK(search.find("aardvark").empty());  // memory holds what was loaded
    search.load(db, query);
    CHECK(search.find("aardvark") == by_sql(db, query, "aardvark"));
    CHECK(search.find("aardvark").size() == 1);
    CHECK(search.find("") == find_customer_rowids(db, query));
}
