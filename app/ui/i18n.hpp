// Every user-visible string goes through here: tr("customers.new") looks the key up in
// the language the user chose (assets/i18n/en.json, zh.json, compiled in). Switching
// language takes effect on the next frame: immediate mode redraws every string anyway.
//
// Placeholders are numbered: trf("customer.deleted", {name}) fills {0} in
// "Deleted customer {0}" / "已删除客户 {0}".
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace crm::ui {

enum class Language { en, zh };

void set_language(Language language);
Language language();

// The translation, or the key itself when the table lacks it (and a test fails on that).
const char* tr(std::string_view key);
// The same in a given language, whichever is chosen (the importer reads captions in both).
const char* tr_in(Language language, std::string_view key);
std::string trf(std::string_view key, std::initializer_list<std::string_view> args);
// True when the current language's table has the key (for codes that come from the server).
bool has_translation(std::string_view key);

// The message for a validation problem ("error.too_long" with its limit); a code the tables
// do not know (a newer server's) reads "Invalid value".
std::string describe_problem(const FieldError& problem);

// Every key of a language's table, for the completeness tests.
std::vector<std::string> translation_keys(Language language);

}  // namespace crm::ui
