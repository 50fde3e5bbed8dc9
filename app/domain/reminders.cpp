#include "domain/reminders.hpp"

#include <algorithm>
#include <cstdio>

#include "core/clock.hpp"
#include "domain/customer.hpp"

namespace crm {

namespace {

constexpr int64_t kDayMs = 86'400'000;

// Floor division: a time before the epoch still falls on the day it is in.
int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::optional<int64_t> day_in_year(int year, int month, int day) {
    char text[40];  // room for any int, so that nothing is ever cut (and GCC can tell)
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return parse_date(text);
}

}  // namespace

std::optional<int64_t> local_day_of(std::string_view iso_utc_text) {
    std::optional<int64_t> ms = parse_iso_utc(iso_utc_text);
    if (!ms) return std::nullopt;
    return floor_div(*ms + int64_t{utc_offset_minutes()} * 60'000, kDayMs);
}

//-----------------------------------------------------------------------------
// [SECTION] Birthdays and anniversaries
//-----------------------------------------------------------------------------

std::optional<int64_t> next_anniversary(std::string_view date, int64_t today) {
    if (!parse_date(date)) return std::nullopt;
    const int month = std::stoi(std::string(date.substr(5, 2)));
    const int day = std::stoi(std::string(date.substr(8, 2)));
    const int this_year = std::stoi(format_date(today).substr(0, 4));
    for (int year : {this_year, this_year + 1}) {
        // Feb 29 is celebrated on Feb 28 in a year without one.
        std::optional<int64_t> on = day_in_year(year, month, day);
        if (!on) on = day_in_year(year, month, day - 1);
        if (on && *on >= today) return on;
    }
    return std::nullopt;
}

std::vector<DateReminder> upcoming_dates(Db& db, int64_t today, int days) {
    // Every stored date is looked at: a window that wraps the year's end or holds Feb 29 is
    // not one range of "MM-DD" texts, and a person's dates are few enough to read them all.
    Stmt stmt = db.prepare(R"sql(
        SELECT c.id, c.name, k.id, k.name, 'birthday', k.birthday, coalesce(nullif(k.mobile, ''), k.phone), k.email
          FROM contacts k JOIN customers c ON c.id = k.customer_id
         WHERE k.deleted = 0 AND c.deleted = 0 AND k.birthday <> ''
        UNION ALL
        SELECT c.id, c.name, k.id, k.name, 'anniversary', k.anniversary, coalesce(nullif(k.mobile, ''), k.phone), k.email
          FROM contacts k JOIN customers c ON c.id = k.customer_id
         WHERE k.deleted = 0 AND c.deleted = 0 AND k.anniversary <> ''
        UNION ALL
        SELECT c.id, c.name, '', c.name, 'birthday', c.birthday, c.phone, c.email
          FROM customers c WHERE c.deleted = 0 AND c.kind = 'person' AND c.birthday <> '')sql");
    std::vector<DateReminder> out;
    while (stmt.step().value_or(false)) {
        const std::string date = stmt.text(5);
        std::optional<int64_t> next = next_anniversary(date, today);
        if (!next || *next - today > days) continue;
        DateReminder r;
        r.customer_id = stmt.text(0);
        r.customer_name = stmt.text(1);
        r.contact_id = stmt.text(2);
        r.person_name = stmt.text(3);
        r.occasion = stmt.text(4);
        r.date = date;
        r.day = *next;
        r.days_until = *next - today;
        r.years = std::stoi(format_date(*next).substr(0, 4)) - std::stoi(date.substr(0, 4));
        r.phone = stmt.text(6);
        r.email = stmt.text(7);
        out.push_back(std::move(r));
    }
    std::stable_sort(out.begin(), out.end(), [](const DateReminder& a, const DateReminder& b) {
        return a.day != b.day ? a.day < b.day : a.person_name < b.person_name;
    });
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Visit plans and overdue customers
//-----------------------------------------------------------------------------

std::vector<VisitPlan> visit_plans(Db& db) {
    Stmt stmt = db.prepare("SELECT level, days FROM visit_plans ORDER BY level");
    std::vector<VisitPlan> plans;
    while (stmt.step().value_or(false)) plans.push_back({stmt.text(0), static_cast<int>(stmt.int64(1))});
    return plans;
}

Status set_visit_plan(Db& db, std::string_view level, int days) {
    Problems problems;
    if (std::find(std::begin(kCustomerLevels), std::end(kCustomerLevels), level) == std::end(kCustomerLevels)) {
        problems.push_back({"level", "invalid_choice", 0});
    }
    if (days < 1 || days > visit_plan_limits::max_days) problems.push_back({"days", "out_of_range", visit_plan_limits::max_days});
    if (!problems.empty()) return Error::invalid(std::move(problems));
    Stmt stmt = db.prepare("INSERT INTO visit_plans (level, days) VALUES (?1, ?2) ON CONFLICT (level) DO UPDATE SET days = excluded.days");
    stmt.bind_all(level, days);
    return stmt.run();
}

std::vector<OverdueCustomer> overdue_customers(Db& db, int64_t today) {
    // done_at is UTC ISO text, which sorts as time: max() is the latest.
    Stmt stmt = db.prepare(R"sql(
        SELECT c.id, c.name, c.level, c.phone, c.email, coalesce(a.last_done, ''), c.created_at, p.days
          FROM customers c
          JOIN visit_plans p ON p.level = c.level
          LEFT JOIN (SELECT customer_id, max(done_at) AS last_done FROM activities
                      WHERE deleted = 0 AND done_at <> '' GROUP BY customer_id) a ON a.customer_id = c.id
         WHERE c.deleted = 0)sql");
    std::vector<OverdueCustomer> out;
    while (stmt.step().value_or(false)) {
        OverdueCustomer o;
        o.last_contact = stmt.text(5);
        std::optional<int64_t> last = local_day_of(o.last_contact.empty() ? stmt.text(6) : o.last_contact);
        if (!last) continue;
        o.interval = stmt.int64(7);
        if (today - *last <= o.interval) continue;
        o.customer_id = stmt.text(0);
        o.name = stmt.text(1);
        o.level = stmt.text(2);
        o.phone = stmt.text(3);
        o.email = stmt.text(4);
        o.last_day = *last;
        o.days_overdue = today - *last - o.interval;
        out.push_back(std::move(o));
    }
    std::stable_sort(out.begin(), out.end(), [](const OverdueCustomer& a, const OverdueCustomer& b) {
        return a.days_overdue != b.days_overdue ? a.days_overdue > b.days_overdue : a.name < b.name;
    });
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Follow-ups due
//-----------------------------------------------------------------------------

std::vector<FollowUp> follow_ups_due(Db& db, int64_t today) {
    // Due: planned before the end of the user's today, in UTC.
    const std::string end_of_today = iso_utc((today + 1) * kDayMs - int64_t{utc_offset_minutes()} * 60'000);
    Stmt stmt = db.prepare(R"sql(
        SELECT a.id, c.id, c.name, a.kind, a.planned_at, c.phone, c.email
          FROM activities a JOIN customers c ON c.id = a.customer_id
         WHERE a.deleted = 0 AND c.deleted = 0 AND a.done_at = '' AND a.planned_at <> '' AND a.planned_at < ?1
         ORDER BY a.planned_at, a.id)sql");
    stmt.bind(1, end_of_today);
    std::vector<FollowUp> out;
    while (stmt.step().value_or(false)) {
        std::optional<int64_t> day = local_day_of(stmt.text(4));
        if (!day) continue;
        out.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), std::max<int64_t>(0, today - *day),
                       stmt.text(5), stmt.text(6)});
    }
    return out;
}

}  // namespace crm
