#include "core/clock.hpp"

#include <chrono>
#include <cstdio>

namespace crm {

namespace {

// Howard Hinnant's days-from-civil and civil-from-days: exact for the proleptic
// Gregorian calendar, no time-zone database needed.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
    int64_t year;
    unsigned month;
    unsigned day;
};

Civil civil_from_days(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int g_utc_offset_minutes = 0;

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

}  // namespace

void set_utc_offset_minutes(int minutes) { g_utc_offset_minutes = minutes; }
int utc_offset_minutes() { return g_utc_offset_minutes; }

int64_t local_today() { return local_day_of(now_ms()); }

int64_t local_day_of(int64_t epoch_ms) {
    return floor_div(epoch_ms + int64_t{g_utc_offset_minutes} * 60000, 86400000);
}

int64_t local_midnight(int64_t local_day) { return local_day * 86400000 - int64_t{g_utc_offset_minutes} * 60000; }

std::optional<int64_t> parse_local_minutes(std::string_view text) {
    if (text.size() != 16 || text[10] != ' ' || text[13] != ':') return std::nullopt;
    std::optional<int64_t> day = parse_date(text.substr(0, 10));
    if (!day) return std::nullopt;
    auto two_digits = [&](size_t from) -> int {
        const char a = text[from], b = text[from + 1];
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    };
    const int hours = two_digits(11), minutes = two_digits(14);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return std::nullopt;
    return local_midnight(*day) + int64_t{hours} * 3600000 + int64_t{minutes} * 60000;
}

std::string format_local_minutes(int64_t epoch_ms) {
    const int64_t local = epoch_ms + int64_t{g_utc_offset_minutes} * 60000;
    const int64_t minutes_of_day = floor_div(local, 60000) - floor_div(local, 86400000) * 1440;
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(minutes_of_day / 60),
                  static_cast<int>(minutes_of_day % 60));
    return format_date(floor_div(local, 86400000)) + " " + time;
}

std::string format_local_minutes(std::string_view iso) {
    const std::optional<int64_t> ms = parse_iso_utc(iso);
    return ms ? format_local_minutes(*ms) : std::string(iso);
}

std::optional<int64_t> parse_iso_utc(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.mmm]Z
    if (text.size() != 20 && text.size() != 24) return std::nullopt;
    if (text[10] != 'T' || text.back() != 'Z' || text[13] != ':' || text[16] != ':') return std::nullopt;
    std::optional<int64_t> day = parse_date(text.substr(0, 10));
    if (!day) return std::nullopt;
    auto number = [&](size_t from, size_t count, int64_t max) -> std::optional<int64_t> {
        int64_t value = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value <= max ? std::optional<int64_t>(value) : std::nullopt;
    };
    auto hours = number(11, 2, 23), minutes = number(14, 2, 59), seconds = number(17, 2, 59);
    std::optional<int64_t> millis = 0;
    if (text.size() == 24) millis = text[19] == '.' ? number(20, 3, 999) : std::nullopt;
    if (!hours || !minutes || !seconds || !millis) return std::nullopt;
    return *day * 86400000 + *hours * 3600000 + *minutes * 60000 + *seconds * 1000 + *millis;
}

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso_utc(int64_t epoch_ms) {
    int64_t days = epoch_ms >= 0 ? epoch_ms / 86400000 : (epoch_ms - 86399999) / 86400000;
    int64_t ms_of_day = epoch_ms - days * 86400000;
    Civil c = civil_from_days(days);
    if (c.year < 0 || c.year > 9999) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                      static_cast<long long>(c.year), c.month, c.day, static_cast<long long>(ms_of_day / 3600000),
                      static_cast<long long>(ms_of_day / 60000 % 60), static_cast<long long>(ms_of_day / 1000 % 60),
                      static_cast<long long>(ms_of_day % 1000));
        return buffer;
    }
    // Digit by digit rather than snprintf: a seed of a million activities writes a few million
    // of these, and formatting was the generator's largest cost of its own.
    std::string out = "0000-00-00T00:00:00.000Z";
    auto put = [&out](size_t at, int64_t value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10) out[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, c.year, 4);
    put(5, c.month, 2);
    put(8, c.day, 2);
    put(11, ms_of_day / 3600000, 2);
    put(14, ms_of_day / 60000 % 60, 2);
    put(17, ms_of_day / 1000 % 60, 2);
    put(20, ms_of_day % 1000, 3);
    return out;
}

std::optional<int64_t> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t count) -> std::optional<unsigned> {
        unsigned value = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return value;
    };
    auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m)) return std::nullopt;
    return days_from_civil(*y, *m, *d);
}

std::string format_date(int64_t days_since_epoch) {
    Civil c = civil_from_days(days_since_epoch);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    return buffer;
}

}  // namespace crm
