// Tests for web/storage: the server's SQLite file.
#include <doctest/doctest.h>

#include <memory>

#include "storage.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

TEST_CASE("the server's storage opens at the latest schema and waits 5 seconds for a locked file") {
    Result<std::unique_ptr<Storage>> storage = Storage::open(":memory:");
    REQUIRE_OK(storage);
    storage.value()->with_db([](Db& db) {
        CHECK(scalar(db, "PRAGMA busy_timeout") == 5000);  // set once, by Db::open
        CHECK(scalar(db, "PRAGMA user_version") == schema_migrations().back().version);
    });
}
