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

// Holds each request until the test answers it, unless an answer is queued in at_once (a
// transport that answers inside the call). With `watch` set, notes how many customers that
// database held as each request went out.
struct HeldPosts {
    struct Held {
        std::string body;
        std::function<void(int, std::string)> done;
    };
    std::deque<Held> held;
    std::deque<std::string> at_once;
    Db* watch = nullptr;
    std::vector<int64_t> customers_when_sent;
    SyncSession::Post post() {
        return [this](std::string body, std::function<void(int, std::string)> done) {
            if (watch) customers_when_sent.push_back(scalar(*watch, "SELECT count(*) FROM customers"));
            if (!at_once.empty()) {
                const std::string answer = std::move(at_once.front());
                at_once.pop_front();
                done(200, answer);
                return;
            }
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
std::string page_with_customer(const char* id, const char* name, int64_t cursor, bool more, bool bad_activity = false,
                               const char* scope = "") {
    const std::string customer = std::string(R"({"table": "customers", "id": ")") + id +
                                 R"(", "seq": 1, "deleted": false, "fields": {"kind": "company", "name": ")" + name +
                                 R"(", "owner_id": "sales1", "created_at": "2026-12-01T08:00:00.000Z", "updated_at": "2026-12-01T08:00:00.000Z"}})";
    const std::string activity = std::string(R"(, {"table": "activities", "id": "act-)") + id +
                                 R"(", "seq": 2, "deleted": false, "fields": {"customer_id": ")" + id +
                                 R"(", "kind": "bogus", "subject": "x", "created_at": "2026-12-01T08:00:00.000Z", "updated_at": "2026-12-01T08:00:00.000Z"}})";
    return R"({"results": [], "last_mid": 0, "changes": [)" + customer + (bad_activity ? activity : "") +
           R"(], "removals": [], "cursor": )" + std::to_string(cursor) + R"(, "more": )" + (more ? "true" : "false") +
           R"(, "head": 3, "scope": ")" + scope + R"("})";
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
    posts.watch = &db;
    SyncSession session(db, attached(db), posts.post());
    session.update(0);
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("cursor":0)") != std::string::npos);
    posts.answer(200, page_with_customer("c-1", "First Page Ltd", 1, true));
    // The next page's request went out with the answer's cursor, before the answer was applied
    // (no customer yet when it was sent); then the answer was applied.
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("cursor":1)") != std::string::npos);
    CHECK(posts.customers_when_sent == std::vector<int64_t>{0, 0});
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

// The server takes a view's token sent back as "applied" (docs/sync-protocol.md): asking for
// the next page with a new view's token before the answer that brought it is in would tell it
// so too early, and a failure to apply would leave the client between two views.
TEST_CASE("an answer that brings a new view is applied before the next page is asked for") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    posts.watch = &db;
    SyncSession session(db, attached(db), posts.post());
    session.update(0);
    posts.answer(200, page_with_customer("c-1", "Same View Ltd", 1, true));
    posts.answer(200, page_with_customer("c-2", "New View Ltd", 0, true, false, "view-2"));
    REQUIRE(posts.held.size() == 1);
    CHECK(posts.held.front().body.find(R"("scope":"view-2")") != std::string::npos);
    // Sent ahead after the first answer (0 customers), after the apply after the second (2).
    CHECK(posts.customers_when_sent == std::vector<int64_t>{0, 0, 2});
    posts.answer(200, page_with_customer("c-3", "Still New View Ltd", 2, true, false, "view-2"));
    CHECK(posts.customers_when_sent.back() == 2);  // the same view again: read ahead
    posts.answer(200, page_with_customer("c-4", "Last Ltd", 3, false, false, "view-2"));
    CHECK(session.status().first_sync_done);
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 4);
}

TEST_CASE("a page read ahead and answered at once waits until the page before it is applied") {
    Db db = fresh_crm_db();
    HeldPosts posts;
    posts.watch = &db;
    SyncSession session(db, attached(db), posts.post());
    session.update(0);
    posts.at_once.push_back(page_with_customer("c-2", "Answered At Once Ltd", 3, false));
    posts.answer(200, page_with_customer("c-1", "Answered Later Ltd", 1, true));
    CHECK(posts.customers_when_sent == std::vector<int64_t>{0, 0});
    CHECK(posts.held.empty());
    CHECK(session.status().first_sync_done);
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 2);
    CHECK(scalar(db, "SELECT value FROM sync_state WHERE key = 'cursor'") == 3);  // the second answer's, applied last
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
