// The client's half of sync: an outbox that every local edit writes in its own transaction,
// the request that pushes it, and the merge of the server's answer into the local database.
//
// [SECTION] Outbox
// [SECTION] Requests and responses
//
// Local edits reach the outbox through TEMP triggers on the synced tables (generated from
// sync/tables): whatever writes a customer or contact — a form, a merge, an import — is in
// the outbox when its transaction commits, and not otherwise. The triggers stay quiet while a
// server answer is applied, so pulled changes never echo back.
//
// A mutation's mid is its outbox row's number (AUTOINCREMENT: never reused) minus the number
// the outbox stood at when this client id was made, so mids count up by one from 1 with no
// gap. A row leaves the outbox only once the server's last_mid covers it: a lost response or
// a server restart means sending the same rows again, which the server skips.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/db.hpp"
#include "sync/protocol.hpp"

namespace crm::sync {

//-----------------------------------------------------------------------------
// [SECTION] Outbox
//-----------------------------------------------------------------------------

// What one applied answer did, for the status line and the conflicts screen.
struct Applied {
    int64_t acknowledged = 0;  // outbox rows the server has now seen
    int64_t rejected = 0;
    int64_t conflicts = 0;
    int64_t changes = 0;
    int64_t removals = 0;
    bool more = false;  // the server has more changes: ask again at once
    int64_t head = 0;   // the server's latest change number (first-sync progress)
};

// A mutation the server refused, kept for the person to see why.
struct Rejection {
    int64_t mid = 0;
    std::string table, record_id, code, message, field, at;
    std::string fields;  // JSON of what the refused change wrote: a refused new record is gone
                         // from this tab, and this is what the person typed
};

class SyncClient {
public:
    // Installs the outbox (migration chain "sync_client") and the triggers on `db`, and
    // makes this client's id on first use. A database whose outbox belongs to another user
    // (an image someone else exported) is refused with code "another_user".
    static Result<SyncClient> attach(Db& db, std::string_view user_id);

    SyncClient(SyncClient&&) noexcept = default;

    const std::string& client_id() const { return client_id_; }
    int64_t cursor();
    // The view token of the last answer applied ("" before the first): sent back with the cursor.
    std::string scope();
    int64_t pending();  // outbox rows not yet acknowledged
    std::vector<Rejection> rejections();
    int64_t rejection_count();
    Status dismiss_rejections();

    //-------------------------------------------------------------------------
    // [SECTION] Requests and responses
    //-------------------------------------------------------------------------

    // The next request: the oldest outbox rows (at most `max_mutations`, and about 512 KB)
    // and the cursor. Sending it twice is harmless.
    SyncRequest next_request(int64_t limit = kDefaultLimit, size_t max_mutations = 500);
    std::string next_request_body(int64_t limit = kDefaultLimit, size_t max_mutations = 500);

    // Applies an answer in one transaction: acknowledged rows leave the outbox, rejections
    // are kept, changes are merged (a field with an edit still in the outbox keeps the local
    // value: that edit is on its way and the server decides), removals are deleted, and the
    // cursor moves. A malformed answer applies nothing (code bad_response).
    Result<Applied> apply_response(std::string_view body);
    // The same in two steps, so that the next page can be asked for in between: the answer
    // read and checked (parse_response), then applied.
    Result<Applied> apply(const SyncResponse& response);
    // The request for the page after `answer`, before that answer is applied: its cursor and
    // scope, and no mutations (for a client that is only pulling). Only for an answer in the
    // view already applied: sending a new view's token back tells the server it is in.
    std::string request_after_body(const SyncResponse& answer, int64_t limit) const;

private:
    SyncClient(Db& db, std::string client_id, int64_t mid_base)
        : db_(&db), client_id_(std::move(client_id)), mid_base_(mid_base) {}

    Db* db_;
    std::string client_id_;
    int64_t mid_base_ = 0;
};

}  // namespace crm::sync
