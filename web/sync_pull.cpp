#include "sync_pull.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "sync_service.hpp"

namespace crm {

using nlohmann::json;
using sync::MutationResult;
using sync::Removal;
using sync::TableSpec;

namespace {

// A page's changes stop once they pass this many bytes (files travel in their records): a
// client's memory and the server's hold a few pages of files, not 5,000 of them.
constexpr size_t kMaxPageBytes = 8 * 1024 * 1024;

}  // namespace

PulledRow pulled_row(const TableSpec& table, const Stmt& stmt) {
    PulledRow row;
    row.seq = stmt.int64(1 + static_cast<int>(table.fields.size()));
    row.table = std::string(table.name);
    row.id = stmt.text(0);
    sync::append_change_json(row.json, table, stmt);
    return row;
}

std::string answer_body(const sync::SyncResponse& response, std::vector<PulledRow>& rows) {
    std::sort(rows.begin(), rows.end(), [](const PulledRow& a, const PulledRow& b) { return a.seq < b.seq; });
    json results = json::array();
    for (const MutationResult& r : response.results) {
        json result = {{"mid", r.mid}, {"status", r.status}};
        if (!r.code.empty()) result["code"] = r.code;
        if (!r.message.empty()) result["message"] = r.message;
        if (!r.field.empty()) result["field"] = r.field;
        results.push_back(std::move(result));
    }
    json removals = json::array();
    for (const Removal& r : response.removals) removals.push_back({{"table", r.table}, {"id", r.id}});
    size_t size = 256;
    for (const PulledRow& row : rows) size += row.json.size() + 1;
    std::string body;
    body.reserve(size);
    body.append("{\"results\":").append(results.dump(-1, ' ', false, json::error_handler_t::replace));
    body.append(",\"last_mid\":").append(std::to_string(response.last_mid));
    body.append(",\"changes\":[");
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i) body.push_back(',');
        body.append(rows[i].json);
    }
    body.append("],\"removals\":").append(removals.dump());
    body.append(",\"cursor\":").append(std::to_string(response.cursor));
    body.append(",\"more\":").append(response.more ? "true" : "false");
    body.append(",\"head\":").append(std::to_string(response.head));
    body.append(",\"scope\":\"").append(response.scope).append("\"}");  // hex digits: nothing to escape
    return body;
}

Status lost_by_rights(Db& db, const ViewScope& before, const ViewScope& now, int64_t cursor, std::vector<Removal>& out) {
    for (const TableSpec& table : sync::tables()) {
        Condition was = before.visible(table, "t"), is = now.visible(table, "t");
        Stmt stmt = db.prepare("SELECT t.id FROM " + std::string(table.name) + " t WHERE t.rev <= ? AND " + was.sql +
                               " AND NOT " + is.sql);
        stmt.bind(1, cursor);
        bind_params(stmt, is.params, bind_params(stmt, was.params, 2));
        for (;;) {
            Result<bool> row = stmt.step();
            if (!row) return row.error();
            if (!row.value()) break;
            out.push_back({std::string(table.name), stmt.text(0)});
        }
    }
    return {};
}

Status removed_by_exits(Db& db, const ViewScope& held, const ViewScope& now, int64_t from, int64_t to,
                        std::vector<Removal>& out) {
    Stmt exits = db.prepare(
        "SELECT DISTINCT table_name, record_id, old_owner FROM scope_exits WHERE seq > ?1 AND seq <= ?2");
    exits.bind_all(from, to);
    std::set<std::pair<std::string, std::string>> removed;
    for (;;) {
        Result<bool> row = exits.step();
        if (!row) return row.error();
        if (!row.value()) break;
        const TableSpec* table = sync::find_table(exits.text(0));
        if (!table) continue;
        const std::string id = exits.text(1), old_owner = exits.text(2);
        if (!held.may_have_lost(*table, old_owner)) continue;
        if (removed.count({exits.text(0), id}) || is_visible(db, now, *table, id)) continue;
        removed.insert({exits.text(0), id});
        out.push_back({exits.text(0), id});
    }
    return {};
}

Result<Page> pull(Db& db, const ViewScope& scope, int64_t cursor, int64_t limit) {
    Page page;
    // Each table's next rows in change order, merged: a page is the `limit` lowest change
    // numbers the user may see, whatever their tables. A table whose rows pass the byte
    // budget stops there, and the page with it: what it did not read may come next.
    int64_t cut = INT64_MAX;
    for (const TableSpec& table : sync::tables()) {
        size_t bytes = 0;
        Condition visible = scope.visible(table, "t");
        Stmt stmt = db.prepare(sync::select_columns(table, "t") + " WHERE t.rev > ? AND " + visible.sql +
                               " ORDER BY t.rev LIMIT ?");
        stmt.bind(1, cursor);
        const int next = bind_params(stmt, visible.params, 2);
        stmt.bind(next, limit + 1);
        for (;;) {
            Result<bool> row = stmt.step();
            if (!row) return row.error();
            if (!row.value()) break;
            page.rows.push_back(pulled_row(table, stmt));
            bytes += page.rows.back().json.size();
            if (bytes > kMaxPageBytes) {
                cut = std::min(cut, page.rows.back().seq);
                break;
            }
        }
    }
    std::sort(page.rows.begin(), page.rows.end(), [](const PulledRow& a, const PulledRow& b) { return a.seq < b.seq; });
    if (cut != INT64_MAX) {
        page.rows.erase(std::find_if(page.rows.begin(), page.rows.end(), [cut](const PulledRow& r) { return r.seq > cut; }),
                        page.rows.end());
        page.more = true;
    }
    if (page.rows.size() > static_cast<size_t>(limit)) {
        page.rows.resize(static_cast<size_t>(limit));
        page.more = true;
    }
    // And the page as a whole: at least one change, however large, so a pull always moves on.
    size_t total = 0;
    for (size_t i = 0; i < page.rows.size(); ++i) {
        total += page.rows[i].json.size();
        if (total > kMaxPageBytes && i > 0) {
            page.rows.resize(i);
            page.more = true;
            break;
        }
    }
    // Caught up: the cursor moves to the head, past changes this user may not see, so they
    // are not looked at again.
    page.cursor = page.more ? page.rows.back().seq : std::max(cursor, sync_head(db));

    // Records that left this user's sight between the two cursors (reassigned away). A client
    // pulling from 0 holds nothing to remove.
    if (cursor == 0) return page;
    if (Status s = removed_by_exits(db, scope, scope, cursor, page.cursor, page.removals); !s) return s.error();
    return page;
}

}  // namespace crm
