// Tests for domain/saved_filter: a person's named filters, their JSON and their checks.
#include <doctest/doctest.h>

#include <string>

#include "domain/saved_filter.hpp"
#include "support.hpp"

using namespace crm;
using namespace crm::test;

TEST_CASE("a query's search and filters survive the JSON a saved filter holds; its sort stays the list's") {
    CustomerQuery query;
    query.search = "  华信 ";
    query.filter.type = "distributor";
    query.filter.level = "A";
    query.filter.city = "杭州";
    query.filter.tag = "VIP";
    const std::string json = query_to_json(query);
    CHECK(json == R"({"filter":{"city":"杭州","level":"A","tag":"VIP","type":"distributor"},"search":"华信"})");

    CustomerQuery list;
    list.sort = {{CustomerColumn::city, true}};
    list.filter.owner_id = "sales2";  // replaced, not merged
    std::optional<CustomerQuery> read = query_from_json(json, list);
    REQUIRE(read);
    CHECK(read->search == "华信");
    CHECK(read->filter == query.filter);
    CHECK(read->sort.size() == 1);
    CHECK(read->sort[0].column == CustomerColumn::city);
    CHECK(query_from_json(query_to_json(CustomerQuery{}), {})->filter.empty());
}

TEST_CASE("JSON that is not a saved query is refused, field by field") {
    for (const char* bad : {"", "[]", "{", R"({"filter": []})", R"({"filter": {"colour": "red"}})",
                            R"({"filter": {"city": 7}})", R"({"search": null})", R"({"sort": "name"})"}) {
        INFO(bad);
        CHECK_FALSE(query_from_json(bad, {}));
    }
    const std::string long_city = R"({"filter": {"city": ")" + std::string(201, 'x') + R"("}})";
    CHECK_FALSE(query_from_json(long_city, {}));
}

TEST_CASE("a record list's saved query holds that list's filters and no other's") {
    ListQuery query;
    query.search = " wang ";
    query.filter = {{"role", "purchaser"}, {"opted_out", "any"}, {"channel", ""}};  // "" is not set
    query.sort = {{2, true}};
    const std::string json = query_to_json(query);
    CHECK(json == R"({"filter":{"opted_out":"any","role":"purchaser"},"search":"wang"})");

    ListQuery list;
    list.sort = {{0, false}};
    list.filter = {{"owner_id", "sales2"}};  // replaced, not merged
    std::optional<ListQuery> read = query_from_json(json, contact_list(), list);
    REQUIRE(read);
    CHECK(read->search == "wang");
    CHECK(read->filter == std::map<std::string, std::string, std::less<>>{{"opted_out", "any"}, {"role", "purchaser"}});
    REQUIRE(read->sort.size() == 1);
    CHECK(read->sort[0].column == 0);
    // The contacts list's "role" is not a filter of the activities list.
    CHECK_FALSE(query_from_json(json, activity_list(), {}));
    CHECK(query_from_json(R"({"filter":{"status":"overdue","from":"2026-12-01"}})", activity_list(), {}));

    SavedFilter f;
    f.name = "Purchasers";
    f.list = "contacts";
    f.query = json;
    CHECK(validate(f).empty());
    f.list = "activities";
    CHECK(validate(f) == Problems{{"query", "invalid_format", 0}});
    f.list = "customers";  // nor a customers' filter
    CHECK(validate(f) == Problems{{"query", "invalid_format", 0}});
}

TEST_CASE("validate names every problem with its field") {
    SavedFilter f;
    f.name = "  ";
    f.list = "orders";
    f.query = R"({"filter": {"colour": "red"}})";
    Problems problems = validate(f);
    CHECK(problems == Problems{{"name", "required", 0}, {"list", "invalid_choice", 0}, {"query", "invalid_format", 0}});
    f.name = std::string(61, 'n');
    f.list = "customers";
    f.query = "{}";
    CHECK(validate(f) == Problems{{"name", "too_long", 60}});
}

TEST_CASE("saving under a name the person has replaces it; other people's filters are apart") {
    Db db = fresh_crm_db();
    SavedFilter vip;
    vip.name = " VIP in Hangzhou ";
    vip.query = R"({"filter": {"city": "杭州", "tag": "VIP"}})";
    REQUIRE_OK(save_filter(db, vip, "sales1"));
    CHECK(vip.name == "VIP in Hangzhou");
    CHECK(vip.owner_id == "sales1");

    SavedFilter again;
    again.name = "VIP in Hangzhou";
    again.query = R"({"filter": {"city": "杭州", "tag": "VIP", "level": "A"}})";
    REQUIRE_OK(save_filter(db, again, "sales1"));
    CHECK(again.id == vip.id);
    SavedFilter theirs;
    theirs.name = "VIP in Hangzhou";
    REQUIRE_OK(save_filter(db, theirs, "sales2"));
    CHECK(theirs.id != vip.id);

    std::vector<SavedFilter> mine = saved_filters_of(db, "sales1", "customers");
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].query == again.query);
    CHECK(saved_filters_of(db, "sales2", "customers").size() == 1);
    CHECK(saved_filters_of(db, "agent1", "customers").empty());

    REQUIRE_OK(delete_saved_filter(db, vip.id, "sales1"));
    CHECK(saved_filters_of(db, "sales1", "customers").empty());
    CHECK(delete_saved_filter(db, vip.id, "sales1").error().code == "not_found");

    SavedFilter invalid;
    Status refused = save_filter(db, invalid, "sales1");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().fields == Problems{{"name", "required", 0}});
    CHECK(scalar(db, "SELECT count(*) FROM saved_filters") == 2);
}
