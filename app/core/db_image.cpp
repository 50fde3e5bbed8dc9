#include "core/db_image.hpp"

#include <sqlite3.h>

#include <cstring>

namespace crm {

Result<std::string> export_image(Db& db) {
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db.handle(), "main", &size, 0);
    if (!bytes) return Error{"db", "could not serialize the database (out of memory)", {}};
    std::string image(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
    sqlite3_free(bytes);
    return image;
}

Result<Db> import_image(std::string_view bytes) {
    // The SQLite file header: every database file starts with these 16 bytes.
    static constexpr std::string_view kHeader("SQLite format 3\0", 16);
    if (bytes.size() < 512 || bytes.substr(0, kHeader.size()) != kHeader) {
        return Error{"not_a_database", "the file is not a SQLite database", {}};
    }
    Result<Db> db = Db::open(":memory:");
    if (!db) return db;
    // SQLite takes ownership of a buffer from sqlite3_malloc64 and frees it on close.
    auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
    if (!buffer) return Error{"db", "out of memory", {}};
    std::memcpy(buffer, bytes.data(), bytes.size());
    const auto size = static_cast<sqlite3_int64>(bytes.size());
    int rc = sqlite3_deserialize(db.value().handle(), "main", buffer, size, size,
                                 SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
    if (rc != SQLITE_OK) return Error{"not_a_database", "the file could not be opened: " + db.value().last_error(), {}};
    // A damaged file can look fine until a page is read: check every page now. Even this
    // can fail to prepare, when the damage is in the schema's own text.
    Result<Stmt> prepared = db.value().try_prepare("PRAGMA quick_check");
    if (!prepared) return Error{"not_a_database", "the file is damaged: " + prepared.error().message, {}};
    Stmt& check = prepared.value();
    Result<bool> row = check.step();
    if (!row || !row.value() || check.text(0) != "ok") {
        return Error{"not_a_database", "the file is damaged: " + (row ? check.text(0) : row.error().message), {}};
    }
    return db;
}

}  // namespace crm
