// Tests for domain/record_list: the contacts and activities lists' search, filters, sort,
// rows and counts, and what they leave out (deleted records, deleted customers).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/demo_data.hpp"
#include "domain/record_list.hpp"
#include "support.hpp"

using namespace crm;

namespace {

struct Fixture {
    Db db = crm::test::fresh_crm_db();
    std::string huaxin = add_customer("华信科技有限公司", "sales1");
    std::string acme = add_customer("Acme Trading", "sales2");

    std::string add_customer(const char* name, const char* owner) {
        Customer customer;
        customer.name = name;
        customer.owner_id = owner;
        REQUIRE_OK(save_customer(db, customer, "admin"));
        return customer.id;
    }

    Contact add_contact(const std::string& customer, const char* name, const char* email, const char* role = "") {
        Contact contact;
        contact.customer_id = customer;
        contact.name = name;
        contact.email = email;
        contact.role = role;
        REQUIRE_OK(save_contact(db, contact, "admin"));
        return contact;
    }

    Activity add_activity(const std::string& customer, const char* kind, const char* subject, int64_t planned_ms,
                          bool done = false, const char* owner = "sales1") {
        Activity a;
        a.customer_id = customer;
        a.kind = kind;
        a.subject = subject;
        a.planned_at = iso_utc(planned_ms);
        if (done) a.done_at = a.planned_at;
        a.owner_id = owner;
        REQUIRE_OK(save_activity(db, a, owner));
        return a;
    }

    // One column of every row the query finds, in its order.
    std::vector<std::string> column(const ListSpec& spec, const ListQuery& query, std::string_view key) {
        ListRows rows(db, spec);
        std::vector<std::string> out;
        const size_t index = spec.column(key).value();
        for (int64_t rowid : list_rowids(db, spec, query)) {
            std::optional<ListRow> row = rows.load(rowid);
            REQUIRE(row.has_value());
            out.push_back(row->cells[index]);
        }
        return out;
    }
};

constexpr int64_t kDay = 86'400'000;

ListQuery searching(std::string text) {
    ListQuery query;
    query.search = std::move(text);
    return query;
}

ListQuery filtered(std::map<std::string, std::string, std::less<>> filter) {
    ListQuery query;
    query.filter = std::move(filter);
    return query;
}

ListQuery sorted(std::vector<ListSort> sort) {
    ListQuery query;
    query.sort = std::move(sort);
    return query;
}

}  // namespace

TEST_CASE("the contacts list shows every live contact of live customers, by customer and name") {
    Fixture f;
    f.add_contact(f.huaxin, "王伟", "wang@huaxin.cn");
    f.add_contact(f.huaxin, "李娜", "li@huaxin.cn");
    f.add_contact(f.acme, "John Smith", "john@acme.com");
    const ListSpec& spec = contact_list();
    CHECK(f.column(spec, {}, "customer") ==
          std::vector<std::string>{"Acme Trading", "华信科技有限公司", "华信科技有限公司"});
    CHECK(f.column(spec, {}, "name") == std::vector<std::string>{"John Smith", "李娜", "王伟"});
    CHECK(list_count(f.db, spec) == 3);

    SUBCASE("the row carries the contact's and its customer's ids") {
        ListRows rows(f.db, spec);
        std::optional<ListRow> row = rows.load(list_rowids(f.db, spec, {}).front());
        REQUIRE(row.has_value());
        CHECK(row->customer_id == f.acme);
        CHECK(row->id == find_contact(f.db, row->id)->id);
        CHECK(row->cells[*spec.column("owner_id")] == "sales2");  // the customer's owner
    }
    SUBCASE("a deleted contact and the contacts of a deleted customer are left out") {
        REQUIRE_OK(delete_customer(f.db, f.acme, "admin"));
        CHECK(f.column(spec, {}, "name") == std::vector<std::string>{"李娜", "王伟"});
        CHECK(list_count(f.db, spec) == 2);
    }
}

TEST_CASE("the contacts list searches names, customers, phones and emails, ASCII case ignored") {
    Fixture f;
    f.add_contact(f.huaxin, "王伟", "wang@huaxin.cn");
    f.add_contact(f.acme, "John Smith", "john@acme.com");
    const ListSpec& spec = contact_list();
    CHECK(f.column(spec, searching("JOHN"), "name") == std::vector<std::string>{"John Smith"});
    CHECK(f.column(spec, searching("  王 "), "name") == std::vector<std::string>{"王伟"});
    CHECK(f.column(spec, searching("华信"), "name") == std::vector<std::string>{"王伟"});  // its customer's name
    CHECK(f.column(spec, searching("@acme"), "name") == std::vector<std::string>{"John Smith"});
    CHECK(f.column(spec, searching("nobody"), "name").empty());
    // '%' and '_' are plain characters, not LIKE's wildcards.
    CHECK(f.column(spec, searching("%"), "name").empty());
}

TEST_CASE("the contacts list's filters combine: role, opted out, owner") {
    Fixture f;
    f.add_contact(f.huaxin, "王伟", "wang@huaxin.cn", "decision_maker");
    Contact li = f.add_contact(f.huaxin, "李娜", "li@huaxin.cn", "purchaser");
    f.add_contact(f.acme, "John Smith", "john@acme.com", "decision_maker");
    li.no_email = true;
    li.no_call = true;
    REQUIRE_OK(save_contact(f.db, li, "admin"));
    const ListSpec& spec = contact_list();

    CHECK(f.column(spec, filtered({{"role", "decision_maker"}}), "name") ==
          std::vector<std::string>{"John Smith", "王伟"});
    CHECK(f.column(spec, filtered({{"role", "decision_maker"}, {"owner_id", "sales1"}}), "name") ==
          std::vector<std::string>{"王伟"});
    CHECK(f.column(spec, filtered({{"opted_out", "any"}}), "opt_outs") == std::vector<std::string>{"no_email no_call"});
    CHECK(f.column(spec, filtered({{"opted_out", "none"}}), "name").size() == 2);
    CHECK(f.column(spec, filtered({{"role", ""}}), "name").size() == 3);  // "" is no filter
    SUBCASE("a value a filter does not take, or a filter the list does not have, finds nothing") {
        CHECK(f.column(spec, filtered({{"role", "boss"}}), "name").empty());
        CHECK(f.column(spec, filtered({{"colour", "red"}}), "name").empty());
    }
}

TEST_CASE("the activities list sorts newest first, by any columns, and filters by kind, status, owner and dates") {
    Fixture f;
    const int64_t now = now_ms();
    f.add_activity(f.huaxin, "visit", "Quarterly review", now - 10 * kDay, true);
    f.add_activity(f.huaxin, "call", "Follow up the quote", now - 2 * kDay);  // planned, not done: overdue
    f.add_activity(f.acme, "call", "Intro call", now + 3 * kDay, false, "sales2");
    const ListSpec& spec = activity_list();

    CHECK(f.column(spec, {}, "subject") ==
          std::vector<std::string>{"Intro call", "Follow up the quote", "Quarterly review"});
    CHECK(f.column(spec, sorted({{*spec.column("kind"), false}, {*spec.column("at"), false}}), "subject") ==
          std::vector<std::string>{"Follow up the quote", "Intro call", "Quarterly review"});
    CHECK(f.column(spec, sorted({{*spec.column("customer"), true}}), "customer").front() == "华信科技有限公司");

    CHECK(f.column(spec, filtered({{"kind", "call"}}), "subject").size() == 2);
    CHECK(f.column(spec, filtered({{"status", "done"}}), "subject") == std::vector<std::string>{"Quarterly review"});
    CHECK(f.column(spec, filtered({{"status", "planned"}}), "status") == std::vector<std::string>{"planned", "planned"});
    CHECK(f.column(spec, filtered({{"status", "overdue"}}), "subject") ==
          std::vector<std::string>{"Follow up the quote"});
    CHECK(f.column(spec, filtered({{"owner_id", "sales2"}}), "subject") == std::vector<std::string>{"Intro call"});

    const std::string yesterday = format_date(local_day_of(now - kDay));
    const std::string in_a_week = format_date(local_day_of(now + 7 * kDay));
    CHECK(f.column(spec, filtered({{"from", yesterday}}), "subject") == std::vector<std::string>{"Intro call"});
    CHECK(f.column(spec, filtered({{"to", format_date(local_day_of(now - 2 * kDay))}}), "subject") ==
          std::vector<std::string>{"Follow up the quote", "Quarterly review"});  // the "to" day itself counts
    CHECK(f.column(spec, filtered({{"from", format_date(local_day_of(now - 2 * kDay))}, {"to", in_a_week}}),
                   "subject")
              .size() == 2);
    CHECK(f.column(spec, filtered({{"from", "2026-02-30"}}), "subject").empty());  // no such day
    CHECK(f.column(spec, filtered({{"status", "lost"}}), "subject").empty());

    SUBCASE("a note is neither planned nor done") {
        Activity note;
        note.customer_id = f.acme;
        note.kind = "note";
        note.subject = "Prefers WeChat";
        REQUIRE_OK(save_activity(f.db, note, "sales1"));
        CHECK(f.column(spec, searching("wechat"), "status") == std::vector<std::string>{""});
        CHECK(f.column(spec, filtered({{"status", "planned"}}), "subject").size() == 2);
        CHECK(f.column(spec, filtered({{"status", "overdue"}}), "subject").size() == 1);
    }
}

TEST_CASE("the activities list shows the contact's name and searches subjects, customers and contacts") {
    Fixture f;
    const Contact wang = f.add_contact(f.huaxin, "王伟", "wang@huaxin.cn");
    Activity with_contact;
    with_contact.customer_id = f.huaxin;
    with_contact.contact_id = wang.id;
    with_contact.kind = "meeting";
    with_contact.subject = "Contract talks";
    with_contact.planned_at = iso_utc(now_ms());
    REQUIRE_OK(save_activity(f.db, with_contact, "sales1"));
    f.add_activity(f.acme, "email", "Price list", now_ms() - kDay, true);
    const ListSpec& spec = activity_list();

    CHECK(f.column(spec, {}, "contact") == std::vector<std::string>{"王伟", ""});
    CHECK(f.column(spec, searching("王伟"), "subject") == std::vector<std::string>{"Contract talks"});
    CHECK(f.column(spec, searching("acme"), "subject") == std::vector<std::string>{"Price list"});
    CHECK(f.column(spec, searching("PRICE"), "subject") == std::vector<std::string>{"Price list"});
    CHECK(list_values(f.db, spec, "kind") == std::vector<std::string>{"email", "meeting"});
    CHECK(list_values(f.db, spec, "no_such_column").empty());

    REQUIRE_OK(delete_activity(f.db, with_contact.id, "sales1"));
    CHECK(f.column(spec, {}, "subject") == std::vector<std::string>{"Price list"});
    CHECK(list_count(f.db, spec) == 1);
}

// Sync may bring a customer's deletion before (or without) its children's: the lists leave
// such children out whether they read the record's table alone or join it, and say so in
// the count.
TEST_CASE("the records of a customer deleted elsewhere are left out, with or without the joins") {
    Fixture f;
    f.add_contact(f.huaxin, "王伟", "wang@huaxin.cn");
    f.add_contact(f.acme, "John Smith", "john@acme.com");
    f.add_activity(f.huaxin, "call", "Price list", now_ms() - kDay, true);
    f.add_activity(f.acme, "call", "Price list", now_ms() - kDay, true);
    // While no customer is deleted, the lists read their records' own flag only.
    CHECK_FALSE(customers_deleted(f.db));
    CHECK(list_statement(activity_list(), {}, false).sql.find("NOT IN") == std::string::npos);
    CHECK(list_count(f.db, activity_list()) == 2);
    CHECK(list_count(f.db, contact_list()) == 2);
    REQUIRE_OK(f.db.exec("UPDATE customers SET deleted = 1 WHERE name = 'Acme Trading'"));  // children untouched
    CHECK(customers_deleted(f.db));

    const ListSpec& contacts = contact_list();
    CHECK(f.column(contacts, {}, "name") == std::vector<std::string>{"王伟"});  // sorted by customer: joined
    CHECK(f.column(contacts, sorted({{*contacts.column("name"), false}}), "name") == std::vector<std::string>{"王伟"});
    CHECK(f.column(contacts, searching("john"), "name").empty());
    CHECK(f.column(contacts, filtered({{"owner_id", "sales2"}}), "name").empty());
    CHECK(list_count(f.db, contacts) == 1);

    const ListSpec& activities = activity_list();
    CHECK(f.column(activities, {}, "customer") == std::vector<std::string>{"华信科技有限公司"});
    CHECK(f.column(activities, sorted({{*activities.column("customer"), false}}), "customer") ==
          std::vector<std::string>{"华信科技有限公司"});
    CHECK(f.column(activities, searching("price"), "customer") == std::vector<std::string>{"华信科技有限公司"});
    CHECK(f.column(activities, searching("acme"), "customer").empty());
    CHECK(list_count(f.db, activities) == 1);
}

TEST_CASE("activities at the same moment list by owner, then the later written first, newest first as the rest") {
    Fixture f;
    const int64_t at = now_ms() - kDay;
    f.add_activity(f.huaxin, "call", "First", at, true);
    f.add_activity(f.huaxin, "call", "Second", at, true);
    f.add_activity(f.huaxin, "call", "Agent's", at, true, "agent1");
    f.add_activity(f.huaxin, "call", "Older", at - kDay, true);
    const ListSpec& spec = activity_list();
    CHECK(f.column(spec, {}, "subject") == std::vector<std::string>{"Second", "First", "Agent's", "Older"});
    CHECK(f.column(spec, sorted({{*spec.column("at"), false}}), "subject") ==
          std::vector<std::string>{"Older", "Agent's", "First", "Second"});
}

// Sorting a million activities in a temporary B-tree took most of the time that opened the
// list (tests/bench/RESULTS.md): by time, either way, the order is read from activities_at.
TEST_CASE("the activities list's order by time comes from its index, with no sort") {
    Fixture f;
    const ListSpec& spec = activity_list();
    for (const ListQuery& query : {ListQuery{}, sorted({{*spec.column("at"), false}}), filtered({{"kind", "call"}})}) {
        const ListCondition statement = list_statement(spec, query);
        Stmt plan = f.db.prepare("EXPLAIN QUERY PLAN " + statement.sql);
        for (int i = 0; i < static_cast<int>(statement.params.size()); ++i) plan.bind(i + 1, statement.params[i]);
        std::string steps;
        while (plan.step().value_or(false)) steps += plan.text(3) + "\n";
        INFO(statement.sql);
        INFO(steps);
        CHECK(steps.find("activities_at") != std::string::npos);
        CHECK(steps.find("TEMP B-TREE") == std::string::npos);
    }
    // Sorted by another column, SQLite sorts: the check above can tell.
    const ListCondition by_kind = list_statement(spec, sorted({{*spec.column("kind"), false}}));
    Stmt plan = f.db.prepare("EXPLAIN QUERY PLAN " + by_kind.sql);
    std::string steps;
    while (plan.step().value_or(false)) steps += plan.text(3) + "\n";
    CHECK(steps.find("TEMP B-TREE") != std::string::npos);
}

namespace {

// Generated customers with their contacts and `history` activities besides the recent ones.
Db demo_db(int customers, int history) {
    Db db = crm::test::fresh_crm_db();
    DemoOptions demo;
    demo.customers = customers;
    demo.history_activities = history;
    REQUIRE_OK(seed_demo_data(db, demo));
    return db;
}

}  // namespace

// The screens search from memory (ListSearch); it must find what the SQL finds, in order.
TEST_CASE("the in-memory search finds exactly what the list's SQL finds, typing on or starting over") {
    Db db = demo_db(300, 2000);
    REQUIRE_OK(db.exec("UPDATE customers SET deleted = 1 WHERE code IN ('C10002', 'C10007')"));  // children left
    for (const ListSpec* spec : {&contact_list(), &activity_list()}) {
        for (const ListQuery& base : {ListQuery{}, sorted({{*spec->column("customer"), true}}),
                                      spec == &contact_list() ? filtered({{"opted_out", "any"}})
                                                              : filtered({{"status", "done"}})}) {
            CAPTURE(spec->name);
            ListSearch search;
            search.load(db, *spec, base);
            CHECK(search.find("") == list_rowids(db, *spec, base));
            // Typing on narrows the last matches; the others start over.
            for (const char* typed : {"w", "wa", "wan", "a", "王", "有限", "  Acme ", "1", "13", "@", "zzz", ""}) {
                CAPTURE(typed);
                ListQuery query = base;
                query.search = typed;
                const std::vector<int64_t> expected = list_rowids(db, *spec, query);
                CHECK(search.find(typed) == expected);
            }
        }
    }
}

// The names of the customers and contacts an activity is searched by are read in slices too:
// 100,000 customers and 160,000 contacts took 100 ms, in the frame of the first keystroke.
TEST_CASE("reading the search texts a slice at a time reads the joined names a slice at a time too") {
    Db db = demo_db(1'000, 0);
    const ListSpec& spec = activity_list();
    int name_reads = 0;
    auto on_statement = [](unsigned, void* context, void* statement, void*) {
        const std::string_view sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
        if (sql.starts_with("SELECT rowid, id, name FROM customers")) ++*static_cast<int*>(context);
        return 0;
    };
    sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, on_statement, &name_reads);
    ListSearch sliced;
    sliced.begin(db, spec, list_rowids(db, spec, {}));
    CHECK(name_reads == 0);  // begin() reads nothing
    while (sliced.step_for(std::chrono::milliseconds(0))) {
    }
    sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
    CHECK(name_reads >= 1'000 / 256);
    ListSearch whole;
    whole.load(db, spec, {});
    for (const char* typed : {"", "有限", "inc", "王"}) {
        CAPTURE(typed);
        CHECK(sliced.find(typed) == whole.find(typed));
        CHECK_FALSE(sliced.find(typed).empty());
    }
}

// The screens read the texts a slice a frame; slices of any size read what load() reads, and
// a slice goes on after a write between slices (nothing is held open across them).
TEST_CASE("reading the search texts a slice at a time finds what reading them in one go finds") {
    Db db = demo_db(200, 3000);
    const ListSpec& spec = activity_list();
    ListQuery query = sorted({{*spec.column("customer"), true}});
    ListSearch whole;
    whole.load(db, spec, query);
    const std::vector<int64_t> everything = list_rowids(db, spec, query);
    REQUIRE(everything.size() > 3000);

    ListSearch sliced;
    sliced.begin(db, spec, everything);
    CHECK(sliced.reading());
    CHECK(sliced.progress() == 0.0);
    int slices = 0;
    double progress = 0;
    while (sliced.step_for(std::chrono::milliseconds(0))) {  // one clock check: 256 rows a slice
        ++slices;
        CHECK(sliced.progress() >= progress);
        progress = sliced.progress();
        if (slices == 3) {
            // A write on the same connection between two slices: the next slice goes on.
            REQUIRE_OK(db.exec("UPDATE activities SET subject = 'Zebra meeting' WHERE rowid = (SELECT max(rowid) FROM activities)"));
        }
    }
    CHECK_FALSE(sliced.reading());
    CHECK(slices >= 3000 / 256);
    for (const char* typed : {"", "w", "王", "有限", "1", "zzz"}) {
        CAPTURE(typed);
        CHECK(sliced.find(typed) == whole.find(typed));
    }
    // The row written after the reading began, but before its slice, is read as written.
    CHECK(sliced.find("zebra").size() == 1);

    // Cancelled, it reads nothing more and finds nothing.
    sliced.begin(db, spec, everything);
    CHECK(sliced.step_for(std::chrono::milliseconds(0)));
    sliced.cancel();
    CHECK_FALSE(sliced.reading());
    CHECK_FALSE(sliced.step_for(std::chrono::milliseconds(0)));
    CHECK(sliced.find("").empty());
}
