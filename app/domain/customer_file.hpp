// Files kept with a customer (客户附件): a signed contract, a business licence, a photo of the
// shop front. Each is a record synced as the customer's child, its bytes base64 in the record
// (core/base64), so it reaches whoever sees the customer and goes with it when it is deleted,
// reassigned or merged. Small files only: one travels in one sync request, whose body the
// server caps at 1 MiB (web/request_body).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

struct CustomerFile {
    std::string id;
    std::string customer_id;
    std::string name;       // as it was on the person's disk: "合同 2026.pdf"
    std::string mime_type;  // from the name's extension (mime_type_for)
    int64_t size = 0;       // in bytes, of the decoded content
    std::string content;    // base64
    std::string owner_id;   // who attached it
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;
};

namespace file_limits {
inline constexpr int64_t bytes = 512 * 1024;  // a file's size; its base64 is a third more
inline constexpr size_t name = 200;
inline constexpr size_t mime_type = 100;
}  // namespace file_limits

// Every problem with the file: a live customer; a name (no folders: "/" or "\" is
// "invalid_format"); content that is base64 of `size` bytes ("invalid_format" on content,
// "mismatch" on size), not empty ("required") and at most file_limits::bytes ("too_large").
Problems validate(const CustomerFile& file, Db& db);

// The type a browser is told for a downloaded file, from the name's extension; a file of any
// other kind is application/octet-stream.
std::string mime_type_for(std::string_view file_name);

// "12 KB", "1.5 MB": a size as a person reads it.
std::string format_file_size(int64_t bytes);

// The customer's live files, newest first, without their content (a list has no use for it).
std::vector<CustomerFile> files_of(Db& db, std::string_view customer_id);
// One file with its content; nullopt when there is none, or it was removed.
std::optional<CustomerFile> find_file(Db& db, std::string_view id);
// The bytes of a file read by find_file().
std::string file_bytes(const CustomerFile& file);

// Attaches `bytes` under `name` to the customer; the new file with its id, or the problems.
Result<CustomerFile> attach_file(Db& db, std::string_view customer_id, std::string_view name, std::string_view bytes,
                                 std::string_view actor);
// Removes a file (a tombstone, synced like any record's; the content is dropped with it).
Status remove_file(Db& db, std::string_view id, std::string_view actor);

}  // namespace crm
