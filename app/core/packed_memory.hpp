// Compact memory: in-memory SQLite databases whose pages are kept compressed, in an SQLite VFS
// ("crm-packed") where a database file is a list of 16 KB chunks in the heap, each compressed
// with LZ4 on its own, the 64 chunks used last held decompressed.
//
// The client's database lives in memory (nothing is left behind after logout), and at
// 100,000 customers with a million activities its pages take over 700 MB: more than a
// browser tab on a machine short of memory can hold. Those pages (text UUIDs, ISO times,
// repeated names) compress 2.5-fold, so a person can choose to keep the database
// compressed, with SQLite's page cache holding the pages in use uncompressed. It costs time:
// a page out of both caches costs its chunk's decompression to read (about 6 us in wasm), and
// a chunk written its compression (about 26 us) when it leaves the chunks held decompressed;
// generating the sandbox's largest data takes 10 to 20 % longer, and screens that read a million
// activities in index order run 3 to 4.5 times slower (tests/bench/RESULTS.md). So the
// sandbox uses it for data of over 400 MB only (domain/demo_data: compact_memory_advised),
// where the memory matters more, and SQLite's own in-memory database otherwise; a person can
// choose either (the Reset dialog, ?memory=compact or ?memory=uncompressed).
//
// With compact memory on, Db::open(":memory:") and Db::open_image open their database here;
// nothing else needs to know. SQLite's temporary files (a large sort's runs, a temporary
// table that outgrows its cache; they have no name) go to the default VFS as before: in the
// browser Emscripten's in-memory file system, natively the temporary folder. A named journal
// is a private packed file, but Db::open keeps the journal in memory (journal_mode MEMORY)
// with the lock held for good (locking_mode EXCLUSIVE): that is what lets SQLite play the
// journal back after a failed write, as this VFS keeps no journal to find at the next open.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;

namespace crm {

inline constexpr const char* kPackedMemoryVfs = "crm-packed";
// The size of the pieces a file is kept in, each compressed on its own.
inline constexpr int64_t kPackedMemoryChunk = 16 * 1024;

// Whether in-memory databases opened from now on are compact (off at start). Those already
// open stay as they are.
void set_compact_memory(bool on);
bool compact_memory();

// Registers the VFS with SQLite once (later calls do nothing). Returns an SQLite result code.
int register_packed_memory_vfs();

// A name no other packed database has, to open with the VFS.
std::string new_packed_memory_name();

// A database file saved in WAL mode (bytes 18 and 19 of its header are 2) is imported as a
// rollback-journal one, compact or not: there is no WAL beside an image, and an in-memory
// database has no shared memory for one. Rewrites those bytes of `header` (the file's first
// `size` bytes) and says so when it was such a file.
bool read_wal_image_as_rollback(unsigned char* header, size_t size);

// Makes `image` (a database file's bytes) the content of the packed database `name` when
// it is next opened, compressed chunk by chunk as it is staged: importing an image never
// holds it uncompressed twice. A staged image nobody opens stays until the process ends.
// False when memory ran out (nothing is staged then).
bool stage_packed_memory_image(const std::string& name, std::string_view image);
// Drops an image staged for `name` that will not be opened after all (its open failed).
void discard_staged_packed_memory_image(const std::string& name);

// How many of SQLite's temporary files the VFS has handed to the default one (for tests).
int64_t packed_memory_temporary_files_opened();

struct PackedMemoryStats {
    int64_t file_bytes = 0;    // the database file's size, as SQLite sees it
    int64_t stored_bytes = 0;  // what it takes in the heap, its cached chunks included
    int64_t cached_bytes = 0;  // of which chunks held decompressed (at most 64, 1 MB)
    int64_t chunks = 0;
    int64_t raw_chunks = 0;    // kept uncompressed, as compressing did not make them smaller
    int64_t packed_chunks = 0; // kept compressed (a chunk never written out of the cache is neither)
    int64_t packed_bytes = 0;  // what those take compressed
    int64_t chunks_read = 0;   // since the file was made: decompressions, mostly
    int64_t chunks_written = 0;
};

// Whether the main database of `db` is a packed one (cheap: no chunk is looked at).
bool is_packed_memory(sqlite3* db);

// The figures of the main database of `db`; false when it is not a packed database.
bool packed_memory_stats(sqlite3* db, PackedMemoryStats& stats);

}  // namespace crm
