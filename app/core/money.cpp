#include "core/money.hpp"

#include <cstdlib>

#include "core/text.hpp"

namespace crm {

namespace {
constexpr int64_t kMaxUnits = 1'000'000'000'000'000;  // 10^15 major units fits int64 with 3 decimals
}

int minor_digits(std::string_view currency) {
    if (currency == "JPY" || currency == "KRW" || currency == "VND") return 0;
    return 2;
}

Result<Money> parse_money(std::string_view text, std::string_view currency) {
    auto invalid = [] { return Error{"money_format", "not an amount", {}}; };
    size_t i = 0;
    auto skip_spaces = [&] {
        while (i < text.size() && text[i] == ' ') ++i;
    };
    skip_spaces();
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    // A currency sign typed in front of the number: ¥ (U+00A5), ￥ (U+FFE5), $.
    for (std::string_view sign : {"\xC2\xA5", "\xEF\xBF\xA5", "$"}) {
        if (text.substr(i, sign.size()) == sign) {
            i += sign.size();
            break;
        }
    }
    skip_spaces();
    const int digits = minor_digits(currency);
    int64_t units = 0;
    int64_t fraction = 0;
    int fraction_digits = 0;
    bool any_digit = false;
    bool in_fraction = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            any_digit = true;
            if (in_fraction) {
                if (++fraction_digits > digits) return invalid();
                fraction = fraction * 10 + (c - '0');
            } else {
                units = units * 10 + (c - '0');
                if (units >= kMaxUnits) return Error{"money_range", "amount too large", {}};
            }
        } else if (c == ',' && !in_fraction) {
            continue;
        } else if (c == '.' && !in_fraction && digits > 0) {
            in_fraction = true;
        } else if (c == ' ') {
            skip_spaces();
            if (i < text.size()) return invalid();
            break;
        } else {
            return invalid();
        }
    }
    if (!any_digit) return invalid();
    for (int k = fraction_digits; k < digits; ++k) fraction *= 10;
    int64_t scale = 1;
    for (int k = 0; k < digits; ++k) scale *= 10;
    int64_t minor = units * scale + fraction;
    return Money{negative ? -minor : minor, std::string(currency)};
}

std::string format_money(const Money& money) {
    const int digits = minor_digits(money.currency);
    int64_t scale = 1;
    for (int k = 0; k < digits; ++k) scale *= 10;
    uint64_t magnitude = money.minor < 0 ? 0 - static_cast<uint64_t>(money.minor) : static_cast<uint64_t>(money.minor);
    std::string grouped = group_digits(magnitude / static_cast<uint64_t>(scale));
    std::string out = money.minor < 0 ? "-" + grouped : grouped;
    if (digits > 0) {
        std::string fraction = std::to_string(magnitude % static_cast<uint64_t>(scale));
        out += '.';
        out.append(static_cast<size_t>(digits) - fraction.size(), '0');
        out += fraction;
    }
    return out;
}

Money add(const Money& a, const Money& b) {
    CRM_CHECK(a.currency == b.currency, "adding " + a.currency + " to " + b.currency);
    return Money{a.minor + b.minor, a.currency};
}

}  // namespace crm
