#include "core/normalize.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <new>
#include <vector>

#include "core/text.hpp"

namespace crm {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Code points
//-----------------------------------------------------------------------------

// The code point of the valid sequence at text[i], advancing i; an invalid byte is skipped
// and reads as 0 (dropped by every caller: the keys are for matching, not for showing).
uint32_t next_code_point(std::string_view text, size_t& i) {
    const size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
        ++i;
        return 0;
    }
    const auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(text[i + k])); };
    uint32_t cp;
    switch (length) {
        case 1: cp = byte(0); break;
        case 2: cp = ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F); break;
        case 3: cp = ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F); break;
        default:
            cp = ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    }
    i += length;
    return cp;
}

// Full-width ASCII (what a Chinese input method types in full-width mode) as ASCII, the
// ideographic space as a space, and ASCII letters lower-cased.
uint32_t fold(uint32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp == 0x3000) cp = ' ';
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    return cp;
}

// Spaces, punctuation and symbols: they separate words and never make two names different.
// CJK letters (including 々〆〇, which sit among the CJK punctuation) and every other letter stay.
bool is_separator(uint32_t cp) {
    if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    if (cp >= 0xA0 && cp <= 0xBF) return true;  // no-break space, ·, ©, ®, ...
    if (cp == 0xD7 || cp == 0xF7) return true;  // × ÷
    if (cp >= 0x2000 && cp <= 0x206F) return true;  // general punctuation: dashes, quotes, …, zero widths
    if (cp >= 0x2100 && cp <= 0x214F) return true;  // ™ ℃ №
    if (cp >= 0x3000 && cp <= 0x303F) return cp < 0x3005 || cp > 0x3007;  // 、。《》「」【】〔〕
    if (cp >= 0xFE10 && cp <= 0xFE1F) return true;  // vertical forms
    if (cp >= 0xFE30 && cp <= 0xFE6F) return true;  // CJK compatibility and small forms
    if (cp >= 0xFF5F && cp <= 0xFF65) return true;  // half-width CJK punctuation
    if (cp >= 0xFFE0 && cp <= 0xFFEE) return true;  // ￥ and other full-width symbols
    return cp == 0xFEFF;
}

//-----------------------------------------------------------------------------
// [SECTION] Company suffixes
//-----------------------------------------------------------------------------

// Latin suffixes are whole words ("Costco" keeps its "co"); Chinese ones are written without
// spaces, so they are cut from the end of the last word. Longest first.
constexpr std::string_view kSuffixWords[] = {"co",   "ltd",   "limited", "company", "inc", "incorporated", "corp",
                                             "corporation", "llc", "gmbh", "plc", "ag", "group", "pte", "pty"};
constexpr std::string_view kChineseSuffixes[] = {"有限责任公司", "股份有限公司", "有限公司", "股份公司", "集团", "公司"};

// Strips one suffix from the end of `words`; false when there was none to strip, or stripping
// would leave nothing ("公司" alone stays "公司").
bool strip_one_suffix(std::vector<std::string>& words) {
    if (words.empty()) return false;
    std::string& last = words.back();
    if (words.size() > 1 && std::find(std::begin(kSuffixWords), std::end(kSuffixWords), last) != std::end(kSuffixWords)) {
        words.pop_back();
        return true;
    }
    for (std::string_view suffix : kChineseSuffixes) {
        if (!last.ends_with(suffix)) continue;
        if (last.size() > suffix.size()) {
            last.resize(last.size() - suffix.size());
            return true;
        }
        if (words.size() > 1) {
            words.pop_back();
            return true;
        }
        return false;
    }
    return false;
}

std::vector<std::string> words_of(std::string_view name) {
    std::vector<std::string> words(1);
    for (size_t i = 0; i < name.size();) {
        const uint32_t cp = fold(next_code_point(name, i));
        if (cp == 0) continue;
        if (is_separator(cp)) {
            if (!words.back().empty()) words.emplace_back();
        } else {
            append_utf8(words.back(), cp);
        }
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

bool is_mobile(std::string_view digits) {
    return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
}

//-----------------------------------------------------------------------------
// [SECTION] SQLite functions
//-----------------------------------------------------------------------------

template <std::string (*Key)(std::string_view)>
void sql_key(sqlite3_context* context, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const auto size = static_cast<size_t>(sqlite3_value_bytes(argv[0]));
    try {
        const std::string key = Key(text ? std::string_view(text, size) : std::string_view());
        sqlite3_result_text(context, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(context);
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Keys
//-----------------------------------------------------------------------------

std::string name_key(std::string_view name) {
    std::vector<std::string> words = words_of(name);
    while (strip_one_suffix(words)) {
    }
    std::string key;
    for (const std::string& word : words) key += word;
    return key;
}

std::string reversed_name_key(std::string_view name) {
    const std::string key = name_key(name);
    const std::u32string points = code_points(key);
    std::string reversed;
    reversed.reserve(key.size());
    for (auto it = points.rbegin(); it != points.rend(); ++it) append_utf8(reversed, *it);
    return reversed;
}

std::u32string code_points(std::string_view text) {
    std::u32string points;
    for (size_t i = 0; i < text.size();) {
        const uint32_t cp = next_code_point(text, i);
        if (cp != 0) points.push_back(cp);
    }
    return points;
}

std::string phone_key(std::string_view phone) {
    std::string digits;
    for (size_t i = 0; i < phone.size();) {
        const uint32_t cp = fold(next_code_point(phone, i));
        if (cp >= '0' && cp <= '9') digits.push_back(static_cast<char>(cp));
    }
    std::string_view rest = digits;
    if (rest.starts_with("0086")) rest.remove_prefix(4);
    else if (rest.starts_with("86")) rest.remove_prefix(2);
    else return digits;
    if (is_mobile(rest)) return std::string(rest);
    // An area code without its trunk 0 (10 Beijing, 21 Shanghai, 571 Hangzhou) and a 7 or 8
    // digit number. A local number alone has at most 8 digits, so "8652 1234" stays as it is.
    if (rest.size() >= 9 && rest.size() <= 11 && (rest[0] >= '2' || rest.starts_with("10"))) {
        return "0" + std::string(rest);
    }
    // "+86 (0)571 ...": the trunk 0 written as well.
    if (rest.size() >= 10 && rest.size() <= 12 && rest[0] == '0' && rest[1] != '0') return std::string(rest);
    return digits;
}

std::string email_key(std::string_view email) { return ascii_lower(trim(email)); }

std::string fold_case_and_width(std::string_view text) {
    std::string folded;
    folded.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const uint32_t cp = fold(next_code_point(text, i));
        if (cp != 0) append_utf8(folded, cp);
    }
    return trim(folded);
}

int register_key_functions(sqlite3* db) {
    // Deterministic: generated columns and indexes may use them. Innocuous: no side effects,
    // so they are allowed in the schema even where the schema is not trusted.
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    struct Function {
        const char* name;
        void (*call)(sqlite3_context*, int, sqlite3_value**);
    };
    const Function functions[] = {{"crm_name_key", sql_key<name_key>},
                                  {"crm_reversed_name_key", sql_key<reversed_name_key>},
                                  {"crm_phone_key", sql_key<phone_key>},
                                  {"crm_email_key", sql_key<email_key>}};
    for (const Function& f : functions) {
        const int rc = sqlite3_create_function_v2(db, f.name, 1, flags, nullptr, f.call, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

}  // namespace crm
