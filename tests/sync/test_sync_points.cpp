// Member points through sync: the ledger's integer field travels as a JSON integer, entries
// reach every client that may see the customer, the server re-checks a redeem against the
// balance it holds, and a push with points that are not an integer is refused whole.
#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "domain/points.hpp"
#include "harness.hpp"
#include "sync_service.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::string add_points(SyncTestClient& client, const std::string& customer_id, const char* kind, int64_t points,
                       const char* reason = "Order SO-1001") {
    PointsEntry entry;
    entry.customer_id = customer_id;
    entry.kind = kind;
    entry.points = points;
    entry.reason = reason;
    REQUIRE_OK(add_points_entry(client.db(), entry, client.user()));
    return entry.id;
}

int64_t rows(Db& db, const std::string& sql, const std::string& parameter) {
    Stmt stmt = db.prepare(sql);
    stmt.bind(1, parameter);
    REQUIRE(stmt.step().value_or(false));
    return stmt.int64(0);
}

json points_push(const json& points) {
    return {{"schema_version", 1},
            {"client_id", "0190a000-0000-7000-8000-00000000p001"},
            {"cursor", 0},
            {"mutations",
             {{{"mid", 1},
               {"table", "points_ledger"},
               {"id", "0190a000-0000-7000-8000-0000000000p1"},
               {"op", "upsert"},
               {"fields", {{"customer_id", "c"}, {"kind", "earn"}, {"points", points}, {"reason", "crafted"},
                           {"occurred_at", "2026-11-30T08:00:00.000Z"}}},
               {"base", json::object()}}}}};
}

}  // namespace

TEST_CASE("a points entry made on one client reaches another with the same balance, and not an agent's page") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    SyncTestClient agent1(server, "agent1");
    sales1.sync();
    manager.sync();
    const std::string customer = server_customer_of(server, "sales1");

    const std::string earned = add_points(sales1, customer, "earn", 1200);
    add_points(sales1, customer, "redeem", 200, "Gift: tea set");
    CHECK(sales1.engine().pending() == 2);
    sales1.sync();
    CHECK(sales1.engine().pending() == 0);
    manager.sync();
    agent1.sync();

    CHECK(points_balance(manager.db(), customer) == 1000);
    const std::vector<PointsEntry> ledger = points_entries_of(manager.db(), customer);
    REQUIRE(ledger.size() == 2);
    CHECK(find_points_entry(manager.db(), earned)->points == 1200);
    CHECK(find_points_entry(manager.db(), earned)->owner_id == "sales1");
    // Stored as an integer on the server, not as the text of one.
    Db server_db = server.open_db();
    CHECK(rows(server_db, "SELECT count(*) FROM points_ledger WHERE customer_id = ?1 AND typeof(points) = 'integer'",
               customer) == 2);
    CHECK(scalar(agent1.db(), "SELECT count(*) FROM points_ledger") == 0);
    CHECK(snapshot(sales1.db()).count("points_ledger/" + earned) == 1);
}

TEST_CASE("two redeems made apart that together overspend: the server refuses the second, which leaves its client") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    sales1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    add_points(sales1, customer, "earn", 1000);
    sales1.sync();
    manager.sync();

    add_points(sales1, customer, "redeem", 800, "Gift: tea set");
    const std::string second = add_points(manager, customer, "redeem", 800, "Gift: tea cups");
    sales1.sync();
    manager.sync();

    const std::vector<sync::Rejection> refused = manager.engine().rejections();
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].table == "points_ledger");
    CHECK(refused[0].code == "invalid");
    CHECK(refused[0].field == "points");
    CHECK(refused[0].message.find("insufficient_points") != std::string::npos);
    CHECK_FALSE(find_points_entry(manager.db(), second).has_value());
    CHECK(points_balance(manager.db(), customer) == 200);
    Db server_db = server.open_db();
    CHECK(points_balance(server_db, customer) == 200);
}

TEST_CASE("a push whose points are a string, a fraction or beyond int64 is refused whole, naming the field") {
    SyncServer server;
    const std::string token = login(server, "sales1");
    Db server_db = server.open_db();
    const int64_t head = sync_head(server_db);
    for (const json& points : {json("12"), json(1.5), json(1e3), json(18446744073709551615ull), json(true)}) {
        CAPTURE(points.dump());
        httplib::Result response = server.http().Post("/api/v1/sync", {{"Authorization", "Bearer " + token}},
                                                      points_push(points).dump(), "application/json");
        REQUIRE(response);
        CHECK(response->status == 400);
        const json body = json::parse(response->body, nullptr, false);
        REQUIRE(body.is_object());
        CHECK(body["error"]["code"] == "bad_request");
        const std::string message = body["error"].value("message", "");
        CHECK(message.find("mutations[0].fields.points must be an integer") != std::string::npos);
        CHECK(sync_head(server_db) == head);
        CHECK(scalar(server_db, "SELECT count(*) FROM points_ledger") == 0);
    }
}

TEST_CASE("deleting a customer tombstones its points entries on every client") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    sales1.sync();
    const std::string customer = create_customer(sales1, "Points Gone Ltd");
    const std::string entry = add_points(sales1, customer, "earn", 50);
    sales1.sync();
    manager.sync();
    REQUIRE(find_points_entry(manager.db(), entry).has_value());

    REQUIRE_OK(delete_customer(sales1.db(), customer, "sales1"));
    sales1.sync();
    manager.sync();
    CHECK_FALSE(find_points_entry(manager.db(), entry).has_value());
    CHECK(rows(manager.db(), "SELECT deleted FROM points_ledger WHERE id = ?1", entry) == 1);
    sales1.sync();
    CHECK(rows(sales1.db(), "SELECT deleted FROM points_ledger WHERE id = ?1", entry) == 1);
}
