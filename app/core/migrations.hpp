// Numbered schema migrations, applied at start on both the client and the server.
//
// The schema version lives in SQLite's own PRAGMA user_version, so a database image
// exported by one build and imported by a later one knows which steps it still needs.
// Each migration runs in its own transaction together with the version bump: a failed
// step leaves the database exactly at the previous version.
#pragma once

#include <span>
#include <string_view>

#include "core/db.hpp"

namespace crm {

struct Migration {
    int version;       // 1, 2, 3, ... with no gaps
    const char* name;  // for logs
    const char* sql;
};

int schema_version(Db& db);

// Applies every migration newer than the database's version, in order. Returns the
// version reached. Refuses a database newer than this build knows (downgrades lose data).
Result<int> migrate(Db& db, std::span<const Migration> migrations);

// The same for a named chain of migrations that only one side has (the server's users and
// sync bookkeeping, the client's outbox): its version is kept in the table schema_chains,
// so each chain counts from 1 on its own and the shared schema's user_version is untouched.
int chain_version(Db& db, std::string_view chain);
Result<int> migrate(Db& db, std::span<const Migration> migrations, std::string_view chain);

}  // namespace crm
