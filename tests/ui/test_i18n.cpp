// The translation tables (assets/i18n) and the language switch (ui/i18n, ui/app).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "support.hpp"
#include "ui/i18n.hpp"
#include "ui_driver.hpp"

using namespace crm::ui;

namespace {

struct LanguageGuard {  // tests leave the app in English, as they found it
    ~LanguageGuard() { set_language(Language::en); }
};

std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> found;
    static const std::regex placeholder(R"(\{[0-9]\})");
    for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it) found.insert(it->str());
    return found;
}

std::string translated(Language language, const std::string& key) {
    LanguageGuard guard;
    set_language(language);
    return tr(key);
}

// Every string literal in app/ui that looks like a translation key ("customers.new").
std::set<std::string> keys_used_in_sources() {
    std::set<std::string> keys;
    static const std::regex key(R"re("([a-z_]+\.[A-Za-z_]+)")re");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(CRM_SOURCE_DIR "/app/ui")) {
        if (!entry.is_regular_file()) continue;
        std::ifstream file(entry.path());
        for (std::string line; std::getline(file, line);) {
            if (line.starts_with("#include")) continue;
            for (std::sregex_iterator it(line.begin(), line.end(), key), end; it != end; ++it) {
                std::string found = (*it)[1];
                if (!found.ends_with(".json") && !found.ends_with(".ttf")) keys.insert(found);
            }
        }
    }
    return keys;
}

}  // namespace

TEST_CASE("English and Chinese have the same keys, none empty, with the same placeholders") {
    const auto english = translation_keys(Language::en);
    const auto chinese = translation_keys(Language::zh);
    CHECK(english == chinese);
    REQUIRE(english.size() > 50);
    for (const std::string& key : english) {
        INFO(key);
        const std::string en = translated(Language::en, key), zh = translated(Language::zh, key);
        CHECK_FALSE(en.empty());
        CHECK_FALSE(zh.empty());
        CHECK(placeholders(en) == placeholders(zh));
    }
}

TEST_CASE("every key the screens use is in the tables, and so is every validation problem") {
    const auto english = translation_keys(Language::en);
    const std::set<std::string> known(english.begin(), english.end());
    const std::set<std::string> used = keys_used_in_sources();
    REQUIRE(used.size() > 40);
    for (const std::string& key : used) {
        INFO(key);
        CHECK(known.count(key) == 1);
    }
    for (const char* code : {"required", "too_long", "email_format", "phone_format", "invalid_choice", "date_format",
                             "date_in_future", "duplicate", "not_found", "invalid_utf8"}) {
        INFO(code);
        CHECK(known.count(std::string("error.") + code) == 1);
    }
}

TEST_CASE("placeholders are filled in order and a problem's limit reaches its message") {
    LanguageGuard guard;
    CHECK(trf("customer.delete_message", {"ACME", "2"}) == "Delete ACME and its 2 contact(s)?");
    CHECK(describe_problem({"name", "too_long", 100}) == "At most 100 characters");
    set_language(Language::zh);
    CHECK(trf("customer.delete_message", {"ACME", "2"}) == "删除 ACME 及其 2 个联系人？");
    CHECK(describe_problem({"name", "too_long", 100}) == "最多 100 个字符");
}

TEST_CASE("switching to Chinese in the top bar changes every string at once, errors included") {
    LanguageGuard guard;
    crm::test::UiDriver ui;
    ui.click("Language");
    ui.click("中文");
    CHECK(language() == Language::zh);
    CHECK(ui.has("新建客户"));
    CHECK(ui.find("共 12 个客户", {}, true).has_value());
    ui.click("新建客户");
    ui.click("创建客户", "customer_detail");
    auto name = ui.find("名称", "customer_detail", false);
    auto required = ui.find("必填", "customer_detail", true);
    REQUIRE(name);
    REQUIRE(required);
    CHECK(required->min.y >= name->max.y - 1);
    ui.click("Language");
    ui.click("English");
    CHECK(ui.has("Create customer", "customer_detail"));
}
