#include "core/db.hpp"

#include <sqlite3.h>

#include <cstring>
#include <string>
#include <utility>

#include "core/normalize.hpp"
#include "core/packed_memory.hpp"

namespace crm {

namespace {

Error db_error(sqlite3* db, std::string_view what) {
    std::string message(what);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : "out of memory";
    return Error{"db", std::move(message), {}};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Stmt
//-----------------------------------------------------------------------------

Stmt::~Stmt() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Stmt::Stmt(Stmt&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
    if (this != &other) {
        if (stmt_) sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Stmt& Stmt::bind(int index, std::string_view text) {
    int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    CRM_CHECK(rc == SQLITE_OK, sqlite3_errmsg(db_));
    return *this;
}

Stmt& Stmt::bind_in_place(int index, std::string_view text) {
    // SQLite reads a zero-length text through its pointer only to see it is there.
    const char* data = text.data() != nullptr ? text.data() : "";
    int rc = sqlite3_bind_text(stmt_, index, data, static_cast<int>(text.size()), SQLITE_STATIC);
    CRM_CHECK(rc == SQLITE_OK, sqlite3_errmsg(db_));
    return *this;
}

Stmt& Stmt::bind(int index, int64_t number) {
    int rc = sqlite3_bind_int64(stmt_, index, number);
    CRM_CHECK(rc == SQLITE_OK, sqlite3_errmsg(db_));
    return *this;
}

Stmt& Stmt::bind(int index, double number) {
    int rc = sqlite3_bind_double(stmt_, index, number);
    CRM_CHECK(rc == SQLITE_OK, sqlite3_errmsg(db_));
    return *this;
}

Stmt& Stmt::bind_null(int index) {
    int rc = sqlite3_bind_null(stmt_, index);
    CRM_CHECK(rc == SQLITE_OK, sqlite3_errmsg(db_));
    return *this;
}

Result<bool> Stmt::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error error = db_error(db_, "step");
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) error.code = "unique";
    else if ((rc & 0xff) == SQLITE_CONSTRAINT) error.code = "constraint";
    sqlite3_reset(stmt_);
    return error;
}

Status Stmt::run() {
    for (;;) {
        Result<bool> row = step();
        if (!row) return row.error();
        if (!row.value()) return {};
    }
}

void Stmt::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Stmt::columns() const { return sqlite3_column_count(stmt_); }

std::string_view Stmt::column_name(int column) const {
    const char* name = sqlite3_column_name(stmt_, column);
    return name ? std::string_view(name) : std::string_view();
}

bool Stmt::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int Stmt::column_type(int column) const { return sqlite3_column_type(stmt_, column); }

std::string Stmt::text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Stmt::text_view(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (!text) return {};
    return std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int64_t Stmt::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Stmt::real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Stmt::readonly() const { return sqlite3_stmt_readonly(stmt_) != 0; }

//-----------------------------------------------------------------------------
// [SECTION] Db
//-----------------------------------------------------------------------------

Result<Db> Db::open(const std::string& path) {
    if (path == ":memory:" && compact_memory()) return open_packed(new_packed_memory_name());
    return open_with(path, nullptr);
}

Result<Db> Db::open_image(std::string_view image) {
    if (compact_memory()) {
        const std::string name = new_packed_memory_name();
        if (!stage_packed_memory_image(name, image)) return Error{"db", "out of memory", {}};
        Result<Db> db = open_packed(name);
        if (!db) discard_staged_packed_memory_image(name);  // if SQLite never came to take it
        return db;
    }
    Result<Db> db = open_with(":memory:", nullptr);
    if (!db) return db;
    // SQLite takes ownership of a buffer from sqlite3_malloc64 and frees it on close.
    auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
    if (!buffer) return Error{"db", "out of memory", {}};
    std::memcpy(buffer, image.data(), image.size());
    read_wal_image_as_rollback(buffer, image.size());
    const auto size = static_cast<sqlite3_int64>(image.size());
    int rc = sqlite3_deserialize(db.value().handle(), "main", buffer, size, size,
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) return db_error(db.value().handle(), "deserialize");
    return db;
}

Result<Db> Db::open_packed(const std::string& name) {
    if (register_packed_memory_vfs() != SQLITE_OK) return Error{"db", "could not register the in-memory VFS", {}};
    Result<Db> db = open_with(name, kPackedMemoryVfs);
    if (!db) return db;
    // The rollback journal in the heap (no file at all), and the lock held for good: one
    // connection, so its cache never needs checking against the file at the start of a
    // transaction, and after a failed write (out of memory) the journal, kept while the lock
    // is, is played back at the next read. Then a page cache for the pages in use, which are
    // otherwise kept compressed (core/packed_memory.hpp): 16 MB, where SQLite's in-memory
    // database has no cache of its own to fill.
    if (Status status = db.value().exec("PRAGMA journal_mode = MEMORY; PRAGMA locking_mode = EXCLUSIVE; "
                                        "PRAGMA cache_size = " + std::to_string(-kPackedCacheKib) + ";");
        !status) {
        return status.error();
    }
    return db;
}

Result<Db> Db::open_with(const std::string& path, const char* vfs) {
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
    if (rc != SQLITE_OK) {
        Error error = db_error(handle, "open " + path);
        sqlite3_close(handle);
        return error;
    }
    sqlite3_extended_result_codes(handle, 1);
    // A file another process has locked (the sqlite3 shell, a backup) is a wait, not a failure.
    sqlite3_busy_timeout(handle, 5000);
    Db db(handle);
    // The schema's generated key columns call these (core/normalize): a connection without
    // them could not write a customer or a contact.
    if (register_key_functions(handle) != SQLITE_OK) return db_error(handle, "register functions");
    // Foreign keys are off by default in SQLite; our schema relies on them.
    if (Status status = db.exec("PRAGMA foreign_keys = ON;"); !status) return status.error();
    return db;
}

Db::~Db() {
    if (db_) sqlite3_close_v2(db_);
}

Db::Db(Db&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Db& Db::operator=(Db&& other) noexcept {
    if (this != &other) {
        if (db_) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Status Db::exec(std::string_view sql) {
    std::string copy(sql);  // sqlite3_exec wants a terminated string
    char* message = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    Error error{"db", message ? message : "exec failed", {}};
    sqlite3_free(message);
    return error;
}

Stmt Db::prepare(std::string_view sql) {
    Result<Stmt> stmt = try_prepare(sql);
    CRM_CHECK(stmt.ok(), stmt.ok() ? std::string() : stmt.error().message + " in: " + std::string(sql));
    return std::move(stmt).value();
}

Result<Stmt> Db::try_prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return db_error(db_, "prepare");
    }
    if (!stmt) return Error{"db", "empty statement", {}};
    return Stmt(db_, stmt);
}

bool Db::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

int64_t Db::changes() const { return sqlite3_changes64(db_); }
int64_t Db::total_changes() const { return sqlite3_total_changes64(db_); }

std::string Db::last_error() const { return sqlite3_errmsg(db_); }

//-----------------------------------------------------------------------------
// [SECTION] Tx
//-----------------------------------------------------------------------------

Tx::Tx(Db& db) : db_(db), nested_(db.in_transaction()) {
    // Savepoint names are per connection and nest like a stack, so one name serves every level.
    Status status = db_.exec(nested_ ? "SAVEPOINT crm_tx" : "BEGIN IMMEDIATE");
    CRM_CHECK(status.ok(), status.ok() ? std::string() : status.error().message);
    open_ = true;
}

Tx::~Tx() {
    if (!open_) return;
    // ROLLBACK TO keeps the savepoint open; RELEASE then pops it (its work already undone).
    if (nested_) (void)db_.exec("ROLLBACK TO crm_tx; RELEASE crm_tx");
    else (void)db_.exec("ROLLBACK");
}

Status Tx::commit() {
    Status status = db_.exec(nested_ ? "RELEASE crm_tx" : "COMMIT");
    if (status) open_ = false;
    return status;
}

ForeignKeysOff::ForeignKeysOff(Db& db) : db_(db) {
    Stmt state = db_.prepare("PRAGMA foreign_keys");
    was_on_ = state.step().value_or(false) && state.int64(0) == 1;
    if (was_on_) (void)db_.exec("PRAGMA foreign_keys = OFF");
}

ForeignKeysOff::~ForeignKeysOff() {
    if (was_on_) (void)db_.exec("PRAGMA foreign_keys = ON");
}

}  // namespace crm
