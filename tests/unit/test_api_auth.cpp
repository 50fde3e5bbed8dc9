// Logging in and out over HTTP (web/api_auth.cpp), the login throttle (web/login_throttle.hpp),
// and who the server lets start.
//
// [SECTION] Login
// [SECTION] Sessions
// [SECTION] Throttling
// [SECTION] Directory
// [SECTION] Users at start
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <regex>
#include <vector>

#include "core/clock.hpp"
#include "login_throttle.hpp"
#include "server_fixture.hpp"

using namespace crm;
using namespace crm::test;

namespace {

// A clock that tests move by hand, shared by the test and the server's throttle.
struct ManualClock {
    std::shared_ptr<std::atomic<int64_t>> ms = std::make_shared<std::atomic<int64_t>>(1'000'000'000);
    LoginThrottle::Clock function() const {
        return [ms = ms] { return ms->load(); };
    }
    void advance_seconds(int64_t seconds) { *ms += seconds * 1000; }
};

// A server with the demo users (password demo123) and a throttle on `clock`.
ServerOptions demo_options(const TempDir& folder, const ManualClock& clock = {}) {
    ServerOptions options = test_server_options(folder);
    options.seed_demo = true;
    options.admin_password.clear();
    options.login_throttle_clock = clock.function();
    return options;
}

struct RawAnswer {
    int status = 0;
    std::string body;
};

// POSTs JSON from a chosen loopback address (127.0.0.2 and up reach the server too), so
// that the server sees several clients; httplib::Client cannot pick its source address.
RawAnswer post_from(const char* source, int port, const std::string& path, const nlohmann::json& json) {
    const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(socket_fd >= 0);
    timeval timeout{5, 0};
    setsockopt(socket_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    REQUIRE(inet_pton(AF_INET, source, &address.sin_addr) == 1);
    REQUIRE(bind(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    const std::string body = json.dump();
    const std::string request = "POST " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n" +
                                "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                                "\r\n\r\n" + body;
    REQUIRE(send(socket_fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::string answer;
    char buffer[4096];
    for (ssize_t got; (got = recv(socket_fd, buffer, sizeof buffer, 0)) > 0;)
        answer.append(buffer, static_cast<size_t>(got));
    close(socket_fd);
    REQUIRE(answer.starts_with("HTTP/1.1 "));
    const size_t body_start = answer.find("\r\n\r\n");
    return {std::stoi(answer.substr(9, 3)), body_start == std::string::npos ? "" : answer.substr(body_start + 4)};
}

int64_t retry_after(const httplib::Result& result) {
    CHECK(error_code(result, 429) == "too_many_attempts");
    const int64_t seconds = json_of(result)["error"]["retry_after"];
    CHECK(result->get_header_value("Retry-After") == std::to_string(seconds));
    return seconds;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Login
//-----------------------------------------------------------------------------

TEST_CASE("login with the right password answers a token, the user with permissions, and the expiry") {
    TestServer server;
    const int64_t before = now_ms();
    httplib::Result result = server.try_login("admin", kAdminPassword);
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Cache-Control") == "no-store");
    const nlohmann::json body = json_of(result);
    CHECK(std::regex_match(body["token"].get<std::string>(), std::regex("[0-9a-f]{64}")));
    CHECK(body["user"]["id"] == "admin");
    CHECK(body["user"]["role"] == "admin");
    CHECK(body["user"]["team_id"] == "");
    CHECK(body["user"]["permissions"]["admin"]["edit"] == "all");
    const std::optional<int64_t> expires = parse_iso_utc(body["expires_at"].get<std::string>());
    REQUIRE(expires);
    CHECK(*expires >= before + 12 * 3'600'000 - 1000);
    CHECK(*expires <= now_ms() + 12 * 3'600'000 + 1000);
}

TEST_CASE("login answers a wrong password and an unknown user alike, with 401 bad_credentials") {
    TestServer server;
    httplib::Result wrong = server.try_login("admin", "not-the-password");
    httplib::Result unknown = server.try_login("nobody", kAdminPassword);
    CHECK(error_code(wrong, 401) == "bad_credentials");
    CHECK(error_code(unknown, 401) == "bad_credentials");
    CHECK(wrong->body == unknown->body);
}

TEST_CASE("login takes the user name in any case and with spaces around it") {
    TestServer server;
    httplib::Result result = server.try_login("  Admin ", kAdminPassword);
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(json_of(result)["user"]["id"] == "admin");
}

TEST_CASE("login refuses malformed JSON and wrong types with 400 naming the field, and blanks with 422") {
    TestServer server;
    ApiClient client = server.anonymous();
    httplib::Result malformed = client.post_text("/api/v1/login", "{\"user\": \"admin\",");
    CHECK(error_code(malformed, 400) == "bad_request");
    CHECK(error_code(client.post_text("/api/v1/login", "[\"admin\"]"), 400) == "bad_request");
    CHECK(error_code(client.post_text("/api/v1/login", ""), 400) == "bad_request");

    httplib::Result number = client.post("/api/v1/login", {{"user", "admin"}, {"password", 123456}});
    CHECK(error_code(number, 400) == "bad_request");
    CHECK(json_of(number)["error"]["message"].get<std::string>().find("\"password\"") != std::string::npos);
    httplib::Result list = client.post("/api/v1/login", {{"user", {"admin"}}, {"password", "x"}});
    CHECK(json_of(list)["error"]["message"].get<std::string>().find("\"user\"") != std::string::npos);

    httplib::Result blank = client.post("/api/v1/login", {{"user", " "}});
    CHECK(error_code(blank, 422) == "invalid");
    CHECK(json_of(blank)["error"]["fields"] == nlohmann::json::array({{{"field", "user"}, {"code", "required"}},
                                                                      {{"field", "password"}, {"code", "required"}}}));
}

TEST_CASE("login only answers POST") {
    TestServer server;
    CHECK(error_code(server.anonymous().get("/api/v1/login"), 405) == "method_not_allowed");
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions
//-----------------------------------------------------------------------------

TEST_CASE("the token answers /me with the user, and requests without a good token get 401") {
    TestServer server;
    ApiClient admin = server.login("admin", kAdminPassword);
    httplib::Result me = admin.get("/api/v1/me");
    REQUIRE(me);
    CHECK(me->status == 200);
    CHECK(json_of(me)["user"]["id"] == "admin");

    httplib::Result anonymous = server.anonymous().get("/api/v1/me");
    CHECK(error_code(anonymous, 401) == "unauthorized");
    CHECK(anonymous->get_header_value("WWW-Authenticate") == "Bearer");
    CHECK(error_code(ApiClient(server.port(), std::string(64, '0')).get("/api/v1/me"), 401) == "unauthorized");
    CHECK(error_code(ApiClient(server.port(), "garbage").get("/api/v1/me"), 401) == "unauthorized");
}

TEST_CASE("logout ends that token only, and a logged-out token is refused") {
    TestServer server;
    ApiClient first = server.login("admin", kAdminPassword);
    ApiClient second = server.login("admin", kAdminPassword);
    CHECK(first.token() != second.token());
    httplib::Result logout = first.post("/api/v1/logout", nlohmann::json::object());
    REQUIRE(logout);
    CHECK(logout->status == 200);
    CHECK(json_of(logout) == nlohmann::json::object());
    CHECK(error_code(first.get("/api/v1/me"), 401) == "unauthorized");
    CHECK(error_code(first.post("/api/v1/logout", nlohmann::json::object()), 401) == "unauthorized");
    CHECK(second.get("/api/v1/me")->status == 200);
}

TEST_CASE("a token past its expiry is refused with 401") {
    TempDir folder;
    ServerOptions options = test_server_options(folder);
    TestServer server(options);
    ApiClient admin = server.login("admin", kAdminPassword);
    REQUIRE(admin.get("/api/v1/me")->status == 200);
    {
        // Another connection to the server's file, as the sqlite3 shell would be.
        Db db = Db::open(options.data_path).value();
        REQUIRE(db.exec("UPDATE sessions SET expires_at = " + std::to_string(now_ms() - 1)).ok());
    }
    httplib::Result expired = admin.get("/api/v1/me");
    CHECK(error_code(expired, 401) == "unauthorized");
    CHECK(json_of(expired)["error"]["message"].get<std::string>().find("expired") != std::string::npos);
}

TEST_CASE("--session-hours sets how long a login lasts") {
    TempDir folder;
    ServerOptions options = test_server_options(folder);
    options.session_hours = 0.5;
    TestServer server(options);
    const nlohmann::json body = json_of(server.try_login("admin", kAdminPassword));
    const int64_t lasts = parse_iso_utc(body["expires_at"].get<std::string>()).value() - now_ms();
    CHECK(lasts > 29 * 60'000);
    CHECK(lasts <= 30 * 60'000);
}

TEST_CASE("a deactivated user's correct password gets 403 inactive, a wrong one still 401") {
    TempDir folder;
    TestServer server(demo_options(folder));
    ApiClient admin = server.login("admin", "demo123");
    REQUIRE(admin.post("/api/v1/admin/users", {{"id", "agent2"}, {"active", false}})->status == 200);
    CHECK(error_code(server.try_login("agent2", "demo123"), 403) == "inactive");
    CHECK(error_code(server.try_login("agent2", "wrong-password"), 401) == "bad_credentials");
}

TEST_CASE("24 logged-in clients with open keep-alive connections are all answered at once") {
    TempDir folder;
    TestServer server(test_server_options(folder));
    const std::string token = server.login("admin", kAdminPassword).token();
    std::vector<std::unique_ptr<ApiClient>> clients;
    for (int i = 0; i < 24; ++i) {
        clients.push_back(std::make_unique<ApiClient>(server.port(), token));
        clients.back()->http().set_keep_alive(true);
        REQUIRE(clients.back()->get("/api/v1/me")->status == 200);  // and the connection stays open
    }
    // With too few threads the later clients would wait for an earlier connection to time out (5 s).
    const auto start = std::chrono::steady_clock::now();
    for (auto& client : clients)
        REQUIRE(client->get("/api/v1/me")->status == 200);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

//-----------------------------------------------------------------------------
// [SECTION] Throttling
//-----------------------------------------------------------------------------

TEST_CASE("the throttle locks a key after 5 failures for 30 s, then twice as long each time, up to 300 s") {
    ManualClock clock;
    LoginThrottle throttle(clock.function());
    for (int i = 0; i < 4; ++i)
        throttle.record_failure("sales1", "10.0.0.1");
    CHECK(throttle.seconds_to_wait("sales1", "10.0.0.2") == 0);
    throttle.record_failure("sales1", "10.0.0.1");
    CHECK(throttle.seconds_to_wait("sales1", "10.0.0.2") == 30);  // the user, from anywhere
    CHECK(throttle.seconds_to_wait("sales2", "10.0.0.1") == 30);  // the address, for anyone
    CHECK(throttle.seconds_to_wait("sales2", "10.0.0.2") == 0);
    clock.advance_seconds(10);
    CHECK(throttle.seconds_to_wait("sales1", "10.0.0.2") == 20);
    for (int64_t expected : {60, 120, 240, 300, 300}) {
        clock.advance_seconds(throttle.seconds_to_wait("sales1", "x"));
        CHECK(throttle.seconds_to_wait("sales1", "x") == 0);
        throttle.record_failure("sales1", "10.0.0.1");
        CHECK(throttle.seconds_to_wait("sales1", "x") == expected);
    }
}

TEST_CASE("the throttle never locks for failures spread wider than 15 minutes") {
    ManualClock clock;
    LoginThrottle throttle(clock.function());
    for (int i = 0; i < 12; ++i) {
        throttle.record_failure("sales1", "10.0.0.1");
        CHECK(throttle.seconds_to_wait("sales1", "10.0.0.1") == 0);
        clock.advance_seconds(4 * 60);  // 5 failures span 16 minutes
    }
}

TEST_CASE("the throttle forgets after 15 quiet minutes, and a success clears the user but not the address") {
    ManualClock clock;
    LoginThrottle throttle(clock.function());
    for (int i = 0; i < 4; ++i)
        throttle.record_failure("sales1", "10.0.0.1");
    clock.advance_seconds(15 * 60 + 1);
    throttle.record_failure("sales1", "10.0.0.1");
    CHECK(throttle.seconds_to_wait("sales1", "10.0.0.1") == 0);  // counting starts again at 1

    for (int i = 0; i < 4; ++i)
        throttle.record_failure("sales1", "10.0.0.1");
    REQUIRE(throttle.seconds_to_wait("sales1", "10.0.0.9") == 30);
    throttle.record_success("sales1");
    CHECK(throttle.seconds_to_wait("sales1", "10.0.0.9") == 0);
    CHECK(throttle.seconds_to_wait("sales2", "10.0.0.1") == 30);
}

TEST_CASE("the throttle holds at most its limit of keys, dropping the longest-quiet first") {
    ManualClock clock;
    LoginThrottle throttle(clock.function(), 10);
    for (int i = 0; i < 5; ++i)
        throttle.record_failure("target", "10.0.0.1");
    REQUIRE(throttle.seconds_to_wait("target", "other") == 30);
    for (int i = 0; i < 8; ++i) {  // 10 keys with the address
        clock.advance_seconds(1);
        throttle.record_failure("user" + std::to_string(i), "10.0.0.1");
    }
    CHECK(throttle.size() == 10);
    CHECK(throttle.seconds_to_wait("target", "other") == 22);
    throttle.record_failure("one-too-many", "10.0.0.1");
    CHECK(throttle.size() == 10);
    CHECK(throttle.seconds_to_wait("target", "other") == 0);    // dropped: it failed longest ago
    CHECK(throttle.seconds_to_wait("nobody", "10.0.0.1") > 0);  // the address failed just now: kept
}

TEST_CASE("after 5 wrong passwords login answers 429 with Retry-After, even for the right one, until the wait ends") {
    TempDir folder;
    ManualClock clock;
    TestServer server(demo_options(folder, clock));
    for (int i = 0; i < 5; ++i)
        CHECK(error_code(server.try_login("sales1", "wrong-password"), 401) == "bad_credentials");
    CHECK(retry_after(server.try_login("sales1", "demo123")) == 30);
    clock.advance_seconds(29);
    CHECK(retry_after(server.try_login("sales1", "demo123")) == 1);
    clock.advance_seconds(1);
    httplib::Result after_wait = server.try_login("sales1", "demo123");
    REQUIRE(after_wait);
    CHECK(after_wait->status == 200);
}

TEST_CASE("a login that fails again after the wait is locked twice as long") {
    TempDir folder;
    ManualClock clock;
    TestServer server(demo_options(folder, clock));
    for (int i = 0; i < 5; ++i)
        REQUIRE(server.try_login("agent1", "wrong-password")->status == 401);
    clock.advance_seconds(30);
    CHECK(error_code(server.try_login("agent1", "wrong-password"), 401) == "bad_credentials");
    CHECK(retry_after(server.try_login("agent1", "demo123")) == 60);
}

TEST_CASE("login counts failures per user across addresses, and a good password clears only the user's") {
    TempDir folder;
    TestServer server(demo_options(folder));
    auto login_from = [&](const char* address, const char* password) {
        return post_from(address, server.port(), "/api/v1/login", {{"user", "sales1"}, {"password", password}});
    };
    for (int i = 0; i < 4; ++i)
        REQUIRE(login_from("127.0.0.2", "wrong-password").status == 401);
    REQUIRE(login_from("127.0.0.3", "demo123").status == 200);
    for (int i = 0; i < 4; ++i)
        REQUIRE(login_from("127.0.0.4", "wrong-password").status == 401);
    CHECK(login_from("127.0.0.5", "demo123").status == 200);  // 4 since the success: not locked
    for (int i = 0; i < 5; ++i)
        REQUIRE(login_from("127.0.0.6", "wrong-password").status == 401);
    const RawAnswer locked = login_from("127.0.0.7", "demo123");  // 5 in a row, from anywhere
    CHECK(locked.status == 429);
    CHECK(locked.body.find("too_many_attempts") != std::string::npos);
    // 127.0.0.2 failed 4 times; the success did not clear that: one more locks it for anyone.
    REQUIRE(
        post_from("127.0.0.2", server.port(), "/api/v1/login", {{"user", "agent1"}, {"password", "guess-1"}}).status ==
        401);
    CHECK(
        post_from("127.0.0.2", server.port(), "/api/v1/login", {{"user", "agent2"}, {"password", "demo123"}}).status ==
        429);
}

TEST_CASE("failures for many user names from one address lock that address") {
    TempDir folder;
    TestServer server(demo_options(folder));
    for (const char* user : {"ghost1", "ghost2", "ghost3", "ghost4", "ghost5"}) {
        REQUIRE(server.try_login(user, "guess-123")->status == 401);
    }
    CHECK(retry_after(server.try_login("agent2", "demo123")) == 30);
}

//-----------------------------------------------------------------------------
// [SECTION] Directory
//-----------------------------------------------------------------------------

TEST_CASE("the directory lists the users a person may pick as owners: all, their team, or themself") {
    TempDir folder;
    TestServer server(demo_options(folder));
    auto ids = [&](const char* user) {
        httplib::Result result = server.login(user, "demo123").get("/api/v1/directory");
        REQUIRE(result);
        CHECK(result->status == 200);
        std::vector<std::string> listed;
        const nlohmann::json body = json_of(result);
        for (const nlohmann::json& entry : body["users"]) {
            CHECK(entry.contains("name"));
            CHECK(entry.contains("team_id"));
            CHECK(entry["active"] == true);
            listed.push_back(entry["id"]);
        }
        return listed;
    };
    const std::vector<std::string> everyone = {"admin", "agent1", "agent2", "manager", "sales1", "sales2", "service1"};
    CHECK(ids("admin") == everyone);
    CHECK(ids("service1") == everyone);  // service views all customers
    CHECK(ids("sales1") == std::vector<std::string>{"manager", "sales1", "sales2"});
    CHECK(ids("agent1") == std::vector<std::string>{"agent1"});
    CHECK(error_code(server.anonymous().get("/api/v1/directory"), 401) == "unauthorized");
}

//-----------------------------------------------------------------------------
// [SECTION] Users at start
//-----------------------------------------------------------------------------

TEST_CASE("the server refuses to start without users unless given an admin password, and says how") {
    TempDir folder;
    ServerOptions options = test_server_options(folder);
    options.admin_password.clear();
    auto refused = Server::open(options);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "no_users");
    CHECK(refused.error().message.find("--admin-password") != std::string::npos);
    CHECK(refused.error().message.find("CRM_ADMIN_PASSWORD") != std::string::npos);

    options.admin_password = "short";
    auto too_short = Server::open(options);
    REQUIRE_FALSE(too_short.ok());
    CHECK(too_short.error().message.find("at least 6 characters") != std::string::npos);
}

TEST_CASE("an admin password creates the user admin once; later starts need none") {
    TempDir folder;
    ServerOptions options = test_server_options(folder);
    {
        TestServer first(options);
        first.login("admin", kAdminPassword);
    }
    options.admin_password.clear();
    TestServer again(options);
    ApiClient admin = again.login("admin", kAdminPassword);
    CHECK(json_of(admin.get("/api/v1/admin/users"))["users"].size() == 1);
}

TEST_CASE("with --demo the demo users exist and log in with demo123") {
    TempDir folder;
    TestServer server(demo_options(folder));
    for (const char* user : {"admin", "manager", "sales1", "sales2", "service1", "agent1", "agent2"}) {
        CAPTURE(user);
        httplib::Result result = server.try_login(user, "demo123");
        REQUIRE(result);
        CHECK(result->status == 200);
    }
    CHECK(json_of(server.try_login("agent1", "demo123"))["user"]["team_id"] == "agents");
}
