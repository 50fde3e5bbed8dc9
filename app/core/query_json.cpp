#include "core/query_json.hpp"

#include <sqlite3.h>

#include <span>

namespace crm {

namespace {

// Pragmas that only read, so the console may run them. Every other pragma is denied,
// because sqlite3_stmt_readonly() cannot be trusted for pragmas: "PRAGMA optimize" is
// called read-only yet runs ANALYZE and writes sqlite_stat1 when stepped, and a pragma
// with a value ("PRAGMA foreign_keys = OFF") takes effect while it is being prepared.
// These read with an argument (a table or index name) or without one:
constexpr std::string_view kPragmasReadingAnyArgument[] = {
    "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"};
// These read only without an argument; with one they change a setting:
constexpr std::string_view kPragmasReadingWithoutArgument[] = {
    "user_version", "schema_version", "application_id", "page_count", "page_size", "freelist_count", "encoding",
    "database_list", "collation_list", "function_list", "pragma_list", "compile_options", "foreign_keys",
    "data_version"};

bool names_one_of(const char* name, std::span<const std::string_view> names) {
    if (!name) return false;
    for (std::string_view listed : names) {
        // Pragma names are case-insensitive ("PRAGMA USER_VERSION"); arg1 is as typed.
        if (sqlite3_strnicmp(name, listed.data(), static_cast<int>(listed.size())) == 0 && name[listed.size()] == 0)
            return true;
    }
    return false;
}

bool pragma_only_reads(const char* name, const char* argument) {
    return names_one_of(name, kPragmasReadingAnyArgument) ||
           (!argument && names_one_of(name, kPragmasReadingWithoutArgument));
}

// sqlite3_stmt_readonly() calls some statements read-only because they write nothing to the
// file, yet they change the app's connection: BEGIN or SAVEPOINT leave a transaction open
// (the app's next Tx then fails), ATTACH opens or creates files, REINDEX rewrites indexes.
// So they are denied during preparation, with every pragma not known to only read.
// The pragma table functions (SELECT * FROM pragma_table_info('t')) reach this as
// SQLITE_PRAGMA with their name in arg1 in newer SQLite versions, and not at all in
// 3.40; either way a reading one passes, and a writing one (pragma_optimize) is caught
// by query_only while stepping (QueryOnly below).
int deny_connection_changes(void*, int action, const char* arg1, const char* arg2, const char*, const char*) {
    switch (action) {
        case SQLITE_TRANSACTION:
        case SQLITE_SAVEPOINT:
        case SQLITE_ATTACH:
        case SQLITE_DETACH:
        case SQLITE_REINDEX: return SQLITE_DENY;
        case SQLITE_PRAGMA: return pragma_only_reads(arg1, arg2) ? SQLITE_OK : SQLITE_DENY;
        default: return SQLITE_OK;
    }
}

// The second layer: whatever a statement does while it is stepped (a pragma table function,
// an application-defined SQL function that writes), SQLite itself refuses any write with
// SQLITE_READONLY while query_only is on. The previous value is put back afterwards, so the
// app's own writes work again.
class QueryOnly {
public:
    explicit QueryOnly(Db& db) : db_(db), previous_(current(db)) { set(true); }
    ~QueryOnly() { set(previous_); }
    QueryOnly(const QueryOnly&) = delete;
    QueryOnly& operator=(const QueryOnly&) = delete;

private:
    static bool current(Db& db) {
        Stmt stmt = db.prepare("PRAGMA query_only");
        Result<bool> row = stmt.step();
        CRM_CHECK(row.ok() && row.value(), "PRAGMA query_only gave no row");
        return stmt.boolean(0);
    }
    void set(bool on) {
        Status status = db_.exec(on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
        CRM_CHECK(status.ok(), status.ok() ? std::string() : status.error().message);
    }

    Db& db_;
    bool previous_;
};

// After the first statement only white space, ';' and comments may follow. An unclosed
// "/*" runs to the end of the text, as SQLite reads it.
bool only_comments_follow(std::string_view rest) {
    size_t i = 0;
    while (i < rest.size()) {
        char c = rest[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == ';') {
            ++i;
        } else if (rest.substr(i, 2) == "--") {
            size_t end = rest.find('\n', i);
            i = end == std::string_view::npos ? rest.size() : end + 1;
        } else if (rest.substr(i, 2) == "/*") {
            size_t end = rest.find("*/", i + 2);
            i = end == std::string_view::npos ? rest.size() : end + 2;
        } else {
            return false;
        }
    }
    return true;
}

Error refused_as_writing() { return Error{"readonly", "only read-only statements are allowed", {}}; }

}  // namespace

Result<nlohmann::json> query_readonly(Db& db, std::string_view sql, size_t max_rows) {
    const char* tail = nullptr;
    sqlite3_stmt* raw = nullptr;
    sqlite3_set_authorizer(db.handle(), deny_connection_changes, nullptr);
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    sqlite3_set_authorizer(db.handle(), nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_AUTH) return refused_as_writing();
    if (rc != SQLITE_OK || !raw) {
        sqlite3_finalize(raw);
        return Error{"sql", rc != SQLITE_OK ? db.last_error() : "empty statement", {}};
    }
    Stmt stmt(db.handle(), raw);
    if (!only_comments_follow(std::string_view(tail, static_cast<size_t>(sql.data() + sql.size() - tail)))) {
        return Error{"sql", "only one statement at a time", {}};
    }
    if (!stmt.readonly()) return refused_as_writing();

    QueryOnly query_only(db);
    nlohmann::json rows = nlohmann::json::array();
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row) {
            if ((sqlite3_extended_errcode(db.handle()) & 0xff) == SQLITE_READONLY) return refused_as_writing();
            return Error{"sql", row.error().message, {}};
        }
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
