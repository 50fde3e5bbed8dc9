// Money as an integer number of minor units (fen, cents) with an ISO 4217 currency code.
// Never a float: 0.1 + 0.2 must equal 0.3 on every invoice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace crm {

struct Money {
    int64_t minor = 0;
    std::string currency = "CNY";

    bool operator==(const Money&) const = default;
};

// Digits after the decimal point for a currency: 2 for CNY, USD, EUR; 0 for JPY, KRW.
int minor_digits(std::string_view currency);

// Parses what a person types: "1234.5", "1,234.50", "-12", "¥1,234.56". Rejects more
// decimals than the currency has, stray characters, and amounts beyond +-10^15 units.
Result<Money> parse_money(std::string_view text, std::string_view currency);

// "1,234.50" (grouped, with the currency's decimals, no symbol).
std::string format_money(const Money& money);

// Sum of two amounts in one currency; a mismatch is a bug.
Money add(const Money& a, const Money& b);

}  // namespace crm
