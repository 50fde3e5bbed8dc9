#include "sync/session.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace crm::sync {

SyncSession::SyncSession(Db& db, SyncClient client, Post post, Options options)
    : db_(db),
      client_(std::move(client)),
      post_(std::move(post)),
      options_(options),
      self_(std::make_shared<SyncSession*>(this)) {
    first_cursor_ = client_.cursor();
    first_sync_done_ = first_cursor_ > 0;
}

SyncSession::~SyncSession() { *self_ = nullptr; }

void SyncSession::update(double now) {
    now_ = now;
    if (!in_flight_ && !needs_login_ && now >= due_) start_round(now);
}

void SyncSession::edited(double now) {
    now_ = now;
    // Soon, but never later than a round already due sooner; while the server is unreachable
    // the backoff stands (the edit waits in the outbox).
    if (backoff_ == 0) due_ = std::min(due_, now + options_.debounce);
}

void SyncSession::sync_now(double now) {
    now_ = now;
    backoff_ = 0;
    due_ = now;
    update(now);
}

double SyncSession::seconds_until_due(double now) const {
    if (in_flight_ || needs_login_) return -1;
    return std::max(0.0, due_ - now);
}

void SyncSession::start_round(double now) { send(now, client_.next_request_body(options_.page)); }

void SyncSession::send(double now, std::string body) {
    in_flight_ = true;
    last_kind_ = SyncStatus::Kind::syncing;
    std::weak_ptr<SyncSession*> weak = self_;
    due_ = now + options_.period;
    ++posting_;
    post_(std::move(body), [weak](int status, std::string answer) {
        std::shared_ptr<SyncSession*> self = weak.lock();
        if (!self || !*self) return;
        SyncSession& session = **self;
        if (session.applying_) {
            // The page read ahead, answered at once by the transport while the page before it
            // is still being applied: it waits its turn.
            session.early_answer_.emplace(status, std::move(answer));
            return;
        }
        const bool arrived_later = session.posting_ == 0;
        session.on_answer(status, answer, arrived_later);
        while (session.early_answer_) {
            auto [early_status, early_body] = std::move(*session.early_answer_);
            session.early_answer_.reset();
            session.on_answer(early_status, early_body, false);
        }
        // An answer that arrived later (the browser's fetch) goes straight on to the next page
        // instead of waiting for a frame to be drawn: a first sync is 100s of rounds. One that
        // arrived inside post_ (a direct call) leaves it to update(), so rounds never nest.
        if (arrived_later && !session.in_flight_ && !session.needs_login_ && session.due_ <= session.now_) {
            session.start_round(session.now_);
        }
    });
    --posting_;
}

void SyncSession::on_answer(int status, const std::string& body, bool may_read_ahead) {
    in_flight_ = false;
    if (std::exchange(drop_next_answer_, false)) return;  // read ahead of a page that failed
    auto fail = [&](SyncStatus::Kind kind, std::string code, std::string message) {
        last_kind_ = kind;
        error_code_ = std::move(code);
        error_message_ = std::move(message);
        backoff_ = backoff_ == 0 ? 1 : std::min(backoff_ * 2, options_.max_backoff);
        due_ = now_ + backoff_;
    };
    if (status == 0) return fail(SyncStatus::Kind::offline, "offline", "no connection to the server");
    if (status != 200) {
        // The server's {"error": {"code", "message"}} when it sent one.
        const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
        std::string code = "http_" + std::to_string(status), message = "the server answered " + std::to_string(status);
        // Looked at before read: the wasm build cannot catch a type error.
        if (answer.is_object() && answer.contains("error") && answer["error"].is_object()) {
            const nlohmann::json& error = answer["error"];
            if (error.contains("code") && error["code"].is_string()) code = error["code"].get<std::string>();
            if (error.contains("message") && error["message"].is_string()) message = error["message"].get<std::string>();
        }
        if (status == 401) needs_login_ = true;
        return fail(status >= 500 ? SyncStatus::Kind::offline : SyncStatus::Kind::error, code, message);
    }
    Result<SyncResponse> response = parse_response(body);
    if (!response) return fail(SyncStatus::Kind::error, response.error().code, response.error().message);
    // Only pulling (nothing of ours on its way), with more to come: ask for the next page now,
    // so that the server reads it while this one is applied: a first sync's 106 pages each
    // waited for the server's answer after the client's apply (tests/bench/RESULTS.md). Not
    // when the answer brings a new view (the person's rights changed): its token, sent back,
    // tells the server the view is in, which it is not until this answer is applied.
    bool read_ahead = false;
    if (may_read_ahead && response.value().more && client_.pending() == 0 && response.value().scope == client_.scope()) {
        applying_ = true;
        send(now_, client_.request_after_body(response.value(), options_.page));
        read_ahead = true;
    }
    Result<Applied> applied = client_.apply(response.value());
    applying_ = false;
    if (!applied) {
        // What was asked for follows a page that is not in: its answer goes unread, and the
        // round after the backoff asks again from the cursor kept.
        if (read_ahead) drop_next_answer_ = true;
        return fail(SyncStatus::Kind::error, applied.error().code, applied.error().message);
    }

    backoff_ = 0;
    error_code_.clear();
    error_message_.clear();
    const Applied& a = applied.value();
    if (a.changes || a.removals || a.acknowledged) ++data_version_;
    const bool caught_up = !a.more;
    if (!first_sync_done_) {
        const int64_t head = a.head, cursor = client_.cursor();
        progress_ = head > first_cursor_ ? static_cast<double>(cursor - first_cursor_) / static_cast<double>(head - first_cursor_) : 1.0;
        if (caught_up) {
            first_sync_done_ = true;
            progress_ = -1;
        }
    }
    // More to pull or to push: go again at once (unless already asked); else wait for an
    // edit or the period.
    if (!read_ahead && (a.more || client_.pending() > 0)) due_ = now_;
    last_kind_ = client_.pending() > 0 ? SyncStatus::Kind::pending : SyncStatus::Kind::synced;
}

SyncStatus SyncSession::status() {
    SyncStatus s;
    s.pending = client_.pending();
    s.kind = in_flight_ ? SyncStatus::Kind::syncing : last_kind_;
    if (!in_flight_ && s.kind == SyncStatus::Kind::synced && s.pending > 0) s.kind = SyncStatus::Kind::pending;
    s.error_code = error_code_;
    s.error_message = error_message_;
    s.progress = first_sync_done_ ? -1 : std::max(0.0, progress_);
    s.first_sync_done = first_sync_done_;
    s.rejected = client_.rejection_count();
    Stmt conflicts = db_.prepare("SELECT count(*) FROM conflicts WHERE resolved = 0 AND deleted = 0");
    s.open_conflicts = conflicts.step().value_or(false) ? conflicts.int64(0) : 0;
    return s;
}

}  // namespace crm::sync
