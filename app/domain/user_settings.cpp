#include "domain/user_settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

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

// "<key>=<value>" at the front of `line`: the value (up to the next space), the rest of the line
// after it and its spaces in `line`; nullopt when the line does not start with the key.
std::optional<std::string_view> take_value(std::string_view& line, std::string_view key) {
    if (!line.starts_with(key) || line.size() <= key.size() || line[key.size()] != '=') return std::nullopt;
    line.remove_prefix(key.size() + 1);
    const size_t end = std::min(line.find(' '), line.size());
    const std::string_view value = line.substr(0, end);
    line.remove_prefix(end);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    return value;
}

std::optional<long long> whole_number(std::string_view text) {
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::optional<double> real_number(std::string_view text) {
    // Digits, one point, an optional sign: what ImGui's "%f" and "%g" write for these values.
    if (text.empty() || text.size() > 20) return std::nullopt;
    const std::string copy(text);
    if (copy.find_first_not_of("+-.0123456789") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// One "Column N  UserID=0x.. Width=.. Weight=.. Visible=.. Order=.. Sort=.." line of a table of
// `columns` columns, its keys in the order Dear ImGui writes and reads them, each value in the
// range the table can hold: ImGui 1.86 takes Order and Sort as they come, and a display order of
// 64 or more, or below 0, indexes past its arrays (and shifts a 64-bit mask by that much).
bool valid_column(std::string_view line, int columns, uint64_t& columns_seen, uint64_t& orders_seen) {
    constexpr std::string_view kColumn = "Column ";
    if (!line.starts_with(kColumn)) return false;
    line.remove_prefix(kColumn.size());
    const size_t end = std::min(line.find(' '), line.size());
    const std::optional<long long> index = whole_number(line.substr(0, end));
    if (!index || *index < 0 || *index >= columns || (columns_seen >> *index & 1)) return false;
    columns_seen |= uint64_t{1} << *index;
    line.remove_prefix(end);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (std::optional<std::string_view> id = take_value(line, "UserID")) {
        if (!id->starts_with("0x") || id->size() < 3 || id->size() > 10 ||
            !std::all_of(id->begin() + 2, id->end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
            return false;
    }
    if (std::optional<std::string_view> width = take_value(line, "Width")) {
        const std::optional<long long> n = whole_number(*width);
        if (!n || *n < 0 || *n > 100'000) return false;
    }
    if (std::optional<std::string_view> weight = take_value(line, "Weight")) {
        const std::optional<double> w = real_number(*weight);
        if (!w || *w < 0 || *w > 1'000) return false;
    }
    if (std::optional<std::string_view> visible = take_value(line, "Visible")) {
        if (*visible != "0" && *visible != "1") return false;
    }
    if (std::optional<std::string_view> order = take_value(line, "Order")) {
        const std::optional<long long> n = whole_number(*order);
        if (!n || *n < 0 || *n >= columns || (orders_seen >> *n & 1)) return false;
        orders_seen |= uint64_t{1} << *n;
    }
    if (std::optional<std::string_view> sort = take_value(line, "Sort")) {
        if (sort->size() < 2 || (sort->back() != 'v' && sort->back() != '^')) return false;
        const std::optional<long long> n = whole_number(sort->substr(0, sort->size() - 1));
        if (!n || *n < 0 || *n >= columns) return false;
    }
    return line.empty();  // nothing else on the line
}

bool valid_layout(std::string_view layout) {
    if (layout.size() > user_setting_limits::layout || !is_valid_utf8(layout)) return false;
    bool valid = true;
    int columns = 0;  // of the table whose section this is; 0 before the first header
    uint64_t columns_seen = 0, orders_seen = 0;
    for_each_line(layout, [&](std::string_view line) {
        if (!valid || line.empty()) return;
        if (line.size() > user_setting_limits::line) {
            valid = false;
        } else if (line.front() == '[') {
            columns = table_header_columns(line);
            valid = columns >= 1 && columns <= user_setting_limits::table_columns;
            columns_seen = orders_seen = 0;
        } else if (columns == 0) {
            valid = false;
        } else if (std::string_view rest = line; std::optional<std::string_view> scale = take_value(rest, "RefScale")) {
            const std::optional<double> value = real_number(*scale);
            valid = rest.empty() && value && *value > 0 && *value <= 1'000;
        } else {
            valid = valid_column(line, columns, columns_seen, orders_seen);
        }
    });
    return valid;
}

// The owner's live row of a setting: the latest written, should two PCs have made one each.
constexpr const char* kLiveSetting =
    "SELECT id, value FROM user_settings WHERE owner_id = ?1 AND name = ?2 AND deleted = 0"
    " ORDER BY updated_at DESC, id DESC LIMIT 1";

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
        if (!in_table || line.empty()) return;
        // Dear ImGui 1.86 would write "UserID=%08X" but reads "UserID=0x%08X", and stop there,
        // losing the column's width, order and sort. (Its TableSaveSettings() does not fill the
        // ids yet, so none are written today; a later ImGui may.)
        constexpr std::string_view kUserId = " UserID=";
        if (const size_t at = line.find(kUserId); at != std::string_view::npos &&
                                                  line.substr(at + kUserId.size(), 2) != "0x") {
            out.append(line.substr(0, at + kUserId.size()));
            out.append("0x");
            out.append(line.substr(at + kUserId.size()));
        } else {
            out.append(line);
        }
        out.push_back('\n');
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
    Stmt stmt = db.prepare(kLiveSetting);
    stmt.bind_all(owner_id, name);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return stmt.text(1);
}

Status put_user_setting(Db& db, std::string_view owner_id, std::string_view name, std::string_view value) {
    UserSetting setting;
    setting.name = std::string(name);
    setting.value = std::string(value);
    if (Problems problems = validate(setting); !problems.empty()) return Error::invalid(std::move(problems));
    Tx tx(db);
    Stmt live = db.prepare(kLiveSetting);
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
