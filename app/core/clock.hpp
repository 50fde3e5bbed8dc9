// Wall-clock time as UTC milliseconds since the epoch, and its ISO-8601 text form.
// Stored times are always UTC; the UI converts to the user's zone for display.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

int64_t now_ms();

// 2026-11-23T08:15:30.123Z
std::string iso_utc(int64_t epoch_ms);
// Reads what iso_utc writes (milliseconds optional); nullopt for anything else.
std::optional<int64_t> parse_iso_utc(std::string_view text);

// The user's time zone as an offset from UTC, set once at start by the platform (the
// browser knows it; the server stays on UTC). Daylight-saving changes during a session
// are not followed: China, the main market, has none.
void set_utc_offset_minutes(int minutes);
int utc_offset_minutes();
// Today's date where the user is, as days since 1970-01-01.
int64_t local_today();
// "2026-11-23 16:15" in the user's time zone.
std::string format_local_minutes(int64_t epoch_ms);
// A stored time (what iso_utc writes) the same way; the text as it is when it does not parse.
std::string format_local_minutes(std::string_view iso);
// Reads what format_local_minutes writes ("2026-11-23 16:15", the user's zone) as UTC ms;
// nullopt for anything else.
std::optional<int64_t> parse_local_minutes(std::string_view text);
// The date in the user's zone of an instant, as days since 1970-01-01 (a calendar's day).
int64_t local_day_of(int64_t epoch_ms);
// The instant (UTC ms) at which a local date begins: [local_midnight(d), local_midnight(d + 1)).
int64_t local_midnight(int64_t local_day);

// A calendar date "YYYY-MM-DD" as days since 1970-01-01, or nullopt when it is not a real date.
std::optional<int64_t> parse_date(std::string_view text);
std::string format_date(int64_t days_since_epoch);

}  // namespace crm
