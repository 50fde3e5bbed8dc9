// Tests for domain/activity: validation by field, the timeline's order, my day, the batch
// and what deleting a customer does to its activities.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

struct Fixture {
    Db db = crm::test::fresh_crm_db();
    std::string customer_id = add_customer("华信科技有限公司");

    std::string add_customer(const char* name) {
        Customer customer;
        customer.name = name;
        REQUIRE_OK(save_customer(db, customer, "sales1"));
        return customer.id;
    }

    std::string add_contact(const std::string& customer, const char* name) {
        Contact contact;
        contact.customer_id = customer;
        contact.name = name;
        REQUIRE_OK(save_contact(db, contact, "sales1"));
        return contact.id;
    }

    Activity visit(std::string subject, std::string planned_at, std::string done_at = {}) const {
        Activity a;
        a.customer_id = customer_id;
        a.kind = "visit";
        a.subject = std::move(subject);
        a.planned_at = std::move(planned_at);
        a.done_at = std::move(done_at);
        return a;
    }

    Activity saved(Activity a, std::string_view actor = "sales1") {
        REQUIRE_OK(save_activity(db, a, actor));
        return a;
    }

    std::vector<std::string> timeline(const std::string& customer) {
        std::vector<std::string> subjects;
        for (const Activity& a : activities_of_customer(db, customer)) subjects.push_back(a.subject);
        return subjects;
    }

    int64_t activity_rows() { return scalar(db, "SELECT count(*) FROM activities"); }
};

Problems problems_of(const Status& status) {
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    return status.error().fields;
}

int64_t at(const char* iso) { return *parse_iso_utc(iso); }

using Subjects = std::vector<std::string>;

}  // namespace

TEST_CASE("a complete visit passes validation and is stored with its times in the long ISO form") {
    Fixture f;
    Activity a = f.visit("Quarterly review", "2026-12-02T09:30:00Z");
    a.contact_id = f.add_contact(f.customer_id, "张伟");
    a.outcome = "Agreed on the new price list";
    CHECK(validate(a, f.db) == Problems{});
    Activity stored = f.saved(a);
    CHECK(stored.id.size() == 36);
    CHECK(stored.planned_at == "2026-12-02T09:30:00.000Z");
    CHECK(stored.owner_id == "sales1");
    CHECK(stored.updated_by == "sales1");
    std::optional<Activity> found = find_activity(f.db, stored.id);
    REQUIRE(found.has_value());
    CHECK(*found == stored);
}

TEST_CASE("validation names every problem with its field") {
    Fixture f;
    const std::string other_customer = f.add_customer("Other Co.");
    Activity a;
    a.customer_id = f.customer_id;
    a.kind = "fax";
    a.subject = "   ";
    a.planned_at = "2026-12-02 09:30";
    a.done_at = "yesterday";
    a.contact_id = f.add_contact(other_customer, "Li Na");
    a.outcome = std::string(2001, 'x');
    a.next_step = std::string(501, 'y');
    CHECK(validate(a, f.db) == Problems{{"kind", "invalid_choice", 0},
                                        {"subject", "required", 0},
                                        {"outcome", "too_long", 2000},
                                        {"next_step", "too_long", 500},
                                        {"planned_at", "time_format", 0},
                                        {"done_at", "time_format", 0},
                                        {"contact_id", "wrong_customer", 0}});
    CHECK(f.activity_rows() == 0);
    CHECK(problems_of(save_activity(f.db, a, "sales1")).size() == 7);
    CHECK(f.activity_rows() == 0);
}

TEST_CASE("an activity needs a live customer, a known contact and, unless it is a note, a time") {
    Fixture f;
    Activity a = f.visit("Visit", "");
    CHECK(validate(a, f.db) == Problems{{"planned_at", "required", 0}});
    a.kind = "note";
    CHECK(validate(a, f.db) == Problems{});
    a.kind = "";
    CHECK(validate(a, f.db) == Problems{{"kind", "required", 0}, {"planned_at", "required", 0}});
    a.kind = "call";
    a.done_at = "2026-11-30T10:00:00.000Z";
    CHECK(validate(a, f.db) == Problems{});

    a.contact_id = "no-such-contact";
    CHECK(validate(a, f.db) == Problems{{"contact_id", "not_found", 0}});
    a.contact_id.clear();
    a.customer_id = "no-such-customer";
    CHECK(validate(a, f.db) == Problems{{"customer_id", "not_found", 0}});
    a.customer_id.clear();
    CHECK(validate(a, f.db) == Problems{{"customer_id", "required", 0}});

    const std::string gone = f.add_customer("Gone Ltd.");
    REQUIRE_OK(delete_customer(f.db, gone, "sales1"));
    a.customer_id = gone;
    CHECK(validate(a, f.db) == Problems{{"customer_id", "not_found", 0}});
}

TEST_CASE("saving an activity as it is stored writes nothing; a change is written with who made it") {
    Fixture f;
    Activity a = f.saved(f.visit("Visit", "2026-12-02T09:30:00.000Z"));
    const std::string updated_at = a.updated_at;
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    Activity same = a;
    same.planned_at = "2026-12-02T09:30:00Z";  // the same instant, written short
    REQUIRE_OK(save_activity(f.db, same, "sales2"));
    CHECK(same.updated_at == updated_at);
    CHECK(same.updated_by == "sales1");

    Activity changed = a;
    changed.outcome = "Signed";
    REQUIRE_OK(save_activity(f.db, changed, "sales2"));
    CHECK(changed.updated_at != updated_at);
    CHECK(find_activity(f.db, a.id)->outcome == "Signed");
    CHECK(find_activity(f.db, a.id)->updated_by == "sales2");
    CHECK(find_activity(f.db, a.id)->owner_id == "sales1");  // an empty owner means no change
}

TEST_CASE("the timeline lists a customer's live activities newest first, by done, planned or written time") {
    Fixture f;
    f.saved(f.visit("planned Friday", "2026-12-04T02:00:00Z"));
    f.saved(f.visit("planned Monday, done Tuesday", "2026-11-30T02:00:00Z", "2026-12-01T08:00:00Z"));
    f.saved(f.visit("done last week", "", "2026-11-25T08:00:00Z"));
    Activity deleted = f.saved(f.visit("deleted", "2026-12-03T02:00:00Z"));
    REQUIRE_OK(delete_activity(f.db, deleted.id, "sales1"));
    Activity elsewhere = f.visit("another customer's", "2026-12-02T02:00:00Z");
    elsewhere.customer_id = f.add_customer("Elsewhere");
    f.saved(elsewhere);
    Activity note = f.visit("a note written now", "");
    note.kind = "note";
    note = f.saved(note);

    // A note stands at its created_at, the wall clock's now: wherever that falls among the others.
    std::vector<std::pair<std::string, std::string>> by_time = {{"2026-12-04T02:00:00.000Z", "planned Friday"},
                                                                {"2026-12-01T08:00:00.000Z", "planned Monday, done Tuesday"},
                                                                {"2026-11-25T08:00:00.000Z", "done last week"},
                                                                {note.created_at, "a note written now"}};
    std::sort(by_time.begin(), by_time.end(), std::greater<>());
    Subjects expected;
    for (const auto& [time, subject] : by_time) expected.push_back(subject);
    CHECK(f.timeline(f.customer_id) == expected);
    CHECK(count_activities_of_customer(f.db, f.customer_id) == 4);
    CHECK_FALSE(find_activity(f.db, deleted.id).has_value());
    CHECK(scalar(f.db, "SELECT deleted FROM activities WHERE subject = 'deleted'") == 1);
}

TEST_CASE("the last contact is the latest done call, visit, meeting, email or message, not a task or note") {
    Fixture f;
    CHECK_FALSE(last_contact_at(f.db, f.customer_id).has_value());
    f.saved(f.visit("visit", "", "2026-11-20T08:00:00Z"));
    Activity task = f.visit("task", "", "2026-11-28T08:00:00Z");
    task.kind = "task";
    f.saved(task);
    f.saved(f.visit("planned, not done", "2026-11-29T08:00:00Z"));
    Activity call = f.visit("call", "2026-11-22T08:00:00Z", "2026-11-23T08:00:00Z");
    call.kind = "call";
    f.saved(call);
    CHECK(last_contact_at(f.db, f.customer_id) == at("2026-11-23T08:00:00Z"));
}

TEST_CASE("my day lists the owner's open activities planned up to the end of the local day; earlier ones are overdue") {
    Fixture f;
    set_utc_offset_minutes(8 * 60);  // Beijing: 2026-12-02 local is [12-01T16:00Z, 12-02T16:00Z)
    const int64_t now = at("2026-12-02T03:00:00Z");  // 11:00 in Beijing
    f.saved(f.visit("last week, never done", "2026-11-25T02:00:00Z"));
    f.saved(f.visit("this morning", "2026-12-02T01:00:00Z"));
    f.saved(f.visit("this evening", "2026-12-02T12:00:00Z"));
    f.saved(f.visit("tomorrow morning", "2026-12-02T16:30:00Z"));
    f.saved(f.visit("done already", "2026-12-02T00:30:00Z", "2026-12-02T00:45:00Z"));
    f.saved(f.visit("someone else's", "2026-12-02T01:00:00Z"), "sales2");
    Activity gone = f.saved(f.visit("deleted", "2026-12-02T01:00:00Z"));
    REQUIRE_OK(delete_activity(f.db, gone.id, "sales1"));

    std::vector<ScheduledActivity> day = due_and_overdue(f.db, "sales1", now);
    set_utc_offset_minutes(0);
    REQUIRE(day.size() == 3);
    CHECK(day[0].activity.subject == "last week, never done");
    CHECK(day[0].overdue);
    CHECK(day[1].activity.subject == "this morning");
    CHECK(day[1].overdue);
    CHECK(day[2].activity.subject == "this evening");
    CHECK_FALSE(day[2].overdue);
    CHECK(day[2].customer_name == "华信科技有限公司");
    CHECK(day[2].at_ms == at("2026-12-02T12:00:00Z"));
}

TEST_CASE("marking an activity done stamps the time once and takes it off my day") {
    Fixture f;
    Activity a = f.saved(f.visit("visit", "2026-12-02T01:00:00Z"));
    REQUIRE_OK(mark_done(f.db, a.id, "sales1", at("2026-12-02T02:00:00Z")));
    CHECK(find_activity(f.db, a.id)->done_at == "2026-12-02T02:00:00.000Z");
    REQUIRE_OK(mark_done(f.db, a.id, "sales1", at("2026-12-03T02:00:00Z")));
    CHECK(find_activity(f.db, a.id)->done_at == "2026-12-02T02:00:00.000Z");
    CHECK(due_and_overdue(f.db, "sales1", at("2026-12-02T03:00:00Z")).empty());
    CHECK(mark_done(f.db, "no-such-id", "sales1").error().code == "not_found");
}

TEST_CASE("the calendar finds activities in a time range by done, else planned time, of one owner or all") {
    Fixture f;
    f.saved(f.visit("Monday", "2026-11-30T02:00:00Z"));
    f.saved(f.visit("planned before, done Tuesday", "2026-11-20T02:00:00Z", "2026-12-01T02:00:00Z"));
    f.saved(f.visit("next week", "2026-12-08T02:00:00Z"));
    f.saved(f.visit("sales2's Wednesday", "2026-12-02T02:00:00Z"), "sales2");
    auto subjects = [](const std::vector<ScheduledActivity>& items) {
        Subjects out;
        for (const ScheduledActivity& item : items) out.push_back(item.activity.subject);
        return out;
    };
    const int64_t from = at("2026-11-30T00:00:00Z"), to = at("2026-12-07T00:00:00Z");
    CHECK(subjects(activities_between(f.db, from, to, "sales1")) == Subjects{"Monday", "planned before, done Tuesday"});
    CHECK(subjects(activities_between(f.db, from, to, "")) ==
          Subjects{"Monday", "planned before, done Tuesday", "sales2's Wednesday"});
    // The range is half-open: an activity exactly at its end belongs to the next one.
    CHECK(subjects(activities_between(f.db, from, at("2026-11-30T02:00:00Z"), "sales1")).empty());
    CHECK(subjects(activities_between(f.db, at("2026-11-30T02:00:00Z"), to, "sales1")).size() == 2);
}

TEST_CASE("one activity for many customers is created in one transaction, all or nothing") {
    Fixture f;
    const std::vector<std::string> customers = {f.customer_id, f.add_customer("B Co."), f.add_customer("C Co.")};
    Activity model = f.visit("New year greetings", "2026-12-31T01:00:00Z");
    model.kind = "call";
    model.contact_id = f.add_contact(f.customer_id, "张伟");  // belongs to one customer: not copied

    Result<std::vector<std::string>> made = create_for_customers(f.db, model, customers, "sales1");
    REQUIRE_OK(made);
    CHECK(made.value().size() == 3);
    CHECK(scalar(f.db, "SELECT count(DISTINCT customer_id) FROM activities WHERE subject = 'New year greetings'") == 3);
    CHECK(scalar(f.db, "SELECT count(*) FROM activities WHERE contact_id <> ''") == 0);

    const std::string gone = f.add_customer("Gone Ltd.");
    REQUIRE_OK(delete_customer(f.db, gone, "sales1"));
    const std::vector<std::string> with_gone = {customers[0], customers[1], gone, customers[2]};
    Result<std::vector<std::string>> refused = create_for_customers(f.db, model, with_gone, "sales1");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().fields == Problems{{"customer_id", "not_found", 0}});
    CHECK(f.activity_rows() == 3);

    Activity invalid = model;
    invalid.subject = "";
    CHECK_FALSE(create_for_customers(f.db, invalid, customers, "sales1").ok());
    CHECK(f.activity_rows() == 3);
}

TEST_CASE("deleting a customer tombstones its activities, and only its") {
    Fixture f;
    f.saved(f.visit("one", "2026-12-01T01:00:00Z"));
    f.saved(f.visit("two", "2026-12-02T01:00:00Z"));
    Activity other = f.visit("other's", "2026-12-02T01:00:00Z");
    other.customer_id = f.add_customer("Other");
    f.saved(other);
    REQUIRE_OK(delete_customer(f.db, f.customer_id, "sales2"));
    CHECK(scalar(f.db, "SELECT count(*) FROM activities WHERE deleted = 1 AND updated_by = 'sales2'") == 2);
    CHECK(scalar(f.db, "SELECT count(*) FROM activities WHERE deleted = 0") == 1);
    CHECK(f.timeline(f.customer_id).empty());
}

TEST_CASE("a customer with 1,000 activities opens its timeline in well under 50 ms, read along an index") {
    Fixture f;
    {
        Tx tx(f.db);
        for (int i = 0; i < 1000; ++i) {
            f.saved(f.visit("visit " + std::to_string(i), iso_utc(at("2026-01-01T00:00:00Z") + i * 3'600'000LL)));
        }
        // Other customers' activities around them, as in a real database.
        for (int c = 0; c < 200; ++c) {
            Activity a = f.visit("noise", "2026-06-01T00:00:00Z");
            a.customer_id = f.add_customer("Noise");
            for (int i = 0; i < 20; ++i) f.saved(a);
        }
        REQUIRE_OK(tx.commit());
    }
    // The first read, as opening the customer does, in CPU time: a machine busy with other work
    // does not fail the test. (Sanitizers are on and optimisation off here: an optimised build
    // is several times faster.)
    const auto cpu_ms = [] { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
    const double start = cpu_ms();
    std::vector<Activity> timeline = activities_of_customer(f.db, f.customer_id);
    const double first = cpu_ms() - start;
    const int64_t count = count_activities_of_customer(f.db, f.customer_id);
    const std::optional<int64_t> last = last_contact_at(f.db, f.customer_id);
    const double with_facts = cpu_ms() - start;
    MESSAGE("timeline of 1,000 activities: " << first << " ms CPU; with its count and last contact: " << with_facts
                                             << " ms");
    CHECK(timeline.size() == 1000);
    CHECK(count == 1000);
    CHECK_FALSE(last.has_value());
    CHECK(timeline.front().subject == "visit 999");
    CHECK(with_facts < 50);
    Stmt plan = f.db.prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM activities a WHERE a.customer_id = 'x' AND a.deleted = 0 ORDER BY a.at DESC, a.id DESC");
    std::string steps;
    while (plan.step().value_or(false)) steps += plan.text(3) + "; ";
    INFO(steps);
    CHECK(steps.find("activities_customer") != std::string::npos);
    CHECK(steps.find("TEMP B-TREE") == std::string::npos);
}
