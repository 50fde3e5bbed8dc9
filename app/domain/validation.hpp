// Field checks shared by every record's validate(). Each check appends at most one
// problem for its field, so a form can show every problem at once, each next to its field.
//
// Problem codes (stable; tests and the translation tables, "error.<code>", key on them):
//   required, too_long (limit = max characters), email_format, phone_format,
//   invalid_choice, date_format, date_in_future, duplicate, not_found, invalid_utf8
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace crm {

bool is_email(std::string_view text);
// Phone numbers as people write them: digits with optional leading +, spaces, dashes,
// dots, parentheses and an extension ("ext" / "x" / "转"); 5 to 20 digits in all.
bool is_phone(std::string_view text);

class Checker {
public:
    explicit Checker(Problems& problems) : problems_(problems) {}

    // Text fields: valid UTF-8 and at most max_chars code points; required ones non-blank.
    Checker& text(const char* field, const std::string& value, size_t max_chars, bool required = false);
    Checker& email(const char* field, const std::string& value);
    Checker& phone(const char* field, const std::string& value);
    Checker& one_of(const char* field, const std::string& value, std::span<const std::string_view> choices,
                    bool allow_empty = true);
    // "YYYY-MM-DD", a real date, not after today (UTC days since epoch).
    Checker& past_date(const char* field, const std::string& value, int64_t today);

    bool has(const char* field) const;
    void add(const char* field, const char* code, int limit = 0);

private:
    Problems& problems_;
};

}  // namespace crm
