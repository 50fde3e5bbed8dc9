#include "core/db_image.hpp"

#include <sqlite3.h>

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
    Result<Db> db = Db::open_image(bytes);
    if (!db) return Error{"not_a_database", "the file could not be opened: " + db.error().message, {}};
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
