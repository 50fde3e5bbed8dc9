// Sharing a customer through sync: a share makes the customer and what hangs off it reach
// a colleague or a team outside its owner's reach, "read" keeps them from writing, "edit"
// lets them change it but never take it, delete it or share it further, and ending the share
// takes it all off their clients. Every rule is checked by the server against crafted pushes.
#include <doctest/doctest.h>

#include <set>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/customer_share.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::set<std::string> ids(Db& db, const std::string& sql, const std::string& parameter = {}) {
    std::set<std::string> out;
    Stmt stmt = db.prepare(sql);
    if (!parameter.empty()) stmt.bind(1, parameter);
    while (stmt.step().value_or(false)) out.insert(stmt.text(0));
    return out;
}

std::string share(SyncTestClient& client, const std::string& customer, const std::string& user,
                  const std::string& team = {}, const char* access = "read") {
    CustomerShare s;
    s.customer_id = customer;
    s.user_id = user;
    s.team_id = team;
    s.access = access;
    REQUIRE_OK(save_share(client.db(), s, client.user()));
    return s.id;
}

bool has_customer(SyncTestClient& client, const std::string& id) {
    return scalar_text(client.db(), "SELECT count(*) FROM customers WHERE id = ?1 AND deleted = 0", id) == "1";
}

const char* kContactsOf = "SELECT id FROM contacts WHERE customer_id = ?1 AND deleted = 0";

}  // namespace

TEST_CASE("a customer shared with an agent reaches them with its contacts; read only keeps them from writing") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    sales1.sync();
    agent1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    create_contact(sales1, customer, "Wang Fang");
    REQUIRE(!has_customer(agent1, customer));
    const std::set<std::string> agents_own = ids(agent1.db(), "SELECT id FROM customers");

    const std::string share_id = share(sales1, customer, "agent1");
    sales1.sync();
    agent1.sync();
    CHECK(has_customer(agent1, customer));
    CHECK(!ids(agent1.db(), kContactsOf, customer).empty());
    CHECK(ids(agent1.db(), kContactsOf, customer) == ids(sales1.db(), kContactsOf, customer));
    CHECK(shared_access(agent1.db(), customer, "agent1", "agents") == ShareAccess::read);
    // Only what was shared: the agent's other customers are theirs, nothing more of sales1's.
    std::set<std::string> expected = agents_own;
    expected.insert(customer);
    CHECK(ids(agent1.db(), "SELECT id FROM customers") == expected);

    Db server_db = server.open_db();
    const std::string city = customer_field(server_db, customer, "city");
    SUBCASE("read only: an edit is refused") {
        json answer = push_one(agent1, "crafted-read", {{"table", "customers"}, {"id", customer}, {"op", "upsert"},
                                                        {"fields", {{"city", "Ningbo"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(customer_field(server_db, customer, "city") == city);
        answer = push_one(agent1, "crafted-read-contact",
                          {{"table", "contacts"}, {"id", "crafted-contact"}, {"op", "upsert"},
                           {"fields", {{"customer_id", customer}, {"name", "Li Lei"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
    }
    SUBCASE("can edit: edits and new contacts land, but the owner, a delete and a further share are refused") {
        CustomerShare upgraded = *find_share(sales1.db(), share_id);
        upgraded.access = "edit";
        REQUIRE_OK(save_share(sales1.db(), upgraded, "sales1"));
        sales1.sync();
        agent1.sync();
        CHECK(shared_access(agent1.db(), customer, "agent1", "agents") == ShareAccess::edit);

        edit_customer(agent1, customer, {{"city", "Ningbo"}});
        const std::string contact = create_contact(agent1, customer, "Li Lei");
        agent1.sync();
        CHECK(agent1.engine().rejection_count() == 0);
        CHECK(customer_field(server_db, customer, "city") == "Ningbo");
        sales1.sync();
        CHECK(customer_field(sales1.db(), customer, "city") == "Ningbo");
        CHECK(ids(sales1.db(), kContactsOf, customer).count(contact) == 1);

        json answer = push_one(agent1, "crafted-take", {{"table", "customers"}, {"id", customer}, {"op", "upsert"},
                                                        {"fields", {{"owner_id", "agent1"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(answer["results"][0]["field"] == "owner_id");
        CHECK(customer_field(server_db, customer, "owner_id") == "sales1");
        answer = push_one(agent1, "crafted-delete", {{"table", "customers"}, {"id", customer}, {"op", "delete"}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        answer = push_one(agent1, "crafted-reshare",
                          {{"table", "customer_shares"}, {"id", "crafted-share"}, {"op", "upsert"},
                           {"fields", {{"customer_id", customer}, {"user_id", "agent2"}, {"access", "edit"}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
        CHECK(scalar(server_db, "SELECT count(*) FROM customer_shares WHERE id = 'crafted-share'") == 0);
        // A contact of the shared customer may not be moved to one that is not shared.
        const std::string other = scalar_text(server_db,
            "SELECT id FROM customers WHERE owner_id = 'sales1' AND id <> ?1 AND deleted = 0 LIMIT 1", customer);
        answer = push_one(agent1, "crafted-move", {{"table", "contacts"}, {"id", contact}, {"op", "upsert"},
                                                   {"fields", {{"customer_id", other}}}});
        CHECK(answer["results"][0]["code"] == "forbidden");
    }
    SUBCASE("ending the share takes the customer and its contacts off the agent's client") {
        REQUIRE_OK(remove_share(sales1.db(), share_id, "sales1"));
        sales1.sync();
        agent1.sync();
        CHECK(!has_customer(agent1, customer));
        CHECK(scalar_text(agent1.db(), "SELECT count(*) FROM contacts WHERE customer_id = ?1", customer) == "0");
        CHECK(ids(agent1.db(), "SELECT id FROM customers") == agents_own);
    }
    SUBCASE("deleting the shared customer reaches the agent as a deletion") {
        REQUIRE_OK(delete_customer(sales1.db(), customer, "sales1"));
        sales1.sync();
        agent1.sync();
        CHECK(!has_customer(agent1, customer));
    }
}

TEST_CASE("a customer shared with a team reaches each member, and leaves a member who moves to another team") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    SyncTestClient agent2(server, "agent2");
    SyncTestClient service1(server, "service1");
    sales1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    share(sales1, customer, "", "agents", "edit");
    sales1.sync();
    agent1.sync();
    agent2.sync();
    CHECK(has_customer(agent1, customer));
    CHECK(has_customer(agent2, customer));
    CHECK(shared_access(agent2.db(), customer, "agent2", "agents") == ShareAccess::edit);

    // agent2 moves to the service team: at the next pull the customer is gone from their client.
    const std::string token = login(server, "admin");
    httplib::Client http = server.http();
    httplib::Result moved = http.Post("/api/v1/admin/users", {{"Authorization", "Bearer " + token}},
                                      json{{"id", "agent2"}, {"team_id", "service"}}.dump(), "application/json");
    REQUIRE(moved);
    REQUIRE_MESSAGE(moved->status == 200, moved->body);
    agent2.sync();
    CHECK(!has_customer(agent2, customer));
    agent1.sync();
    CHECK(has_customer(agent1, customer));
}

TEST_CASE("a share naming no real user or team, or given by someone the customer is not theirs, is refused") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient sales2(server, "sales2");
    sales1.sync();
    sales2.sync();
    const std::string customer = server_customer_of(server, "sales1");
    Db server_db = server.open_db();

    json answer = push_one(sales1, "crafted-nobody", {{"table", "customer_shares"}, {"id", "share-nobody"}, {"op", "upsert"},
                                                      {"fields", {{"customer_id", customer}, {"user_id", "nobody"}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "user_id");
    answer = push_one(sales1, "crafted-team", {{"table", "customer_shares"}, {"id", "share-team"}, {"op", "upsert"},
                                                {"fields", {{"customer_id", customer}, {"team_id", "no-such-team"}}}});
    CHECK(answer["results"][0]["field"] == "team_id");
    answer = push_one(sales1, "crafted-both", {{"table", "customer_shares"}, {"id", "share-both"}, {"op", "upsert"},
                                                {"fields", {{"customer_id", customer}, {"user_id", "agent1"},
                                                            {"team_id", "agents"}, {"access", "read"}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    // sales2 sees sales1's customers (team scope) but edits only their own: no sharing them.
    answer = push_one(sales2, "crafted-other", {{"table", "customer_shares"}, {"id", "share-other"}, {"op", "upsert"},
                                                 {"fields", {{"customer_id", customer}, {"user_id", "agent1"}}}});
    CHECK(answer["results"][0]["code"] == "forbidden");
    CHECK(scalar(server_db, "SELECT count(*) FROM customer_shares") == 0);

    // The same colleague twice: the domain says so before anything is sent.
    share(sales1, customer, "agent1");
    CustomerShare again;
    again.customer_id = customer;
    again.user_id = "agent1";
    Status status = save_share(sales1.db(), again, "sales1");
    REQUIRE(!status);
    REQUIRE(status.error().fields.size() == 1);
    CHECK(status.error().fields[0].field == "user_id");
    CHECK(status.error().fields[0].code == "already_shared");
}

TEST_CASE("giving a customer to someone else ends its shares, and a share with the owner is refused") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    manager.sync();
    sales1.sync();
    agent1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    Db server_db = server.open_db();

    json answer = push_one(sales1, "crafted-owner-share",
                           {{"table", "customer_shares"}, {"id", "share-owner"}, {"op", "upsert"},
                            {"fields", {{"customer_id", customer}, {"user_id", "sales1"}, {"access", "edit"}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "user_id");

    share(sales1, customer, "agent1", {}, "edit");
    sales1.sync();
    agent1.sync();
    REQUIRE(has_customer(agent1, customer));

    manager.sync();
    edit_customer(manager, customer, {{"owner_id", "sales2"}});
    manager.sync();
    CHECK(manager.engine().rejection_count() == 0);
    CHECK(scalar_text(server_db, "SELECT count(*) FROM customer_shares WHERE customer_id = ?1 AND deleted = 0",
                      customer) == "0");
    agent1.sync();
    CHECK(!has_customer(agent1, customer));
    CHECK(ids(agent1.db(), kContactsOf, customer).empty());
    sales1.sync();
    CHECK(shares_of(sales1.db(), customer).empty());
}

TEST_CASE("a team share ending while the team changes still takes the customer off the members' clients") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    sales1.sync();
    agent1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    const std::string share_id = share(sales1, customer, {}, "agents");
    sales1.sync();
    agent1.sync();
    REQUIRE(has_customer(agent1, customer));

    // Both before agent1's next pull: the share ends, and a colleague joins the agents team
    // (agent1's view changes, so their pull starts again from 0).
    REQUIRE_OK(remove_share(sales1.db(), share_id, "sales1"));
    sales1.sync();
    const std::string token = login(server, "admin");
    httplib::Result moved = server.http().Post("/api/v1/admin/users", {{"Authorization", "Bearer " + token}},
                                               json{{"id", "sales2"}, {"team_id", "agents"}}.dump(), "application/json");
    REQUIRE(moved);
    REQUIRE_MESSAGE(moved->status == 200, moved->body);
    agent1.sync();
    CHECK(!has_customer(agent1, customer));
    CHECK(ids(agent1.db(), kContactsOf, customer).empty());
}
