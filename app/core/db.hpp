// RAII wrapper over the SQLite C API: Db (a connection), Stmt (a prepared statement)
// and Tx (a transaction that rolls back unless committed).
//
// [SECTION] Stmt
// [SECTION] Db
// [SECTION] Tx
//
// Every value reaches SQL through bind(): there is no API here that splices text into SQL.
// A statement that fails to prepare is a bug in our SQL and stops the program (CRM_CHECK);
// a statement that fails to run (constraint, full disk) returns an Error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Stmt
//-----------------------------------------------------------------------------

class Stmt {
public:
    Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    ~Stmt();
    Stmt(Stmt&& other) noexcept;
    Stmt& operator=(Stmt&& other) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    // Parameters are 1-based, as in SQLite.
    Stmt& bind(int index, std::string_view text);
    Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    // Binds without copying: `text` must stay as it is until every parameter has been bound
    // again or the statement is gone. For writers that bind 100,000s of rows in one go.
    Stmt& bind_in_place(int index, std::string_view text);
    Stmt& bind(int index, int64_t number);
    Stmt& bind(int index, int number) { return bind(index, static_cast<int64_t>(number)); }
    Stmt& bind(int index, bool flag) { return bind(index, static_cast<int64_t>(flag ? 1 : 0)); }
    Stmt& bind(int index, double number);
    Stmt& bind_null(int index);

    // Binds each argument in order, starting at parameter 1.
    template <class... Args>
    Stmt& bind_all(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // Advances one row: true when a row is ready, false when done. A failed UNIQUE or
    // PRIMARY KEY constraint has error code "unique", any other constraint "constraint".
    Result<bool> step();
    // Steps to the end, for statements that return no rows.
    Status run();
    void reset();

    int columns() const;
    std::string_view column_name(int column) const;
    bool is_null(int column) const;
    int column_type(int column) const;  // SQLITE_INTEGER, SQLITE_TEXT, ...
    std::string text(int column) const;
    // The same without a copy: valid until the next step(), reset() or read of the column as
    // another type.
    std::string_view text_view(int column) const;
    int64_t int64(int column) const;
    double real(int column) const;
    bool boolean(int column) const { return int64(column) != 0; }

    bool readonly() const;
    sqlite3_stmt* handle() const { return stmt_; }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

//-----------------------------------------------------------------------------
// [SECTION] Db
//-----------------------------------------------------------------------------

class Db {
public:
    // ":memory:" for the client's database (compact, its pages compressed, when
    // set_compact_memory is on: core/packed_memory.hpp); a file path for the server's.
    static Result<Db> open(const std::string& path);
    // An in-memory database (as ":memory:", compact or not) that starts as `image`, a database
    // file's bytes. Nothing checks that the bytes are a database: see import_image (core/db_image.hpp).
    static Result<Db> open_image(std::string_view image);

    Db() = default;
    ~Db();
    Db(Db&& other) noexcept;
    Db& operator=(Db&& other) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    // Runs one or more statements without parameters (schema scripts, pragmas).
    Status exec(std::string_view sql);
    Stmt prepare(std::string_view sql);
    // Prepares a statement that a caller outside our code wrote (the read-only SQL console):
    // a syntax error there is the caller's mistake, not our bug.
    Result<Stmt> try_prepare(std::string_view sql);

    // Inside BEGIN ... COMMIT (where a Tx is only a savepoint).
    bool in_transaction() const;
    int64_t changes() const;
    // Rows written through this connection since it opened (sqlite3_total_changes64): a
    // cheap way for a view to know the data changed, whoever wrote it.
    int64_t total_changes() const;
    std::string last_error() const;
    sqlite3* handle() const { return db_; }

private:
    // The page cache of an in-memory database, in KiB: the pages in use, uncompressed.
    static constexpr int kPackedCacheKib = 16 * 1024;

    explicit Db(sqlite3* db) : db_(db) {}
    static Result<Db> open_packed(const std::string& name);
    static Result<Db> open_with(const std::string& path, const char* vfs);
    sqlite3* db_ = nullptr;
};

//-----------------------------------------------------------------------------
// [SECTION] Tx
//-----------------------------------------------------------------------------

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded,
// so an early return or a failed step never leaves half a change behind.
//
// Inside another transaction a Tx is a SAVEPOINT instead: commit() releases it into the
// outer transaction and destruction without commit() undoes only its own work. So a
// domain write that opens its own Tx composes with a caller's (the sync server applies
// each mutation in a savepoint of the request's transaction).
class Tx {
public:
    explicit Tx(Db& db);
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

    Status commit();

private:
    Db& db_;
    bool open_ = false;
    bool nested_ = false;
};

// Foreign keys unchecked while it lives, when they were on (and on again after, however the
// scope ends): for a writer whose references hold only once it is done or by construction
// (a sync page bringing a contact before its customer, the demo data writing every child
// after its parent). SQLite ignores the pragma inside a transaction, so make one before the
// Tx; inside a caller's transaction it changes nothing and the checks go on as usual.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(Db& db);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
    Db& db_;
    bool was_on_ = false;
};

// True when `sql`, its parameters bound from `args` in order, returns a row: the validators'
// "does the customer exist", "is the name taken" checks.
template <class... Args>
bool row_exists(Db& db, std::string_view sql, const Args&... args) {
    Stmt stmt = db.prepare(sql);
    stmt.bind_all(args...);
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

}  // namespace crm
