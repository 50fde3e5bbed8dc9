// Tests for core/query_json: the read-only SQL console (window.crm.query in browser tests).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>

#include "core/query_json.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

Db sample_db() {
    Db db = crm::test::fresh_db();
    REQUIRE_OK(db.exec(R"sql(
        CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT);
        INSERT INTO t VALUES (1, 1.5, 'one', NULL), (2, -0.25, '二', NULL), (3, 3.0, 'three', 'x');
    )sql"));
    return db;
}

// PRAGMA optimize analyzes only tables with enough rows whose indexes this connection's
// queries used, writing sqlite_stat1.
Db db_that_optimize_would_analyze() {
    Db db = sample_db();
    REQUIRE_OK(db.exec(R"sql(
        CREATE INDEX t_i ON t (i);
        WITH RECURSIVE n (i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO t (i) SELECT i FROM n;
    )sql"));
    CHECK(scalar(db, "SELECT count(*) FROM t WHERE i = 500") == 1);
    return db;
}

bool has_statistics(Db& db) {
    return scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") != 0;
}

std::string refusal(Db& db, std::string_view sql) {
    Result<nlohmann::json> result = query_readonly(db, sql);
    return result.ok() ? "accepted: " + result.value().dump() : result.error().code;
}

}  // namespace

TEST_CASE("a SELECT returns its rows as JSON objects keyed by column, with typed values") {
    Db db = sample_db();
    Result<nlohmann::json> result = query_readonly(db, "SELECT i, r, s, n, i * 2 AS doubled FROM t ORDER BY i");
    REQUIRE_OK(result);
    const nlohmann::json& rows = result.value().at("rows");
    REQUIRE(rows.is_array());
    REQUIRE(rows.size() == 3);

    const nlohmann::json& first = rows[0];
    CHECK(first.at("i").is_number_integer());
    CHECK(first.at("i").get<int64_t>() == 1);
    CHECK(first.at("r").is_number_float());
    CHECK(first.at("r").get<double>() == 1.5);
    CHECK(first.at("s").is_string());
    CHECK(first.at("s").get<std::string>() == "one");
    CHECK(first.at("n").is_null());
    CHECK(first.at("doubled").get<int64_t>() == 2);
    CHECK(rows[1].at("s").get<std::string>() == "二");
    CHECK(rows[1].at("r").get<double>() == -0.25);
    CHECK(rows[2].at("n").get<std::string>() == "x");
}

TEST_CASE("64-bit integers keep their exact value in the JSON") {
    Db db = sample_db();
    Result<nlohmann::json> result = query_readonly(db, "SELECT 9223372036854775807 AS big, -9007199254740993 AS odd");
    REQUIRE_OK(result);
    CHECK(result.value()["rows"][0]["big"].get<int64_t>() == 9'223'372'036'854'775'807);
    CHECK(result.value()["rows"][0]["odd"].get<int64_t>() == -9'007'199'254'740'993);
}

TEST_CASE("a query with no rows gives an empty rows array") {
    Db db = sample_db();
    Result<nlohmann::json> result = query_readonly(db, "SELECT * FROM t WHERE i > 100");
    REQUIRE_OK(result);
    CHECK(result.value() == nlohmann::json{{"rows", nlohmann::json::array()}});
}

TEST_CASE("max_rows caps the number of rows returned") {
    Db db = sample_db();
    Result<nlohmann::json> result = query_readonly(db, "SELECT i FROM t ORDER BY i", 2);
    REQUIRE_OK(result);
    REQUIRE(result.value()["rows"].size() == 2);
    CHECK(result.value()["rows"][1]["i"] == 2);
}

TEST_CASE("one trailing semicolon and white space after the statement are fine") {
    Db db = sample_db();
    REQUIRE_OK(query_readonly(db, "SELECT 1;"));
    REQUIRE_OK(query_readonly(db, "SELECT 1 ;  \n\t"));
    REQUIRE_OK(query_readonly(db, "  SELECT 1"));
}

TEST_CASE("comments after the statement are fine, a statement after a comment is not") {
    Db db = sample_db();
    for (const char* sql : {"SELECT 1; -- why", "SELECT 1 -- why", "SELECT 1; /* note */", "SELECT 1 /* a */ -- b\n",
                            "SELECT 1; -- c\n;\n", "SELECT 1; /* a */ /* b */ ;", "SELECT 1; /* not closed",
                            "SELECT 1; --"}) {
        INFO(std::string(sql));
        REQUIRE_OK(query_readonly(db, sql));
    }
    for (const char* sql : {"SELECT 1; -- c\nDELETE FROM t", "SELECT 1; /* x */ DELETE FROM t",
                            "SELECT 1 /* x */; SELECT 2", "SELECT 1; -- c\n/* d */ SELECT 2", "SELECT 1; / DELETE"}) {
        INFO(std::string(sql));
        CHECK(refusal(db, sql) == "sql");
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 3);
}

TEST_CASE("INSERT, UPDATE, DELETE, DROP and CREATE are refused with code readonly and change nothing") {
    Db db = sample_db();
    for (const char* sql : {"INSERT INTO t (i) VALUES (4)", "UPDATE t SET s = 'changed'", "DELETE FROM t",
                            "DROP TABLE t", "CREATE TABLE u (x)", "CREATE INDEX t_i ON t (i)",
                            "REPLACE INTO t (i) VALUES (5)", "ALTER TABLE t ADD COLUMN z", "CREATE TEMP TABLE tmp (x)",
                            "VACUUM", "ANALYZE"}) {
        INFO(std::string(sql));
        CHECK(refusal(db, sql) == "readonly");
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 3);
    CHECK(scalar(db, "SELECT count(*) FROM t WHERE s = 'changed'") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM sqlite_master") == 1);
}

TEST_CASE("a WITH ... DELETE is refused") {
    Db db = sample_db();
    CHECK(refusal(db, "WITH doomed AS (SELECT 1) DELETE FROM t WHERE i IN (SELECT * FROM doomed)") == "readonly");
    CHECK(refusal(db, "WITH x AS (SELECT 1) UPDATE t SET s = 'changed'") == "readonly");
    // A DELETE inside the WITH is not even SQLite syntax.
    CHECK(refusal(db, "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x") == "sql");
    CHECK(scalar(db, "SELECT count(*) FROM t") == 3);
}

TEST_CASE("a DELETE ... RETURNING, which yields rows like a query, is refused") {
    Db db = sample_db();
    CHECK(refusal(db, "DELETE FROM t RETURNING i") == "readonly");
    CHECK(scalar(db, "SELECT count(*) FROM t") == 3);
}

TEST_CASE("two statements are refused even when the first is a SELECT, and the second does not run") {
    Db db = sample_db();
    CHECK(refusal(db, "SELECT 1; DELETE FROM t") == "sql");
    CHECK(refusal(db, "SELECT 1; SELECT 2") == "sql");
    CHECK(refusal(db, "SELECT 1;; DELETE FROM t") == "sql");
    CHECK(scalar(db, "SELECT count(*) FROM t") == 3);
}

TEST_CASE("a PRAGMA that writes is refused with code readonly") {
    Db db = sample_db();
    CHECK(refusal(db, "PRAGMA user_version = 5") == "readonly");
    CHECK(scalar(db, "PRAGMA user_version") == 0);
}

TEST_CASE("a PRAGMA that changes a setting of the connection is refused and the setting is kept") {
    // SQLite applies such a pragma while preparing it and calls it read-only, because it
    // writes nothing to the file; but turning off foreign keys or making the connection
    // query-only would change how every later write of the app behaves.
    Db db = sample_db();
    CHECK(refusal(db, "PRAGMA foreign_keys = OFF") == "readonly");
    CHECK(scalar(db, "PRAGMA foreign_keys") == 1);
    CHECK(refusal(db, "PRAGMA query_only = 1") == "readonly");
    CHECK(scalar(db, "PRAGMA query_only") == 0);
    CHECK(refusal(db, "PRAGMA writable_schema = ON") == "readonly");
    CHECK(scalar(db, "PRAGMA writable_schema") == 0);
    CHECK(refusal(db, "PRAGMA recursive_triggers(1)") == "readonly");
    CHECK(scalar(db, "PRAGMA recursive_triggers") == 0);
    CHECK(refusal(db, "PRAGMA busy_timeout = 1") == "readonly");
    CHECK(scalar(db, "PRAGMA busy_timeout") == 5000);  // as Db::open set it
}

TEST_CASE("statements that change the connection are refused: BEGIN, SAVEPOINT, COMMIT, ATTACH, DETACH") {
    // SQLite calls them read-only, but an open transaction left behind by the console
    // would make the app's next Tx fail.
    Db db = sample_db();
    for (const char* sql : {"BEGIN", "BEGIN IMMEDIATE", "SAVEPOINT s", "COMMIT", "ROLLBACK", "RELEASE s",
                            "ATTACH ':memory:' AS other", "DETACH other"}) {
        INFO(std::string(sql));
        CHECK(refusal(db, sql) == "readonly");
        CHECK(sqlite3_get_autocommit(db.handle()) != 0);
    }
    CHECK(scalar(db, "SELECT count(*) FROM pragma_database_list WHERE name = 'other'") == 0);
}

TEST_CASE("REINDEX is refused") {
    Db db = sample_db();
    REQUIRE_OK(db.exec("CREATE INDEX t_i ON t (i)"));
    CHECK(refusal(db, "REINDEX") == "readonly");
    CHECK(refusal(db, "REINDEX t_i") == "readonly");
}

TEST_CASE("the pragmas that describe a table or index are allowed with their argument, in any letter case") {
    Db db = sample_db();
    REQUIRE_OK(db.exec("CREATE INDEX t_i ON t (i)"));
    Result<nlohmann::json> columns = query_readonly(db, "PRAGMA table_info(t)");
    REQUIRE_OK(columns);
    REQUIRE(columns.value()["rows"].size() == 4);
    CHECK(columns.value()["rows"][0]["name"] == "i");
    for (const char* sql : {"PRAGMA TABLE_INFO(t)", "PRAGMA main.table_info(t)", "PRAGMA table_xinfo(t)",
                            "PRAGMA index_list(t)", "PRAGMA index_info(t_i)", "PRAGMA index_xinfo(t_i)",
                            "PRAGMA foreign_key_list(t)", "PRAGMA table_info = t"}) {
        INFO(std::string(sql));
        REQUIRE_OK(query_readonly(db, sql));
    }
}

TEST_CASE("the pragmas that read a value or a list are allowed without an argument") {
    Db db = sample_db();
    for (const char* sql : {"PRAGMA user_version", "PRAGMA schema_version", "PRAGMA application_id",
                            "PRAGMA page_count", "PRAGMA page_size", "PRAGMA freelist_count", "PRAGMA encoding",
                            "PRAGMA database_list", "PRAGMA collation_list", "PRAGMA function_list",
                            "PRAGMA pragma_list", "PRAGMA compile_options", "PRAGMA foreign_keys",
                            "PRAGMA data_version", "PRAGMA main.user_version", "pragma User_Version"}) {
        INFO(std::string(sql));
        REQUIRE_OK(query_readonly(db, sql));
    }
    Result<nlohmann::json> keys = query_readonly(db, "PRAGMA foreign_keys");
    REQUIRE_OK(keys);
    CHECK(keys.value()["rows"][0]["foreign_keys"] == 1);
}

TEST_CASE("every pragma not on the reading list is refused, even without an argument") {
    Db db = sample_db();
    for (const char* sql : {"PRAGMA optimize", "PRAGMA optimize(0x02)", "PRAGMA query_only", "PRAGMA journal_mode",
                            "PRAGMA cache_size", "PRAGMA wal_checkpoint", "PRAGMA incremental_vacuum",
                            "PRAGMA shrink_memory", "PRAGMA integrity_check", "PRAGMA no_such_pragma"}) {
        INFO(std::string(sql));
        CHECK(refusal(db, sql) == "readonly");
    }
}

TEST_CASE("PRAGMA optimize, which SQLite calls read-only but which runs ANALYZE, is refused and writes nothing") {
    Db db = db_that_optimize_would_analyze();
    CHECK(refusal(db, "PRAGMA optimize") == "readonly");
    CHECK_FALSE(has_statistics(db));
    REQUIRE_OK(db.exec("PRAGMA optimize"));  // the app's own optimize does write them
    CHECK(has_statistics(db));
}

TEST_CASE("the pragma table functions read as before") {
    Db db = sample_db();
    REQUIRE_OK(db.exec("CREATE INDEX t_i ON t (i)"));
    Result<nlohmann::json> columns = query_readonly(db, "SELECT name FROM pragma_table_info('t') ORDER BY cid");
    REQUIRE_OK(columns);
    CHECK(columns.value()["rows"].size() == 4);
    Result<nlohmann::json> indexes = query_readonly(db, "SELECT name FROM pragma_index_list('t')");
    REQUIRE_OK(indexes);
    CHECK(indexes.value() == nlohmann::json{{"rows", {{{"name", "t_i"}}}}});
}

TEST_CASE("a write made while the statement steps fails with code readonly: the pragma_optimize table") {
    // SQLite 3.40 does not ask the authorizer about pragma table functions, so this one is
    // stopped by query_only while stepping.
    Db db = db_that_optimize_would_analyze();
    CHECK(refusal(db, "SELECT * FROM pragma_optimize") == "readonly");
    CHECK_FALSE(has_statistics(db));
    REQUIRE_OK(db.exec("PRAGMA optimize"));
    CHECK(has_statistics(db));
}

namespace {

// An application-defined SQL function that writes on the connection it is called on, like
// the app's own functions could: the read-only check cannot see inside it.
void insert_a_row(sqlite3_context* context, int, sqlite3_value**) {
    int rc = sqlite3_exec(sqlite3_context_db_handle(context), "INSERT INTO t (i) VALUES (99)", nullptr, nullptr,
                          nullptr);
    if (rc != SQLITE_OK) sqlite3_result_error_code(context, rc);
    else sqlite3_result_int(context, 1);
}

}  // namespace

TEST_CASE("a write made while the statement steps fails with code readonly: a SQL function that writes") {
    Db db = sample_db();
    REQUIRE(sqlite3_create_function_v2(db.handle(), "insert_a_row", 0, SQLITE_UTF8, nullptr, insert_a_row, nullptr,
                                       nullptr, nullptr) == SQLITE_OK);
    CHECK(refusal(db, "SELECT insert_a_row()") == "readonly");
    CHECK(scalar(db, "SELECT count(*) FROM t") == 3);
    // The app's own call of the same function still writes.
    CHECK(scalar(db, "SELECT insert_a_row()") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM t") == 4);
}

TEST_CASE("a query leaves the connection's query_only setting as it found it") {
    Db db = db_that_optimize_would_analyze();
    REQUIRE_OK(query_readonly(db, "SELECT * FROM t"));
    CHECK(scalar(db, "PRAGMA query_only") == 0);
    CHECK(refusal(db, "SELECT * FROM pragma_optimize") == "readonly");
    CHECK(scalar(db, "PRAGMA query_only") == 0);
    REQUIRE_OK(query_readonly(db, "SELECT i FROM t", 1));  // stopped early by max_rows
    CHECK(scalar(db, "PRAGMA query_only") == 0);
    REQUIRE_OK(db.exec("INSERT INTO t (i) VALUES (4)"));

    REQUIRE_OK(db.exec("PRAGMA query_only = 1"));
    REQUIRE_OK(query_readonly(db, "SELECT * FROM t"));
    CHECK(scalar(db, "PRAGMA query_only") == 1);
}

TEST_CASE("after a refused statement the app's own statements and transactions still work") {
    Db db = sample_db();
    Stmt prepared_before = db.prepare("SELECT count(*) FROM t WHERE i >= ?1");
    CHECK(refusal(db, "PRAGMA foreign_keys = OFF") == "readonly");
    CHECK(refusal(db, "BEGIN") == "readonly");
    REQUIRE_OK(query_readonly(db, "SELECT * FROM t"));
    prepared_before.bind(1, 2);
    REQUIRE(prepared_before.step().value());
    CHECK(prepared_before.int64(0) == 2);
    {
        Tx tx(db);
        REQUIRE_OK(db.exec("INSERT INTO t (i) VALUES (4)"));
        REQUIRE_OK(tx.commit());
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 4);
    // No authorizer is left behind: the app may still change settings itself.
    REQUIRE_OK(db.exec("PRAGMA recursive_triggers = 1"));
    CHECK(scalar(db, "PRAGMA recursive_triggers") == 1);
}

TEST_CASE("reading a PRAGMA and the pragma table functions are allowed") {
    Db db = sample_db();
    Result<nlohmann::json> version = query_readonly(db, "PRAGMA user_version");
    REQUIRE_OK(version);
    CHECK(version.value()["rows"][0]["user_version"] == 0);

    Result<nlohmann::json> columns = query_readonly(db, "SELECT name FROM pragma_table_info('t') ORDER BY cid");
    REQUIRE_OK(columns);
    CHECK(columns.value()["rows"].size() == 4);
    CHECK(columns.value()["rows"][0]["name"] == "i");

    REQUIRE_OK(query_readonly(db, "SELECT name FROM sqlite_master"));
}

TEST_CASE("a syntax error is reported with code sql and SQLite's message") {
    Db db = sample_db();
    Result<nlohmann::json> result = query_readonly(db, "SELEC 1");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "sql");
    CHECK(result.error().message.find("syntax error") != std::string::npos);

    Result<nlohmann::json> missing = query_readonly(db, "SELECT * FROM no_such_table");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "sql");
    CHECK(missing.error().message.find("no such table") != std::string::npos);
}

TEST_CASE("text with no statement in it is reported with code sql") {
    Db db = sample_db();
    for (const char* sql : {"", "   ", "-- only a comment", ";"}) {
        INFO("\"" << std::string(sql) << "\"");
        CHECK(refusal(db, sql) == "sql");
    }
    CHECK(refusal(db, std::string_view()) == "sql");
}

TEST_CASE("an error while stepping is reported with code sql") {
    Db db = sample_db();
    CHECK(refusal(db, "SELECT abs(-9223372036854775807 - 1)") == "sql");
}

TEST_CASE("text that is not valid UTF-8 is returned as it is and can be dumped with replacement") {
    Db db = sample_db();
    Result<nlohmann::json> result = query_readonly(db, "SELECT CAST(x'FF41' AS TEXT) AS bad");
    REQUIRE_OK(result);
    CHECK(result.value()["rows"][0]["bad"].get<std::string>() == "\xFF" "A");
    std::string dumped;
    CHECK_NOTHROW(dumped = result.value().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    CHECK(dumped.find("\xEF\xBF\xBD" "A") != std::string::npos);  // U+FFFD in place of the bad byte
}

TEST_CASE("the console works on the CRM schema") {
    Db db = crm::test::fresh_crm_db();
    Result<nlohmann::json> result = query_readonly(db, "SELECT count(*) AS n FROM customers WHERE deleted = 0");
    REQUIRE_OK(result);
    CHECK(result.value()["rows"][0]["n"] == 0);
    CHECK(refusal(db, "DELETE FROM customers") == "readonly");
}
