// A merge of two customers (domain/merge) made on one client reaches the server as ordinary
// mutations (moved contacts, a deleted customer, an edited one) and from there every other
// client that may see them; the server's key functions keep its duplicate keys too.
#include <doctest/doctest.h>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/merge.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;

namespace {

int64_t count(Db& db, const std::string& sql, const std::string& id) {
    Stmt stmt = db.prepare(sql);
    stmt.bind(1, id);
    REQUIRE(stmt.step().value_or(false));
    return stmt.int64(0);
}

constexpr const char* kLiveContacts = "SELECT count(*) FROM contacts WHERE customer_id = ?1 AND deleted = 0";

}  // namespace

TEST_CASE("a merge made on one client is seen on the server and by another client: contacts moved, one customer left") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    sales1.sync();
    manager.sync();
    const std::string survivor = create_customer(sales1, "Acme Co Ltd");
    const std::string merged = create_customer(sales1, "ACME Co., Ltd");
    create_contact(sales1, survivor, "Carol");
    create_contact(sales1, merged, "Alice");
    create_contact(sales1, merged, "Bob");
    sales1.sync();
    manager.sync();
    REQUIRE(count(manager.db(), kLiveContacts, merged) == 2);

    MergeChoices choices;
    choices.note = "Merged with ACME Co., Ltd on 2026-12-02.";
    REQUIRE_OK(merge_customers(sales1.db(), survivor, merged, choices, "sales1"));
    sales1.sync();
    CHECK(sales1.engine().rejection_count() == 0);

    Db server_db = server.open_db();
    CHECK(count(server_db, kLiveContacts, survivor) == 3);
    CHECK(count(server_db, kLiveContacts, merged) == 0);
    CHECK(count(server_db, "SELECT deleted FROM customers WHERE id = ?1", merged) == 1);
    CHECK(customer_field(server_db, survivor, "notes") == "Merged with ACME Co., Ltd on 2026-12-02.");
    // The server's connection computes the same keys: a check run there would find the survivor.
    CHECK(count(server_db, "SELECT count(*) FROM customers WHERE name_key = 'acme' AND deleted = 0 AND id = ?1",
                survivor) == 1);

    manager.sync();
    CHECK(count(manager.db(), kLiveContacts, survivor) == 3);
    CHECK(count(manager.db(), kLiveContacts, merged) == 0);
    CHECK(count(manager.db(), "SELECT count(*) FROM customers WHERE id = ?1 AND deleted = 0", merged) == 0);
    CHECK(customer_field(manager.db(), survivor, "notes") == "Merged with ACME Co., Ltd on 2026-12-02.");
    CHECK(snapshot(manager.db()) == snapshot(server_db));
}

TEST_CASE("a manager's merge across owners moves the contacts from one agent's page to the other's") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient agent1(server, "agent1");
    SyncTestClient agent2(server, "agent2");
    manager.sync();
    const std::string survivor = create_customer(manager, "Harbour Lights Trading", "agent2");
    const std::string merged = create_customer(manager, "Harbour Lights Trading Co.", "agent1");
    create_contact(manager, merged, "Alice Merge-Test");
    manager.sync();
    agent1.sync();
    agent2.sync();
    REQUIRE(count(agent1.db(), kLiveContacts, merged) == 1);
    REQUIRE(count(agent2.db(), "SELECT count(*) FROM contacts WHERE customer_id = ?1", merged) == 0);

    REQUIRE_OK(merge_customers(manager.db(), survivor, merged, {}, "manager"));
    manager.sync();
    CHECK(manager.engine().rejection_count() == 0);
    agent1.sync();
    agent2.sync();

    CHECK(count(agent2.db(), kLiveContacts, survivor) == 1);
    // agent1 no longer sees the contact (it is agent2's customer's now), nor a live customer.
    CHECK(count(agent1.db(), "SELECT count(*) FROM contacts WHERE deleted = 0 AND name = ?1", "Alice Merge-Test") == 0);
    CHECK(count(agent1.db(), "SELECT count(*) FROM customers WHERE id = ?1 AND deleted = 0", merged) == 0);
}
