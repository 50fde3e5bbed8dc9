// Personal settings through sync: a person's list layout and last screen follow them to every
// PC they log in on, nobody else receives them, and the server checks each with the domain's
// validate() before it stores what a client would parse.
#include <doctest/doctest.h>

#include "domain/user_settings.hpp"
#include "harness.hpp"
#include "sync_service.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

constexpr const char* kLayout = "[Table][0x9F2A3C11,8]\nRefScale=16\nColumn 2  Weight=1.1000 Sort=0^\n";

}  // namespace

TEST_CASE("a layout and a last screen reach their owner's other PC and nobody else's") {
    SyncServer server;
    SyncTestClient office(server, "sales1");
    SyncTestClient laptop(server, "sales1");
    SyncTestClient manager(server, "manager");
    REQUIRE_OK(put_user_setting(office.db(), "sales1", "layout", kLayout));
    REQUIRE_OK(put_user_setting(office.db(), "sales1", "last_screen", "calendar"));
    office.sync();
    CHECK(office.engine().pending() == 0);
    CHECK(office.engine().rejection_count() == 0);
    laptop.sync();
    manager.sync();
    CHECK(user_setting(laptop.db(), "sales1", "layout") == kLayout);
    CHECK(user_setting(laptop.db(), "sales1", "last_screen") == "calendar");
    CHECK(scalar(manager.db(), "SELECT count(*) FROM user_settings") == 0);  // a manager's "all" is not theirs

    // Changed on the laptop: the office PC gets the change, still one row.
    REQUIRE_OK(put_user_setting(laptop.db(), "sales1", "last_screen", "my_day"));
    laptop.sync();
    office.sync();
    CHECK(user_setting(office.db(), "sales1", "last_screen") == "my_day");
    CHECK(scalar(office.db(), "SELECT count(*) FROM user_settings WHERE name = 'last_screen'") == 1);
}

TEST_CASE("the server refuses a layout the client must not parse, and another person's setting") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient sales2(server, "sales2");
    REQUIRE_OK(put_user_setting(sales1.db(), "sales1", "layout", kLayout));
    sales1.sync();
    const std::string theirs = scalar_text(sales1.db(), "SELECT id FROM user_settings WHERE name = ?1", "layout");

    // Crafted as if the domain had let them through.
    auto push = [&](const std::string& id, const json& fields, int mid) {
        const json answer = push_one(sales2, sales2.engine().client_id(),
                                     {{"table", "user_settings"}, {"id", id}, {"op", "upsert"}, {"fields", fields},
                                      {"base", json::object()}},
                                     mid);
        REQUIRE(answer["results"].size() == 1);
        return answer["results"][0];
    };
    const json huge = push("0190a000-0000-7000-8000-0000000000f2",
                           {{"name", "layout"}, {"value", "[Table][0x1,100000000]\n"}}, 1);
    CHECK(huge["status"] == "rejected");
    CHECK(huge["code"] == "invalid");
    CHECK(huge["field"] == "value");
    const json unknown = push("0190a000-0000-7000-8000-0000000000f3", {{"name", "theme"}, {"value", "dark"}}, 2);
    CHECK(unknown["status"] == "rejected");
    CHECK(unknown["field"] == "name");
    const json foreign = push(theirs, {{"name", "layout"}, {"value", ""}}, 3);
    CHECK(foreign["status"] == "rejected");
    CHECK(foreign["code"] == "forbidden");

    Db server_db = server.open_db();
    CHECK(scalar_text(server_db, "SELECT value FROM user_settings WHERE id = ?1", theirs) == kLayout);
    CHECK(scalar(server_db, "SELECT count(*) FROM user_settings") == 1);
}
