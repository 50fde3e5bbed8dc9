// Activities through sync: they travel with their customer's visibility (Ownership::parent),
// follow it when it is reassigned or deleted, and the server re-validates them.
#include <doctest/doctest.h>

#include "domain/activity.hpp"
#include "domain/customer.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::string log_visit(SyncTestClient& client, const std::string& customer_id, const std::string& subject) {
    Activity visit;
    visit.customer_id = customer_id;
    visit.kind = "visit";
    visit.subject = subject;
    visit.planned_at = "2026-12-02T01:30:00Z";
    visit.outcome = "Met the buyer";
    REQUIRE_OK(save_activity(client.db(), visit, client.user()));
    return visit.id;
}

int64_t has_activity(SyncTestClient& client, const std::string& id) {
    return std::stoll(scalar_text(client.db(), "SELECT count(*) FROM activities WHERE id = ?1 AND deleted = 0", id));
}

}  // namespace

TEST_CASE("an activity logged on one client reaches the user's other client and their team, not an agent") {
    SyncServer server;
    SyncTestClient laptop(server, "sales1");
    SyncTestClient phone(server, "sales1");
    SyncTestClient colleague(server, "sales2");
    SyncTestClient agent(server, "agent1");
    for (SyncTestClient* client : {&laptop, &phone, &colleague, &agent}) client->sync();

    const std::string customer = server_customer_of(server, "sales1");
    const std::string id = log_visit(laptop, customer, "Quarterly review");
    laptop.sync();
    for (SyncTestClient* client : {&phone, &colleague, &agent}) client->sync();

    CHECK(has_activity(phone, id) == 1);
    CHECK(scalar_text(phone.db(), "SELECT subject FROM activities WHERE id = ?1", id) == "Quarterly review");
    CHECK(scalar_text(phone.db(), "SELECT planned_at FROM activities WHERE id = ?1", id) == "2026-12-02T01:30:00.000Z");
    CHECK(scalar_text(phone.db(), "SELECT owner_id FROM activities WHERE id = ?1", id) == "sales1");
    CHECK(has_activity(colleague, id) == 1);
    CHECK(scalar_text(agent.db(), "SELECT count(*) FROM activities WHERE id = ?1", id) == "0");
    Db server_db = server.open_db();
    // The demo activities came along as well, each to those who may see its customer.
    CHECK(activities_of_customer(phone.db(), customer).size() ==
          static_cast<size_t>(std::stoll(scalar_text(
              server_db, "SELECT count(*) FROM activities WHERE customer_id = ?1 AND deleted = 0", customer))));
    const int64_t agents_on_server = scalar(server_db, "SELECT count(*) FROM activities a JOIN customers c "
                                                      "ON c.id = a.customer_id WHERE c.owner_id = 'agent1'");
    CHECK(agents_on_server > 0);
    CHECK(scalar(agent.db(), "SELECT count(*) FROM activities") == agents_on_server);
    CHECK(scalar_text(server_db, "SELECT updated_by FROM activities WHERE id = ?1", id) == "sales1");

    // Done on the phone: the laptop learns it.
    REQUIRE_OK(mark_done(phone.db(), id, "sales1"));
    phone.sync();
    laptop.sync();
    CHECK(find_activity(laptop.db(), id)->is_done());
}

TEST_CASE("a customer's activities move with it to its new owner's clients and go with it when it is deleted") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient agent1(server, "agent1");
    SyncTestClient agent2(server, "agent2");
    for (SyncTestClient* client : {&manager, &agent1, &agent2}) client->sync();
    const std::string customer = server_customer_of(server, "agent1");
    const std::string id = log_visit(agent1, customer, "Site visit");
    agent1.sync();
    manager.sync();
    REQUIRE(has_activity(manager, id) == 1);

    edit_customer(manager, customer, {{"owner_id", "agent2"}});
    manager.sync();
    agent1.sync();
    agent2.sync();
    CHECK(scalar_text(agent1.db(), "SELECT count(*) FROM activities WHERE id = ?1", id) == "0");
    CHECK(has_activity(agent2, id) == 1);

    REQUIRE_OK(delete_customer(manager.db(), customer, "manager"));
    manager.sync();
    agent2.sync();
    CHECK(has_activity(agent2, id) == 0);
    Db server_db = server.open_db();
    CHECK(scalar_text(server_db, "SELECT deleted FROM activities WHERE id = ?1", id) == "1");
}

TEST_CASE("the server refuses an activity on a customer the user may not see, and an invalid one") {
    SyncServer server;
    SyncTestClient agent1(server, "agent1");
    agent1.sync();
    const std::string theirs = server_customer_of(server, "agent2");
    const std::string mine = server_customer_of(server, "agent1");
    Db server_db = server.open_db();

    json forbidden = push_one(agent1, "crafted-a1",
                              {{"table", "activities"}, {"id", "crafted-1"}, {"op", "upsert"},
                               {"fields", {{"customer_id", theirs}, {"kind", "call"}, {"subject", "Spy"},
                                           {"planned_at", "2026-12-02T01:30:00.000Z"}}}});
    CHECK(forbidden["results"][0]["code"] == "forbidden");

    json invalid = push_one(agent1, "crafted-a2",
                            {{"table", "activities"}, {"id", "crafted-2"}, {"op", "upsert"},
                             {"fields", {{"customer_id", mine}, {"kind", "fax"}, {"subject", "x"},
                                         {"planned_at", "tomorrow"}}}});
    CHECK(invalid["results"][0]["code"] == "invalid");
    CHECK(invalid["results"][0]["field"] == "kind");
    CHECK(invalid["results"][0]["message"] == "kind: invalid_choice; planned_at: time_format");
    CHECK(scalar(server_db, "SELECT count(*) FROM activities WHERE id LIKE 'crafted-%'") == 0);
}
