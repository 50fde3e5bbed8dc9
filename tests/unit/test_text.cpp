// Tests for core/text: trimming, lower-casing, counting and checking UTF-8, LIKE patterns,
// grouping digits.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/text.hpp"
#include "support.hpp"

using namespace crm;

TEST_CASE("trim removes spaces, tabs and line breaks at both ends and keeps the inside") {
    CHECK(trim("  a b  ") == "a b");
    CHECK(trim("\t\r\n x \n") == "x");
    CHECK(trim("张三 ") == "张三");
    CHECK(trim(" 上海  浦东 ") == "上海  浦东");
    CHECK(trim("none") == "none");
}

TEST_CASE("trim of blank or empty text is empty") {
    CHECK(trim("").empty());
    CHECK(trim("   ").empty());
    CHECK(trim(" \t\r\n ").empty());
}

TEST_CASE("ascii_lower lowers A to Z and leaves every other byte alone") {
    CHECK(ascii_lower("ABC def XYZ") == "abc def xyz");
    CHECK(ascii_lower("Info@Example.COM") == "info@example.com");
    CHECK(ascii_lower("北京ABC") == "北京abc");
    CHECK(ascii_lower("ÄÖ") == "ÄÖ");  // not ASCII: unchanged
    CHECK(ascii_lower("@[`{") == "@[`{");
}

TEST_CASE("utf8_length counts characters, not bytes") {
    CHECK(utf8_length("") == 0);
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("你好") == 2);
    CHECK(std::string("你好").size() == 6);
    CHECK(utf8_length("a你b好c") == 5);
    CHECK(utf8_length("北京华信科技有限公司") == 10);
    CHECK(utf8_length("é€") == 2);
    CHECK(utf8_length("😀") == 1);
    CHECK(utf8_length("Zoë 张") == 5);
}

TEST_CASE("is_valid_utf8 accepts ASCII, Chinese, emoji and the edges of each sequence length") {
    for (const std::string& text : {std::string(), std::string("plain ASCII"), std::string("客户管理"),
                                   std::string("😀 emoji"), std::string("a\0b", 3),
                                   std::string("\xC2\x80"),           // U+0080, the first 2-byte character
                                   std::string("\xDF\xBF"),           // U+07FF
                                   std::string("\xE0\xA0\x80"),       // U+0800, the first 3-byte character
                                   std::string("\xED\x9F\xBF"),       // U+D7FF, just below the surrogates
                                   std::string("\xEE\x80\x80"),       // U+E000, just above them
                                   std::string("\xEF\xBF\xBF"),       // U+FFFF
                                   std::string("\xF0\x90\x80\x80"),   // U+10000, the first 4-byte character
                                   std::string("\xF4\x8F\xBF\xBF")})  // U+10FFFF, the last code point
    {
        INFO(std::string(text));
        CHECK(is_valid_utf8(text));
    }
}

TEST_CASE("is_valid_utf8 rejects overlong encodings") {
    for (const char* text : {"\xC0\xAF",              // '/' in two bytes
                             "\xC1\xBF",              // U+007F in two bytes
                             "\xE0\x80\xAF",          // '/' in three bytes
                             "\xE0\x9F\xBF",          // U+07FF in three bytes
                             "\xF0\x80\x80\xAF",      // '/' in four bytes
                             "\xF0\x8F\xBF\xBF"}) {   // U+FFFF in four bytes
        INFO(std::string(text));
        CHECK_FALSE(is_valid_utf8(text));
    }
}

TEST_CASE("is_valid_utf8 rejects UTF-16 surrogates and code points past U+10FFFF") {
    for (const char* text : {"\xED\xA0\x80",        // U+D800
                             "\xED\xBF\xBF",        // U+DFFF
                             "\xF4\x90\x80\x80",    // U+110000
                             "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE", "\xFF"}) {
        INFO(std::string(text));
        CHECK_FALSE(is_valid_utf8(text));
    }
}

TEST_CASE("is_valid_utf8 rejects sequences cut short") {
    for (const char* text : {"\xC3", "\xE4\xBD", "a\xE4", "\xF0\x9F\x98", "你\xE5\xA5", "\xE4\xBD 好"}) {
        INFO(std::string(text));
        CHECK_FALSE(is_valid_utf8(text));
    }
}

TEST_CASE("is_valid_utf8 rejects a bad or stray continuation byte") {
    for (const char* text : {"\xC3\x28", "\xE4\x41\xA0", "\xE4\xBD\x41", "\xF0\x9F\x98\x41", "\x80", "\xBF", "a\x80",
                             "\xE4\xBD\xA0\x80"}) {
        INFO(std::string(text));
        CHECK_FALSE(is_valid_utf8(text));
    }
}

TEST_CASE("trim removes the ideographic space Chinese input methods type and the no-break space") {
    CHECK(crm::trim("\xE3\x80\x80\xE5\xBC\xA0\xE4\xB8\x89\xE3\x80\x80") == "\xE5\xBC\xA0\xE4\xB8\x89");
    CHECK(crm::trim("\xC2\xA0" "ACME \xC2\xA0") == "ACME");
    CHECK(crm::trim("\xE3\x80\x80\xE3\x80\x80").empty());
}

TEST_CASE("trim_all trims every string it is given, in place, and leaves the others") {
    std::string name = " 张三\xE3\x80\x80", title = "\tSales ", notes = " kept as typed ";
    trim_all({&name, &title});
    CHECK(name == "张三");
    CHECK(title == "Sales");
    CHECK(notes == " kept as typed ");
    trim_all({});
}

TEST_CASE("group_digits separates thousands with commas") {
    CHECK(group_digits(0) == "0");
    CHECK(group_digits(7) == "7");
    CHECK(group_digits(999) == "999");
    CHECK(group_digits(1000) == "1,000");
    CHECK(group_digits(12345) == "12,345");
    CHECK(group_digits(123456) == "123,456");
    CHECK(group_digits(1234567) == "1,234,567");
    CHECK(group_digits(std::numeric_limits<uint64_t>::max()) == "18,446,744,073,709,551,615");
}
