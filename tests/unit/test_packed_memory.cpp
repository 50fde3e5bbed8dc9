// Tests for core/packed_memory: compact memory, the VFS that keeps an in-memory database's
// pages compressed.
// Each test turns compact memory on and gives SQLite a cache of a few pages, so that what it
// reads comes back through the store (decompressed) rather than from the cache.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/db.hpp"
#include "core/db_image.hpp"
#include "core/packed_memory.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

// Compact memory on while it lives.
struct Compact {
    const bool kept = compact_memory();
    Compact() { set_compact_memory(true); }
    ~Compact() { set_compact_memory(kept); }
};

Db packed_db(int page_size = 4096) {
    Result<Db> db = Db::open(":memory:");
    REQUIRE_OK(db);
    // The page size of a new database is set before its first table.
    REQUIRE_OK(db.value().exec("PRAGMA page_size = " + std::to_string(page_size) + "; PRAGMA cache_size = 10;"));
    return std::move(db).value();
}

PackedMemoryStats stats_of(Db& db) {
    PackedMemoryStats stats;
    REQUIRE(packed_memory_stats(db.handle(), stats));
    return stats;
}

// 20,000 rows of text like a CRM's (ids, times, names): about 2.2 MB of pages, some 140
// chunks, more than the 64 the store holds decompressed.
void fill(Db& db, int rows = 20000) {
    REQUIRE_OK(db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, at TEXT);"
                       "CREATE INDEX t_name ON t (name);"));
    REQUIRE_OK(db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                       std::to_string(rows) +
                       ") INSERT INTO t SELECT i, printf('Customer %06d Trading Co., Ltd', i * 7919 % 100003),"
                       " printf('2026-%02d-%02dT08:%02d:00.000Z', i % 12 + 1, i % 28 + 1, i % 60) FROM n"));
}

std::string checksum(Db& db) {
    Stmt sum = db.prepare("SELECT count(*) || ':' || sum(length(name)) || ':' || sum(id * unicode(substr(name, 10, 1))) ||"
                          " ':' || total(length(at)) FROM t");
    REQUIRE(sum.step().value_or(false));
    return sum.text(0);
}

}  // namespace

TEST_CASE("a compact database keeps its pages compressed and reads them back as written") {
    Compact compact;
    Db db = packed_db();
    fill(db);
    const std::string before = checksum(db);
    PackedMemoryStats stats = stats_of(db);
    CHECK(stats.file_bytes == scalar(db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size"));
    CHECK(stats.chunks == (stats.file_bytes + kPackedMemoryChunk - 1) / kPackedMemoryChunk);
    // Most chunks were written out of the 64 held decompressed, compressed: text like this
    // packs at least twofold; and the whole takes less than the file, the 1 MB held included.
    REQUIRE(stats.packed_chunks > 64);
    CHECK(stats.packed_bytes * 2 < stats.packed_chunks * kPackedMemoryChunk);
    CHECK(stats.stored_bytes < stats.file_bytes);
    // With a cache of 10 pages, a scan reads (decompresses) the table's chunks from the store.
    const int64_t read_before = stats.chunks_read;
    CHECK(scalar(db, "SELECT count(*) FROM t WHERE name LIKE '%9%'") > 0);
    CHECK(stats_of(db).chunks_read > read_before + 100);
    CHECK(checksum(db) == before);
    CHECK(scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1);
}

TEST_CASE("pages written in a run are compressed once a chunk, not once a page") {
    Compact compact;
    Db db = packed_db();
    // Appends only (no index): SQLite writes the pages out of its cache of 10 in runs of
    // neighbours, which land in the chunks held decompressed.
    REQUIRE_OK(db.exec("CREATE TABLE log (id INTEGER PRIMARY KEY, line TEXT);"
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                       " INSERT INTO log SELECT i, printf('2026-12-07T08:%02d:00.000Z line %06d of the log', i % 60, i) FROM n"));
    const PackedMemoryStats stats = stats_of(db);
    REQUIRE(stats.chunks > 64);
    // A chunk holds four pages: compressing once a page would be four times the chunks.
    CHECK(stats.chunks_written < 2 * stats.chunks);
    CHECK(scalar(db, "SELECT count(*) FROM log WHERE line LIKE '%line 01%'") == 10000);
}

TEST_CASE("a rolled-back transaction leaves the store as it was, even after its pages spilled into it") {
    Compact compact;
    Db db = packed_db();
    fill(db);
    const std::string before = checksum(db);
    const int64_t written = stats_of(db).chunks_written;
    {
        Tx tx(db);
        REQUIRE_OK(db.exec("UPDATE t SET name = upper(name) || ' (renamed)', at = ''"));
        REQUIRE_OK(db.exec("DELETE FROM t WHERE id % 3 = 0"));
        // Far more pages changed than the cache holds: they were written to the store.
        CHECK(stats_of(db).chunks_written > written + 100);
    }  // no commit
    CHECK(checksum(db) == before);
    CHECK(scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1);
}

TEST_CASE("pages smaller or larger than the store's chunks are written and read whole") {
    Compact compact;
    for (int page_size : {1024, 4096, 65536}) {
        CAPTURE(page_size);
        Db db = packed_db(page_size);
        fill(db, 15000);
        REQUIRE(stats_of(db).packed_chunks > 0);  // through the store, not only the chunks held
        CHECK(scalar(db, "PRAGMA page_size") == page_size);
        const std::string before = checksum(db);
        // Deleting most rows and vacuuming shrinks the file, then it grows again.
        REQUIRE_OK(db.exec("DELETE FROM t WHERE id > 100; VACUUM;"));
        const int64_t shrunk = stats_of(db).file_bytes;
        CHECK(shrunk < 5 * 65536 + 65536);
        REQUIRE_OK(db.exec("DELETE FROM t; DROP INDEX t_name; DROP TABLE t;"));
        fill(db, 15000);
        CHECK(stats_of(db).file_bytes > shrunk);
        CHECK(checksum(db) == before);
        CHECK(scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1);
    }
}

TEST_CASE("compact databases are separate, leave no file behind, and sort through temporary files") {
    Compact compact;
    const auto files_before = std::distance(std::filesystem::directory_iterator("."), std::filesystem::directory_iterator());
    Db first = packed_db();
    Db second = packed_db();
    fill(first, 1000);
    CHECK(scalar(second, "SELECT count(*) FROM sqlite_schema") == 0);
    // A temporary table that outgrows its cache of 5 pages is a temporary file, which this
    // VFS hands to the default one.
    const int64_t opened = packed_memory_temporary_files_opened();
    REQUIRE_OK(first.exec("PRAGMA temp_store = FILE; PRAGMA temp.cache_size = 5;"
                          "CREATE TEMP TABLE copy AS SELECT * FROM t ORDER BY at, name;"
                          "INSERT INTO temp.copy SELECT * FROM temp.copy; INSERT INTO temp.copy SELECT * FROM temp.copy;"));
    CHECK(packed_memory_temporary_files_opened() > opened);
    CHECK(scalar(first, "SELECT count(*) FROM temp.copy") == 4000);
    CHECK(scalar(first, "SELECT count(DISTINCT name) FROM temp.copy") == scalar(first, "SELECT count(DISTINCT name) FROM t"));
    CHECK(std::distance(std::filesystem::directory_iterator("."), std::filesystem::directory_iterator()) == files_before);
}

TEST_CASE("an image imports into a compact database, a WAL-mode file included") {
    Compact compact;
    Db db = packed_db();
    fill(db);
    std::string image = export_image(db).value();
    Result<Db> imported = import_image(image);
    REQUIRE_OK(imported);
    CHECK(checksum(imported.value()) == checksum(db));
    PackedMemoryStats stats;
    REQUIRE(packed_memory_stats(imported.value().handle(), stats));
    CHECK(stats.file_bytes == static_cast<int64_t>(image.size()));
    CHECK(stats.packed_chunks > 0);  // imported through the store

    // A file saved in WAL mode without its -wal file: bytes 18 and 19 of the header are 2.
    image[18] = 2;
    image[19] = 2;
    Result<Db> wal = import_image(image);
    REQUIRE_OK(wal);
    CHECK(checksum(wal.value()) == checksum(db));
    REQUIRE_OK(wal.value().exec("INSERT INTO t (name, at) VALUES ('after import', '')"));
    CHECK(scalar(wal.value(), "SELECT count(*) FROM t") == 20001);

    // And the same file without compact memory, into SQLite's own in-memory database.
    set_compact_memory(false);
    Result<Db> plain = import_image(image);
    REQUIRE_OK(plain);
    PackedMemoryStats none;
    CHECK_FALSE(packed_memory_stats(plain.value().handle(), none));
    CHECK(checksum(plain.value()) == checksum(db));
    REQUIRE_OK(plain.value().exec("INSERT INTO t (name, at) VALUES ('after import', '')"));
}

TEST_CASE("compact memory is a choice: in-memory databases opened while it is on are packed") {
    REQUIRE_FALSE(compact_memory());
    Db plain = std::move(Db::open(":memory:")).value();
    PackedMemoryStats stats;
    CHECK_FALSE(packed_memory_stats(plain.handle(), stats));
    std::optional<Db> packed;
    {
        Compact compact;
        packed = std::move(Db::open(":memory:")).value();
    }
    CHECK(packed_memory_stats(packed->handle(), stats));
    // Switching it off leaves the open one as it is; the next one is SQLite's own again.
    fill(*packed, 100);
    CHECK(scalar(*packed, "SELECT count(*) FROM t") == 100);
    Result<Db> imported = import_image(export_image(*packed).value());
    REQUIRE_OK(imported);
    CHECK_FALSE(packed_memory_stats(imported.value().handle(), stats));
    CHECK(scalar(imported.value(), "SELECT count(*) FROM t") == 100);
}

TEST_CASE("a database on disk is not a packed one") {
    const std::string path = "packed_memory_test.sqlite";
    std::filesystem::remove(path);
    {
        Result<Db> db = Db::open(path);
        REQUIRE_OK(db);
        PackedMemoryStats stats;
        CHECK_FALSE(packed_memory_stats(db.value().handle(), stats));
    }
    std::filesystem::remove(path);
}
