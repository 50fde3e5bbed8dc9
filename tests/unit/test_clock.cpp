// Tests for core/clock: UTC timestamps and calendar dates.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

using namespace crm;

TEST_CASE("iso_utc of the epoch is 1970-01-01T00:00:00.000Z") { CHECK(iso_utc(0) == "1970-01-01T00:00:00.000Z"); }

TEST_CASE("iso_utc writes the date, the time and the milliseconds of an instant") {
    CHECK(iso_utc(1) == "1970-01-01T00:00:00.001Z");
    CHECK(iso_utc(86'399'999) == "1970-01-01T23:59:59.999Z");
    CHECK(iso_utc(86'400'000) == "1970-01-02T00:00:00.000Z");
    CHECK(iso_utc(1'795'421'730'123) == "2026-11-23T08:15:30.123Z");
    CHECK(iso_utc(951'868'800'000) == "2000-03-01T00:00:00.000Z");
    CHECK(iso_utc(253'402'300'799'999) == "9999-12-31T23:59:59.999Z");
    CHECK(iso_utc(253'402'300'800'000) == "10000-01-01T00:00:00.000Z");  // past four digits of year
}

TEST_CASE("iso_utc knows the leap day 2024-02-29") {
    CHECK(iso_utc(1'709'210'096'789) == "2024-02-29T12:34:56.789Z");
    CHECK(iso_utc(1'709'164'800'000 - 1) == "2024-02-28T23:59:59.999Z");
    CHECK(iso_utc(1'709'251'200'000) == "2024-03-01T00:00:00.000Z");
}

TEST_CASE("iso_utc of an instant before 1970 counts back from the epoch") {
    CHECK(iso_utc(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(iso_utc(-1000) == "1969-12-31T23:59:59.000Z");
    CHECK(iso_utc(-86'400'000) == "1969-12-31T00:00:00.000Z");
    CHECK(iso_utc(-86'400'001) == "1969-12-30T23:59:59.999Z");
    CHECK(iso_utc(-14'182'940'000) == "1969-07-20T20:17:40.000Z");
    CHECK(iso_utc(-2'208'988'800'000) == "1900-01-01T00:00:00.000Z");
    CHECK(iso_utc(-62'135'596'800'000) == "0001-01-01T00:00:00.000Z");
}

TEST_CASE("iso_utc text sorts in time order") {
    CHECK(iso_utc(-1) < iso_utc(0));
    CHECK(iso_utc(999) < iso_utc(1000));
    CHECK(iso_utc(1'709'210'096'789) < iso_utc(1'795'421'730'123));
}

TEST_CASE("parse_date gives days since 1970-01-01") {
    CHECK(parse_date("1970-01-01") == std::optional<int64_t>(0));
    CHECK(parse_date("1970-01-02") == std::optional<int64_t>(1));
    CHECK(parse_date("1969-12-31") == std::optional<int64_t>(-1));
    CHECK(parse_date("2000-03-01") == std::optional<int64_t>(11'017));
    CHECK(parse_date("2026-11-23") == std::optional<int64_t>(20'780));
    CHECK(parse_date("1900-01-01") == std::optional<int64_t>(-25'567));
    CHECK(parse_date("0001-01-01") == std::optional<int64_t>(-719'162));
}

TEST_CASE("parse_date accepts leap days of leap years") {
    CHECK(parse_date("2024-02-29") == std::optional<int64_t>(19'782));
    CHECK(parse_date("2000-02-29").has_value());  // divisible by 400
    CHECK(parse_date("1996-02-29").has_value());
}

TEST_CASE("parse_date rejects dates that do not exist") {
    for (const char* text : {"2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30", "2024-13-01", "2024-00-10",
                             "2024-04-31", "2024-06-31", "2024-01-00", "2024-01-32", "0000-01-01"}) {
        INFO(std::string(text));
        CHECK_FALSE(parse_date(text).has_value());
    }
}

TEST_CASE("parse_date requires exactly YYYY-MM-DD") {
    for (const char* text : {"2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "2024.01.01", "20240101",
                             "2024-01-01T00:00", " 2024-01-01", "2024-01-01 ", "", "2024-0a-01", "+024-01-01",
                             "2024--1-01", "２０２４-01-01", "2024年1月1日"}) {
        INFO(std::string(text));
        CHECK_FALSE(parse_date(text).has_value());
    }
}

TEST_CASE("format_date writes a day as YYYY-MM-DD") {
    CHECK(format_date(0) == "1970-01-01");
    CHECK(format_date(-1) == "1969-12-31");
    CHECK(format_date(19'782) == "2024-02-29");
    CHECK(format_date(19'783) == "2024-03-01");
    CHECK(format_date(-25'567) == "1900-01-01");
}

TEST_CASE("format_date and parse_date round-trip every day from 1600 to 2400") {
    const int64_t first = *parse_date("1600-01-01");
    const int64_t last = *parse_date("2400-12-31");
    std::string previous;
    for (int64_t day = first; day <= last; ++day) {
        std::string text = format_date(day);
        if (parse_date(text) != std::optional<int64_t>(day) || !(text > previous)) {
            FAIL_CHECK("day " << day << " formats as " << text);
            break;
        }
        previous = text;
    }
    // 801 years with 195 leap days (not 1700, 1800, 1900, 2100, 2200, 2300): 292,560 days.
    CHECK(last - first + 1 == 292'560);
}

TEST_CASE("the day of an instant agrees between iso_utc and format_date") {
    for (int64_t day : {int64_t{-1000}, int64_t{-1}, int64_t{0}, int64_t{19'782}, int64_t{20'780}}) {
        CHECK(iso_utc(day * 86'400'000).substr(0, 10) == format_date(day));
        CHECK(iso_utc(day * 86'400'000 + 86'399'999).substr(0, 10) == format_date(day));
    }
}

TEST_CASE("now_ms is the system clock in milliseconds") {
    const int64_t system = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    const int64_t now = now_ms();
    CHECK(now >= system);
    CHECK(now - system < 5'000);
    CHECK(now > 1'704'067'200'000);  // after 2024-01-01
}

TEST_CASE("parse_iso_utc reads what iso_utc writes and rejects anything else") {
    for (int64_t ms : {int64_t{0}, int64_t{1709164800123}, int64_t{-86400001}, int64_t{1795430130999}}) {
        CHECK(crm::parse_iso_utc(crm::iso_utc(ms)) == ms);
    }
    CHECK(crm::parse_iso_utc("2026-11-23T08:15:30Z") == crm::parse_iso_utc("2026-11-23T08:15:30.000Z"));
    CHECK_FALSE(crm::parse_iso_utc("2026-11-23 08:15:30Z"));
    CHECK_FALSE(crm::parse_iso_utc("2026-11-23T24:00:00Z"));
    CHECK_FALSE(crm::parse_iso_utc("2026-02-30T08:15:30Z"));
    CHECK_FALSE(crm::parse_iso_utc("2026-11-23T08:15:30.12Z"));
    CHECK_FALSE(crm::parse_iso_utc("2026-11-23T08:15:30+08"));
}

TEST_CASE("local times and today's date follow the user's UTC offset") {
    const int64_t utc_2330 = *crm::parse_iso_utc("2026-11-22T23:30:00Z");
    crm::set_utc_offset_minutes(8 * 60);  // Beijing
    CHECK(crm::format_local_minutes(utc_2330) == "2026-11-23 07:30");
    crm::set_utc_offset_minutes(-5 * 60);  // New York (winter)
    CHECK(crm::format_local_minutes(utc_2330) == "2026-11-22 18:30");
    crm::set_utc_offset_minutes(0);
    CHECK(crm::format_local_minutes(utc_2330) == "2026-11-22 23:30");
    CHECK(crm::local_today() == crm::now_ms() / 86400000);
    crm::set_utc_offset_minutes(14 * 60);
    const int64_t ahead = crm::local_today();
    crm::set_utc_offset_minutes(-12 * 60);
    CHECK(ahead - crm::local_today() >= 1);
    crm::set_utc_offset_minutes(0);
}

TEST_CASE("a local date and time typed as YYYY-MM-DD HH:MM reads back as the instant it names") {
    crm::set_utc_offset_minutes(8 * 60);
    CHECK(crm::parse_local_minutes("2026-12-02 09:30") == crm::parse_iso_utc("2026-12-02T01:30:00Z"));
    CHECK(crm::parse_local_minutes("2026-12-02 07:00") == crm::parse_iso_utc("2026-12-01T23:00:00Z"));
    const int64_t instant = *crm::parse_iso_utc("2026-11-22T23:30:00Z");
    CHECK(crm::parse_local_minutes(crm::format_local_minutes(instant)) == instant);
    for (const char* bad : {"", "2026-12-02", "2026-12-02T09:30", "2026-12-02 24:00", "2026-12-02 09:60",
                            "2026-02-30 09:30", "2026-12-02 9:30", "2026-12-02 09:3x"}) {
        INFO(bad);
        CHECK_FALSE(crm::parse_local_minutes(bad));
    }
    crm::set_utc_offset_minutes(0);
}

TEST_CASE("a local day starts at local midnight, and every instant of it maps back to that day") {
    crm::set_utc_offset_minutes(8 * 60);
    const int64_t day = *crm::parse_date("2026-12-02");
    CHECK(crm::local_midnight(day) == *crm::parse_iso_utc("2026-12-01T16:00:00Z"));
    CHECK(crm::local_day_of(crm::local_midnight(day)) == day);
    CHECK(crm::local_day_of(crm::local_midnight(day + 1) - 1) == day);
    CHECK(crm::local_day_of(crm::local_midnight(day) - 1) == day - 1);
    crm::set_utc_offset_minutes(-5 * 60);
    CHECK(crm::local_day_of(*crm::parse_iso_utc("2026-12-02T03:00:00Z")) == day - 1);
    crm::set_utc_offset_minutes(0);
}
