// The server's own SQLite file. It has the same schema and migrations as the client's
// in-memory database (domain/schema), so both sides agree on every table and column, plus
// the server's own tables in named migration chains (users and sessions: "auth", auth.hpp).
//
// httplib answers each request on a thread of its pool, and all of them share one
// connection, one request at a time. A mutex, not SQLite's own locking, keeps them apart:
// a prepared statement or a transaction spans several calls on the connection, and two
// threads interleaving there would mix their statements. The server's work per request is
// small, so one queue is simpler than a pool of connections and cannot hit SQLITE_BUSY
// between its own threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "core/db.hpp"

namespace crm {

class Storage {
public:
    // Opens (or creates) the file and brings it and the server's chains to the latest schema.
    static Result<std::unique_ptr<Storage>> open(const std::string& path);

    explicit Storage(Db db) : db_(std::move(db)) {}
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;

    // Runs `work(Db&)` while holding the connection, and returns what it returns.
    // Everything that touches the database goes through here.
    template <class Work>
    decltype(auto) with_db(Work&& work) {
        std::lock_guard lock(mutex_);
        return std::forward<Work>(work)(db_);
    }

    // Seeds the demo dataset when the customers table has no rows at all. Tombstoned
    // customers count as rows: a database whose customers were all deleted is not new, and
    // must not come back to life full of demo companies. True when it seeded.
    Result<bool> seed_demo_data_if_empty();

private:
    std::mutex mutex_;
    Db db_;
};

}  // namespace crm
