// Tests for domain/training: the sandbox's guided tasks tick on what the database holds
// after the training started, never on the demo data, and never on half of an action.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/demo_data.hpp"
#include "domain/merge.hpp"
#include "domain/points.hpp"
#include "domain/training.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

// The sandbox as it opens: demo data, then the start of training.
struct Fixture {
    Db db = seeded();
    TrainingStart start = training_start(db);

    static Db seeded() {
        Db db = test::fresh_crm_db();
        DemoOptions demo;
        demo.customers = 30;
        REQUIRE_OK(seed_demo_data(db, demo));
        return db;
    }

    std::string add_customer(const std::string& name, const std::string& phone = {}) {
        Customer c;
        c.name = name;
        c.phone = phone;
        REQUIRE_OK(save_customer(db, c, "demo"));
        return c.id;
    }

    void add_contact(const std::string& customer_id, const std::string& name) {
        Contact c;
        c.customer_id = customer_id;
        c.name = name;
        REQUIRE_OK(save_contact(db, c, "demo"));
    }

    // A demo customer, there before the training started.
    std::string demo_customer(int index = 0) {
        Stmt stmt = db.prepare("SELECT id FROM customers WHERE deleted = 0 ORDER BY rowid LIMIT 1 OFFSET ?1");
        stmt.bind(1, index);
        REQUIRE(stmt.step().value_or(false));
        return stmt.text(0);
    }

    Activity activity(const std::string& customer_id, const char* kind, std::string done_at,
                      std::string planned_at = {}) {
        Activity a;
        a.customer_id = customer_id;
        a.kind = kind;
        a.subject = "Visit the plant";
        a.planned_at = std::move(planned_at);
        a.done_at = std::move(done_at);
        REQUIRE_OK(save_activity(db, a, "demo"));
        return a;
    }

    Status points(const std::string& customer_id, const char* kind, int64_t amount) {
        PointsEntry e;
        e.customer_id = customer_id;
        e.kind = kind;
        e.points = amount;
        e.reason = "Training";
        return add_points_entry(db, e, "demo");
    }

    int64_t rowid_of(const std::string& customer_id) {
        Stmt stmt = db.prepare("SELECT rowid FROM customers WHERE id = ?1");
        stmt.bind(1, customer_id);
        REQUIRE(stmt.step().value_or(false));
        return stmt.int64(0);
    }
};

std::string yesterday_iso() { return iso_utc(now_ms() - 86'400'000); }
std::string next_week_iso() { return iso_utc(now_ms() + 7 * 86'400'000); }

}  // namespace

TEST_CASE("the demo data ticks no task, though it holds customers with contacts, done visits and phones") {
    Fixture f;
    REQUIRE(scalar(f.db, "SELECT count(*) FROM customers c WHERE EXISTS "
                         "(SELECT 1 FROM contacts WHERE customer_id = c.id AND deleted = 0)") > 0);
    REQUIRE(scalar(f.db, "SELECT count(*) FROM activities WHERE kind = 'visit' AND done_at <> ''") > 0);
    for (TrainingTask task : kTrainingTasks) {
        CAPTURE(task_name(task));
        CHECK_FALSE(task_done(f.db, task, f.start, {}));
    }
}

TEST_CASE("a new customer with a contact ticks the first task; without a contact, or deleted, it does not") {
    Fixture f;
    const std::string customer = f.add_customer("Harbour Lights Trading");
    CHECK_FALSE(created_customer_with_contact(f.db, f.start));
    f.add_contact(f.demo_customer(), "Li Na");  // a contact, but for a customer of the demo data
    CHECK_FALSE(created_customer_with_contact(f.db, f.start));
    f.add_contact(customer, "Wang Wei");
    CHECK(created_customer_with_contact(f.db, f.start));
    REQUIRE_OK(delete_customer(f.db, customer, "demo"));
    CHECK_FALSE(created_customer_with_contact(f.db, f.start));
}

TEST_CASE("a customer with a contact made before the training started does not tick the first task") {
    Fixture f;
    f.add_contact(f.add_customer("Before Training Co."), "Li Na");
    const TrainingStart later = training_start(f.db);
    CHECK(created_customer_with_contact(f.db, f.start));
    CHECK_FALSE(created_customer_with_contact(f.db, later));
}

TEST_CASE("a done visit ticks the visit task; a planned one, or a done call, does not") {
    Fixture f;
    const std::string customer = f.demo_customer();
    f.activity(customer, "visit", {}, next_week_iso());
    CHECK_FALSE(logged_visit(f.db, f.start));
    f.activity(customer, "call", yesterday_iso());
    CHECK_FALSE(logged_visit(f.db, f.start));
    f.activity(customer, "visit", yesterday_iso());  // logged afterwards, done yesterday
    CHECK(logged_visit(f.db, f.start));
}

TEST_CASE("marking done a visit that was planned before the training started ticks the visit task") {
    Fixture f;
    const Activity planned = f.activity(f.demo_customer(), "visit", {}, next_week_iso());
    const TrainingStart start = training_start(f.db);
    CHECK_FALSE(logged_visit(f.db, start));
    REQUIRE_OK(mark_done(f.db, planned.id, "demo"));
    CHECK(logged_visit(f.db, start));
}

TEST_CASE("a planned visit marked done for later today ticks the visit task; one done a week ahead does not") {
    Fixture f;
    Activity soon = f.activity(f.demo_customer(0), "visit", {}, next_week_iso());
    Activity far = f.activity(f.demo_customer(1), "visit", {}, next_week_iso());
    const TrainingStart start = training_start(f.db);
    far.done_at = next_week_iso();  // not a visit logged: the range read ends a day from now
    REQUIRE_OK(save_activity(f.db, far, "demo"));
    CHECK_FALSE(logged_visit(f.db, start));
    soon.done_at = iso_utc(now_ms() + 2 * 3'600'000);
    REQUIRE_OK(save_activity(f.db, soon, "demo"));
    CHECK(logged_visit(f.db, start));
}

TEST_CASE("a done visit that was deleted does not tick the visit task") {
    Fixture f;
    const Activity visit = f.activity(f.demo_customer(), "visit", yesterday_iso());
    REQUIRE_OK(delete_activity(f.db, visit.id, "demo"));
    CHECK_FALSE(logged_visit(f.db, f.start));
}

TEST_CASE("a phone number in the search box ticks the search task when the list shows that customer") {
    Fixture f;
    const std::string customer = f.add_customer("Phone Book Ltd", "0571-8888 0101");
    const int64_t rowid = f.rowid_of(customer);
    const int64_t other = f.rowid_of(f.demo_customer());
    const std::vector<int64_t> shown{rowid}, others{other}, none;
    CHECK(found_customer_by_phone(f.db, {"0571-8888 0101", shown}));
    CHECK(found_customer_by_phone(f.db, {"8888 0101", shown}));  // part of the number
    CHECK(found_customer_by_phone(f.db, {" 057188880101 ", shown}));
    // The list does not show it, or shows someone else.
    CHECK_FALSE(found_customer_by_phone(f.db, {"0571-8888 0101", none}));
    CHECK_FALSE(found_customer_by_phone(f.db, {"0571-8888 0101", others}));
    // Not a phone number: a name, too few digits, or another number.
    CHECK_FALSE(found_customer_by_phone(f.db, {"Phone Book", shown}));
    CHECK_FALSE(found_customer_by_phone(f.db, {"0101", shown}));
    CHECK_FALSE(found_customer_by_phone(f.db, {"0571-9999 0101", shown}));
    CHECK_FALSE(found_customer_by_phone(f.db, {"", shown}));
}

TEST_CASE("a customer far down a long list is not found by phone") {
    Fixture f;
    const std::string customer = f.add_customer("Phone Book Ltd", "0571-8888 0101");
    std::vector<int64_t> shown;
    for (int i = 0; i < 25; ++i) shown.push_back(f.rowid_of(f.demo_customer(i)));
    shown.push_back(f.rowid_of(customer));
    CHECK_FALSE(found_customer_by_phone(f.db, {"0571-8888 0101", shown}));
}

TEST_CASE("earning points ticks the points task; a redeem or an adjustment down does not") {
    Fixture f;
    const std::string customer = f.demo_customer();
    REQUIRE_OK(f.points(customer, "earn", 500));
    const TrainingStart start = training_start(f.db);  // the earn came before the training
    CHECK(added_points(f.db, f.start));
    CHECK_FALSE(added_points(f.db, start));
    REQUIRE_OK(f.points(customer, "redeem", 100));
    REQUIRE_OK(f.points(customer, "adjust", -50));
    CHECK_FALSE(added_points(f.db, start));
    REQUIRE_OK(f.points(customer, "adjust", 20));
    CHECK(added_points(f.db, start));
}

TEST_CASE("merging two customers ticks the merge task; deleting one does not") {
    Fixture f;
    const std::string survivor = f.demo_customer(0), merged = f.demo_customer(1), deleted = f.demo_customer(2);
    REQUIRE_OK(delete_customer(f.db, deleted, "demo"));
    CHECK_FALSE(merged_customers(f.db, f.start));
    REQUIRE_OK(merge_customers(f.db, survivor, merged, {}, "demo"));
    CHECK(merged_customers(f.db, f.start));
}

TEST_CASE("a merge made before the training started does not tick the merge task") {
    Fixture f;
    REQUIRE_OK(merge_customers(f.db, f.demo_customer(0), f.demo_customer(1), {}, "demo"));
    // The next millisecond: a merge in the same one as the start would count as after it.
    const int64_t merged_at = now_ms();
    while (now_ms() == merged_at) {
    }
    CHECK_FALSE(merged_customers(f.db, training_start(f.db)));
}
