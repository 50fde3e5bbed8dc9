// Customer groups through sync: every group's name reaches everyone who sees customers, who is
// in a group reaches as far as each customer does, and the server keeps the rules: putting a
// customer in a group takes the right to edit it, a group is renamed or deleted by its maker
// (or whoever manages them), and names stay unique. Checked against crafted pushes.
#include <doctest/doctest.h>

#include <set>

#include "domain/customer.hpp"
#include "domain/customer_group.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::string make_group(SyncTestClient& client, const std::string& name) {
    CustomerGroup group;
    group.name = name;
    REQUIRE_OK(save_group(client.db(), group, client.user()));
    return group.id;
}

std::string put_in(SyncTestClient& client, const std::string& customer, const std::string& group) {
    Result<std::string> added = add_to_group(client.db(), customer, group, client.user());
    REQUIRE(added);
    return added.value();
}

std::set<std::string> group_names(SyncTestClient& client) {
    std::set<std::string> names;
    for (const GroupSummary& summary : list_groups(client.db())) names.insert(summary.group.name);
    return names;
}

int64_t memberships(Db& db, const std::string& customer) {
    return std::stoll(
        scalar_text(db, "SELECT count(*) FROM customer_group_members WHERE customer_id = ?1 AND deleted = 0", customer));
}

}  // namespace

TEST_CASE("a manager's group reaches every client; each customer's memberships reach those who see the customer") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    manager.sync();
    sales1.sync();
    agent1.sync();
    // The demo data's groups, and their members as far as each may see.
    CHECK(group_names(agent1).count("Key accounts 重点客户") == 1);
    CHECK(group_names(sales1) == group_names(manager));
    CHECK(scalar(agent1.db(), "SELECT count(*) FROM customer_group_members m JOIN customers c ON c.id = m.customer_id"
                              " WHERE c.owner_id <> 'agent1'") == 0);

    const std::string group = make_group(manager, "Spring fair 2027 春季展会");
    manager.sync();
    sales1.sync();
    agent1.sync();
    CHECK(group_names(sales1).count("Spring fair 2027 春季展会") == 1);
    CHECK(group_names(agent1).count("Spring fair 2027 春季展会") == 1);

    const std::string sales_customer = server_customer_of(server, "sales1");
    const std::string agent_customer = server_customer_of(server, "agent1");
    put_in(sales1, sales_customer, group);
    put_in(agent1, agent_customer, group);
    sales1.sync();
    agent1.sync();
    manager.sync();
    CHECK(sales1.engine().rejection_count() == 0);
    CHECK(agent1.engine().rejection_count() == 0);
    CustomerQuery in_group;
    in_group.filter.group_id = group;
    CHECK(find_customer_rowids(manager.db(), in_group).size() == 2);
    CHECK(find_customer_rowids(sales1.db(), in_group).size() == 1);  // the agent's customer is not theirs to see
    CHECK(find_customer_rowids(agent1.db(), in_group).size() == 1);
    CHECK(list_groups(manager.db()).size() == list_groups(agent1.db()).size());

    // The group renamed by its maker reaches everyone; deleted, it leaves every client.
    CustomerGroup renamed = *find_group(manager.db(), group);
    renamed.name = "Spring fair 2027";
    REQUIRE_OK(save_group(manager.db(), renamed, "manager"));
    manager.sync();
    agent1.sync();
    CHECK(find_group(agent1.db(), group)->name == "Spring fair 2027");
    REQUIRE_OK(remove_group(manager.db(), group, "manager"));
    manager.sync();
    agent1.sync();
    sales1.sync();
    CHECK(!find_group(agent1.db(), group));
    CHECK(!find_group(sales1.db(), group));
    CHECK(find_customer_rowids(agent1.db(), in_group).empty());
}

TEST_CASE("the server refuses memberships and group changes the user may not make") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    manager.sync();
    sales1.sync();
    agent1.sync();
    const std::string group = make_group(manager, "Key distributors");
    manager.sync();
    sales1.sync();
    agent1.sync();
    Db server_db = server.open_db();
    const std::string others = server_customer_of(server, "sales2");  // sales1 sees it (team), may not edit it
    const std::string own = server_customer_of(server, "sales1");

    json answer = push_one(sales1, "crafted-member", {{"table", "customer_group_members"}, {"id", "m-1"}, {"op", "upsert"},
                                                      {"fields", {{"customer_id", others}, {"group_id", group}}}});
    CHECK(answer["results"][0]["code"] == "forbidden");
    answer = push_one(sales1, "crafted-member-2", {{"table", "customer_group_members"}, {"id", "m-2"}, {"op", "upsert"},
                                                   {"fields", {{"customer_id", own}, {"group_id", "no-such-group"}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "group_id");
    CHECK(scalar(server_db, "SELECT count(*) FROM customer_group_members WHERE id IN ('m-1', 'm-2')") == 0);

    // In once: a second membership of the same group is refused, whoever sends it.
    put_in(sales1, own, group);
    sales1.sync();
    answer = push_one(sales1, "crafted-member-3", {{"table", "customer_group_members"}, {"id", "m-3"}, {"op", "upsert"},
                                                   {"fields", {{"customer_id", own}, {"group_id", group}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(memberships(server_db, own) >= 1);
    CHECK(scalar(server_db, "SELECT count(*) FROM customer_group_members WHERE id = 'm-3'") == 0);

    // Someone else's group: neither renamed nor deleted by a salesperson or an agent.
    answer = push_one(sales1, "crafted-rename", {{"table", "customer_groups"}, {"id", group}, {"op", "upsert"},
                                                 {"fields", {{"name", "Mine now"}}}});
    CHECK(answer["results"][0]["code"] == "forbidden");
    answer = push_one(agent1, "crafted-group-delete", {{"table", "customer_groups"}, {"id", group}, {"op", "delete"}});
    CHECK(answer["results"][0]["code"] == "forbidden");
    CHECK(scalar_text(server_db, "SELECT name FROM customer_groups WHERE id = ?1 AND deleted = 0", group) ==
          "Key distributors");

    // A name already in use, in another case, is refused; an agent's own new group lands, as theirs.
    answer = push_one(agent1, "crafted-same-name", {{"table", "customer_groups"}, {"id", "g-1"}, {"op", "upsert"},
                                                    {"fields", {{"name", "KEY DISTRIBUTORS"}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "name");
    answer = push_one(agent1, "crafted-new-group", {{"table", "customer_groups"}, {"id", "g-2"}, {"op", "upsert"},
                                                    {"fields", {{"name", "Agent's picks"}}}});
    CHECK(answer["results"][0]["status"] == "applied");
    CHECK(scalar_text(server_db, "SELECT owner_id FROM customer_groups WHERE id = ?1", "g-2") == "agent1");
}

TEST_CASE("deleting a customer takes its memberships off every client") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    sales1.sync();
    manager.sync();
    const std::string group = make_group(manager, "Year-end visits");
    manager.sync();
    sales1.sync();
    const std::string customer = create_customer(sales1, "Ningbo Harbour Trading");
    put_in(sales1, customer, group);
    sales1.sync();
    manager.sync();
    CHECK(memberships(manager.db(), customer) == 1);
    REQUIRE_OK(delete_customer(sales1.db(), customer, "sales1"));
    sales1.sync();
    manager.sync();
    CHECK(memberships(manager.db(), customer) == 0);
    Db server_db = server.open_db();
    CHECK(memberships(server_db, customer) == 0);
}
