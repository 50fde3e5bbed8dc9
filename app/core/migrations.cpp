#include "core/migrations.hpp"

#include <string>

namespace crm {

namespace {

constexpr std::string_view kUserVersion;  // the shared schema: PRAGMA user_version

int read_version(Db& db, std::string_view chain) {
    if (chain.empty()) {
        Stmt stmt = db.prepare("PRAGMA user_version");
        Result<bool> row = stmt.step();
        return row.ok() && row.value() ? static_cast<int>(stmt.int64(0)) : 0;
    }
    Stmt exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_chains'");
    if (Result<bool> row = exists.step(); !row.ok() || !row.value()) return 0;
    Stmt stmt = db.prepare("SELECT version FROM schema_chains WHERE chain = ?1");
    stmt.bind(1, chain);
    Result<bool> row = stmt.step();
    return row.ok() && row.value() ? static_cast<int>(stmt.int64(0)) : 0;
}

Status write_version(Db& db, std::string_view chain, int version) {
    // PRAGMA takes no bound parameters; the value is our own integer.
    if (chain.empty()) return db.exec("PRAGMA user_version = " + std::to_string(version));
    if (Status status = db.exec(
            "CREATE TABLE IF NOT EXISTS schema_chains (chain TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID");
        !status) {
        return status;
    }
    Stmt stmt = db.prepare(
        "INSERT INTO schema_chains (chain, version) VALUES (?1, ?2) "
        "ON CONFLICT (chain) DO UPDATE SET version = excluded.version");
    stmt.bind_all(chain, version);
    return stmt.run();
}

}  // namespace

int schema_version(Db& db) { return read_version(db, kUserVersion); }

int chain_version(Db& db, std::string_view chain) { return read_version(db, chain); }

Result<int> migrate(Db& db, std::span<const Migration> migrations) { return migrate(db, migrations, kUserVersion); }

Result<int> migrate(Db& db, std::span<const Migration> migrations, std::string_view chain) {
    const std::string label = chain.empty() ? std::string("database schema") : "schema chain " + std::string(chain);
    int current = read_version(db, chain);
    int latest = migrations.empty() ? 0 : migrations.back().version;
    if (current > latest) {
        return Error{"schema_too_new",
                     label + " " + std::to_string(current) + " is newer than this build (" + std::to_string(latest) + ")",
                     {}};
    }
    int expected = 1;
    for (const Migration& migration : migrations) {
        CRM_CHECK(migration.version == expected, std::string("migrations must be numbered without gaps: ") + migration.name);
        ++expected;
        if (migration.version <= current) continue;
        Tx tx(db);
        if (Status status = db.exec(migration.sql); !status) {
            return Error{"migration", std::string("migration ") + migration.name + ": " + status.error().message, {}};
        }
        if (Status status = write_version(db, chain, migration.version); !status) return status.error();
        if (Status status = tx.commit(); !status) return status.error();
        current = migration.version;
    }
    return current;
}

}  // namespace crm
