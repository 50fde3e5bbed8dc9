// Reminders: what a sales desk should act on today. Birthdays and anniversaries coming up,
// customers not contacted for longer than their level's visit plan (客户维护规范 /
// 回访间隔), and planned activities that are due. Days are the user's local days
// (core/clock local_today()), as days since 1970-01-01.
//
// [SECTION] Birthdays and anniversaries
// [SECTION] Visit plans and overdue customers
// [SECTION] Follow-ups due
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Birthdays and anniversaries
//-----------------------------------------------------------------------------

struct DateReminder {
    std::string customer_id;
    std::string customer_name;
    std::string contact_id;   // empty: the customer's own birthday (a person)
    std::string person_name;  // the contact, or the customer when it is a person
    std::string occasion;     // birthday | anniversary
    std::string date;         // as stored, YYYY-MM-DD
    int64_t day = 0;          // when it falls next (days since epoch)
    int64_t days_until = 0;   // 0: today
    int64_t years = 0;        // the age or the number of years on that day
    std::string phone;        // the contact's mobile, else phone; the customer's for a person
    std::string email;
};

// The date `date` (YYYY-MM-DD) next falls on, on or after `today`: in this year or the next,
// Feb 29 on Feb 28 in years without one. nullopt when `date` is not a date.
std::optional<int64_t> next_anniversary(std::string_view date, int64_t today);

// Birthdays and anniversaries of live contacts, and birthdays of persons (customers), of
// live customers, falling from today to `days` days ahead (both ends included), soonest
// first. The window wraps past the year's end (Dec 28 + 14 days reaches Jan 11).
std::vector<DateReminder> upcoming_dates(Db& db, int64_t today, int days);

//-----------------------------------------------------------------------------
// [SECTION] Visit plans and overdue customers
//-----------------------------------------------------------------------------

struct VisitPlan {
    std::string level;  // the customer's value level, A to D
    int days = 0;       // contact a customer of this level at least every so many days
};

namespace visit_plan_limits {
inline constexpr int max_days = 3650;
}

// Every level's plan, A first (the local table visit_plans; defaults A 14, B 30, C 90, D 180).
std::vector<VisitPlan> visit_plans(Db& db);
// Sets one level's interval: 1 to max_days ("out_of_range"), a level of kCustomerLevels.
Status set_visit_plan(Db& db, std::string_view level, int days);

struct OverdueCustomer {
    std::string customer_id;
    std::string name;
    std::string level;
    std::string phone;
    std::string email;
    std::string last_contact;  // the latest done activity's done_at; empty when there is none
    int64_t last_day = 0;      // that day, or the customer's creation day without any activity
    int64_t interval = 0;      // the level's plan
    int64_t days_overdue = 0;  // days past the interval (at least 1)
};

// Live customers with a level whose last contact (their latest done activity, else their
// creation) is longer ago than their level's plan, the most overdue first.
std::vector<OverdueCustomer> overdue_customers(Db& db, int64_t today);

//-----------------------------------------------------------------------------
// [SECTION] Follow-ups due
//-----------------------------------------------------------------------------

struct FollowUp {
    std::string activity_id;
    std::string customer_id;
    std::string customer_name;
    std::string kind;        // the activity's kind (call, visit, meeting, task)
    std::string planned_at;  // UTC ISO
    int64_t days_late = 0;   // 0: due today
    std::string phone;
    std::string email;
};

// Planned activities not done whose planned day is today or earlier, of live customers,
// the oldest first.
std::vector<FollowUp> follow_ups_due(Db& db, int64_t today);

// The user's local day of a stored UTC time (ISO-8601); nullopt when it is not one.
std::optional<int64_t> local_day_of(std::string_view iso_utc_text);

}  // namespace crm
