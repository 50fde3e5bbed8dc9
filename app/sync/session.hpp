// When to sync, and what to tell the person about it: the schedule around SyncClient that
// the app runs while someone is logged in.
//
// Rounds run one at a time: soon after a local edit (debounced, so typing a form does not
// fire a request per field), again at once while the server has more or the outbox is not
// empty, every `period` seconds otherwise, and after a failure with a growing pause
// (1, 2, 4 ... 60 s). Nothing here blocks: `post` sends a request and calls back with the
// answer later (the browser's fetch), or at once (a test's direct call).
//
// While only pulling (the outbox empty), in the same view, and the server has more, the next page is asked for
// as soon as an answer has been read, before it is applied, so that the server reads the
// next page meanwhile; still one request at a time. If the answer then fails to apply, the
// page asked for after it is dropped unread and the round after the backoff starts again from
// the cursor kept. An answer given at once by `post` is never read ahead of.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sync/client.hpp"

namespace crm::sync {

struct SyncStatus {
    enum class Kind { synced, pending, syncing, offline, error };
    Kind kind = Kind::pending;
    int64_t pending = 0;        // local changes not yet acknowledged
    std::string error_code;     // Kind::error: the server's or the client's code
    std::string error_message;  // English, for the log line; the UI words it from the code
    double progress = -1;       // during the first sync: 0..1; -1 otherwise
    int64_t rejected = 0;       // refused changes the person has not dismissed
    int64_t open_conflicts = 0; // conflicts that concern this user, not yet resolved
    bool first_sync_done = false;
};

class SyncSession {
public:
    // `done(status, body)`: status 0 when there was no answer at all.
    using Post = std::function<void(std::string body, std::function<void(int status, std::string body)> done)>;

    struct Options {
        double debounce = 0.5;  // seconds from a local edit to its round
        double period = 20;     // seconds between rounds while nothing happens
        double max_backoff = 60;
        int64_t page = 5000;    // changes per answer (the most the server gives)
    };

    SyncSession(Db& db, SyncClient client, Post post, Options options);
    SyncSession(Db& db, SyncClient client, Post post) : SyncSession(db, std::move(client), std::move(post), Options{}) {}
    ~SyncSession();
    SyncSession(const SyncSession&) = delete;
    SyncSession& operator=(const SyncSession&) = delete;

    // Starts a round when one is due. Call every frame and whenever a timer fires, with a
    // monotonic time in seconds.
    void update(double now);
    // Something was written locally: sync soon.
    void edited(double now);
    // Sync now (the status bar's button), unless a round is running.
    void sync_now(double now);
    // Seconds until update() has work (for a frame loop that sleeps while idle); -1 while a
    // round is in flight (its answer wakes the loop).
    double seconds_until_due(double now) const;

    SyncStatus status();
    // Counts answers that changed local data, so lists know to reload.
    int64_t data_version() const { return data_version_; }
    // The server said the login is no longer valid (401): the app must ask for it again,
    // then resume() with the new token in place.
    bool needs_login() const { return needs_login_; }
    void resume() {
        needs_login_ = false;
        backoff_ = 0;
        due_ = now_;
    }
    SyncClient& client() { return client_; }

private:
    void start_round(double now);
    void send(double now, std::string body);
    // may_read_ahead: the answer came later than its request was sent (a browser's fetch), so
    // the next page may be asked for before this one is applied.
    void on_answer(int status, const std::string& body, bool may_read_ahead);

    Db& db_;
    SyncClient client_;
    Post post_;
    Options options_;
    // Callbacks hold a weak reference: an answer arriving after logout finds nobody home.
    std::shared_ptr<SyncSession*> self_;

    bool in_flight_ = false;
    bool applying_ = false;           // an answer is being applied, with the next page asked for
    bool drop_next_answer_ = false;   // the page asked for ahead of one that failed to apply
    std::optional<std::pair<int, std::string>> early_answer_;  // answered while applying_
    int posting_ = 0;  // inside post_: an answer given at once must not start a round from within it
    double due_ = 0;  // when the next round should start
    double now_ = 0;
    double backoff_ = 0;
    bool first_sync_done_ = false;
    bool needs_login_ = false;
    int64_t first_cursor_ = 0;
    double progress_ = -1;
    SyncStatus::Kind last_kind_ = SyncStatus::Kind::pending;
    std::string error_code_, error_message_;
    int64_t data_version_ = 0;
};

}  // namespace crm::sync
