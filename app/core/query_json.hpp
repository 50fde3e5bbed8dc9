// Runs a read-only SQL statement written outside our code (the browser tests' window.crm.query,
// later the power users' SQL console) and returns its rows as JSON objects.
//
// Read-only is decided by SQLite itself (sqlite3_stmt_readonly), not by looking at the
// text, so "WITH x AS (DELETE ...)" or a second statement after ';' cannot sneak a write in;
// statements that SQLite calls read-only but that change the connection (BEGIN, ATTACH,
// "PRAGMA foreign_keys = OFF") or write when run ("PRAGMA optimize") are denied while
// preparing, all but a list of reading pragmas; and the statement is stepped with
// PRAGMA query_only on, so a write nothing above foresaw still fails (query_json.cpp).
// Comments may follow the statement; a second statement may not.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/db.hpp"

namespace crm {

// {"rows": [{column: value, ...}, ...]} or an Error with code "readonly" / "sql".
Result<nlohmann::json> query_readonly(Db& db, std::string_view sql, size_t max_rows = 100000);

}  // namespace crm
