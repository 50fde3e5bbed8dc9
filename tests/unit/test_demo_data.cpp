// Tests for domain/demo_data: the generated sandbox dataset and the word lists it is made from.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/demo_data.hpp"
#include "support.hpp"

namespace crm {
std::string_view embedded_text(std::string_view name);  // generated from assets/demo by cmake/embed_text.cmake
}

using namespace crm;
using crm::test::scalar;

namespace {

Db seeded(DemoOptions options) {
    Db db = crm::test::fresh_crm_db();
    REQUIRE_OK(seed_demo_data(db, options));
    return db;
}

DemoOptions with(int customers, uint32_t seed = 20261123) {
    DemoOptions options;
    options.customers = customers;
    options.seed = seed;
    return options;
}

std::vector<std::string> column_of(Db& db, std::string_view sql) {
    Stmt stmt = db.prepare(sql);
    std::vector<std::string> values;
    while (stmt.step().value()) values.push_back(stmt.text(0));
    return values;
}

// Every row of a table, every column in text form, in id order. created_at and updated_at
// say when the dataset was seeded (the wall clock), so they are left out; the rest must be
// a function of the seed alone.
std::vector<std::string> dump(Db& db, const char* table) {
    Stmt stmt = db.prepare(std::string("SELECT * FROM ") + table + " ORDER BY id");
    std::vector<std::string> rows;
    while (stmt.step().value()) {
        std::string row;
        for (int c = 0; c < stmt.columns(); ++c) {
            std::string_view name = stmt.column_name(c);
            // "at" is a note's created_at.
            if (name == "created_at" || name == "updated_at" || name == "at") continue;
            row += std::string(name) + "=" + (stmt.is_null(c) ? "NULL" : stmt.text(c)) + "|";
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// Activities a day in a month ("02") of the history older than four months: their count over
// the days of that month in the window.
double per_day_in_month(Db& db, const char* month) {
    Stmt activities = db.prepare(
        "SELECT count(*) FROM activities WHERE at < date('now', '-4 months') AND strftime('%m', at) = ?1");
    activities.bind(1, month);
    REQUIRE(activities.step().value());
    Stmt days = db.prepare(R"sql(
        WITH RECURSIVE d (day) AS (SELECT date('now', '-1095 days') UNION ALL
                                   SELECT date(day, '+1 day') FROM d WHERE day < date('now', '-4 months', '-1 day'))
        SELECT count(*) FROM d WHERE strftime('%m', day) = ?1)sql");
    days.bind(1, month);
    REQUIRE(days.step().value());
    REQUIRE(days.int64(0) > 0);
    return static_cast<double>(activities.int64(0)) / static_cast<double>(days.int64(0));
}

bool is_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace

TEST_CASE("seeding creates the requested number of customers") {
    for (int customers : {0, 1, 25, 60}) {
        INFO(customers << " customers");
        Db db = seeded(with(customers));
        CHECK(count_customers(db) == customers);
    }
    Db defaults = seeded({});
    CHECK(count_customers(defaults) == DemoOptions{}.customers);
}

TEST_CASE("every generated customer and contact passes validate()") {
    Db db = seeded(with(300));
    int64_t customers = 0, contacts = 0;
    for (const std::string& id : column_of(db, "SELECT id FROM customers")) {
        std::optional<Customer> customer = find_customer(db, id);
        REQUIRE(customer.has_value());
        INFO(customer->name << " " << customer->code << " " << customer->phone << " " << customer->email);
        CHECK(validate(*customer, db) == Problems{});
        ++customers;
    }
    for (const std::string& id : column_of(db, "SELECT id FROM contacts")) {
        std::optional<Contact> contact = find_contact(db, id);
        REQUIRE(contact.has_value());
        INFO(contact->name << " " << contact->mobile << " " << contact->email << " " << contact->birthday);
        CHECK(validate(*contact, db) == Problems{});
        ++contacts;
    }
    CHECK(customers == 300);
    CHECK(contacts > 300);
}

TEST_CASE("companies have one to three contacts, exactly one of them primary; persons have none") {
    Db db = seeded(with(200));
    CHECK(scalar(db, "SELECT count(*) FROM customers WHERE kind = 'company'") > 0);
    CHECK(scalar(db, "SELECT count(*) FROM customers WHERE kind = 'person'") > 0);
    CHECK(scalar(db, "SELECT count(*) FROM customers c WHERE kind = 'company' AND "
                     "(SELECT count(*) FROM contacts WHERE customer_id = c.id) NOT BETWEEN 1 AND 3") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM customers c WHERE kind = 'company' AND "
                     "(SELECT count(*) FROM contacts WHERE customer_id = c.id AND is_primary = 1) <> 1") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM contacts WHERE customer_id IN "
                     "(SELECT id FROM customers WHERE kind = 'person')") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM contacts WHERE customer_id NOT IN (SELECT id FROM customers)") == 0);
}

TEST_CASE("the same seed gives an identical dataset") {
    Db first = seeded(with(120, 7));
    Db second = seeded(with(120, 7));
    for (const char* table : {"customers", "contacts", "activities"}) {
        INFO(std::string(table));
        std::vector<std::string> a = dump(first, table), b = dump(second, table);
        CHECK(a.size() > 0);
        CHECK(a == b);
    }
}

TEST_CASE("a dataset is stamped with one seeding time throughout") {
    Db db = seeded(with(50));
    CHECK(scalar(db, "SELECT count(DISTINCT created_at) FROM (SELECT created_at FROM customers UNION ALL "
                     "SELECT created_at FROM contacts UNION ALL SELECT updated_at FROM customers UNION ALL "
                     "SELECT updated_at FROM contacts)") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM customers WHERE updated_by <> 'demo' OR rev <> 0 OR deleted <> 0") == 0);
}

// The same seed makes the same dataset in the server (g++, libstdc++) and in the browser
// (clang, libc++): the generator draws from std::mt19937 with distributions of its own, not the
// library's, and one draw an expression, as compilers order an expression's operands (and a
// call's arguments) as they like. These values were read from both builds, and with 100,000
// customers and 1,000,000 activities the two builds' tables sum to the same checksums
// (tests/bench/RESULTS.md).
TEST_CASE("the default seed's first customers and contacts are pinned, as every build makes them") {
    Db db = seeded(with(20));
    auto rows = [&](const char* sql) {
        Stmt stmt = db.prepare(sql);
        std::vector<std::string> out;
        while (stmt.step().value_or(false)) out.push_back(stmt.text(0));
        return out;
    };
    CHECK(rows("SELECT name || ' ' || level || ' ' || address || ' ' || phone FROM customers WHERE rowid <= 3 ORDER BY rowid") ==
          std::vector<std::string>{"合肥长城商贸有限公司 C 合肥市788号 0551-73837436",
                                   "Oakridge Logistics Co., Ltd. B 南京市477号 025-22239512",
                                   "Acme Education Co., Ltd. D 沈阳市168号 024-18188027"});
    // Persons: a name of two draws, and an English one.
    CHECK(rows("SELECT name || ' ' || level || ' ' || address FROM customers WHERE kind = 'person' ORDER BY rowid LIMIT 2") ==
          std::vector<std::string>{"Michael Anderson B 青岛市724号", "张晓燕 C 武汉市327号"});
    CHECK(rows("SELECT c.name || ' ' || c.mobile || ' ' || c.title FROM contacts c JOIN customers k ON k.id = c.customer_id"
               " WHERE k.rowid <= 2 ORDER BY c.rowid") ==
          std::vector<std::string>{"张磊 13970624759 信息部经理", "周建华 14985936206 店主", "黄敏 15423767910 工程师",
                                   "Anna Garcia 18877610698 Engineer", "Linda Anderson 17772179204 General Manager"});
    DemoOptions options = with(200);
    options.history_activities = 1'000;
    Db larger = seeded(options);
    CHECK(scalar(larger, "SELECT count(*) FROM contacts") == 338);
    CHECK(scalar(larger, "SELECT count(*) FROM activities") == 1'480);
}

TEST_CASE("a different seed gives a different dataset") {
    Db first = seeded(with(60, 1));
    Db second = seeded(with(60, 2));
    CHECK(dump(first, "customers") != dump(second, "customers"));
    CHECK(column_of(first, "SELECT name FROM customers ORDER BY code") !=
          column_of(second, "SELECT name FROM customers ORDER BY code"));
    CHECK(column_of(first, "SELECT id FROM customers ORDER BY id") !=
          column_of(second, "SELECT id FROM customers ORDER BY id"));
}

TEST_CASE("customer codes are unique, ignoring case") {
    Db db = seeded(with(500));
    CHECK(scalar(db, "SELECT count(DISTINCT code COLLATE NOCASE) FROM customers") == 500);
    CHECK(scalar(db, "SELECT count(*) FROM customers WHERE code = ''") == 0);
}

TEST_CASE("ids are UUIDv7 and unique across customers and contacts") {
    Db db = seeded(with(100));
    std::vector<std::string> ids = column_of(
        db, "SELECT id FROM customers UNION ALL SELECT id FROM contacts UNION ALL SELECT id FROM activities");
    std::set<std::string> unique(ids.begin(), ids.end());
    CHECK(unique.size() == ids.size());
    for (const std::string& id : ids) {
        INFO(id);
        REQUIRE(is_uuid(id));
        CHECK(id[14] == '7');
    }
}

TEST_CASE("customers are spread over the given owners, and contacts belong to their customer's owner") {
    static const char* const kOwners[] = {"alice", "bob"};
    DemoOptions options = with(20);
    options.owners = kOwners;
    options.owner_count = 2;
    Db db = seeded(options);
    CHECK(column_of(db, "SELECT DISTINCT owner_id FROM customers ORDER BY 1") ==
          std::vector<std::string>{"alice", "bob"});
    CHECK(scalar(db, "SELECT count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id "
                     "WHERE k.owner_id <> c.owner_id") == 0);

    Db defaults = seeded(with(20));
    CHECK(column_of(defaults, "SELECT DISTINCT owner_id FROM customers ORDER BY 1") ==
          std::vector<std::string>{"agent1", "agent2", "sales1", "sales2"});
}

TEST_CASE("the dataset mixes Chinese and English names") {
    Db db = seeded(with(200));
    std::vector<std::string> names = column_of(db, "SELECT name FROM customers UNION ALL SELECT name FROM contacts");
    size_t ascii = 0;
    for (const std::string& name : names) ascii += is_ascii(name) ? 1 : 0;
    CHECK(ascii > 0);
    CHECK(ascii < names.size());
}

TEST_CASE("seeding into a database that already holds the dataset fails and writes nothing more") {
    Db db = seeded(with(30));
    const int64_t customers = scalar(db, "SELECT count(*) FROM customers");
    const int64_t contacts = scalar(db, "SELECT count(*) FROM contacts");
    Status again = seed_demo_data(db, with(30));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "unique");
    CHECK(scalar(db, "SELECT count(*) FROM customers") == customers);
    CHECK(scalar(db, "SELECT count(*) FROM contacts") == contacts);
}

TEST_CASE("every customer has done activities in the past months, some have planned ones, and all are valid") {
    Db db = seeded(with(300));
    CHECK(scalar(db, "SELECT count(*) FROM customers c WHERE "
                     "(SELECT count(*) FROM activities WHERE customer_id = c.id AND done_at <> '') = 0 AND "
                     "(SELECT count(*) FROM activities WHERE customer_id = c.id AND kind = 'note') = 0") == 0);
    const std::string now = iso_utc(now_ms());
    const std::string four_months_ago = iso_utc(now_ms() - 121LL * 86'400'000);
    Stmt done = db.prepare("SELECT count(*) FROM activities WHERE done_at <> '' AND (done_at > ?1 OR done_at < ?2)");
    done.bind_all(now, four_months_ago);
    REQUIRE(done.step().value());
    CHECK(done.int64(0) == 0);
    CHECK(scalar(db, "SELECT count(*) FROM activities WHERE done_at = '' AND kind <> 'note'") > 30);
    CHECK(scalar(db, "SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer_id "
                     "WHERE a.owner_id <> c.owner_id") == 0);
    int64_t activities = 0;
    for (const std::string& id : column_of(db, "SELECT id FROM activities")) {
        std::optional<Activity> activity = find_activity(db, id);
        REQUIRE(activity.has_value());
        INFO(activity->kind << " " << activity->subject << " " << activity->planned_at << " " << activity->done_at);
        CHECK(validate(*activity, db) == Problems{});
        ++activities;
    }
    CHECK(activities > 600);
}

TEST_CASE("seeding builds the indexes it set aside for the load again, exactly as the schema defines them") {
    Db fresh = crm::test::fresh_crm_db();
    const char* sql = "SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
    const std::vector<std::string> before = column_of(fresh, sql);
    CHECK(before.size() >= 8);
    Db db = seeded(with(30));
    CHECK(column_of(db, sql) == before);
    Stmt plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM activities WHERE owner_id = 'sales1' AND at > '2026' AND deleted = 0");
    REQUIRE(plan.step().value());
    CHECK(plan.text(3).find("activities_at") != std::string::npos);

    // A seeding that fails (a second one) leaves them too.
    REQUIRE_FALSE(seed_demo_data(db, with(30)).ok());
    CHECK(column_of(db, sql) == before);
}

TEST_CASE("the demo word lists are compiled in, each line with its columns") {
    struct List {
        const char* name;
        size_t columns;
    };
    for (const List& list : {List{"cities.txt", 3}, List{"company_words.txt", 1}, List{"company_words_en.txt", 1},
                             List{"english_names.txt", 2}, List{"given_names.txt", 1}, List{"industries.txt", 2},
                             List{"surnames.txt", 1}, List{"titles.txt", 2},
                             List{"activity_subjects.txt", 3}, List{"activity_outcomes.txt", 4}}) {
        INFO(std::string(list.name));
        std::string_view text = embedded_text(list.name);
        REQUIRE_FALSE(text.empty());
        size_t lines = 0;
        while (!text.empty()) {
            size_t end = text.find('\n');
            std::string_view line = text.substr(0, end);
            text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
            if (line.empty() || line.front() == '#') continue;
            INFO(std::string(line));
            size_t bars = 0;
            for (char c : line) bars += c == '|' ? 1 : 0;
            CHECK(bars + 1 == list.columns);
            CHECK(line.find('\r') == std::string_view::npos);
            CHECK(line.front() != ' ');
            CHECK(line.back() != ' ');
            ++lines;
        }
        CHECK(lines >= 8);
    }
    CHECK(embedded_text("no_such_list.txt").empty());
}

TEST_CASE("three years of history: as many done activities as asked, valid, each with its customer's owner") {
    DemoOptions options = with(200);
    options.history_activities = 5000;
    Db db = seeded(options);
    Db without = seeded(with(200));
    // The history comes on top: the customers, contacts and recent activities stay the same.
    CHECK(dump(db, "customers") == dump(without, "customers"));
    CHECK(dump(db, "contacts") == dump(without, "contacts"));
    CHECK(scalar(db, "SELECT count(*) FROM activities") == scalar(without, "SELECT count(*) FROM activities") + 5000);

    const std::string three_years_ago = iso_utc(local_midnight(local_today() - 3 * 365 - 1));
    // Nothing older than three years, nothing done in the future (planned ones may be ahead).
    Stmt outside = db.prepare("SELECT count(*) FROM activities WHERE at < ?1 OR (done_at <> '' AND done_at > ?2)");
    outside.bind_all(three_years_ago, iso_utc(now_ms()));
    REQUIRE(outside.step().value());
    CHECK(outside.int64(0) == 0);
    CHECK(scalar(db, "SELECT count(*) FROM activities WHERE at < date('now', '-1 year')") > 2500);
    CHECK(scalar(db, "SELECT count(*) FROM activities a JOIN customers c ON c.id = a.customer_id "
                     "WHERE a.owner_id <> c.owner_id") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM activities a WHERE contact_id <> '' AND NOT EXISTS "
                     "(SELECT 1 FROM contacts k WHERE k.id = a.contact_id AND k.customer_id = a.customer_id)") == 0);
    int64_t checked = 0;
    for (const std::string& id : column_of(db, "SELECT id FROM activities WHERE at < date('now', '-1 year') LIMIT 400")) {
        std::optional<Activity> activity = find_activity(db, id);
        REQUIRE(activity.has_value());
        INFO(activity->kind << " " << activity->subject << " " << activity->done_at);
        CHECK(validate(*activity, db) == Problems{});
        CHECK((activity->kind == "note" || !activity->done_at.empty()));
        ++checked;
    }
    CHECK(checked == 400);
}

TEST_CASE("the seed's references hold, though it writes them unchecked, and its activities come in index order") {
    DemoOptions options = with(300);
    options.history_activities = 3000;
    Db db = seeded(options);
    // The foreign keys are checked again after the seed, and every reference it wrote holds.
    CHECK(scalar(db, "PRAGMA foreign_keys") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    // Written customer by customer, oldest first: activities_customer's order is the rows'
    // order of writing, so the index stays live during the load at an append a row.
    const std::vector<std::string> by_index =
        column_of(db, "SELECT rowid FROM activities WHERE deleted = 0 ORDER BY customer_id, at, id");
    std::vector<std::string> by_rowid = column_of(db, "SELECT rowid FROM activities ORDER BY rowid");
    CHECK(by_index.size() == by_rowid.size());
    CHECK(by_index == by_rowid);
}

TEST_CASE("the history has seasons, quiet weekends and a few key accounts") {
    DemoOptions options = with(500);
    options.history_activities = 30000;
    Db db = seeded(options);
    const char* history = "(SELECT * FROM activities WHERE at < date('now', '-4 months'))";
    // The Spring Festival month against the year end, and Golden Week against September, as
    // activities a day: how many Februaries or Octobers the window holds depends on today.
    CHECK(per_day_in_month(db, "02") * 2 < per_day_in_month(db, "12"));
    CHECK(per_day_in_month(db, "10") < per_day_in_month(db, "09"));
    auto count = [&](const std::string& where) {
        return scalar(db, std::string("SELECT count(*) FROM ") + history + " WHERE " + where);
    };
    // Saturdays and Sundays together: about 15 % of a weekday each.
    CHECK(count("strftime('%w', at) IN ('0', '6')") * 5 < count("strftime('%w', at) = '3'") * 2);
    // The busiest customer has many times the activities of the middle one.
    const int64_t busiest = scalar(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM activities GROUP BY customer_id)");
    const int64_t middle = scalar(db, "SELECT n FROM (SELECT count(*) AS n FROM activities GROUP BY customer_id) "
                                      "ORDER BY n LIMIT 1 OFFSET 250");
    CHECK(busiest > 10 * middle);
}

TEST_CASE("the same seed gives the same history, a different seed another") {
    DemoOptions options = with(80, 5);
    options.history_activities = 2000;
    Db first = seeded(options), second = seeded(options);
    CHECK(dump(first, "activities") == dump(second, "activities"));
    options.seed = 6;
    Db other = seeded(options);
    CHECK(dump(first, "activities") != dump(other, "activities"));
}

TEST_CASE("the estimate of a dataset's size is within a fifth of what seeding it takes") {
    auto page_bytes = [](Db& db) {
        return scalar(db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
    };
    for (auto [customers, history] : {std::pair{2'000, 0}, std::pair{2'000, 40'000}, std::pair{5'000, 5'000}}) {
        DemoOptions options = with(customers, 7);
        options.history_activities = history;
        Db db = seeded(options);
        const int64_t made = page_bytes(db), estimated = estimated_demo_bytes(options);
        CAPTURE(customers);
        CAPTURE(history);
        CAPTURE(made);
        CAPTURE(estimated);
        CHECK(estimated > made * 4 / 5);
        CHECK(estimated < made * 6 / 5);
    }
}

TEST_CASE("compact memory is advised for the largest demo data only") {
    DemoOptions options = with(100'000, 1);
    CHECK_FALSE(compact_memory_advised(options));  // 100,000 customers: about 250 MB
    options.history_activities = 100'000;
    CHECK_FALSE(compact_memory_advised(options));
    options.history_activities = 1'000'000;  // 716 MB of pages, measured
    CHECK(compact_memory_advised(options));
    CHECK(estimated_demo_bytes(options) > (int64_t{650} << 20));
    CHECK(estimated_demo_bytes(options) < (int64_t{780} << 20));
    options.customers = 1'000;  // a few customers with a long history
    CHECK(compact_memory_advised(options));
    options.customers = 0;  // no customers, no history
    CHECK_FALSE(compact_memory_advised(options));
}
