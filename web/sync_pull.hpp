// What a sync answer carries back (web/sync_service): the changes a user may see after their
// cursor, in change order and in pages of a bounded size, and the records that left their
// sight, by a change of their rights or through scope exits (a customer given away, a share
// ended). Internal to the server.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "sync/protocol.hpp"
#include "sync/tables.hpp"
#include "sync_scope.hpp"

namespace crm {

// A change as the answer will carry it, already written as JSON (sync::append_change_json).
struct PulledRow {
    int64_t seq = 0;
    std::string table, id, json;
};

struct Page {
    std::vector<PulledRow> rows;
    std::vector<sync::Removal> removals;
    int64_t cursor = 0;
    bool more = false;
};

// The row selected by sync::select_columns() as the answer carries it.
PulledRow pulled_row(const sync::TableSpec& table, const Stmt& stmt);

// The answer as JSON text: the small parts through nlohmann, the changes as written by
// append_change_json, in change order (sorts `rows`).
std::string answer_body(const sync::SyncResponse& response, std::vector<PulledRow>& rows);

// The records visible under `before` but not under `now`, among those the client has
// (rev <= cursor): what a change of rights takes away.
Status lost_by_rights(Db& db, const ViewScope& before, const ViewScope& now, int64_t cursor,
                      std::vector<sync::Removal>& out);

// The records that left sight through scope exits in (from, to]: those a client pulled under
// `held` may hold, and that `now` does not show.
Status removed_by_exits(Db& db, const ViewScope& held, const ViewScope& now, int64_t from, int64_t to,
                        std::vector<sync::Removal>& out);

// The next page after `cursor` for `scope`: at most `limit` changes and about 8 MB, with the
// removals of records that left the user's sight in between.
Result<Page> pull(Db& db, const ViewScope& scope, int64_t cursor, int64_t limit);

}  // namespace crm
