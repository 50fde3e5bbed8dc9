#include "core/packed_memory.hpp"

#include <sqlite3.h>
#include <lz4.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace crm {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Chunks: a file as 16 KB pieces, each compressed on its own
//-----------------------------------------------------------------------------

// Four of SQLite's 4 KB pages a chunk. LZ4 on the sandbox's pages, in wasm: 2.5x at 6.5 us a
// page to compress and 1.6 us to decompress, where zstd level 1 on single pages (the first
// version of this file) gave 2.8x at 25 us and 13 us. Larger chunks compress better (32 KB:
// 2.8x) but a page read out of one not held below costs the whole chunk's decompression, and
// the screens that read activities in index order went 1.5x slower with 32 KB than with 16 KB;
// 4 KB ones compress to 2.1x, which leaves the largest sandbox over 400 MB
// (tests/bench/RESULTS.md).
constexpr int64_t kChunk = kPackedMemoryChunk;
// What the VFS tells SQLite its writes are atomic in: a page, not a chunk.
constexpr int kSectorSize = 4096;
// Chunks held decompressed, the least recently used going first: a scan reads a chunk's pages from
// one decompression, and the pages SQLite writes out of its cache, which come in runs of
// neighbours, are compressed once a chunk rather than once a page. 64 chunks: 1 MB a file.
constexpr int kCachedChunks = 64;
// Chunk buffers are sized in steps, so that a chunk compressed again to a few bytes more or
// fewer keeps its buffer.
constexpr uint32_t kStep = 256;
// The file control that reads a file's figures (PackedMemoryStats); SQLite keeps the
// opcodes below 100 for itself.
constexpr int kStatsOp = 0x43524d00;

// LZ4's working state and a chunk's worth of output, one per thread: a connection is used by
// one thread at a time, and the server's test helpers may open in-memory databases on
// several. (Not on the stack: wasm's is small.)
struct Lz4Work {
    LZ4_stream_t state;
    char packed[LZ4_COMPRESSBOUND(kChunk)];
};

Lz4Work& lz4_work() {
    thread_local Lz4Work work;
    return work;
}

std::atomic<bool> g_compact{false};

class PackedFile {
public:
    PackedFile() = default;
    PackedFile(const PackedFile&) = delete;
    PackedFile& operator=(const PackedFile&) = delete;
    ~PackedFile() {
        for (Chunk& chunk : chunks_) std::free(chunk.bytes);
    }

    int64_t size() const { return size_; }

    // Fills `out` with `amount` bytes at `offset`; past the end of the file, with zeros.
    // Returns SQLITE_OK, SQLITE_IOERR_SHORT_READ when part of it was past the end, or
    // SQLITE_NOMEM when there was no memory to decompress into.
    int read(void* out, int64_t amount, int64_t offset) {
        auto* to = static_cast<unsigned char*>(out);
        const int64_t present = std::clamp<int64_t>(size_ - offset, 0, amount);
        std::memset(to + present, 0, static_cast<size_t>(amount - present));
        for (int64_t done = 0; done < present;) {
            const int64_t index = (offset + done) / kChunk;
            const int64_t within = (offset + done) % kChunk;
            const int64_t count = std::min(present - done, kChunk - within);
            const Cached* cached = cached_chunk(index, true);
            if (!cached) return SQLITE_NOMEM;
            std::memcpy(to + done, cached->bytes.get() + within, static_cast<size_t>(count));
            done += count;
        }
        return present == amount ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
    }

    bool write(const void* in, int64_t amount, int64_t offset) {
        const auto* from = static_cast<const unsigned char*>(in);
        const int64_t end = offset + amount;
        if (end > size_) {
            chunks_.resize(static_cast<size_t>((end + kChunk - 1) / kChunk));
            size_ = end;
        }
        while (amount > 0) {
            const int64_t index = offset / kChunk;
            const int64_t within = offset % kChunk;
            const int64_t count = std::min(amount, kChunk - within);
            // A chunk written whole need not be read first.
            Cached* cached = cached_chunk(index, within != 0 || count != kChunk);
            if (!cached) return false;
            std::memcpy(cached->bytes.get() + within, from, static_cast<size_t>(count));
            cached->dirty = true;
            from += count;
            offset += count;
            amount -= count;
        }
        return true;
    }

    bool truncate(int64_t size) {
        if (size >= size_) return true;  // SQLite only ever shrinks a file this way
        const auto kept = static_cast<int64_t>((size + kChunk - 1) / kChunk);
        // The bytes past the new end inside the last chunk read as zeros if the file grows
        // again. Done first: it is the one step that can fail (no memory), and then the file
        // is as it was.
        if (const int64_t tail = size % kChunk; tail != 0) {
            Cached* cached = cached_chunk(kept - 1, true);
            if (!cached) return false;
            std::memset(cached->bytes.get() + tail, 0, static_cast<size_t>(kChunk - tail));
            cached->dirty = true;
        }
        for (Cached& cached : cache_) {
            if (cached.index >= kept) cached = Cached{-1, false, 0, std::move(cached.bytes)};
        }
        for (size_t i = static_cast<size_t>(kept); i < chunks_.size(); ++i) std::free(chunks_[i].bytes);
        chunks_.resize(static_cast<size_t>(kept));
        size_ = size;
        return true;
    }

    PackedMemoryStats stats() const {
        PackedMemoryStats stats;
        stats.file_bytes = size_;
        stats.stored_bytes = static_cast<int64_t>(chunks_.capacity() * sizeof(Chunk));
        for (const Chunk& chunk : chunks_) {
            stats.stored_bytes += chunk.capacity;
            stats.chunks += 1;
            stats.raw_chunks += chunk.size == kChunk ? 1 : 0;
            if (chunk.size > 0 && chunk.size < kChunk) {
                stats.packed_chunks += 1;
                stats.packed_bytes += chunk.size;
            }
        }
        // Buffers of chunks truncated away are kept for the next ones: memory all the same.
        for (const Cached& cached : cache_) stats.cached_bytes += cached.bytes ? kChunk : 0;
        stats.stored_bytes += stats.cached_bytes;
        stats.chunks_read = loads_;
        stats.chunks_written = stores_;
        return stats;
    }

private:
    struct Chunk {
        unsigned char* bytes = nullptr;  // none: a chunk never written, all zeros
        uint32_t size = 0;               // kChunk: kept uncompressed
        uint32_t capacity = 0;
    };

    // A chunk held decompressed; dirty when it was written since it was compressed.
    struct Cached {
        int64_t index = -1;
        bool dirty = false;
        uint64_t used = 0;
        std::unique_ptr<unsigned char[]> bytes;
    };

    // The chunk `index` (inside the file) decompressed, read from its compressed bytes when
    // `fill` (else its content is left to the caller to overwrite). Null when memory ran
    // out: then nothing changed.
    Cached* cached_chunk(int64_t index, bool fill) {
        ++clock_;
        Cached* victim = &cache_[0];
        for (Cached& cached : cache_) {
            if (cached.index == index) {
                cached.used = clock_;
                return &cached;
            }
            if (cached.used < victim->used) victim = &cached;
        }
        if (!victim->bytes) {
            victim->bytes.reset(new (std::nothrow) unsigned char[kChunk]);
            if (!victim->bytes) return nullptr;
        }
        if (victim->dirty) {
            if (!store(victim->index, victim->bytes.get())) return nullptr;
            victim->dirty = false;
        }
        if (fill) load(index, victim->bytes.get());
        victim->index = index;
        victim->used = clock_;
        return victim;
    }

    void load(int64_t index, unsigned char* out) {
        const Chunk& chunk = chunks_[static_cast<size_t>(index)];
        if (!chunk.bytes) {
            std::memset(out, 0, kChunk);
        } else if (chunk.size == kChunk) {
            std::memcpy(out, chunk.bytes, kChunk);
        } else {
            ++loads_;
            const int made = LZ4_decompress_safe(reinterpret_cast<const char*>(chunk.bytes), reinterpret_cast<char*>(out),
                                                 static_cast<int>(chunk.size), static_cast<int>(kChunk));
            // Our own bytes, compressed by us: anything else is memory gone bad.
            if (made != kChunk) std::abort();
        }
    }

    bool store(int64_t index, const unsigned char* bytes) {
        Chunk& chunk = chunks_[static_cast<size_t>(index)];
        Lz4Work& work = lz4_work();
        int size = LZ4_compress_fast_extState(&work.state, reinterpret_cast<const char*>(bytes), work.packed,
                                              static_cast<int>(kChunk), static_cast<int>(sizeof work.packed), 1);
        const unsigned char* keep = reinterpret_cast<const unsigned char*>(work.packed);
        if (size <= 0 || size >= kChunk) {
            size = static_cast<int>(kChunk);
            keep = bytes;
        }
        const auto need = (static_cast<uint32_t>(size) + kStep - 1) / kStep * kStep;
        // A buffer much larger than needed is given back; one a step or so larger is kept.
        // The new one is had before the old one goes: when memory runs out, the chunk keeps
        // what it held, and a smaller one can stay in the buffer it has.
        if (chunk.capacity < need || chunk.capacity > need + 4 * kStep) {
            auto* bytes_now = static_cast<unsigned char*>(std::malloc(need));
            if (bytes_now) {
                std::free(chunk.bytes);
                chunk.bytes = bytes_now;
                chunk.capacity = need;
            } else if (chunk.capacity < need) {
                return false;
            }
        }
        std::memcpy(chunk.bytes, keep, static_cast<size_t>(size));
        chunk.size = static_cast<uint32_t>(size);
        ++stores_;
        return true;
    }

    std::vector<Chunk> chunks_;
    std::array<Cached, kCachedChunks> cache_;
    uint64_t clock_ = 0;
    int64_t size_ = 0;
    int64_t loads_ = 0;
    int64_t stores_ = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Images staged for their first open
//-----------------------------------------------------------------------------

std::mutex g_staged_mutex;
std::map<std::string, std::unique_ptr<PackedFile>, std::less<>> g_staged;

std::atomic<int64_t> g_delegated_opens{0};

std::unique_ptr<PackedFile> take_staged(std::string_view name) {
    std::lock_guard lock(g_staged_mutex);
    auto found = g_staged.find(name);
    if (found == g_staged.end()) return std::unique_ptr<PackedFile>(new (std::nothrow) PackedFile());
    std::unique_ptr<PackedFile> file = std::move(found->second);
    g_staged.erase(found);
    return file;
}

//-----------------------------------------------------------------------------
// [SECTION] The SQLite file and VFS
//-----------------------------------------------------------------------------

struct SqliteFile {
    sqlite3_file base;  // first, so SQLite's sqlite3_file* is ours
    PackedFile* file;
};

PackedFile& packed(sqlite3_file* file) { return *reinterpret_cast<SqliteFile*>(file)->file; }

sqlite3_vfs* default_vfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int file_close(sqlite3_file* file) {
    delete reinterpret_cast<SqliteFile*>(file)->file;
    return SQLITE_OK;
}

int file_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
    return packed(file).read(out, amount, offset);
}

int file_write(sqlite3_file* file, const void* in, int amount, sqlite3_int64 offset) {
    return packed(file).write(in, amount, offset) ? SQLITE_OK : SQLITE_IOERR_WRITE;
}

int file_truncate(sqlite3_file* file, sqlite3_int64 size) {
    return packed(file).truncate(size) ? SQLITE_OK : SQLITE_IOERR_TRUNCATE;
}

int file_sync(sqlite3_file*, int) { return SQLITE_OK; }

int file_size(sqlite3_file* file, sqlite3_int64* size) {
    *size = packed(file).size();
    return SQLITE_OK;
}

// One connection per file, in one process: there is no one to lock against.
int file_lock(sqlite3_file*, int) { return SQLITE_OK; }

int file_check_reserved_lock(sqlite3_file*, int* reserved) {
    *reserved = 0;
    return SQLITE_OK;
}

int file_control(sqlite3_file* file, int op, void* argument) {
    if (op != kStatsOp) return SQLITE_NOTFOUND;
    *static_cast<PackedMemoryStats*>(argument) = packed(file).stats();
    return SQLITE_OK;
}

int file_sector_size(sqlite3_file*) { return kSectorSize; }

int file_device_characteristics(sqlite3_file*) {
    return SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods kFileMethods = {
    1,  // iVersion: no shared memory (WAL) and no memory mapping
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_lock,
    file_check_reserved_lock,
    file_control,
    file_sector_size,
    file_device_characteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int vfs_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    // SQLite's temporary files (a sorter's runs, a temporary table) have no name: they go
    // where they went before, to the default VFS.
    if (!name) {
        g_delegated_opens.fetch_add(1);
        return default_vfs(vfs)->xOpen(default_vfs(vfs), name, file, flags, out_flags);
    }
    auto* ours = reinterpret_cast<SqliteFile*>(file);
    ours->base.pMethods = nullptr;
    ours->file = (flags & SQLITE_OPEN_MAIN_DB) ? take_staged(name).release() : new (std::nothrow) PackedFile();
    if (!ours->file) return SQLITE_NOMEM;
    ours->base.pMethods = &kFileMethods;
    if (out_flags) *out_flags = flags;
    return SQLITE_OK;
}

// A file lives as long as it is open: there is never one to delete or to find.
int vfs_delete(sqlite3_vfs*, const char*, int) { return SQLITE_OK; }

int vfs_access(sqlite3_vfs*, const char*, int, int* result) {
    *result = 0;
    return SQLITE_OK;
}

int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    sqlite3_snprintf(size, out, "%s", name);
    return SQLITE_OK;
}

void* vfs_dl_open(sqlite3_vfs* vfs, const char* name) { return default_vfs(vfs)->xDlOpen(default_vfs(vfs), name); }
void vfs_dl_error(sqlite3_vfs* vfs, int size, char* out) { default_vfs(vfs)->xDlError(default_vfs(vfs), size, out); }
void (*vfs_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
    return default_vfs(vfs)->xDlSym(default_vfs(vfs), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs* vfs, void* handle) { default_vfs(vfs)->xDlClose(default_vfs(vfs), handle); }
int vfs_randomness(sqlite3_vfs* vfs, int size, char* out) {
    return default_vfs(vfs)->xRandomness(default_vfs(vfs), size, out);
}
int vfs_sleep(sqlite3_vfs* vfs, int microseconds) { return default_vfs(vfs)->xSleep(default_vfs(vfs), microseconds); }
int vfs_current_time(sqlite3_vfs* vfs, double* now) { return default_vfs(vfs)->xCurrentTime(default_vfs(vfs), now); }
int vfs_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
    return default_vfs(vfs)->xGetLastError(default_vfs(vfs), size, out);
}
int vfs_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* now) {
    return default_vfs(vfs)->xCurrentTimeInt64(default_vfs(vfs), now);
}

sqlite3_vfs g_vfs = {
    2,       // iVersion: up to xCurrentTimeInt64
    0,       // szOsFile: set on registration (the default VFS's files are opened in ours)
    512,     // mxPathname
    nullptr, // pNext
    kPackedMemoryVfs,
    nullptr, // pAppData: the default VFS
    vfs_open,
    vfs_delete,
    vfs_access,
    vfs_full_pathname,
    vfs_dl_open,
    vfs_dl_error,
    vfs_dl_sym,
    vfs_dl_close,
    vfs_randomness,
    vfs_sleep,
    vfs_current_time,
    vfs_get_last_error,
    vfs_current_time_int64,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

int register_packed_memory_vfs() {
    static const int result = [] {
        sqlite3_vfs* fallback = sqlite3_vfs_find(nullptr);
        if (!fallback || fallback->iVersion < 2) return SQLITE_ERROR;
        g_vfs.pAppData = fallback;
        g_vfs.szOsFile = std::max(static_cast<int>(sizeof(SqliteFile)), fallback->szOsFile);
        return sqlite3_vfs_register(&g_vfs, 0);
    }();
    return result;
}

std::string new_packed_memory_name() {
    static std::atomic<uint64_t> next{1};
    return "crm-memory-" + std::to_string(next.fetch_add(1));
}

bool read_wal_image_as_rollback(unsigned char* header, size_t size) {
    if (size < 20 || header[18] != 2 || header[19] != 2) return false;
    header[18] = header[19] = 1;
    return true;
}

bool stage_packed_memory_image(const std::string& name, std::string_view image) {
    auto file = std::make_unique<PackedFile>();
    for (size_t offset = 0; offset < image.size(); offset += kChunk) {
        const size_t count = std::min(image.size() - offset, static_cast<size_t>(kChunk));
        if (!file->write(image.data() + offset, static_cast<int64_t>(count), static_cast<int64_t>(offset))) return false;
    }
    if (unsigned char header[20]; image.size() >= sizeof header) {
        std::memcpy(header, image.data(), sizeof header);
        if (read_wal_image_as_rollback(header, sizeof header) && !file->write(header + 18, 2, 18)) return false;
    }
    std::lock_guard lock(g_staged_mutex);
    g_staged[name] = std::move(file);
    return true;
}

void discard_staged_packed_memory_image(const std::string& name) {
    std::lock_guard lock(g_staged_mutex);
    g_staged.erase(name);
}

int64_t packed_memory_temporary_files_opened() { return g_delegated_opens.load(); }

void set_compact_memory(bool on) { g_compact = on; }

bool compact_memory() { return g_compact; }

bool is_packed_memory(sqlite3* db) {
    sqlite3_vfs* vfs = nullptr;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK && vfs == &g_vfs;
}

bool packed_memory_stats(sqlite3* db, PackedMemoryStats& stats) {
    return is_packed_memory(db) && sqlite3_file_control(db, "main", kStatsOp, &stats) == SQLITE_OK;
}

}  // namespace crm
