#include "core/query_json.hpp"

#include <sqlite3.h>

namespace crm {

namespace {

// sqlite3_stmt_readonly() calls some statements read-only because they write nothing to the
// file, yet they change the app's connection: BEGIN or SAVEPOINT leave a transaction open
// (the app's next Tx then fails), ATTACH opens or creates files, REINDEX rewrites indexes,
// and a pragma with a value ("PRAGMA foreign_keys = OFF") takes effect while it is being
// prepared, before any check after preparing could refuse it. So they are denied during
// preparation. A pragma with an argument that only reads (table_info(t)) goes too;
// SELECT * FROM pragma_table_info('t') reads the same.
int deny_connection_changes(void*, int action, const char* /*arg1*/, const char* arg2, const char*, const char*) {
    switch (action) {
        case SQLITE_TRANSACTION:
        case SQLITE_SAVEPOINT:
        case SQLITE_ATTACH:
        case SQLITE_DETACH:
        case SQLITE_REINDEX: return SQLITE_DENY;
        case SQLITE_PRAGMA: return arg2 ? SQLITE_DENY : SQLITE_OK;
        default: return SQLITE_OK;
    }
}

}  // namespace

Result<nlohmann::json> query_readonly(Db& db, std::string_view sql, size_t max_rows) {
    // Trailing whitespace and one ';' are fine; anything after the first statement is not.
    const char* tail = nullptr;
    sqlite3_stmt* raw = nullptr;
    sqlite3_set_authorizer(db.handle(), deny_connection_changes, nullptr);
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    sqlite3_set_authorizer(db.handle(), nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_AUTH) return Error{"readonly", "only read-only statements are allowed", {}};
    if (rc != SQLITE_OK || !raw) {
        sqlite3_finalize(raw);
        return Error{"sql", rc != SQLITE_OK ? db.last_error() : "empty statement", {}};
    }
    Stmt stmt(db.handle(), raw);
    std::string_view rest(tail, static_cast<size_t>(sql.data() + sql.size() - tail));
    for (char c : rest) {
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != ';') {
            return Error{"sql", "only one statement at a time", {}};
        }
    }
    if (!stmt.readonly()) return Error{"readonly", "only read-only statements are allowed", {}};

    nlohmann::json rows = nlohmann::json::array();
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row) return Error{"sql", row.error().message, {}};
        if (!row.value() || rows.size() >= max_rows) break;
        nlohmann::json object = nlohmann::json::object();
        for (int c = 0; c < stmt.columns(); ++c) {
            std::string name(stmt.column_name(c));
            switch (stmt.column_type(c)) {
                case SQLITE_INTEGER: object[name] = stmt.int64(c); break;
                case SQLITE_FLOAT: object[name] = stmt.real(c); break;
                case SQLITE_NULL: object[name] = nullptr; break;
                // Text that is not valid UTF-8 is kept as is; callers dump with
                // error_handler_t::replace so one bad byte cannot break the answer.
                default: object[name] = stmt.text(c);
            }
        }
        rows.push_back(std::move(object));
    }
    return nlohmann::json{{"rows", std::move(rows)}};
}

}  // namespace crm
