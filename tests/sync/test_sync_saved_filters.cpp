// Saved filters through sync: they follow their owner to every PC the owner logs in on, nobody
// else receives them, and the server checks each one with the domain's validate().
#include <doctest/doctest.h>

#include "domain/saved_filter.hpp"
#include "harness.hpp"
#include "sync_service.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::string save(SyncTestClient& client, const char* name, const char* query) {
    SavedFilter filter;
    filter.name = name;
    filter.query = query;
    REQUIRE_OK(save_filter(client.db(), filter, client.user()));
    return filter.id;
}

}  // namespace

TEST_CASE("a saved filter reaches its owner's other PC and nobody else's, and its deletion follows it") {
    SyncServer server;
    SyncTestClient office(server, "sales1");
    SyncTestClient laptop(server, "sales1");
    SyncTestClient manager(server, "manager");
    SyncTestClient sales2(server, "sales2");
    const std::string id = save(office, "VIP in Hangzhou", R"({"filter": {"city": "杭州", "tag": "VIP"}})");
    office.sync();
    CHECK(office.engine().pending() == 0);
    CHECK(office.engine().rejection_count() == 0);
    laptop.sync();
    manager.sync();
    sales2.sync();

    const std::vector<SavedFilter> on_laptop = saved_filters_of(laptop.db(), "sales1", "customers");
    REQUIRE(on_laptop.size() == 1);
    CHECK(on_laptop[0].id == id);
    CHECK(on_laptop[0].name == "VIP in Hangzhou");
    CHECK(query_from_json(on_laptop[0].query, {})->filter.city == "杭州");
    CHECK(scalar(manager.db(), "SELECT count(*) FROM saved_filters") == 0);  // even a manager's "all" is not theirs
    CHECK(scalar(sales2.db(), "SELECT count(*) FROM saved_filters") == 0);

    REQUIRE_OK(delete_saved_filter(laptop.db(), id, "sales1"));
    laptop.sync();
    office.sync();
    CHECK(saved_filters_of(office.db(), "sales1", "customers").empty());
}

TEST_CASE("a contacts list's saved filter syncs to the owner's other PC and stays that list's") {
    SyncServer server;
    SyncTestClient office(server, "sales1");
    SyncTestClient laptop(server, "sales1");
    SavedFilter filter;
    filter.name = "Purchasers";
    filter.list = "contacts";
    filter.query = R"({"filter": {"role": "purchaser"}, "search": "华信"})";
    REQUIRE_OK(save_filter(office.db(), filter, "sales1"));
    office.sync();
    CHECK(office.engine().rejection_count() == 0);
    laptop.sync();
    const std::vector<SavedFilter> on_laptop = saved_filters_of(laptop.db(), "sales1", "contacts");
    REQUIRE(on_laptop.size() == 1);
    const std::optional<ListQuery> query = query_from_json(on_laptop[0].query, contact_list(), {});
    REQUIRE(query);
    CHECK(query->filter.at("role") == "purchaser");
    CHECK(query->search == "华信");
    CHECK(saved_filters_of(laptop.db(), "sales1", "customers").empty());
}

TEST_CASE("the server refuses a saved filter that is not one, and another person's filter") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient sales2(server, "sales2");
    const std::string theirs = save(sales1, "Mine", R"({"search": "acme"})");
    sales1.sync();

    // Crafted as if the domain had let them through: a query that is not JSON, and an edit of
    // sales1's filter by sales2.
    auto push = [&](const std::string& id, const json& fields, int mid) {
        const json answer = push_one(sales2, sales2.engine().client_id(),
                                     {{"table", "saved_filters"}, {"id", id}, {"op", "upsert"}, {"fields", fields},
                                      {"base", json::object()}},
                                     mid);
        REQUIRE(answer["results"].size() == 1);
        return answer["results"][0];
    };
    const json bad = push("0190a000-0000-7000-8000-0000000000f1",
                          {{"name", "Broken"}, {"list", "customers"}, {"query", "{not json"}}, 1);
    CHECK(bad["status"] == "rejected");
    CHECK(bad["code"] == "invalid");
    CHECK(bad["field"] == "query");
    // A contacts list's query under the customers list: its filter is not one of that list's.
    const json crossed = push("0190a000-0000-7000-8000-0000000000f2",
                              {{"name", "Crossed"}, {"list", "customers"}, {"query", R"({"filter":{"role":"purchaser"}})"}},
                              2);
    CHECK(crossed["status"] == "rejected");
    CHECK(crossed["field"] == "query");
    const json foreign = push(theirs, {{"name", "Taken over"}, {"list", "customers"}, {"query", "{}"}}, 3);
    CHECK(foreign["status"] == "rejected");
    CHECK(foreign["code"] == "forbidden");

    Db server_db = server.open_db();
    CHECK(scalar_text(server_db, "SELECT name FROM saved_filters WHERE id = ?1", theirs) == "Mine");
    CHECK(scalar(server_db, "SELECT count(*) FROM saved_filters") == 1);
}
