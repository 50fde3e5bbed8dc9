// Tests for core/db: the SQLite wrapper (Db, Stmt, Tx).
//
// [SECTION] Binding and reading values
// [SECTION] Stepping and errors as values
// [SECTION] Preparing and exec
// [SECTION] Transactions
// [SECTION] Moving
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::fresh_db;
using crm::test::scalar;

namespace {

Db db_with_table() {
    Db db = fresh_db();
    REQUIRE_OK(db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                       "qty INTEGER CHECK (qty >= 0))"));
    return db;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Binding and reading values
//-----------------------------------------------------------------------------

TEST_CASE("every bindable type reads back with its value and SQLite type") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9");
    const std::string owned = "std::string 文本";
    stmt.bind(1, std::string_view("view 视图"))
        .bind(2, "literal")
        .bind(3, owned)
        .bind(4, int64_t{9'007'199'254'740'993})
        .bind(5, -42)
        .bind(6, true)
        .bind(7, false)
        .bind(8, 2.5)
        .bind_null(9);
    Result<bool> row = stmt.step();
    REQUIRE_OK(row);
    REQUIRE(row.value());

    CHECK(stmt.columns() == 9);
    CHECK(stmt.column_type(0) == SQLITE_TEXT);
    CHECK(stmt.text(0) == "view 视图");
    CHECK(stmt.text(1) == "literal");
    CHECK(stmt.text(2) == owned);
    CHECK(stmt.column_type(3) == SQLITE_INTEGER);
    CHECK(stmt.int64(3) == 9'007'199'254'740'993);
    CHECK(stmt.int64(4) == -42);
    CHECK(stmt.column_type(5) == SQLITE_INTEGER);
    CHECK(stmt.int64(5) == 1);
    CHECK(stmt.boolean(5));
    CHECK(stmt.int64(6) == 0);
    CHECK_FALSE(stmt.boolean(6));
    CHECK(stmt.column_type(7) == SQLITE_FLOAT);
    CHECK(stmt.real(7) == 2.5);
    CHECK(stmt.column_type(8) == SQLITE_NULL);
    CHECK(stmt.is_null(8));
    for (int column = 0; column < 8; ++column) CHECK_FALSE(stmt.is_null(column));
}

TEST_CASE("the extreme 64-bit integers survive a round trip through a table") {
    Db db = fresh_db();
    REQUIRE_OK(db.exec("CREATE TABLE n (v INTEGER)"));
    Stmt insert = db.prepare("INSERT INTO n (v) VALUES (?1)");
    for (int64_t value : {std::numeric_limits<int64_t>::min(), int64_t{-1}, int64_t{0},
                          std::numeric_limits<int64_t>::max()}) {
        insert.reset();
        insert.bind(1, value);
        REQUIRE_OK(insert.run());
    }
    Stmt select = db.prepare("SELECT v FROM n ORDER BY v");
    std::vector<int64_t> values;
    while (select.step().value()) values.push_back(select.int64(0));
    CHECK(values == std::vector<int64_t>{std::numeric_limits<int64_t>::min(), -1, 0,
                                         std::numeric_limits<int64_t>::max()});
}

TEST_CASE("text keeps embedded NUL bytes and invalid UTF-8 byte for byte") {
    Db db = fresh_db();
    const std::string with_nul("a\0b", 3);
    const std::string bad_utf8 = "\xFF\xFE ok";
    Stmt stmt = db.prepare("SELECT ?1, ?2, length(CAST(?1 AS BLOB))");
    stmt.bind_all(with_nul, bad_utf8);
    REQUIRE(stmt.step().value());
    CHECK(stmt.text(0) == with_nul);
    CHECK(stmt.text(0).size() == 3);
    CHECK(stmt.text(1) == bad_utf8);
    CHECK(stmt.int64(2) == 3);
}

TEST_CASE("an empty string is text, not NULL") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT ?1, ?1 IS NULL");
    stmt.bind(1, "");
    REQUIRE(stmt.step().value());
    CHECK(stmt.column_type(0) == SQLITE_TEXT);
    CHECK_FALSE(stmt.is_null(0));
    CHECK(stmt.text(0).empty());
    CHECK(stmt.int64(1) == 0);
}

TEST_CASE("reading a NULL column gives empty text, zero and false") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT NULL");
    REQUIRE(stmt.step().value());
    CHECK(stmt.is_null(0));
    CHECK(stmt.text(0).empty());
    CHECK(stmt.int64(0) == 0);
    CHECK(stmt.real(0) == 0.0);
    CHECK_FALSE(stmt.boolean(0));
}

TEST_CASE("bind_all binds its arguments to parameters 1, 2, 3 in order") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT ?1 || '|' || ?2 || '|' || ?3");
    stmt.bind_all("a", int64_t{2}, std::string("c"));
    REQUIRE(stmt.step().value());
    CHECK(stmt.text(0) == "a|2|c");
}

TEST_CASE("an unbound parameter is NULL") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT ?1, ?2");
    stmt.bind(1, 7);
    REQUIRE(stmt.step().value());
    CHECK(stmt.int64(0) == 7);
    CHECK(stmt.is_null(1));
}

TEST_CASE("reset clears the bindings so a statement can be reused with new values") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT ?1");
    stmt.bind(1, 1);
    REQUIRE(stmt.step().value());
    CHECK(stmt.int64(0) == 1);

    stmt.reset();
    REQUIRE(stmt.step().value());
    CHECK(stmt.is_null(0));

    stmt.reset();
    stmt.bind(1, "again");
    REQUIRE(stmt.step().value());
    CHECK(stmt.text(0) == "again");
}

TEST_CASE("column names are the result's names, aliases included") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT 1 AS one, 'x' AS \"名字\", 3");
    CHECK(stmt.columns() == 3);
    CHECK(stmt.column_name(0) == "one");
    CHECK(stmt.column_name(1) == "名字");
    CHECK(stmt.column_name(2) == "3");
}

//-----------------------------------------------------------------------------
// [SECTION] Stepping and errors as values
//-----------------------------------------------------------------------------

TEST_CASE("step gives true for each row and false after the last") {
    Db db = db_with_table();
    REQUIRE_OK(db.exec("INSERT INTO t (name, qty) VALUES ('a', 1), ('b', 2)"));
    Stmt stmt = db.prepare("SELECT name FROM t ORDER BY id");
    Result<bool> first = stmt.step();
    REQUIRE_OK(first);
    CHECK(first.value());
    CHECK(stmt.text(0) == "a");
    Result<bool> second = stmt.step();
    REQUIRE_OK(second);
    CHECK(second.value());
    CHECK(stmt.text(0) == "b");
    Result<bool> done = stmt.step();
    REQUIRE_OK(done);
    CHECK_FALSE(done.value());
}

TEST_CASE("run steps a statement to its end and changes() counts the rows it touched") {
    Db db = db_with_table();
    REQUIRE_OK(db.exec("INSERT INTO t (name, qty) VALUES ('a', 1), ('b', 2), ('c', 3)"));
    Stmt update = db.prepare("UPDATE t SET qty = qty + 10 WHERE qty >= ?1");
    update.bind(1, 2);
    REQUIRE_OK(update.run());
    CHECK(db.changes() == 2);
    CHECK(scalar(db, "SELECT sum(qty) FROM t") == 1 + 12 + 13);

    Stmt nothing = db.prepare("DELETE FROM t WHERE name = 'missing'");
    REQUIRE_OK(nothing.run());
    CHECK(db.changes() == 0);
}

TEST_CASE("a constraint violation returns an Error (unique, or constraint for the others) instead of stopping") {
    Db db = db_with_table();
    REQUIRE_OK(db.exec("INSERT INTO t (name, qty) VALUES ('taken', 1)"));

    SUBCASE("UNIQUE") {
        Stmt stmt = db.prepare("INSERT INTO t (name, qty) VALUES ('taken', 2)");
        Status status = stmt.run();
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == "unique");
        CHECK(status.error().message.find("UNIQUE") != std::string::npos);
    }
    SUBCASE("NOT NULL") {
        Stmt stmt = db.prepare("INSERT INTO t (name, qty) VALUES (?1, 1)");
        stmt.bind_null(1);
        Status status = stmt.run();
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == "constraint");
    }
    SUBCASE("CHECK") {
        Stmt stmt = db.prepare("INSERT INTO t (name, qty) VALUES ('negative', -1)");
        Result<bool> row = stmt.step();
        REQUIRE_FALSE(row.ok());
        CHECK(row.error().code == "constraint");
    }
    SUBCASE("FOREIGN KEY (Db::open turns foreign keys on)") {
        REQUIRE_OK(db.exec("CREATE TABLE child (t_id INTEGER NOT NULL REFERENCES t (id))"));
        Stmt stmt = db.prepare("INSERT INTO child (t_id) VALUES (999)");
        Status status = stmt.run();
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == "constraint");
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("a statement that failed can be stepped again with new bindings") {
    Db db = db_with_table();
    REQUIRE_OK(db.exec("INSERT INTO t (name, qty) VALUES ('taken', 1)"));
    Stmt insert = db.prepare("INSERT INTO t (name, qty) VALUES (?1, 0)");
    insert.bind(1, "taken");
    CHECK_FALSE(insert.run().ok());
    insert.reset();
    insert.bind(1, "free");
    REQUIRE_OK(insert.run());
    CHECK(scalar(db, "SELECT count(*) FROM t") == 2);
}

TEST_CASE("a runtime error that is not a constraint has code db and SQLite's message") {
    Db db = fresh_db();
    Stmt stmt = db.prepare("SELECT abs(-9223372036854775807 - 1)");
    Result<bool> row = stmt.step();
    REQUIRE_FALSE(row.ok());
    CHECK(row.error().code == "db");
    CHECK(row.error().message.find("integer overflow") != std::string::npos);
}

TEST_CASE("readonly tells a query from a statement that writes") {
    Db db = db_with_table();
    CHECK(db.prepare("SELECT * FROM t").readonly());
    CHECK_FALSE(db.prepare("INSERT INTO t (name) VALUES ('x')").readonly());
    CHECK_FALSE(db.prepare("DELETE FROM t").readonly());
}

//-----------------------------------------------------------------------------
// [SECTION] Preparing and exec
//-----------------------------------------------------------------------------

TEST_CASE("try_prepare reports a syntax error as a value instead of stopping") {
    Db db = fresh_db();
    Result<Stmt> stmt = db.try_prepare("SELEKT 1");
    REQUIRE_FALSE(stmt.ok());
    CHECK(stmt.error().code == "db");
    CHECK(stmt.error().message.find("syntax error") != std::string::npos);
    CHECK(db.try_prepare("SELECT * FROM no_such_table").error().message.find("no such table") !=
          std::string::npos);
}

TEST_CASE("try_prepare of text with no statement in it is an error, not an empty statement") {
    Db db = fresh_db();
    for (const char* sql : {"", "   ", "-- just a comment", ";"}) {
        INFO(std::string(sql));
        Result<Stmt> stmt = db.try_prepare(sql);
        REQUIRE_FALSE(stmt.ok());
        CHECK(stmt.error().code == "db");
    }
}

TEST_CASE("try_prepare of good SQL gives a statement that runs") {
    Db db = fresh_db();
    Result<Stmt> stmt = db.try_prepare("SELECT 6 * 7");
    REQUIRE_OK(stmt);
    REQUIRE(stmt.value().step().value());
    CHECK(stmt.value().int64(0) == 42);
}

TEST_CASE("exec runs a script of several statements") {
    Db db = fresh_db();
    REQUIRE_OK(db.exec("CREATE TABLE a (x); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);"));
    CHECK(scalar(db, "SELECT sum(x) FROM a") == 3);
}

TEST_CASE("exec reports the failing statement of a script with code db") {
    Db db = fresh_db();
    Status status = db.exec("CREATE TABLE a (x); INSERT INTO missing VALUES (1)");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "db");
    CHECK(status.error().message.find("no such table: missing") != std::string::npos);
    CHECK(db.last_error().find("no such table") != std::string::npos);
}

TEST_CASE("Db::open turns foreign key enforcement on") {
    Db db = fresh_db();
    CHECK(scalar(db, "PRAGMA foreign_keys") == 1);
}

TEST_CASE("Db::open waits up to 5 seconds for a file another connection has locked") {
    Db db = fresh_db();
    CHECK(scalar(db, "PRAGMA busy_timeout") == 5000);
}

TEST_CASE("Db::open of a path that cannot be created returns an error naming the path") {
    Result<Db> db = Db::open("/no/such/folder/crm.sqlite");
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == "db");
    CHECK(db.error().message.find("/no/such/folder/crm.sqlite") != std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] Transactions
//-----------------------------------------------------------------------------

namespace {

// Writes a row inside a transaction and, like a function that meets a problem halfway,
// returns before committing.
void insert_then_return_early(Db& db) {
    Tx tx(db);
    Stmt stmt = db.prepare("INSERT INTO t (name, qty) VALUES ('abandoned', 1)");
    REQUIRE_OK(stmt.run());
    CHECK(scalar(db, "SELECT count(*) FROM t") == 1);  // visible inside the transaction
}

}  // namespace

TEST_CASE("a transaction that is not committed rolls back when it goes out of scope") {
    Db db = db_with_table();
    insert_then_return_early(db);
    CHECK(scalar(db, "SELECT count(*) FROM t") == 0);
    CHECK(sqlite3_get_autocommit(db.handle()) != 0);  // no transaction left open
}

TEST_CASE("a committed transaction keeps its change") {
    Db db = db_with_table();
    {
        Tx tx(db);
        REQUIRE_OK(db.prepare("INSERT INTO t (name, qty) VALUES ('kept', 1)").run());
        REQUIRE_OK(tx.commit());
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
    CHECK(sqlite3_get_autocommit(db.handle()) != 0);
}

TEST_CASE("a failed step inside a transaction takes the earlier writes of the transaction back with it") {
    Db db = db_with_table();
    REQUIRE_OK(db.exec("INSERT INTO t (name, qty) VALUES ('taken', 1)"));
    auto write_two = [&]() -> Status {
        Tx tx(db);
        if (Status status = db.prepare("INSERT INTO t (name, qty) VALUES ('first', 1)").run(); !status) return status;
        if (Status status = db.prepare("INSERT INTO t (name, qty) VALUES ('taken', 2)").run(); !status) return status;
        return tx.commit();
    };
    Status status = write_two();
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "unique");
    CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM t WHERE name = 'first'") == 0);
}

TEST_CASE("after a rollback the connection can start and commit a new transaction") {
    Db db = db_with_table();
    insert_then_return_early(db);
    {
        Tx tx(db);
        REQUIRE_OK(db.prepare("INSERT INTO t (name, qty) VALUES ('second try', 1)").run());
        REQUIRE_OK(tx.commit());
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("a Tx inside a transaction is a savepoint: its rollback undoes only its own writes") {
    Db db = db_with_table();
    {
        Tx outer(db);
        REQUIRE_OK(db.prepare("INSERT INTO t (name, qty) VALUES ('outer', 1)").run());
        {
            Tx abandoned(db);  // never committed
            REQUIRE_OK(db.prepare("INSERT INTO t (name, qty) VALUES ('abandoned', 1)").run());
        }
        {
            Tx inner(db);
            REQUIRE_OK(db.prepare("INSERT INTO t (name, qty) VALUES ('inner', 1)").run());
            REQUIRE_OK(inner.commit());
        }
        CHECK(sqlite3_get_autocommit(db.handle()) == 0);  // the outer transaction is still open
        REQUIRE_OK(outer.commit());
    }
    Stmt names = db.prepare("SELECT group_concat(name, ',') FROM (SELECT name FROM t ORDER BY name)");
    REQUIRE(names.step().value());
    CHECK(names.text(0) == "inner,outer");
}

TEST_CASE("an inner Tx's committed work is undone when the outer transaction rolls back") {
    Db db = db_with_table();
    {
        Tx outer(db);
        Tx inner(db);
        REQUIRE_OK(db.prepare("INSERT INTO t (name, qty) VALUES ('inner', 1)").run());
        REQUIRE_OK(inner.commit());
    }
    CHECK(scalar(db, "SELECT count(*) FROM t") == 0);
    CHECK(sqlite3_get_autocommit(db.handle()) != 0);
}

//-----------------------------------------------------------------------------
// [SECTION] Moving
//-----------------------------------------------------------------------------

TEST_CASE("a moved statement keeps working and the moved-from one is empty and safe to destroy") {
    Db db = fresh_db();
    Stmt original = db.prepare("SELECT 5");
    sqlite3_stmt* handle = original.handle();
    Stmt moved(std::move(original));
    CHECK(original.handle() == nullptr);  // NOLINT(bugprone-use-after-move): testing the moved-from state
    CHECK(moved.handle() == handle);
    REQUIRE(moved.step().value());
    CHECK(moved.int64(0) == 5);
}

TEST_CASE("move-assigning a statement finalizes the one it replaces") {
    Db db = fresh_db();
    Stmt target = db.prepare("SELECT 1");
    Stmt source = db.prepare("SELECT 2");
    target = std::move(source);
    CHECK(source.handle() == nullptr);  // NOLINT(bugprone-use-after-move)
    REQUIRE(target.step().value());
    CHECK(target.int64(0) == 2);
    // The first statement was finalized: the connection has exactly one statement left.
    CHECK(sqlite3_next_stmt(db.handle(), nullptr) == target.handle());
    CHECK(sqlite3_next_stmt(db.handle(), target.handle()) == nullptr);
}

TEST_CASE("a moved database keeps its connection and the moved-from one is empty and safe to destroy") {
    Db original = db_with_table();
    sqlite3* handle = original.handle();
    Db moved(std::move(original));
    CHECK(original.handle() == nullptr);  // NOLINT(bugprone-use-after-move)
    CHECK(moved.handle() == handle);
    REQUIRE_OK(moved.exec("INSERT INTO t (name, qty) VALUES ('still here', 1)"));
    CHECK(scalar(moved, "SELECT count(*) FROM t") == 1);

    Db assigned;
    CHECK(assigned.handle() == nullptr);
    assigned = std::move(moved);
    CHECK(moved.handle() == nullptr);  // NOLINT(bugprone-use-after-move)
    CHECK(scalar(assigned, "SELECT count(*) FROM t") == 1);
}

TEST_CASE("move-assigning a database closes the connection it replaces") {
    Db target = db_with_table();
    Db source = fresh_db();
    REQUIRE_OK(source.exec("CREATE TABLE only_in_source (x)"));
    target = std::move(source);
    CHECK(scalar(target, "SELECT count(*) FROM sqlite_master WHERE name = 'only_in_source'") == 1);
    CHECK(scalar(target, "SELECT count(*) FROM sqlite_master WHERE name = 't'") == 0);
}

TEST_CASE("a database opened through a Result can be moved out and used") {
    Result<Db> result = Db::open(":memory:");
    REQUIRE_OK(result);
    Db db = std::move(result).value();
    REQUIRE_OK(db.exec("CREATE TABLE x (a)"));
    CHECK(scalar(db, "SELECT count(*) FROM x") == 0);
}
