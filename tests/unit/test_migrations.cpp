// Tests for core/migrations: numbered schema steps recorded in PRAGMA user_version,
// and the CRM's own list of migrations (domain/schema).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "core/id.hpp"
#include "core/migrations.hpp"
#include "domain/schema.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::fresh_db;
using crm::test::scalar;

namespace {

const Migration kThreeSteps[] = {
    {1, "create notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"},
    {2, "first note", "INSERT INTO notes (body) VALUES ('hello');"},
    {3, "note authors", "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'system';"},
};

int64_t table_count(Db& db, const char* name) {
    Stmt stmt = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    stmt.bind(1, name);
    REQUIRE(stmt.step().value());
    return stmt.int64(0);
}

}  // namespace

TEST_CASE("a new database is at schema version 0") {
    Db db = fresh_db();
    CHECK(schema_version(db) == 0);
}

TEST_CASE("migrations apply in order and the version reached is recorded in PRAGMA user_version") {
    Db db = fresh_db();
    Result<int> version = migrate(db, kThreeSteps);
    REQUIRE_OK(version);
    CHECK(version.value() == 3);
    CHECK(schema_version(db) == 3);
    CHECK(scalar(db, "PRAGMA user_version") == 3);
    // Step 2 needed the table of step 1, and step 3 altered the row step 2 wrote.
    CHECK(crm::test::scalar_text(db, "SELECT author FROM notes WHERE body = ?1", "hello") == "system");
}

TEST_CASE("running the migrations a second time is a no-op") {
    Db db = fresh_db();
    REQUIRE_OK(migrate(db, kThreeSteps));
    Result<int> again = migrate(db, kThreeSteps);
    REQUIRE_OK(again);
    CHECK(again.value() == 3);
    CHECK(scalar(db, "SELECT count(*) FROM notes") == 1);  // step 2 did not insert twice
}

TEST_CASE("a database at an older version gets only the steps it is missing") {
    Db db = fresh_db();
    Result<int> first = migrate(db, std::span<const Migration>(kThreeSteps).first(2));
    REQUIRE_OK(first);
    CHECK(first.value() == 2);
    REQUIRE_OK(db.exec("INSERT INTO notes (body) VALUES ('written by the older build')"));

    Result<int> later = migrate(db, kThreeSteps);
    REQUIRE_OK(later);
    CHECK(later.value() == 3);
    CHECK(scalar(db, "SELECT count(*) FROM notes") == 2);
    CHECK(scalar(db, "SELECT count(*) FROM notes WHERE author = 'system'") == 2);
}

TEST_CASE("a failing migration leaves the previous version and no partial tables") {
    Db db = fresh_db();
    const Migration broken[] = {
        kThreeSteps[0],
        {2, "half done", "CREATE TABLE partial (x); INSERT INTO partial VALUES (1); INSERT INTO missing VALUES (1);"},
        {3, "never reached", "CREATE TABLE later (x);"},
    };
    Result<int> version = migrate(db, broken);
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().code == "migration");
    CHECK(version.error().message.find("half done") != std::string::npos);
    CHECK(version.error().message.find("no such table: missing") != std::string::npos);

    CHECK(schema_version(db) == 1);
    CHECK(table_count(db, "notes") == 1);
    CHECK(table_count(db, "partial") == 0);
    CHECK(table_count(db, "later") == 0);
    CHECK(sqlite3_get_autocommit(db.handle()) != 0);  // the failed step's transaction is closed

    SUBCASE("a fixed build then continues from the version the database is at") {
        const Migration fixed[] = {
            kThreeSteps[0],
            {2, "done right", "CREATE TABLE partial (x); INSERT INTO partial VALUES (1);"},
            {3, "reached", "CREATE TABLE later (x);"},
        };
        Result<int> retry = migrate(db, fixed);
        REQUIRE_OK(retry);
        CHECK(retry.value() == 3);
        CHECK(scalar(db, "SELECT count(*) FROM partial") == 1);
        CHECK(table_count(db, "later") == 1);
    }
}

TEST_CASE("a database newer than the build is refused and left untouched") {
    Db db = fresh_db();
    REQUIRE_OK(db.exec("PRAGMA user_version = 7"));
    Result<int> version = migrate(db, kThreeSteps);
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().code == "schema_too_new");
    CHECK(version.error().message.find('7') != std::string::npos);
    CHECK(schema_version(db) == 7);
    CHECK(table_count(db, "notes") == 0);
}

TEST_CASE("an empty list of migrations leaves a new database at version 0") {
    Db db = fresh_db();
    Result<int> version = migrate(db, {});
    REQUIRE_OK(version);
    CHECK(version.value() == 0);
    CHECK(schema_version(db) == 0);
}

TEST_CASE("the CRM's migrations are numbered 1, 2, 3 ... without gaps") {
    std::span<const Migration> migrations = schema_migrations();
    REQUIRE_FALSE(migrations.empty());
    int expected = 1;
    for (const Migration& migration : migrations) {
        CHECK(migration.version == expected++);
        CHECK(std::string(migration.name).size() > 0);
    }
}

TEST_CASE("open_crm_database brings a new database to the latest schema with the synced tables") {
    Db db = crm::test::fresh_crm_db();
    CHECK(schema_version(db) == schema_migrations().back().version);
    CHECK(table_count(db, "customers") == 1);
    CHECK(table_count(db, "contacts") == 1);
    // Every synced table carries the sync columns of DESIGN.md.
    for (const char* table : {"customers", "contacts"}) {
        for (const char* column : {"id", "rev", "created_at", "updated_at", "updated_by", "owner_id", "deleted"}) {
            INFO(std::string(table) << "." << std::string(column));
            Stmt stmt = db.prepare("SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2");
            stmt.bind_all(table, column);
            REQUIRE(stmt.step().value());
            CHECK(stmt.int64(0) == 1);
        }
    }
}

TEST_CASE("reopening a CRM database file keeps its data and applies nothing twice") {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("crm-unit-migrations-" + new_id() + ".sqlite");
    {
        Result<Db> db = open_crm_database(path.string());
        REQUIRE_OK(db);
        REQUIRE_OK(db.value().exec("INSERT INTO customers (id, kind, name, created_at, updated_at) "
                                   "VALUES ('c1', 'company', 'Kept', 'x', 'x')"));
    }
    {
        Result<Db> db = open_crm_database(path.string());
        REQUIRE_OK(db);
        CHECK(schema_version(db.value()) == schema_migrations().back().version);
        CHECK(scalar(db.value(), "SELECT count(*) FROM customers") == 1);
    }
    std::filesystem::remove(path);
}

TEST_CASE("open_crm_database refuses a database written by a newer build") {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("crm-unit-newer-" + new_id() + ".sqlite");
    {
        Result<Db> db = Db::open(path.string());
        REQUIRE_OK(db);
        REQUIRE_OK(db.value().exec("PRAGMA user_version = 9999"));
    }
    Result<Db> db = open_crm_database(path.string());
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == "schema_too_new");
    std::filesystem::remove(path);
}

TEST_CASE("a named chain keeps its own version and leaves user_version to the shared schema") {
    Db db = fresh_db();
    REQUIRE_OK(migrate(db, kThreeSteps));
    const Migration server_only[] = {
        {1, "audit", "CREATE TABLE audit (id INTEGER PRIMARY KEY);"},
        {2, "audit note", "ALTER TABLE audit ADD COLUMN note TEXT NOT NULL DEFAULT '';"},
    };
    Result<int> version = migrate(db, server_only, "server");
    REQUIRE_OK(version);
    CHECK(version.value() == 2);
    CHECK(chain_version(db, "server") == 2);
    CHECK(chain_version(db, "client") == 0);
    CHECK(schema_version(db) == 3);
    CHECK(table_count(db, "audit") == 1);

    Result<int> again = migrate(db, server_only, "server");  // nothing left to do
    REQUIRE_OK(again);
    CHECK(again.value() == 2);
    Result<int> older = migrate(db, std::span<const Migration>(server_only).first(1), "server");
    REQUIRE_FALSE(older.ok());
    CHECK(older.error().code == "schema_too_new");
}
