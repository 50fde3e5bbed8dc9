// Match keys for the duplicate check (检查重复客户): the form of a name, phone number or email
// address that two ways of writing the same thing share.
//
//   name_key("ACME Co., Ltd") == name_key("Acme Co Ltd") == name_key("ＡＣＭＥ有限公司") == "acme"
//   phone_key("+86 138 1234 5678") == phone_key("138-1234-5678") == "13812345678"
//   email_key("  Sales@ACME.com ") == "sales@acme.com"
//
// The same functions are registered on every SQLite connection (Db::open) as crm_name_key(),
// crm_phone_key() and crm_email_key(), and the schema's generated columns use them: so every
// write path (a form, an import, a row pulled by sync on the client or written by the server)
// keeps the indexed keys right without knowing they exist.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace crm {

// ASCII case folded, full-width forms (U+FF01..U+FF5E, U+3000) made half-width, spaces and
// punctuation removed, and company suffixes (有限公司, 集团, Co., Ltd, Inc, GmbH, ...)
// stripped from the end, repeatedly, as long as something is left.
std::string name_key(std::string_view name);

// The same as name_key() with its code points in reverse order: an index on it finds names
// that end alike ("杭州海川软件" and "海川软件"), as the plain key's index finds names that
// begin alike.
std::string reversed_name_key(std::string_view name);

// Digits only (full-width digits too). A leading country code +86 / 0086 / 86 is dropped when
// what follows is a mainland mobile number (11 digits, 1[3-9]...) or a number with its area
// code, which then gets the trunk 0 a domestic caller dials: "+86 10 6552 8888" and
// "010-6552 8888" are both "01065528888".
std::string phone_key(std::string_view phone);

// Trimmed (also of ideographic spaces) and ASCII lower-cased.
std::string email_key(std::string_view email);

// Trimmed, full-width forms made half-width and ASCII case folded: what a person may type in
// either width or case ("ＥＮＴＥＲＰＲＩＳＥ " and "Enterprise" are both "enterprise").
std::string fold_case_and_width(std::string_view text);

// The code points of UTF-8 text (invalid bytes left out), for comparing keys by character.
std::u32string code_points(std::string_view text);

// Registers crm_name_key(), crm_reversed_name_key(), crm_phone_key() and crm_email_key() as
// deterministic functions (which generated columns and indexes require). Returns an SQLite
// result code.
int register_key_functions(sqlite3* db);

}  // namespace crm
