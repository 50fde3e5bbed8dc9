#include "core/migrations.hpp"

#include <string>

namespace crm {

int schema_version(Db& db) {
    Stmt stmt = db.prepare("PRAGMA user_version");
    Result<bool> row = stmt.step();
    return row.ok() && row.value() ? static_cast<int>(stmt.int64(0)) : 0;
}

Result<int> migrate(Db& db, std::span<const Migration> migrations) {
    int current = schema_version(db);
    int latest = migrations.empty() ? 0 : migrations.back().version;
    if (current > latest) {
        return Error{"schema_too_new",
                     "database schema " + std::to_string(current) + " is newer than this build (" +
                         std::to_string(latest) + ")",
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
        // PRAGMA takes no bound parameters; the value is our own integer.
        if (Status status = db.exec("PRAGMA user_version = " + std::to_string(migration.version)); !status) {
            return status.error();
        }
        if (Status status = tx.commit(); !status) return status.error();
        current = migration.version;
    }
    return current;
}

}  // namespace crm
