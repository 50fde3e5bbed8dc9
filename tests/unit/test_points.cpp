// Tests for domain/points: the member points ledger (客户积分) and its balance.
#include <doctest/doctest.h>

#include <string>

#include "domain/customer.hpp"
#include "domain/points.hpp"
#include "support.hpp"

using namespace crm;

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

    PointsEntry entry(std::string kind, int64_t points, std::string reason = "Order SO-1001") const {
        PointsEntry e;
        e.customer_id = customer_id;
        e.kind = std::move(kind);
        e.points = points;
        e.reason = std::move(reason);
        return e;
    }

    Status add(std::string kind, int64_t points, std::string occurred_at = {}) {
        PointsEntry e = entry(std::move(kind), points);
        e.occurred_at = std::move(occurred_at);
        return add_points_entry(db, e, "sales1");
    }
};

Problems problems_of(const Status& status) {
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    return status.error().fields;
}

}  // namespace

TEST_CASE("the balance is earned points minus redeemed ones plus adjustments, of live entries only") {
    Fixture f;
    CHECK(points_balance(f.db, f.customer_id) == 0);
    REQUIRE_OK(f.add("earn", 1500));
    REQUIRE_OK(f.add("redeem", 400));
    REQUIRE_OK(f.add("adjust", -100));
    REQUIRE_OK(f.add("adjust", 200));
    CHECK(points_balance(f.db, f.customer_id) == 1200);

    REQUIRE_OK(f.db.exec("UPDATE points_ledger SET deleted = 1 WHERE kind = 'redeem'"));
    CHECK(points_balance(f.db, f.customer_id) == 1600);
    CHECK(points_balance(f.db, f.add_customer("Other Ltd")) == 0);
}

TEST_CASE("an entry is stored with who made it and when, and the ledger lists the newest first") {
    Fixture f;
    REQUIRE_OK(f.add("earn", 100, "2026-01-05T08:00:00.000Z"));
    REQUIRE_OK(f.add("earn", 300, "2026-03-01T08:00:00.000Z"));
    PointsEntry redeem = f.entry("redeem", 50, "  Gift: tea set  ");
    redeem.occurred_at = "2026-02-10T08:00:00.000Z";
    REQUIRE_OK(add_points_entry(f.db, redeem, "sales2"));
    CHECK_FALSE(redeem.id.empty());
    CHECK(redeem.reason == "Gift: tea set");
    CHECK(redeem.owner_id == "sales2");
    CHECK(redeem.updated_by == "sales2");
    CHECK(find_points_entry(f.db, redeem.id) == redeem);

    const std::vector<PointsEntry> ledger = points_entries_of(f.db, f.customer_id);
    REQUIRE(ledger.size() == 3);
    CHECK(ledger[0].points == 300);
    CHECK(ledger[1].kind == "redeem");
    CHECK(ledger[2].points == 100);
}

TEST_CASE("an entry without a time happened now") {
    Fixture f;
    PointsEntry e = f.entry("earn", 10);
    REQUIRE_OK(add_points_entry(f.db, e, "sales1"));
    CHECK(e.occurred_at == e.created_at);
}

TEST_CASE("a redeem may not take the balance below zero; exactly the balance is fine") {
    Fixture f;
    REQUIRE_OK(f.add("earn", 500));
    const Problems problems = problems_of(f.add("redeem", 501));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == FieldError{"points", "insufficient_points", 500});
    CHECK(points_balance(f.db, f.customer_id) == 500);
    REQUIRE_OK(f.add("redeem", 500));
    CHECK(points_balance(f.db, f.customer_id) == 0);
    CHECK(problems_of(f.add("redeem", 1))[0] == FieldError{"points", "insufficient_points", 0});
}

TEST_CASE("earn and redeem need a positive amount, an adjust any amount but zero") {
    Fixture f;
    CHECK(problems_of(f.add("earn", 0))[0] == FieldError{"points", "not_positive", 0});
    CHECK(problems_of(f.add("earn", -5))[0] == FieldError{"points", "not_positive", 0});
    CHECK(problems_of(f.add("redeem", -5))[0] == FieldError{"points", "not_positive", 0});
    CHECK(problems_of(f.add("adjust", 0))[0] == FieldError{"points", "zero", 0});
    REQUIRE_OK(f.add("adjust", -20));
    CHECK(points_balance(f.db, f.customer_id) == -20);
    CHECK(problems_of(f.add("earn", points_limits::max_points + 1))[0].code == "too_large");
}

TEST_CASE("every problem of an entry is reported with its field, and nothing is written") {
    Fixture f;
    PointsEntry e;
    e.kind = "gift";
    e.points = 10;
    e.reason = "   ";
    e.occurred_at = "yesterday";
    const Problems problems = problems_of(add_points_entry(f.db, e, "sales1"));
    CHECK(problems == Problems{{"kind", "invalid_choice", 0},
                               {"reason", "required", 0},
                               {"occurred_at", "date_format", 0},
                               {"customer_id", "required", 0}});
    CHECK(crm::test::scalar(f.db, "SELECT count(*) FROM points_ledger") == 0);
}

TEST_CASE("points go only to a live customer") {
    Fixture f;
    REQUIRE_OK(delete_customer(f.db, f.customer_id, "sales1"));
    CHECK(problems_of(f.add("earn", 10))[0] == FieldError{"customer_id", "not_found", 0});
}

TEST_CASE("re-checking a stored redeem does not count it against itself") {
    Fixture f;
    REQUIRE_OK(f.add("earn", 100));
    PointsEntry redeem = f.entry("redeem", 100);
    REQUIRE_OK(add_points_entry(f.db, redeem, "sales1"));
    CHECK(validate(redeem, f.db).empty());
    redeem.points = 101;
    CHECK(validate(redeem, f.db) == Problems{{"points", "insufficient_points", 100}});
}

TEST_CASE("points are typed as whole numbers, with an optional sign") {
    CHECK(parse_points("1200") == 1200);
    CHECK(parse_points(" +30 ") == 30);
    CHECK(parse_points("-50") == -50);
    CHECK_FALSE(parse_points("").has_value());
    CHECK_FALSE(parse_points("1.5").has_value());
    CHECK_FALSE(parse_points("12a").has_value());
    CHECK_FALSE(parse_points("+-3").has_value());
    CHECK_FALSE(parse_points("99999999999999999999").has_value());
}
