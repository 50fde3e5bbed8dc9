#include "ui/i18n.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <span>

namespace crm {
std::string_view embedded_text(std::string_view name);  // generated from assets/
std::span<const std::string_view> embedded_text_names();
}

namespace crm::ui {

namespace {

using Table = std::map<std::string, std::string, std::less<>>;

void load_file(Table& table, std::string_view file) {
    const std::string name(file);
    std::string_view text = embedded_text(file);
    CRM_CHECK(!text.empty(), "missing translation table " + name);
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    CRM_CHECK(json.is_object(), "translation table is not a JSON object: " + name);
    for (auto& [key, value] : json.items()) {
        CRM_CHECK(value.is_string(), "translation " + key + " in " + name + " is not a string");
        CRM_CHECK(table.emplace(key, value.get<std::string>()).second, "translation " + key + " twice, again in " + name);
    }
}

// A language's table is its main file (en.json) and every module's (activities.en.json),
// so that each module keeps its texts beside the others' without one file for everything.
Table load_table(std::string_view language) {
    Table table;
    const std::string main = std::string(language) + ".json";
    const std::string suffix = "." + main;
    load_file(table, main);
    for (std::string_view name : embedded_text_names()) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) load_file(table, name);
    }
    return table;
}

const Table& table(Language language) {
    static const Table english = load_table("en");
    static const Table chinese = load_table("zh");
    return language == Language::zh ? chinese : english;
}

Language g_language = Language::en;

}  // namespace

void set_language(Language language) { g_language = language; }
Language language() { return g_language; }

const char* tr(std::string_view key) { return tr_in(g_language, key); }

const char* tr_in(Language language, std::string_view key) {
    const Table& current = table(language);
    if (auto found = current.find(key); found != current.end()) return found->second.c_str();
    // Missing keys show as themselves; the key stays alive for the caller in the table below.
    static std::map<std::string, std::string, std::less<>> missing;
    return missing.try_emplace(std::string(key), std::string(key)).first->second.c_str();
}

std::string trf(std::string_view key, std::initializer_list<std::string_view> args) {
    std::string_view pattern = tr(key);
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            size_t index = static_cast<size_t>(pattern[i + 1] - '0');
            if (index < args.size()) out += *(args.begin() + index);
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

bool has_translation(std::string_view key) {
    const Table& current = table(g_language);
    return current.find(key) != current.end();
}

std::string describe_problem(const FieldError& problem) {
    const std::string key = "error." + problem.code;
    return trf(has_translation(key) ? key : "error.invalid", {std::to_string(problem.limit)});
}

std::vector<std::string> translation_keys(Language language) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : table(language)) keys.push_back(key);
    return keys;
}

}  // namespace crm::ui
