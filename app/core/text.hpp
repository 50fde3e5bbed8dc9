// Small text helpers for UTF-8 strings.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace crm {

std::string trim(std::string_view text);
// Trims each of the strings in place: the text fields of a record before it is validated.
void trim_all(std::initializer_list<std::string*> fields);
std::string ascii_lower(std::string_view text);
// Length in Unicode code points, which is what a person counts ("at most 100 characters").
size_t utf8_length(std::string_view text);
bool is_valid_utf8(std::string_view text);
// The length in bytes (1 to 4) of the valid UTF-8 sequence starting at text[i]; 0 when the
// bytes there are not one (a stray continuation byte, a cut-off, overlong or surrogate form).
size_t utf8_sequence_length(std::string_view text, size_t i);
// Appends the code point `cp` (at most U+10FFFF, not a surrogate) encoded as UTF-8.
void append_utf8(std::string& out, uint32_t cp);
// Thousands separated by commas: 1234567 -> "1,234,567" (amounts, counts in the UI).
std::string group_digits(uint64_t n);

}  // namespace crm
