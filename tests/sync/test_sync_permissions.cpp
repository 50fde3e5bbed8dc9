// Who sees and writes what through sync: agents see only their own customers, crafted
// pushes past the rules are refused one by one, and records leave a client when they leave
// its user's sight.
#include <doctest/doctest.h>

#include <set>

#include "domain/contact.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::set<std::string> ids(Db& db, const std::string& sql) {
    std::set<std::string> out;
    Stmt stmt = db.prepare(sql);
    while (stmt.step().value_or(false)) out.insert(stmt.text(0));
    return out;
}

std::set<std::string> server_ids(SyncServer& server, const std::string& sql) {
    Db db = server.open_db();
    return ids(db, sql);
}

void set_role(SyncServer& server, const std::string& user, const std::string& role) {
    const std::string token = login(server, "admin");
    httplib::Client http = server.http();
    httplib::Result response = http.Post("/api/v1/admin/users", {{"Authorization", "Bearer " + token}},
                                         json{{"id", user}, {"role", role}}.dump(), "application/json");
    REQUIRE(response);
    REQUIRE_MESSAGE(response->status == 200, response->body);
}

}  // namespace

TEST_CASE("agent1 pulls only agent1's customers and their contacts") {
    SyncServer server;
    SyncTestClient agent1(server, "agent1");
    agent1.sync(5);
    const std::set<std::string> mine = server_ids(server, "SELECT id FROM customers WHERE owner_id = 'agent1'");
    REQUIRE(mine.size() > 0);
    CHECK(ids(agent1.db(), "SELECT id FROM customers") == mine);
    CHECK(ids(agent1.db(), "SELECT id FROM contacts") ==
          server_ids(server, "SELECT c.id FROM contacts c JOIN customers p ON p.id = c.customer_id WHERE p.owner_id = 'agent1'"));
    CHECK(scalar(agent1.db(), "SELECT count(*) FROM customers WHERE owner_id = 'agent2'") == 0);
}

TEST_CASE("crafted pushes past an agent's rights are rejected one by one and change nothing") {
    SyncServer server;
    SyncTestClient agent1(server, "agent1");
    agent1.sync();
    const std::string theirs = server_customer_of(server, "agent2");
    const std::string mine = server_customer_of(server, "agent1");
    Db server_db = server.open_db();
    const std::string their_name = customer_field(server_db, theirs, "name");

    SUBCASE("editing agent2's customer") {
        json answer = push_one(agent1, "crafted-1",
                               {{"table", "customers"}, {"id", theirs}, {"op", "upsert"}, {"fields", {{"name", "Mine now"}}}});
        CHECK(answer["results"][0]["status"] == "rejected");
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(answer["last_mid"] == 1);  // a rejection still moves last_mid on
        CHECK(customer_field(server_db, theirs, "name") == their_name);
        // The client learns nothing about the record: it is not in its sight.
        for (const json& change : answer["changes"]) CHECK(change["id"] != theirs);
    }
    SUBCASE("adding a contact to agent2's customer") {
        json answer = push_one(agent1, "crafted-2",
                               {{"table", "contacts"}, {"id", "crafted-contact"}, {"op", "upsert"},
                                {"fields", {{"customer_id", theirs}, {"name", "Spy"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(scalar(server_db, "SELECT count(*) FROM contacts WHERE id = 'crafted-contact'") == 0);
    }
    SUBCASE("creating a customer for agent2") {
        json answer = push_one(agent1, "crafted-3",
                               {{"table", "customers"}, {"id", "crafted-customer"}, {"op", "upsert"},
                                {"fields", {{"name", "Gift"}, {"owner_id", "agent2"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(scalar(server_db, "SELECT count(*) FROM customers WHERE id = 'crafted-customer'") == 0);
    }
    SUBCASE("giving away an own customer") {
        json answer = push_one(agent1, "crafted-4",
                               {{"table", "customers"}, {"id", mine}, {"op", "upsert"}, {"fields", {{"owner_id", "agent2"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(answer["results"][0]["field"] == "owner_id");
        CHECK(customer_field(server_db, mine, "owner_id") == "agent1");
    }
    SUBCASE("deleting an own customer (agents may not delete)") {
        json answer = push_one(agent1, "crafted-5", {{"table", "customers"}, {"id", mine}, {"op", "delete"}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(scalar_text(server_db, "SELECT deleted FROM customers WHERE id = ?1", mine) == "0");
    }
    SUBCASE("an invalid record of their own") {
        json answer = push_one(agent1, "crafted-6",
                               {{"table", "customers"}, {"id", mine}, {"op", "upsert"}, {"fields", {{"name", "   "}}}});
        CHECK(answer["results"][0]["code"] == "invalid");
        CHECK(answer["results"][0]["field"] == "name");
    }
}

TEST_CASE("reassigning a customer from agent1 to agent2 moves it, with its contacts, between their clients") {
    SyncServer server;
    SyncTestClient agent1(server, "agent1");
    SyncTestClient agent2(server, "agent2");
    SyncTestClient manager(server, "manager");
    agent1.sync();
    agent2.sync();
    manager.sync();
    const std::string id = create_customer(agent1, "Moving Customer Ltd");
    const std::string contact = create_contact(agent1, id, "Zhao Min");
    agent1.sync();
    manager.sync();

    edit_customer(manager, id, {{"owner_id", "agent2"}});
    manager.sync();
    agent1.sync();
    agent2.sync();

    CHECK(scalar_text(agent1.db(), "SELECT count(*) FROM customers WHERE id = ?1", id) == "0");
    CHECK(scalar_text(agent1.db(), "SELECT count(*) FROM contacts WHERE id = ?1", contact) == "0");
    CHECK(customer_field(agent2.db(), id, "owner_id") == "agent2");
    CHECK(scalar_text(agent2.db(), "SELECT name FROM contacts WHERE id = ?1", contact) == "Zhao Min");
    CHECK(ids(agent1.db(), "SELECT id FROM customers") ==
          server_ids(server, "SELECT id FROM customers WHERE owner_id = 'agent1'"));
}

TEST_CASE("a change of rights: what the user may no longer see is removed, what they now may see arrives") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    sales1.sync();
    // sales see their team's customers (sales1, sales2), not the agents'.
    CHECK(scalar(sales1.db(), "SELECT count(*) FROM customers WHERE owner_id = 'agent1'") == 0);
    CHECK(scalar(sales1.db(), "SELECT count(*) FROM customers WHERE owner_id = 'sales2'") > 0);

    set_role(server, "sales1", "manager");  // sees everything
    sales1.sync();
    CHECK(ids(sales1.db(), "SELECT id FROM customers") == server_ids(server, "SELECT id FROM customers"));

    set_role(server, "sales1", "agent");  // only their own
    sales1.sync();
    CHECK(ids(sales1.db(), "SELECT id FROM customers") ==
          server_ids(server, "SELECT id FROM customers WHERE owner_id = 'sales1'"));
}

TEST_CASE("a client id belongs to the user who first synced with it") {
    SyncServer server;
    SyncTestClient agent1(server, "agent1");
    SyncTestClient agent2(server, "agent2");
    agent1.sync();
    json request = {{"schema_version", 1}, {"client_id", agent1.engine().client_id()}, {"cursor", 0}, {"mutations", json::array()}};
    httplib::Result response = agent2.post("/api/v1/sync", request.dump());
    REQUIRE(response);
    CHECK(response->status == 403);
    CHECK(json::parse(response->body)["error"]["code"] == "forbidden");
}

TEST_CASE("a change of rights whose answer is lost is worked out again on the retry") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    sales1.sync();
    REQUIRE(scalar(sales1.db(), "SELECT count(*) FROM customers WHERE owner_id = 'sales2'") > 0);
    set_role(server, "sales1", "agent");
    sales1.push_and_lose_response();
    sales1.sync();
    CHECK(ids(sales1.db(), "SELECT id FROM customers") ==
          server_ids(server, "SELECT id FROM customers WHERE owner_id = 'sales1'"));

    set_role(server, "sales1", "manager");
    sales1.push_and_lose_response();
    sales1.sync();
    CHECK(ids(sales1.db(), "SELECT id FROM customers") == server_ids(server, "SELECT id FROM customers"));
}

TEST_CASE("a colleague leaving or joining the team changes what a team-scoped user sees") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    sales1.sync();
    REQUIRE(scalar(sales1.db(), "SELECT count(*) FROM customers WHERE owner_id = 'sales2'") > 0);
    const std::string token = login(server, "admin");
    auto move = [&](const std::string& user, const std::string& team) {
        httplib::Result r = server.http().Post("/api/v1/admin/users", {{"Authorization", "Bearer " + token}},
                                               json{{"id", user}, {"team_id", team}}.dump(), "application/json");
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
    };
    move("sales2", "service");
    move("agent1", "sales");
    sales1.sync();
    CHECK(scalar(sales1.db(), "SELECT count(*) FROM customers WHERE owner_id = 'sales2'") == 0);
    CHECK(ids(sales1.db(), "SELECT id FROM customers WHERE owner_id = 'agent1'") ==
          server_ids(server, "SELECT id FROM customers WHERE owner_id = 'agent1'"));
}

TEST_CASE("a conflict goes away from a writer who may no longer see its record, and reassigned tombstones too") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient agent1(server, "agent1");
    manager.sync();
    agent1.sync();
    const std::string id = server_customer_of(server, "agent1");
    const std::string contact = create_contact(agent1, id, "Soon Deleted");
    agent1.sync();
    REQUIRE_OK(delete_contact(agent1.db(), contact, "agent1"));  // a tombstone agent1's client keeps
    agent1.sync();
    manager.sync();
    edit_customer(manager, id, {{"city", "Kept Secret City"}});
    edit_customer(agent1, id, {{"city", "Agent City"}});
    manager.sync();
    agent1.sync();
    REQUIRE(scalar(agent1.db(), "SELECT count(*) FROM conflicts") == 1);

    edit_customer(manager, id, {{"owner_id", "agent2"}});
    manager.sync();
    agent1.sync();
    CHECK(scalar(agent1.db(), "SELECT count(*) FROM conflicts") == 0);
    CHECK(scalar_text(agent1.db(), "SELECT count(*) FROM contacts WHERE id = ?1", contact) == "0");
    CHECK(scalar(agent1.db(), "SELECT count(*) FROM pragma_foreign_key_check") == 0);

    // A conflict someone could craft for themselves shows nothing: only its two writers,
    // while they may see the record, get it.
    SyncTestClient agent2(server, "agent2");
    agent2.sync();
    CHECK(scalar(agent2.db(), "SELECT count(*) FROM conflicts") == 0);
}
