#include "domain/customer_file.hpp"

#include <cstdio>

#include "core/base64.hpp"
#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

constexpr const char* kColumns =
    "id, customer_id, name, mime_type, size, owner_id, created_at, updated_at, updated_by, rev, deleted";

CustomerFile read_file(const Stmt& s) {
    CustomerFile file;
    int i = 0;
    file.id = s.text(i++);
    file.customer_id = s.text(i++);
    file.name = s.text(i++);
    file.mime_type = s.text(i++);
    file.size = s.int64(i++);
    file.owner_id = s.text(i++);
    file.created_at = s.text(i++);
    file.updated_at = s.text(i++);
    file.updated_by = s.text(i++);
    file.rev = s.int64(i++);
    file.deleted = s.boolean(i);
    return file;
}

}  // namespace

Problems validate(const CustomerFile& f, Db& db) {
    Problems problems;
    Checker check(problems);
    check.text("name", f.name, file_limits::name, true).text("mime_type", f.mime_type, file_limits::mime_type);
    if (!check.has("name") && f.name.find_first_of("/\\") != std::string::npos) check.add("name", "invalid_format");
    if (f.customer_id.empty()) {
        check.add("customer_id", "required");
    } else if (!row_exists(db, "SELECT 1 FROM customers WHERE id = ?1 AND deleted = 0", f.customer_id)) {
        check.add("customer_id", "not_found");
    }
    // The size from the text's length first: a huge upload is refused without decoding it.
    if (f.content.empty()) {
        check.add("content", "required");
    } else if (static_cast<int64_t>(f.content.size()) > (file_limits::bytes + 2) / 3 * 4) {
        check.add("content", "too_large", static_cast<int>(file_limits::bytes));
    } else if (std::optional<std::string> bytes = base64_decode(f.content); !bytes) {
        check.add("content", "invalid_format");
    } else if (static_cast<int64_t>(bytes->size()) > file_limits::bytes) {
        check.add("content", "too_large", static_cast<int>(file_limits::bytes));
    } else if (static_cast<int64_t>(bytes->size()) != f.size) {
        check.add("size", "mismatch");
    }
    return problems;
}

std::string mime_type_for(std::string_view file_name) {
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {"pdf", "application/pdf"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"txt", "text/plain"},
        {"csv", "text/csv"},
        {"doc", "application/msword"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xls", "application/vnd.ms-excel"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"ppt", "application/vnd.ms-powerpoint"},
        {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"zip", "application/zip"},
    };
    const size_t dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
        const std::string extension = ascii_lower(file_name.substr(dot + 1));
        for (const auto& [ext, type] : kTypes)
            if (ext == extension) return std::string(type);
    }
    return "application/octet-stream";
}

std::string format_file_size(int64_t bytes) {
    char text[32];
    if (bytes < 1024) {
        std::snprintf(text, sizeof text, "%lld B", static_cast<long long>(bytes));
    } else if (bytes < 1024 * 1024) {
        std::snprintf(text, sizeof text, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
    } else {
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    }
    return text;
}

std::vector<CustomerFile> files_of(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM customer_files WHERE customer_id = ?1 AND deleted = 0 ORDER BY created_at DESC, id");
    stmt.bind(1, customer_id);
    std::vector<CustomerFile> files;
    while (stmt.step().value_or(false)) files.push_back(read_file(stmt));
    return files;
}

std::optional<CustomerFile> find_file(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns + ", content FROM customer_files WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, id);
    if (!stmt.step().value_or(false)) return std::nullopt;
    CustomerFile file = read_file(stmt);
    file.content = stmt.text(11);
    return file;
}

std::string file_bytes(const CustomerFile& file) { return base64_decode(file.content).value_or(std::string()); }

Result<CustomerFile> attach_file(Db& db, std::string_view customer_id, std::string_view name, std::string_view bytes,
                                 std::string_view actor) {
    CustomerFile file;
    file.customer_id = std::string(customer_id);
    file.name = trim(name);
    file.mime_type = mime_type_for(file.name);
    file.size = static_cast<int64_t>(bytes.size());
    // Too big is said without encoding it (a 50 MB video would take a while for nothing).
    if (file.size > file_limits::bytes) {
        return Error::invalid({{"content", "too_large", static_cast<int>(file_limits::bytes)}});
    }
    file.content = base64_encode(bytes);
    if (Problems problems = validate(file, db); !problems.empty()) return Error::invalid(std::move(problems));
    file.id = new_id();
    file.owner_id = std::string(actor);
    file.created_at = file.updated_at = iso_utc(now_ms());
    file.updated_by = std::string(actor);
    Stmt stmt = db.prepare(
        "INSERT INTO customer_files (id, customer_id, name, mime_type, size, content, owner_id, created_at, updated_at,"
        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)");
    stmt.bind_all(file.id, file.customer_id, file.name, file.mime_type, file.size, file.content, file.owner_id,
                  file.created_at, file.updated_by);
    if (Status status = stmt.run(); !status) return status.error();
    file.content.clear();
    return file;
}

Status remove_file(Db& db, std::string_view id, std::string_view actor) {
    Stmt stmt = db.prepare(
        "UPDATE customer_files SET deleted = 1, content = '', updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted = 0");
    stmt.bind_all(id, iso_utc(now_ms()), actor);
    return stmt.run();
}

}  // namespace crm
