// Sync in the app (ui/app_session's hooks, the status bar, the Sync screen): the requests go
// out when they should, answers reach the screens, and conflicts are reviewed by clicking.
// The fake server answers what the real one would (docs/sync-protocol.md).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::ServerMode;
using crm::test::UiDriver;
using nlohmann::json;

namespace {

constexpr const char* kAllowAll =
    R"({"customers":{"view":"all","create":"all","edit":"all","delete":"all","export":"all"},)"
    R"("contacts":{"view":"all","create":"all","edit":"all","delete":"all","export":"all"}})";

json customer_change(const std::string& id, const std::string& name, const std::string& city, int64_t seq) {
    return {{"table", "customers"},
            {"id", id},
            {"seq", seq},
            {"deleted", false},
            {"fields",
             {{"kind", "company"}, {"name", name}, {"code", ""}, {"type", ""}, {"level", ""}, {"industry", ""},
              {"province", ""}, {"city", city}, {"address", ""}, {"phone", ""}, {"email", ""}, {"owner_id", "sales1"},
              {"notes", ""}, {"created_at", "2026-11-23T08:00:00.000Z"}, {"updated_at", "2026-11-23T08:00:00.000Z"},
              {"updated_by", "sales1"}}}};
}

std::string answer(json changes, int64_t last_mid, int64_t cursor, json results = json::array()) {
    return json{{"results", results}, {"last_mid", last_mid}, {"changes", changes}, {"removals", json::array()},
                {"cursor", cursor},   {"more", false},        {"head", cursor}}
        .dump();
}

}  // namespace

TEST_CASE("after login the first sync fills the list, and the status bar says all is synced") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.frames(2);
    auto request = ui.services().last("/api/v1/sync");
    REQUIRE(request);
    CHECK(request->method == "POST");
    CHECK(request->token == "token-sales1");
    const json body = json::parse(request->body);
    CHECK(body["cursor"] == 0);
    CHECK(body["mutations"].empty());

    ui.answer("/api/v1/sync", 200, answer({customer_change("c-1", "Pulled Trading Ltd", "Ningbo", 5)}, 0, 5));
    ui.frames(3);
    CHECK(ui.find("Pulled Trading Ltd", "customers").has_value());
    CHECK(ui.find("All changes synced", {}, true).has_value());
    CHECK_FALSE(ui.app().has_unsaved_work());
}

TEST_CASE("a new customer waits in the outbox, goes out half a second later, and is synced once acknowledged") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.frames(2);
    ui.answer("/api/v1/sync", 200, answer(json::array(), 0, 1));
    ui.frames(2);

    ui.click("New customer");
    ui.fill("Name", "Typed Here Ltd", "customer_detail");
    ui.click("Create customer", "customer_detail");
    ui.frames(1);
    CHECK(ui.find("Changes not yet synced: 1", {}, true).has_value());
    CHECK(ui.app().has_unsaved_work());  // closing the tab now would lose it: the page asks
    CHECK_FALSE(ui.services().is_pending("/api/v1/sync"));

    ui.frames(40);  // the debounce
    auto request = ui.services().last("/api/v1/sync");
    REQUIRE(request);
    REQUIRE(ui.services().is_pending("/api/v1/sync"));
    const json body = json::parse(request->body);
    REQUIRE(body["mutations"].size() == 1);
    CHECK(body["mutations"][0]["mid"] == 1);
    CHECK(body["mutations"][0]["op"] == "upsert");
    CHECK(body["mutations"][0]["fields"]["name"] == "Typed Here Ltd");

    ui.answer("/api/v1/sync", 0, "");  // the connection dropped
    ui.frames(1);
    CHECK(ui.find("Offline, retrying; changes waiting: 1", {}, true).has_value());
    ui.frames(70);  // the retry after a second
    REQUIRE(ui.services().is_pending("/api/v1/sync"));
    CHECK(json::parse(ui.services().last("/api/v1/sync")->body)["mutations"][0]["mid"] == 1);  // the same mid again
    ui.answer("/api/v1/sync", 200, answer(json::array(), 1, 2, json::array({{{"mid", 1}, {"status", "applied"}}})));
    ui.frames(2);
    CHECK(ui.find("All changes synced", {}, true).has_value());
    CHECK_FALSE(ui.app().has_unsaved_work());
}

TEST_CASE("a conflict from the server is reviewed on the Sync screen: putting the replaced value back is a new edit") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.frames(2);
    const json conflict = {{"table", "conflicts"},
                           {"id", "k-1"},
                           {"seq", 7},
                           {"deleted", false},
                           {"fields",
                            {{"table_name", "customers"}, {"record_id", "c-1"}, {"field", "city"},
                             {"kept_value", "\"Wenzhou\""}, {"other_value", "\"Ningbo\""}, {"kept_by", "manager"},
                             {"other_by", "sales1"}, {"resolved", false}, {"resolved_by", ""}, {"resolved_at", ""},
                             {"owner_id", "sales1"}, {"created_at", "2026-11-23T09:00:00.000Z"},
                             {"updated_at", "2026-11-23T09:00:00.000Z"}, {"updated_by", "manager"}}}};
    ui.answer("/api/v1/sync", 200, answer({customer_change("c-1", "Disputed City Ltd", "Wenzhou", 6), conflict}, 0, 7));
    ui.frames(3);
    REQUIRE(ui.has("Conflicts to review: 1"));
    ui.click("Conflicts to review: 1");
    ui.frames(2);
    CHECK(ui.find("Conflicts to review (1)", {}, true).has_value());
    CHECK(ui.find("Disputed City Ltd", {}, true).has_value());
    ui.click("Put back Ningbo");
    ui.frames(2);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE id = 'c-1' AND city = 'Ningbo'") == 1);
    CHECK(ui.find("Conflicts to review (0)", {}, true).has_value());

    ui.frames(40);
    // The records' changes; the person's last screen (Sync, a user_settings change) goes too.
    const json body = json::parse(ui.services().last("/api/v1/sync")->body);
    json mutations = json::array();
    for (const json& mutation : body["mutations"])
        if (mutation["table"] != "user_settings") mutations.push_back(mutation);
    REQUIRE(mutations.size() == 2);
    CHECK(mutations[0]["table"] == "customers");
    CHECK(mutations[0]["fields"] == json{{"city", "Ningbo"}});
    CHECK(mutations[0]["base"]["city"] == 6);
    CHECK(mutations[1]["table"] == "conflicts");
    CHECK(mutations[1]["fields"] == json{{"resolved", true}});
}

TEST_CASE("a refused change is listed with the server's reason") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kAllowAll);
    ui.frames(2);
    ui.answer("/api/v1/sync", 200, answer(json::array(), 0, 1));
    ui.frames(2);
    ui.click("New customer");
    ui.fill("Name", "Not Allowed Ltd", "customer_detail");
    ui.click("Create customer", "customer_detail");
    ui.frames(40);
    REQUIRE(ui.services().is_pending("/api/v1/sync"));
    const std::string id = json::parse(ui.services().last("/api/v1/sync")->body)["mutations"][0]["id"];
    ui.answer("/api/v1/sync", 200,
              json{{"results", {{{"mid", 1}, {"status", "rejected"}, {"code", "forbidden"}, {"message", "no"}}}},
                   {"last_mid", 1}, {"changes", json::array()}, {"removals", {{{"table", "customers"}, {"id", id}}}},
                   {"cursor", 2}, {"more", false}, {"head", 2}}
                  .dump());
    ui.frames(2);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers") == 0);  // the server's word: it does not exist
    REQUIRE(ui.has("Refused changes: 1"));
    ui.click("Refused changes: 1");
    ui.frames(2);
    CHECK(ui.find("You may not make this change; the server's version was restored", {}, true).has_value());
    // The record is gone from the tab, but what was typed is still there to read.
    CHECK(ui.find("Kind: company, Name: Not Allowed Ltd, Owner: sales1", {}, true).has_value());
    ui.click("Dismiss");
    ui.frames(2);
    CHECK(ui.find("Changes the server refused (0)", {}, true).has_value());
}
