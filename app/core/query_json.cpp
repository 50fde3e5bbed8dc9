#include "core/query_json.hpp"

#include <sqlite3.h>

namespace crm {

Result<nlohmann::json> query_readonly(Db& db, std::string_view sql, size_t max_rows) {
    // Trailing whitespace and one ';' are fine; anything after the first statement is not.
    const char* tail = nullptr;
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, &tail);
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
