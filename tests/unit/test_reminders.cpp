// Tests for domain/reminders: birthdays and anniversaries ahead, customers overdue for a visit
// by their level's plan, and planned activities that are due.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/reminders.hpp"
#include "support.hpp"

using namespace crm;

namespace {

int64_t day(const char* date) {
    std::optional<int64_t> d = parse_date(date);
    REQUIRE(d.has_value());
    return *d;
}

struct Fixture {
    Db db = crm::test::fresh_crm_db();

    Fixture() {
        // The activities module brings this table (migration 4); these tests need only the
        // columns the reminders read, whichever version of it the schema has.
        REQUIRE_OK(db.exec(
            "CREATE TABLE IF NOT EXISTS activities (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, kind TEXT NOT NULL"
            " DEFAULT '', planned_at TEXT NOT NULL DEFAULT '', done_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT"
            " NULL DEFAULT 0)"));
    }

    std::string customer(const char* name, const char* level = "", const char* kind = "company",
                         const char* birthday = "") {
        Customer c;
        c.name = name;
        c.level = level;
        c.kind = kind;
        c.birthday = birthday;
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }

    std::string contact(const std::string& customer_id, const char* name, const char* birthday,
                        const char* anniversary = "") {
        Contact c;
        c.customer_id = customer_id;
        c.name = name;
        c.birthday = birthday;
        c.anniversary = anniversary;
        c.mobile = "138 1234 5678";
        REQUIRE_OK(save_contact(db, c, "sales1"));
        return c.id;
    }

    void created_on(const std::string& customer_id, const char* iso) {
        Stmt stmt = db.prepare("UPDATE customers SET created_at = ?2 WHERE id = ?1");
        stmt.bind_all(customer_id, iso);
        REQUIRE_OK(stmt.run());
    }

    void activity(const std::string& customer_id, const char* planned_at, const char* done_at, bool deleted = false,
                  const char* kind = "call") {
        Stmt stmt = db.prepare(
            "INSERT INTO activities (id, customer_id, kind, planned_at, done_at, deleted, subject, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'Call', '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z')");
        stmt.bind_all(new_id(), customer_id, kind, planned_at, done_at, deleted);
        REQUIRE_OK(stmt.run());
    }
};

std::vector<std::string> people(const std::vector<DateReminder>& reminders) {
    std::vector<std::string> out;
    for (const DateReminder& r : reminders) out.push_back(r.person_name + " " + r.occasion + " +" + std::to_string(r.days_until));
    return out;
}

std::vector<std::string> names(const std::vector<OverdueCustomer>& overdue) {
    std::vector<std::string> out;
    for (const OverdueCustomer& o : overdue) out.push_back(o.name + " " + std::to_string(o.days_overdue));
    return out;
}

struct UtcOffset {  // tests leave the zone at UTC, as they found it
    explicit UtcOffset(int minutes) { set_utc_offset_minutes(minutes); }
    ~UtcOffset() { set_utc_offset_minutes(0); }
};

}  // namespace

TEST_CASE("a date falls next this year, or next year once it has passed; Feb 29 on Feb 28 in other years") {
    CHECK(next_anniversary("1985-06-15", day("2026-06-01")) == day("2026-06-15"));
    CHECK(next_anniversary("1985-06-15", day("2026-06-15")) == day("2026-06-15"));
    CHECK(next_anniversary("1985-06-15", day("2026-06-16")) == day("2027-06-15"));
    CHECK(next_anniversary("1988-02-29", day("2026-01-10")) == day("2026-02-28"));
    CHECK(next_anniversary("1988-02-29", day("2027-03-01")) == day("2028-02-29"));
    CHECK(next_anniversary("1988-02-29", day("2028-02-29")) == day("2028-02-29"));
    CHECK_FALSE(next_anniversary("1988-13-01", day("2026-01-01")).has_value());
    CHECK_FALSE(next_anniversary("", day("2026-01-01")).has_value());
}

TEST_CASE("the birthday window wraps past the year's end, and counts the years on the day") {
    Fixture f;
    const std::string id = f.customer("华信科技有限公司");
    f.contact(id, "张伟", "1980-12-30");
    f.contact(id, "李娜", "1990-01-05", "2015-01-20");
    f.contact(id, "王芳", "1975-06-01");
    const std::vector<DateReminder> ahead = upcoming_dates(f.db, day("2026-12-28"), 14);
    CHECK(people(ahead) == std::vector<std::string>{"张伟 birthday +2", "李娜 birthday +8"});
    REQUIRE(ahead.size() == 2);
    CHECK(ahead[1].day == day("2027-01-05"));
    CHECK(ahead[1].years == 37);
    CHECK(ahead[0].years == 46);
    CHECK(ahead[0].customer_name == "华信科技有限公司");
    CHECK(ahead[0].phone == "138 1234 5678");
    // 2015-01-20 is 23 days after Dec 28: inside a window of 30, not one of 14.
    CHECK(people(upcoming_dates(f.db, day("2026-12-28"), 30)).back() == "李娜 anniversary +23");
}

TEST_CASE("both ends of the window count: today and the last day") {
    Fixture f;
    const std::string id = f.customer("Window Ltd");
    f.contact(id, "Today", "1980-03-01");
    f.contact(id, "Last", "1980-03-15");
    f.contact(id, "After", "1980-03-16");
    CHECK(people(upcoming_dates(f.db, day("2026-03-01"), 14)) ==
          std::vector<std::string>{"Today birthday +0", "Last birthday +14"});
}

TEST_CASE("a Feb 29 birthday is celebrated on Feb 28 in a year without one") {
    Fixture f;
    const std::string id = f.customer("Leap Ltd");
    f.contact(id, "Leap", "1988-02-29");
    const std::vector<DateReminder> in_2026 = upcoming_dates(f.db, day("2026-02-20"), 10);
    REQUIRE(in_2026.size() == 1);
    CHECK(in_2026[0].day == day("2026-02-28"));
    CHECK(upcoming_dates(f.db, day("2028-02-20"), 10)[0].day == day("2028-02-29"));
    // On Mar 1 of a year without Feb 29 it has passed.
    CHECK(upcoming_dates(f.db, day("2026-03-01"), 10).empty());
}

TEST_CASE("a person's own birthday counts; deleted contacts and customers do not") {
    Fixture f;
    f.customer("陈静", "", "person", "1992-05-03");
    f.customer("Company With A Date", "", "company", "1992-05-04");  // a company has no birthday
    const std::string gone = f.customer("Gone Ltd");
    f.contact(gone, "Gone", "1980-05-05");
    const std::string kept = f.customer("Kept Ltd");
    const std::string deleted_contact = f.contact(kept, "Deleted", "1980-05-06");
    REQUIRE_OK(delete_contact(f.db, deleted_contact, "sales1"));
    REQUIRE_OK(delete_customer(f.db, gone, "sales1"));
    const std::vector<DateReminder> ahead = upcoming_dates(f.db, day("2026-05-01"), 14);
    CHECK(people(ahead) == std::vector<std::string>{"陈静 birthday +2"});
    CHECK(ahead[0].contact_id.empty());
}

TEST_CASE("the default visit plan is A 14, B 30, C 90, D 180 days, and each level can be changed") {
    Fixture f;
    std::vector<VisitPlan> plans = visit_plans(f.db);
    REQUIRE(plans.size() == 4);
    CHECK(plans[0].level == "A");
    CHECK(plans[0].days == 14);
    CHECK(plans[1].days == 30);
    CHECK(plans[2].days == 90);
    CHECK(plans[3].days == 180);
    REQUIRE_OK(set_visit_plan(f.db, "B", 45));
    CHECK(visit_plans(f.db)[1].days == 45);
    Status refused = set_visit_plan(f.db, "E", 0);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().fields == Problems{{"level", "invalid_choice", 0}, {"days", "out_of_range", 3650}});
    CHECK_FALSE(set_visit_plan(f.db, "A", visit_plan_limits::max_days + 1).ok());
}

TEST_CASE("a customer is overdue when their last done activity is older than their level's interval") {
    Fixture f;
    const int64_t today = day("2026-06-30");
    const std::string a_recent = f.customer("A recent", "A");
    const std::string a_late = f.customer("A late", "A");
    const std::string b_late = f.customer("B late", "B");
    const std::string c_fine = f.customer("C fine", "C");
    const std::string no_level = f.customer("No level");
    for (const std::string& id : {a_recent, a_late, b_late, c_fine, no_level}) f.created_on(id, "2025-01-01T00:00:00.000Z");
    f.activity(a_recent, "", "2026-06-20T09:00:00.000Z");   // 10 days ago: within 14
    f.activity(a_late, "", "2026-06-10T09:00:00.000Z");     // 20 days ago: 6 past 14
    f.activity(a_late, "", "2026-06-25T09:00:00.000Z", true);  // deleted: does not count
    f.activity(a_late, "2026-06-29T09:00:00.000Z", "");     // planned, not done: not a contact
    f.activity(b_late, "", "2026-05-01T09:00:00.000Z");     // 60 days ago: 30 past 30
    f.activity(c_fine, "", "2026-05-01T09:00:00.000Z");     // 60 days: within 90
    CHECK(names(overdue_customers(f.db, today)) == std::vector<std::string>{"B late 30", "A late 6"});

    // Exactly the interval is not overdue yet.
    CHECK(names(overdue_customers(f.db, day("2026-06-24"))) == std::vector<std::string>{"B late 24"});

    // A longer plan for B takes it off the list.
    REQUIRE_OK(set_visit_plan(f.db, "B", 60));
    CHECK(names(overdue_customers(f.db, today)) == std::vector<std::string>{"A late 6"});
}

TEST_CASE("a customer never contacted counts from the day they were added") {
    Fixture f;
    const std::string id = f.customer("New D", "D");
    f.created_on(id, "2026-01-01T08:00:00.000Z");
    CHECK(overdue_customers(f.db, day("2026-06-30")).empty());  // 180 days: on the day
    const std::vector<OverdueCustomer> late = overdue_customers(f.db, day("2026-07-03"));
    REQUIRE(late.size() == 1);
    CHECK(late[0].last_contact.empty());
    CHECK(late[0].last_day == day("2026-01-01"));
    CHECK(late[0].days_overdue == 3);
}

TEST_CASE("follow-ups are planned activities not done, due on or before the user's today") {
    Fixture f;
    const std::string id = f.customer("Follow Ltd", "A");
    f.activity(id, "2026-06-28T02:00:00.000Z", "");                            // two days late
    f.activity(id, "2026-06-30T17:00:00.000Z", "");                            // today in UTC; 01:00 tomorrow in Beijing
    f.activity(id, "2026-06-29T02:00:00.000Z", "2026-06-29T03:00:00.000Z");  // done
    f.activity(id, "2026-07-02T02:00:00.000Z", "");                            // ahead
    f.activity(id, "2026-06-01T02:00:00.000Z", "", true);                      // deleted
    std::vector<FollowUp> due = follow_ups_due(f.db, day("2026-06-30"));
    REQUIRE(due.size() == 2);
    CHECK(due[0].days_late == 2);
    CHECK(due[0].customer_name == "Follow Ltd");
    CHECK(due[1].days_late == 0);

    UtcOffset beijing(8 * 60);
    due = follow_ups_due(f.db, day("2026-06-30"));
    CHECK(due.size() == 1);
}
