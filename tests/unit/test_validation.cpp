// Tests for domain/validation: email and phone formats, and the Checker every validate() uses.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "domain/validation.hpp"
#include "support.hpp"

using namespace crm;

namespace {

constexpr std::string_view kLevels[] = {"A", "B", "C", "D"};

std::string repeat(std::string_view piece, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += piece;
    return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] is_email and is_phone
//-----------------------------------------------------------------------------

TEST_CASE("is_email accepts the addresses people really use") {
    for (const char* email : {"name@example.com", "first.last+tag@sub.example.co.uk", "zhang_san@qq.com",
                              "12345678@qq.com", "sales@example-mail.cn", "A.Person@Example.COM", "x@y.io",
                              "o'brien@example.ie", "用户@例子.中国"}) {
        INFO(std::string(email));
        CHECK(is_email(email));
    }
}

TEST_CASE("is_email rejects what is not an address") {
    for (const char* email : {"", "abc", "a@b", "a@@b.com", "a@b@c.com", "a b@c.com", "@example.com", "a@",
                              "a@.com", "a@example.", "a@example..com", ".a@b.com", "a.@b.com", "a@b.com.",
                              "a@b.c-", "a@exa mple.com", "a<b>@c.com", "a@b_c.com", "a@b.com ", " a@b.com",
                              "a,b@c.com", "\"a\"@b.com", "a@b.com\n", "a\tb@c.com"}) {
        INFO("\"" << std::string(email) << "\"");
        CHECK_FALSE(is_email(email));
    }
}

TEST_CASE("is_phone accepts Chinese and international numbers as people write them") {
    for (const char* phone : {"13812345678", "138 1234 5678", "+86 138 1234 5678", "+86 10 6552 8888",
                              "010-12345678", "0755-8888 6666", "010-12345678 转 123", "010-12345678转8",
                              "(555) 123-4567", "(555) 123-4567 ext 12", "555.123.4567 x12", "+1 (555) 123-4567",
                              "12345", "12345678901234567890"}) {
        INFO(std::string(phone));
        CHECK(is_phone(phone));
    }
}

TEST_CASE("is_phone rejects words, too few or too many digits and malformed extensions") {
    for (const char* phone : {"", "abc", "12", "1234", "123456789012345678901", "138-1234-567a", "+", "++8612345678",
                              "+86 +10 12345", "tel 12345", "ext 12", "12 ext 34", "12345 ext", "12345 ext 1234567",
                              "12345 ext 12a", "12345#6", "1234５"}) {
        INFO("\"" << std::string(phone) << "\"");
        CHECK_FALSE(is_phone(phone));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Checker
//-----------------------------------------------------------------------------

TEST_CASE("the Checker reports every problem, each with its field, in the order checked") {
    const int64_t today = *parse_date("2026-11-23");
    Problems problems;
    Checker check(problems);
    check.text("name", "  ", 100, true)
        .text("email", "not-an-email", 254)
        .email("email", "not-an-email")
        .text("phone", "call me", 40)
        .phone("phone", "call me")
        .one_of("level", "Z", kLevels)
        .past_date("birthday", "2024-02-30", today)
        .past_date("founded", "2027-01-01", today);
    CHECK(problems == Problems{{"name", "required", 0},
                               {"email", "email_format", 0},
                               {"phone", "phone_format", 0},
                               {"level", "invalid_choice", 0},
                               {"birthday", "date_format", 0},
                               {"founded", "date_in_future", 0}});
}

TEST_CASE("good values give no problems") {
    const int64_t today = *parse_date("2026-11-23");
    Problems problems;
    Checker check(problems);
    check.text("name", "华信科技有限公司", 100, true)
        .email("email", "info@huaxin.cn")
        .phone("phone", "+86 10 6552 8888")
        .one_of("level", "A", kLevels)
        .past_date("birthday", "1990-05-17", today)
        .past_date("today", "2026-11-23", today);
    CHECK(problems.empty());
}

TEST_CASE("an empty optional field is no problem") {
    Problems problems;
    Checker check(problems);
    check.text("notes", "", 10).email("email", "").phone("phone", "").one_of("level", "", kLevels).past_date(
        "birthday", "", 0);
    CHECK(problems.empty());
}

TEST_CASE("a required field that is empty or blank is required") {
    for (const char* blank : {"", " ", "\t\n"}) {
        Problems problems;
        Checker(problems).text("name", blank, 100, true);
        CHECK(problems == Problems{{"name", "required", 0}});
    }
}

TEST_CASE("too_long counts characters, not bytes, and carries the limit") {
    SUBCASE("100 Chinese characters fit a 100-character limit") {
        Problems problems;
        Checker(problems).text("name", repeat("中", 100), 100, true);
        CHECK(problems.empty());
    }
    SUBCASE("101 do not") {
        Problems problems;
        Checker(problems).text("name", repeat("中", 101), 100, true);
        CHECK(problems == Problems{{"name", "too_long", 100}});
    }
    SUBCASE("an emoji is one character") {
        Problems problems;
        Checker(problems).text("name", repeat("😀", 5), 5);
        CHECK(problems.empty());
    }
    SUBCASE("ASCII at the limit and one past it") {
        Problems at, past;
        Checker(at).text("code", repeat("x", 32), 32);
        Checker(past).text("code", repeat("x", 33), 32);
        CHECK(at.empty());
        CHECK(past == Problems{{"code", "too_long", 32}});
    }
}

TEST_CASE("each field gets at most one problem: a too-long email is not also an email_format problem") {
    Problems problems;
    std::string long_bad = repeat("x", 300);
    Checker(problems).text("email", long_bad, 254).email("email", long_bad);
    CHECK(problems == Problems{{"email", "too_long", 254}});
}

TEST_CASE("text that is not valid UTF-8 is invalid_utf8, before any other check of the field") {
    Problems problems;
    Checker(problems).text("name", "\xC3", 100, true).text("city", "\xED\xA0\x80", 30);
    CHECK(problems == Problems{{"name", "invalid_utf8", 0}, {"city", "invalid_utf8", 0}});
}

TEST_CASE("one_of is case-sensitive and may require a value") {
    Problems problems;
    Checker(problems).one_of("level", "a", kLevels).one_of("kind", "", kLevels, false);
    CHECK(problems == Problems{{"level", "invalid_choice", 0}, {"kind", "required", 0}});
}

TEST_CASE("past_date accepts today and refuses tomorrow and malformed dates") {
    const int64_t today = *parse_date("2024-02-29");
    for (const char* date : {"2024-02-29", "2024-02-28", "1900-01-01"}) {
        Problems problems;
        Checker(problems).past_date("birthday", date, today);
        INFO(std::string(date));
        CHECK(problems.empty());
    }
    Problems future, malformed;
    Checker(future).past_date("birthday", "2024-03-01", today);
    Checker(malformed).past_date("birthday", "29.02.2024", today);
    CHECK(future == Problems{{"birthday", "date_in_future", 0}});
    CHECK(malformed == Problems{{"birthday", "date_format", 0}});
}

TEST_CASE("add records a problem found outside the checks and has finds it by field") {
    Problems problems;
    Checker check(problems);
    CHECK_FALSE(check.has("code"));
    check.add("code", "duplicate");
    CHECK(check.has("code"));
    CHECK_FALSE(check.has("name"));
    // A field that already has a problem is not checked again.
    check.email("code", "not an email");
    CHECK(problems == Problems{{"code", "duplicate", 0}});
}
