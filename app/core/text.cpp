#include "core/text.hpp"

namespace crm {

std::string trim(std::string_view text) {
    // Besides ASCII whitespace: the ideographic space U+3000 that Chinese input methods type,
    // and the no-break space U+00A0 that pasted text brings.
    static constexpr std::string_view kWideSpaces[] = {"\xE3\x80\x80", "\xC2\xA0"};
    auto space_at_start = [&](std::string_view t) -> size_t {
        if (t.empty()) return 0;
        if (t[0] == ' ' || t[0] == '\t' || t[0] == '\n' || t[0] == '\r') return 1;
        for (std::string_view wide : kWideSpaces)
            if (t.starts_with(wide)) return wide.size();
        return 0;
    };
    auto space_at_end = [&](std::string_view t) -> size_t {
        if (t.empty()) return 0;
        char last = t.back();
        if (last == ' ' || last == '\t' || last == '\n' || last == '\r') return 1;
        for (std::string_view wide : kWideSpaces)
            if (t.ends_with(wide)) return wide.size();
        return 0;
    };
    while (size_t n = space_at_start(text)) text.remove_prefix(n);
    while (size_t n = space_at_end(text)) text.remove_suffix(n);
    return std::string(text);
}

void trim_all(std::initializer_list<std::string*> fields) {
    for (std::string* field : fields) *field = trim(*field);
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

size_t utf8_length(std::string_view text) {
    size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

size_t utf8_sequence_length(std::string_view text, size_t i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t extra;
    if (c < 0x80) extra = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2) extra = 1;
    else if ((c & 0xF0) == 0xE0) extra = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) extra = 3;
    else return 0;
    if (extra > text.size() - i - 1) return 0;
    for (size_t k = 1; k <= extra; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
    // The second byte also rules out overlong 3- and 4-byte forms, UTF-16 surrogates
    // (U+D800..DFFF) and code points past U+10FFFF (Unicode table 3-7). nlohmann::json
    // throws on them when dumping, so one such name would break every answer carrying it.
    const unsigned char second = extra > 0 ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) ||
        (c == 0xF4 && second > 0x8F))
        return 0;
    return extra + 1;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8_sequence_length(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string group_digits(uint64_t n) {
    std::string digits = std::to_string(n);
    std::string grouped;
    for (size_t k = 0; k < digits.size(); ++k) {
        if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
        grouped += digits[k];
    }
    return grouped;
}

}  // namespace crm
