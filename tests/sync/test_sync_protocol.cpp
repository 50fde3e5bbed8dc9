// The endpoint's answers to requests it cannot take: each a 4xx with {"error": {code,
// message}}, and nothing changed on the server.
#include <doctest/doctest.h>

#include "harness.hpp"
#include "sync_service.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

json good_request() {
    return {{"schema_version", 1},
            {"client_id", "0190a000-0000-7000-8000-000000000001"},
            {"cursor", 0},
            {"limit", 10},
            {"mutations",
             {{{"mid", 1},
               {"table", "customers"},
               {"id", "0190a000-0000-7000-8000-0000000000aa"},
               {"op", "upsert"},
               {"fields", {{"name", "Protocol Test Ltd"}, {"kind", "company"}}},
               {"base", json::object()}}}}};
}

struct Answer {
    int status = 0;
    std::string code, message;
};

Answer send(SyncServer& server, const std::string& token, const std::string& body) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result response = server.http().Post("/api/v1/sync", headers, body, "application/json");
    REQUIRE(response);
    Answer answer{response->status, "", ""};
    json parsed = json::parse(response->body, nullptr, false);
    if (parsed.is_object() && parsed.contains("error")) {
        answer.code = parsed["error"].value("code", "");
        answer.message = parsed["error"].value("message", "");
    }
    return answer;
}

}  // namespace

TEST_CASE("requests the endpoint refuses whole: 4xx with a code and message, and nothing changed") {
    SyncServer server;
    const std::string token = login(server, "sales1");
    Db server_db = server.open_db();
    const int64_t head = sync_head(server_db);

    struct Case {
        const char* what;
        std::string body;
        int status;
        const char* code;
        const char* message_mentions;
    };
    auto with = [](auto&& edit) {
        json request = good_request();
        edit(request);
        return request.dump();
    };
    const Case cases[] = {
        {"malformed JSON", R"({"schema_version": 1, "client_id": )", 400, "bad_json", "JSON"},
        {"not an object", "[1, 2, 3]", 400, "bad_request", "object"},
        {"an unknown schema version", with([](json& r) { r["schema_version"] = 99; }), 400, "unsupported_schema", "99"},
        {"a cursor of the wrong type", with([](json& r) { r["cursor"] = "12"; }), 400, "bad_request", "cursor"},
        {"a negative cursor", with([](json& r) { r["cursor"] = -1; }), 400, "bad_request", "cursor"},
        {"mutations not an array", with([](json& r) { r["mutations"] = json::object(); }), 400, "bad_request", "mutations"},
        {"an unknown table", with([](json& r) { r["mutations"][0]["table"] = "invoices"; }), 400, "unknown_table", "invoices"},
        {"an unknown field", with([](json& r) { r["mutations"][0]["fields"]["colour"] = "red"; }), 400, "unknown_field",
         "colour"},
        {"a field only the server writes", with([](json& r) { r["mutations"][0]["fields"]["updated_by"] = "admin"; }), 400,
         "read_only_field", "updated_by"},
        {"a field of the wrong type", with([](json& r) { r["mutations"][0]["fields"]["name"] = 42; }), 400, "bad_request",
         "mutations[0].fields.name"},
        {"a boolean as a string", with([](json& r) {
             r["mutations"][0]["table"] = "contacts";
             r["mutations"][0]["fields"] = {{"is_primary", "yes"}};
         }),
         400, "bad_request", "is_primary"},
        {"an unknown op", with([](json& r) { r["mutations"][0]["op"] = "merge"; }), 400, "bad_request", "op"},
        {"an id with SQL in it", with([](json& r) { r["mutations"][0]["id"] = "x'; DROP TABLE customers; --"; }), 400,
         "bad_request", "id"},
        {"a base that is not a number", with([](json& r) { r["mutations"][0]["base"] = {{"name", "old"}}; }), 400,
         "bad_request", "base.name"},
        {"mids that skip one", with([](json& r) {
             json second = r["mutations"][0];
             second["mid"] = 3;
             second["id"] = "other-id";
             r["mutations"].push_back(second);
         }),
         400, "bad_request", "mid"},
        {"a first mid after a gap", with([](json& r) { r["mutations"][0]["mid"] = 5; }), 409, "mid_gap", "expected mid 1"},
        {"a body over the size limit", with([](json& r) { r["mutations"][0]["fields"]["notes"] = std::string(1100 * 1024, 'x'); }),
         413, "payload_too_large", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Answer answer = send(server, token, c.body);
        CHECK(answer.status == c.status);
        CHECK(answer.code == c.code);
        CHECK(answer.message.find(c.message_mentions) != std::string::npos);
        CHECK(sync_head(server_db) == head);
        CHECK(scalar(server_db, "SELECT count(*) FROM customers WHERE name = 'Protocol Test Ltd'") == 0);
    }
    // And the same request, well formed, is applied.
    Answer ok = send(server, token, good_request().dump());
    CHECK(ok.status == 200);
    CHECK(scalar(server_db, "SELECT count(*) FROM customers WHERE name = 'Protocol Test Ltd'") == 1);
}

TEST_CASE("sync without a valid token is 401 and changes nothing") {
    SyncServer server;
    Db server_db = server.open_db();
    for (const std::string& token : {std::string(), std::string("not-a-token"), std::string(64, 'a')}) {
        CAPTURE(token);
        Answer answer = send(server, token, good_request().dump());
        CHECK(answer.status == 401);
        CHECK(answer.code == "unauthorized");
    }
    const std::string token = login(server, "sales1");
    httplib::Result logout =
        server.http().Post("/api/v1/logout", {{"Authorization", "Bearer " + token}}, "", "application/json");
    REQUIRE(logout);
    CHECK(send(server, token, good_request().dump()).status == 401);
    CHECK(scalar(server_db, "SELECT count(*) FROM customers WHERE name = 'Protocol Test Ltd'") == 0);
}

TEST_CASE("a client reads a malformed answer as an error and applies nothing") {
    Db db = fresh_crm_db();
    Result<sync::SyncClient> client = sync::SyncClient::attach(db, "sales1");
    REQUIRE_OK(client);
    const char* answers[] = {
        "",
        "not json",
        R"({"results": [], "changes": [], "removals": [], "last_mid": 0, "cursor": "5", "more": false})",
        R"({"results": [], "changes": [{"table": "customers", "id": "a", "seq": 1, "deleted": false, "fields": {"name": 7}}], "removals": [], "last_mid": 0, "cursor": 5, "more": false})",
        R"({"results": [], "changes": [{"table": "sqlite_schema", "id": "a", "seq": 1, "deleted": false, "fields": {}}], "removals": [], "last_mid": 0, "cursor": 5, "more": false})",
        R"({"results": [], "changes": [], "removals": [{"table": "customers", "id": "a b"}], "last_mid": 0, "cursor": 5, "more": false})",
    };
    for (const char* answer : answers) {
        CAPTURE(answer);
        Result<sync::Applied> applied = client.value().apply_response(answer);
        REQUIRE_FALSE(applied.ok());
        CHECK(applied.error().code == "bad_response");
        CHECK(client.value().cursor() == 0);
    }
}
