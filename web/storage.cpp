#include "storage.hpp"

#include "auth.hpp"
#include "domain/demo_data.hpp"
#include "domain/schema.hpp"
#include "sync_service.hpp"

namespace crm {

Result<std::unique_ptr<Storage>> Storage::open(const std::string& path) {
    Result<Db> db = open_crm_database(path);
    if (!db) return db.error();
    if (Result<int> auth = migrate_auth_schema(db.value()); !auth) return auth.error();
    // Every sync request commits: with the default rollback journal each commit costs several
    // fsyncs, with WAL and synchronous=NORMAL one append (a power cut may lose the last
    // commits, never corrupt the file; clients still hold what was not acknowledged).
    if (Status wal = db.value().exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !wal) return wal.error();
    if (Status sync = prepare_sync_storage(db.value()); !sync) return sync.error();
    // Db::open sets a 5 s busy timeout: someone reading the file with the sqlite3 shell
    // holds its lock for a moment, and the request that writes then waits for them.
    return std::make_unique<Storage>(std::move(db).value());
}

Result<bool> Storage::seed_demo_data_if_empty() {
    std::lock_guard lock(mutex_);
    {
        Stmt any_customer = db_.prepare("SELECT EXISTS (SELECT 1 FROM customers)");
        Result<bool> row = any_customer.step();
        if (!row) return row.error();
        if (any_customer.boolean(0)) return false;
    }
    if (Status seeded = seed_demo_data(db_); !seeded) return seeded.error();
    // The demo rows were written outside sync: give them change numbers so clients pull them.
    if (Status numbered = prepare_sync_storage(db_); !numbered) return numbered.error();
    return true;
}

}  // namespace crm
