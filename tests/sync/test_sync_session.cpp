// The sync schedule (sync/session): when rounds start, what the status says, and how a
// failure backs off, with a fake transport that answers when the test says so, and then
// against the real server.
#include <doctest/doctest.h>

#include <deque>

#include "harness.hpp"
#include "domain/customer.hpp"
#include "sync/session.hpp"

using namespace crm;
using namespace crm::test;
using crm::sync::SyncSession;
using crm::sync::SyncStatus;

namespace {

// Holds each request until the test answers it.
struct HeldPosts {
    struct Held {
        std::string body;
        std::function<void(int, std::string)> done;
    };
    std::deque<Held> held;
    SyncSession::Post post() {
        return [this](std::string body, std::function<void(int, std::string)> done) {
            held.push_back({std::move(body), std::move(done)});
        };
    }
    void answer(int status, const std::string& body) {
        REQUIRE_FALSE(held.empty());
        Held h = std::move(held.front());
        held.pop_front();
        h.done(status, body);
    }
};

const char* kCaughtUp = R"({"results": [], "last_mid": 0, "changes": [], "removals": [], "cursor": 9, "more": false, "head": 9})";

// A page of a first sync: one customer, or a customer with an activity of an unknown kind,
// which the database refuses (parse_response checks types, not the domain's values).
std::string page_with_customer(const char* id, const char* name, int64_t cursor, bool more, bool bad_activity = false) {
    const std::string customer = std::string(R"({"table": "customers", "id": ")") + id +
                                 R"(", "seq": 1, "deleted": false, "fields": {"kind": "company", "name": ")" + name +
                                 R"(", "owner_id": "sales1", "created_at": "2026-12-01T08:00:00.000Z", "updated_at": "2026-12-01T08:00:00.000Z"}})";
    const std::string activity = std::string(R"(, {"table": "activities", "id": "act-)") + id +
                                 R"(", "seq": 2, "deleted": false, "fields": {"customer_id": ")" + id +
                                 R"(", "kind": "bogus", "subject": "x", "created_at": "2026-12-01T08:00:00.000Z", "updated_at": "2026-12-01T08:00:00.000Z"}})";
    return R"({"results": [], "last_mid": 0, "changes": [)" + customer + (bad_activity ? activity : "") +
           R"(], "removals": [], "cursor": )" + std::to_string(cursor) + R"(, "more": )" + (more ? "true" : "false") +
           R"(, "head": 3})";
}

sync::SyncClient attached(Db& db) {
    Result<sync::SyncClient> client = sync::SyncClient::attach(db, "sales1");
    REQUIRE_OK(client);
    return std::move(client).value();
}

}  // namespace

TEST_CASE("a session syncs at once, then after an edit's debounce, and otherwise every period") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    SyncSession session(db, attached(db), posts.post(), {.debounce = 0.5, .period = 20, .max_backoff = 60, .page = 100});
    session.update(0);
    REQUIRE(posts.held.size() == 1);
    CHECK(session.status().kind == SyncStatus::Kind::syncing);
    session.update(1);  // one round at a time
    CHECK(posts.held.size() == 1);
    posts.answer(200, kCaughtUp);
    CHECK(session.status().kind == SyncStatus::Kind::synced);
    CHECK(session.status().first_sync_done);
    CHECK(session.seconds_until_due(1) == doctest::Approx(19));

    Customer customer;
    customer.name = "Debounced Ltd";
    REQUIRE_OK(save_customer(db, customer, "sales1"));
    session.edited(2);
    CHECK(session.status().kind == SyncStatus::Kind::pending);
    CHECK(session.status().pending == 1);
    session.update(2.2);
    CHECK(posts.held.empty());
    session.update(2.5);
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find("Debounced Ltd") != std::string::npos);
}

TEST_CASE("a session without a connection says offline, keeps the edit and backs off 1, 2, 4 seconds") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    SyncSession session(db, attached(db), posts.post());
    Customer customer;
    customer.name = "Kept While Offline";
    REQUIRE_OK(save_customer(db, customer, "sales1"));
    double now = 0;
    for (double expected_wait : {1.0, 2.0, 4.0}) {
        session.update(now);
        REQUIRE(posts.held.size() == 1);
        posts.answer(0, "");
        SyncStatus status = session.status();
        CHECK(status.kind == SyncStatus::Kind::offline);
        CHECK(status.pending == 1);
        CHECK(session.seconds_until_due(now) == doctest::Approx(expected_wait));
        now += expected_wait;
    }
}

TEST_CASE("a 401 stops the session until a new login, and says why") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    SyncSession session(db, attached(db), posts.post());
    session.update(0);
    posts.answer(401, R"({"error": {"code": "unauthorized", "message": "the session has expired"}})");
    CHECK(session.needs_login());
    CHECK(session.status().kind == SyncStatus::Kind::error);
    CHECK(session.status().error_code == "unauthorized");
    session.update(1000);
    CHECK(posts.held.empty());
}

TEST_CASE("while only pulling, the next page is asked for before the answer in hand is applied") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    SyncSession session(db, attached(db), posts.post());
    session.update(0);
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("cursor":0)") != std::string::npos);
    posts.answer(200, page_with_customer("c-1", "First Page Ltd", 1, true));
    // The next page's request went out with the answer's cursor, and the answer was applied.
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("cursor":1)") != std::string::npos);
    CHECK(scalar(db, "SELECT count(*) FROM customers WHERE name = 'First Page Ltd'") == 1);
    CHECK(scalar(db, "SELECT value FROM sync_state WHERE key = 'cursor'") == 1);
    CHECK(session.status().kind == SyncStatus::Kind::syncing);
    CHECK(session.status().progress == doctest::Approx(1.0 / 3));
    session.update(0);  // one round at a time: nothing more is sent meanwhile
    CHECK(posts.held.size() == 1);
    posts.answer(200, page_with_customer("c-2", "Second Page Ltd", 3, false));
    CHECK(posts.held.empty());  // caught up
    CHECK(session.status().first_sync_done);
    CHECK(session.status().kind == SyncStatus::Kind::synced);
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 2);
    CHECK(scalar(db, "SELECT value FROM sync_state WHERE key = 'cursor'") == 3);
}

TEST_CASE("with an edit on its way the next page waits for the answer to be applied") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    SyncSession session(db, attached(db), posts.post());
    Customer customer;
    customer.name = "Waiting Edit Ltd";
    REQUIRE_OK(save_customer(db, customer, "sales1"));
    session.update(0);
    REQUIRE(posts.held.size() == 1);
    posts.answer(200, page_with_customer("c-1", "Pulled Ltd", 1, true));  // the edit not acknowledged
    // The next round went after the answer was applied: with the edit again, and the new cursor.
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find("Waiting Edit Ltd") != std::string::npos);
    CHECK(posts.held.front().body.find(R"("cursor":1)") != std::string::npos);
}

TEST_CASE("the page asked for ahead of one that could not be applied is dropped, and asked for again") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    SyncSession session(db, attached(db), posts.post());
    session.update(0);
    posts.answer(200, page_with_customer("c-1", "Refused Page Ltd", 2, true, /*bad_activity=*/true));
    CHECK(session.status().kind == SyncStatus::Kind::syncing);  // the page ahead is on its way
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("cursor":2)") != std::string::npos);
    // Nothing of the refused page is in, and the cursor stayed.
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 0);
    CHECK(scalar(db, "SELECT value FROM sync_state WHERE key = 'cursor'") == 0);
    posts.answer(200, page_with_customer("c-2", "After The Gap Ltd", 3, false));
    // The page after the gap is not applied: its changes would move the cursor past the refused ones.
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 0);
    CHECK(scalar(db, "SELECT value FROM sync_state WHERE key = 'cursor'") == 0);
    CHECK(session.status().kind == SyncStatus::Kind::error);
    CHECK(posts.held.empty());
    CHECK(session.seconds_until_due(0) == doctest::Approx(1));  // backing off
    session.update(1);
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("cursor":0)") != std::string::npos);
}

TEST_CASE("a transport that answers at once is never read ahead of") {
    Db db = fresh_crm_db();
    std::vector<std::string> bodies;
    int answered = 0;
    SyncSession::Post post = [&](std::string body, std::function<void(int, std::string)> done) {
        bodies.push_back(body);
        ++answered;
        done(200, answered == 1 ? page_with_customer("c-1", "At Once Ltd", 1, true)
                                : page_with_customer("c-2", "At Once Too Ltd", 3, false));
    };
    SyncSession session(db, attached(db), post);
    session.update(0);
    CHECK(bodies.size() == 1);  // the next page waits for update(): rounds never nest
    session.update(0);
    REQUIRE(bodies.size() == 2);
    CHECK(bodies[1].find(R"("cursor":1)") != std::string::npos);
    CHECK(session.status().first_sync_done);
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 2);
}

TEST_CASE("an answer arriving after the session ended is ignored") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    {
        SyncSession session(db, attached(db), posts.post());
        session.update(0);
    }
    posts.answer(200, kCaughtUp);  // no crash, nothing applied
    CHECK(scalar(db, "SELECT value FROM sync_state WHERE key = 'cursor'") == 0);
}

TEST_CASE("a session against the real server pulls the first sync in pages with progress, then pushes an edit") {
    SyncServer server;
    const std::string token = login(server, "manager");
    Db db = fresh_crm_db();
    SyncSession::Post post = [&](std::string body, std::function<void(int, std::string)> done) {
        httplib::Result r = server.http().Post("/api/v1/sync", {{"Authorization", "Bearer " + token}}, body, "application/json");
        if (r) done(r->status, r->body);
        else done(0, "");
    };
    Result<sync::SyncClient> client = sync::SyncClient::attach(db, "manager");
    REQUIRE_OK(client);
    SyncSession session(db, std::move(client).value(), post, {.debounce = 0.5, .period = 20, .max_backoff = 60, .page = 25});
    std::vector<double> progress;
    for (int i = 0; i < 100 && !session.status().first_sync_done; ++i) {
        session.update(0);
        progress.push_back(session.status().progress);
    }
    REQUIRE(session.status().first_sync_done);
    REQUIRE(progress.size() > 3);
    CHECK(std::is_sorted(progress.begin(), progress.end() - 1));
    CHECK(progress.front() > 0);
    CHECK(progress.front() < 1);
    CHECK(session.status().kind == SyncStatus::Kind::synced);

    Customer customer;
    customer.name = "Session Pushed Ltd";
    REQUIRE_OK(save_customer(db, customer, "manager"));
    session.edited(1);
    session.update(1.5);
    CHECK(session.status().pending == 0);
    Db server_db = server.open_db();
    CHECK(scalar(server_db, "SELECT count(*) FROM customers WHERE name = 'Session Pushed Ltd'") == 1);
}
