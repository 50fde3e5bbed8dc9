// Tests for core/money: amounts as integer minor units, parsed from what people type.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>

#include "core/money.hpp"
#include "support.hpp"

namespace crm {
// So that doctest prints amounts in failed checks.
std::ostream& operator<<(std::ostream& out, const Money& money) {
    return out << money.minor << ' ' << money.currency;
}
}  // namespace crm

using namespace crm;

namespace {

Money parsed(std::string_view text, std::string_view currency = "CNY") {
    Result<Money> money = parse_money(text, currency);
    INFO("parsing \"" << std::string(text) << "\" as " << std::string(currency));
    REQUIRE_OK(money);
    return money.value();
}

std::string parse_error(std::string_view text, std::string_view currency = "CNY") {
    Result<Money> money = parse_money(text, currency);
    return money.ok() ? "accepted as " + std::to_string(money.value().minor) : money.error().code;
}

}  // namespace

TEST_CASE("parse_money reads plain and grouped amounts into minor units") {
    CHECK(parsed("1,234.56") == Money{123456, "CNY"});
    CHECK(parsed("1234.5") == Money{123450, "CNY"});
    CHECK(parsed("1234") == Money{123400, "CNY"});
    CHECK(parsed("0") == Money{0, "CNY"});
    CHECK(parsed("0.01") == Money{1, "CNY"});
    CHECK(parsed("12,345,678.90") == Money{1234567890, "CNY"});
    CHECK(parsed("+7") == Money{700, "CNY"});
}

TEST_CASE("parse_money ignores spaces around the amount") {
    CHECK(parsed("  12.30  ") == Money{1230, "CNY"});
    CHECK(parsed("- 5") == Money{-500, "CNY"});
}

TEST_CASE("parse_money reads negative amounts") {
    CHECK(parsed("-12") == Money{-1200, "CNY"});
    CHECK(parsed("-0.01") == Money{-1, "CNY"});
    CHECK(parsed("-1,234.56") == Money{-123456, "CNY"});
    CHECK(parsed("-0") == Money{0, "CNY"});
}

TEST_CASE("parse_money accepts a yuan sign in its half-width and full-width forms, and a dollar sign") {
    CHECK(parsed("¥1,234.5") == Money{123450, "CNY"});
    CHECK(parsed("￥8") == Money{800, "CNY"});
    CHECK(parsed("¥ 8") == Money{800, "CNY"});
    CHECK(parsed("-¥5") == Money{-500, "CNY"});
    CHECK(parsed("$3.5", "USD") == Money{350, "USD"});
}

TEST_CASE("parse_money keeps the currency it was given") {
    CHECK(parsed("5", "USD").currency == "USD");
    CHECK(parsed("5", "EUR").currency == "EUR");
    CHECK(Money{}.currency == "CNY");
}

TEST_CASE("0.1 + 0.2 is exactly 0.3") {
    Money sum = add(parsed("0.1"), parsed("0.2"));
    CHECK(sum == parsed("0.3"));
    CHECK(format_money(sum) == "0.30");
}

TEST_CASE("adding amounts keeps the currency and handles signs") {
    CHECK(add(parsed("10", "USD"), parsed("-12.5", "USD")) == Money{-250, "USD"});
    Money total{0, "CNY"};
    for (int i = 0; i < 1000; ++i) total = add(total, parsed("0.01"));
    CHECK(total == parsed("10"));
}

TEST_CASE("more decimals than the currency has are rejected") {
    CHECK(parse_error("1.234") == "money_format");
    CHECK(parse_error("0.001") == "money_format");
    CHECK(parse_error("1.2", "JPY") == "money_format");
}

TEST_CASE("yen, won and dong have no decimals, yuan, dollars and euros have two") {
    CHECK(minor_digits("JPY") == 0);
    CHECK(minor_digits("KRW") == 0);
    CHECK(minor_digits("VND") == 0);
    CHECK(minor_digits("CNY") == 2);
    CHECK(minor_digits("USD") == 2);
    CHECK(minor_digits("EUR") == 2);
    CHECK(parsed("1,234", "JPY") == Money{1234, "JPY"});
    CHECK(parsed("¥980", "JPY") == Money{980, "JPY"});
    CHECK(parse_error("12.", "JPY") == "money_format");
    CHECK(format_money({1234567, "JPY"}) == "1,234,567");
    CHECK(format_money({-5, "KRW"}) == "-5");
}

TEST_CASE("text that is not an amount is rejected") {
    for (const char* garbage : {"", " ", "abc", "12abc", "abc12", "1 2", "--1", "+-1", "1.2.3", "¥", "-", ".", "1-2",
                                "1e5", "0x10", "12%", "１２", "1,234.5,6", "¥¥1", "5¥", "NaN", "1.-5"}) {
        INFO("\"" << std::string(garbage) << "\"");
        CHECK(parse_error(garbage) == "money_format");
    }
}

TEST_CASE("amounts of 10^15 units or more are rejected as out of range") {
    CHECK(parsed("999,999,999,999,999.99") == Money{99'999'999'999'999'999, "CNY"});
    CHECK(parsed("-999999999999999.99") == Money{-99'999'999'999'999'999, "CNY"});
    CHECK(parse_error("1,000,000,000,000,000") == "money_range");
    CHECK(parse_error("-1000000000000000") == "money_range");
    // Far beyond int64: refused before the arithmetic could overflow.
    CHECK(parse_error("99999999999999999999999999999999") == "money_range");
    CHECK(parse_error("1000000000000000", "JPY") == "money_range");
}

TEST_CASE("format_money groups thousands and always shows the currency's decimals") {
    CHECK(format_money({0, "CNY"}) == "0.00");
    CHECK(format_money({5, "CNY"}) == "0.05");
    CHECK(format_money({50, "CNY"}) == "0.50");
    CHECK(format_money({99999, "CNY"}) == "999.99");
    CHECK(format_money({100000, "CNY"}) == "1,000.00");
    CHECK(format_money({123456, "CNY"}) == "1,234.56");
    CHECK(format_money({12345678, "CNY"}) == "123,456.78");
    CHECK(format_money({100000000, "USD"}) == "1,000,000.00");
}

TEST_CASE("format_money writes negative amounts with a leading minus") {
    CHECK(format_money({-123456, "CNY"}) == "-1,234.56");
    CHECK(format_money({-5, "CNY"}) == "-0.05");
    CHECK(format_money({-100000, "CNY"}) == "-1,000.00");
    // The most negative int64 has no positive counterpart; it must not overflow.
    CHECK(format_money({std::numeric_limits<int64_t>::min(), "CNY"}) == "-92,233,720,368,547,758.08");
    CHECK(format_money({std::numeric_limits<int64_t>::max(), "CNY"}) == "92,233,720,368,547,758.07");
}

TEST_CASE("formatting then parsing gives the same amount back") {
    for (const char* currency : {"CNY", "USD", "JPY"}) {
        for (int64_t minor : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{9}, int64_t{10}, int64_t{99},
                              int64_t{100}, int64_t{-100}, int64_t{999}, int64_t{1000}, int64_t{123456789},
                              int64_t{-987654321}, int64_t{99'999'999'999'999'999}}) {
            if (minor_digits(currency) == 0 && minor > 999'999'999'999'999) continue;
            Money money{minor, currency};
            INFO(format_money(money) << " " << std::string(currency));
            CHECK(parsed(format_money(money), currency) == money);
        }
    }
}

TEST_CASE("parsing then formatting normalises what a person typed") {
    CHECK(format_money(parsed("1234.5")) == "1,234.50");
    CHECK(format_money(parsed("¥ 0.5")) == "0.50");
    CHECK(format_money(parsed("-0")) == "0.00");
}
