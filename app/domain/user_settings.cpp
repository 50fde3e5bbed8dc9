#include "domain/user_settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

// Calls `line(text)` for each line of `text`, without its CR or LF.
template <class Line>
void for_each_line(std::string_view text, Line line) {
    while (!text.empty()) {
        const size_t end = text.find_first_of("\r\n");
        line(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
}

// "[Table][0x1A2B3C4D,8]": the number of columns, or -1 when the line is not such a header.
int table_header_columns(std::string_view line) {
    constexpr std::string_view kOpen = "[Table][0x";
    if (!line.starts_with(kOpen) || !line.ends_with("]")) return -1;
    line.remove_prefix(kOpen.size());
    line.remove_suffix(1);
    const size_t comma = line.find(',');
    if (comma == 0 || comma > 8 || comma == std::string_view::npos) return -1;
    for (char c : line.substr(0, comma))
        if (!std::isxdigit(static_cast<unsigned char>(c))) return -1;
    const std::string_view count = line.substr(comma + 1);
    int columns = 0;
    const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), columns);
    return error == std::errc() && end == count.data() + count.size() ? columns : -1;
}

bool valid_layout(std::string_view layout) {
    if (layout.size() > user_setting_limits::layout || !is_valid_utf8(layout)) return false;
    bool valid = true, in_table = false;
    for_each_line(layout, [&](std::string_view line) {
        if (line.empty()) return;
        if (line.size() > user_setting_limits::line || line.find('\0') != std::string_view::npos) valid = false;
        else if (line.front() == '[') {
            const int columns = table_header_columns(line);
            in_table = columns >= 1 && columns <= user_setting_limits::table_columns;
            valid = valid && in_table;
        } else {
            valid = valid && in_table && line.find('=') != std::string_view::npos;
        }
    });
    return valid;
}

bool valid_screen(std::string_view id) {
    return !id.empty() && id.size() <= user_setting_limits::screen &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

std::string table_layout(std::string_view ini) {
    std::string out;
    bool in_table = false;
    for_each_line(ini, [&](std::string_view line) {
        if (!line.empty() && line.front() == '[') in_table = line.starts_with("[Table]");
        if (in_table && !line.empty()) {
            out.append(line);
            out.push_back('\n');
        }
    });
    return out;
}

Problems validate(const UserSetting& setting) {
    Problems problems;
    Checker check(problems);
    check.one_of("name", setting.name, kUserSettingNames, false);
    if (setting.name == "layout" && !valid_layout(setting.value)) check.add("value", "invalid_format");
    if (setting.name == "last_screen" && !valid_screen(setting.value)) check.add("value", "invalid_format");
    return problems;
}

std::optional<std::string> user_setting(Db& db, std::string_view owner_id, std::string_view name) {
    Stmt stmt = db.prepare(
        "SELECT value FROM user_settings WHERE owner_id = ?1 AND name = ?2 AND deleted = 0"
        " ORDER BY updated_at DESC, id DESC LIMIT 1");
    stmt.bind_all(owner_id, name);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return stmt.text(0);
}

Status put_user_setting(Db& db, std::string_view owner_id, std::string_view name, std::string_view value) {
    UserSetting setting;
    setting.name = std::string(name);
    setting.value = std::string(value);
    if (Problems problems = validate(setting); !problems.empty()) return Error::invalid(std::move(problems));
    Tx tx(db);
    Stmt live = db.prepare(
        "SELECT id, value FROM user_settings WHERE owner_id = ?1 AND name = ?2 AND deleted = 0"
        " ORDER BY updated_at DESC, id DESC LIMIT 1");
    live.bind_all(owner_id, name);
    const bool exists = live.step().value_or(false);
    if (exists && live.text(1) == value) return {};
    const std::string id = exists ? live.text(0) : new_id();
    live.reset();
    const std::string now = iso_utc(now_ms());
    Stmt write = db.prepare(
        exists ? "UPDATE user_settings SET value = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1"
               : "INSERT INTO user_settings (id, value, updated_at, updated_by, name, owner_id, created_at)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?3)");
    write.bind(1, id).bind(2, value).bind(3, now).bind(4, owner_id);
    if (!exists) write.bind(5, name);
    if (Status status = write.run(); !status) return status;
    return tx.commit();
}

}  // namespace crm
