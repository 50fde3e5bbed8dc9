// The server's half of sync (POST /api/v1/sync, docs/sync-protocol.md): applies a client's
// mutations once each, merging per field, and answers with the changes the user may see.
//
// [SECTION] Bookkeeping schema
// [SECTION] Handling one request
//
// Everything a request does happens in one transaction on the server's one connection
// (Storage): the mutations, each in its own savepoint, the client's last_mid, and the change
// numbers. Change numbers come from one counter in that transaction, so they are handed out
// in commit order and a cursor can never pass a change that commits later.
//
// Bookkeeping beside the shared tables:
//   sync_counter  the last change number given out (a record's rev is the number of its
//                 last accepted write);
//   sync_clients  per client: its user, the last mid applied, and the user's visibility when
//                 it last pulled (to notice a change of rights);
//   sync_results  the outcome of each mutation that was not simply applied, for a retry of a
//                 request whose response was lost;
//   field_revs    per record field: the change number, client and user of its last write (the
//                 merge decides conflicts with it);
//   scope_exits   per change that took a record away from an owner (reassignment): the old
//                 owner, so users who could see it learn to remove it.
#pragma once

#include <span>
#include <string_view>

#include "core/migrations.hpp"
#include "auth.hpp"
#include "sync/protocol.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Bookkeeping schema
//-----------------------------------------------------------------------------

std::span<const Migration> sync_server_migrations();
// Applies the "sync" chain and gives every row written outside sync (the demo data, rows
// from before this chain) a change number, so that a first pull finds them.
Status prepare_sync_storage(Db& db);

//-----------------------------------------------------------------------------
// [SECTION] Handling one request
//-----------------------------------------------------------------------------

struct SyncOutcome {
    int status = 200;  // 200, or a 4xx for the whole request (nothing applied)
    std::string body;  // JSON
};

// Applies `request` for `user` and answers it. Must run while holding the connection
// (Storage::with_db). A failure of the database itself rolls everything back: the client
// retries the same mutations later, and they apply once.
SyncOutcome handle_sync(Db& db, const Principal& user, const sync::SyncRequest& request);

// The largest change number given out so far.
int64_t sync_head(Db& db);

}  // namespace crm
