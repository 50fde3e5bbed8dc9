#include "domain/validation.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"

namespace crm {

bool is_email(std::string_view text) {
    // Deliberately simple: one '@', a non-empty local part, a dotted domain of letters,
    // digits and dashes, no spaces. RFC 5322 allows more, but nobody types it into a CRM.
    size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
    std::string_view local = text.substr(0, at), domain = text.substr(at + 1);
    // Compared as unsigned: with a signed char (x86, wasm) the bytes of a UTF-8 local part
    // such as 用户@例子.中国 would count as control characters, unlike on ARM and in the domain.
    for (char c : local)
        if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == ',' || c == ';' || c == '<' || c == '>' ||
            c == '(' || c == ')')
            return false;
    if (local.front() == '.' || local.back() == '.') return false;
    size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
    char previous = '.';
    for (char c : domain) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                  static_cast<unsigned char>(c) >= 0x80;  // internationalised domain names
        if (!ok || (c == '.' && previous == '.')) return false;
        previous = c;
    }
    return domain.back() != '.' && domain.back() != '-';
}

bool is_phone(std::string_view text) {
    int digits = 0;
    size_t i = 0;
    if (!text.empty() && text[0] == '+') i = 1;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
            continue;
        } else {
            // An extension ends the number: "ext 12", "x12", "转12".
            std::string_view rest = text.substr(i);
            size_t skip = rest.starts_with("ext") ? 3 : rest.starts_with("x") ? 1 : rest.starts_with("\xE8\xBD\xAC") ? 3 : 0;
            if (skip == 0 || digits < 5) return false;
            rest.remove_prefix(skip);
            while (!rest.empty() && (rest.front() == ' ' || rest.front() == '.')) rest.remove_prefix(1);
            if (rest.empty() || rest.size() > 6) return false;
            for (char d : rest)
                if (d < '0' || d > '9') return false;
            break;
        }
    }
    return digits >= 5 && digits <= 20;
}

Checker& Checker::text(const char* field, const std::string& value, size_t max_chars, bool required) {
    if (!is_valid_utf8(value)) {
        add(field, "invalid_utf8");
    } else if (required && trim(value).empty()) {
        add(field, "required");
    } else if (utf8_length(value) > max_chars) {
        add(field, "too_long", static_cast<int>(max_chars));
    }
    return *this;
}

Checker& Checker::email(const char* field, const std::string& value) {
    if (!value.empty() && !has(field) && !is_email(value)) add(field, "email_format");
    return *this;
}

Checker& Checker::phone(const char* field, const std::string& value) {
    if (!value.empty() && !has(field) && !is_phone(value)) add(field, "phone_format");
    return *this;
}

Checker& Checker::one_of(const char* field, const std::string& value, std::span<const std::string_view> choices,
                         bool allow_empty) {
    if (value.empty()) {
        if (!allow_empty) add(field, "required");
        return *this;
    }
    for (std::string_view choice : choices)
        if (value == choice) return *this;
    add(field, "invalid_choice");
    return *this;
}

Checker& Checker::past_date(const char* field, const std::string& value, int64_t today) {
    if (value.empty() || has(field)) return *this;
    std::optional<int64_t> day = parse_date(value);
    if (!day) {
        add(field, "date_format");
    } else if (*day > today) {
        add(field, "date_in_future");
    }
    return *this;
}

bool Checker::has(const char* field) const {
    for (const FieldError& problem : problems_)
        if (problem.field == field) return true;
    return false;
}

void Checker::add(const char* field, const char* code, int limit) { problems_.push_back({field, code, limit}); }

}  // namespace crm
