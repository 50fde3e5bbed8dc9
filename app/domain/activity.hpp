// Activities (活动): calls, visits, meetings, emails, messages, tasks and notes about a
// customer, done or planned. They make the customer's timeline, the calendar and "my day".
//
// [SECTION] Record and choices
// [SECTION] Validation
// [SECTION] Reading and writing
// [SECTION] Timeline, calendar and my day
//
// Times are UTC ISO-8601 text ("2026-12-02T09:30:00.000Z", as iso_utc() writes it; the
// short "…:00Z" form is read too and stored in the long one); '' for none. The UI shows them
// in the user's zone (core/clock).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Record and choices
//-----------------------------------------------------------------------------

struct Activity {
    std::string id;
    std::string customer_id;
    std::string contact_id;  // "" or one of the customer's contacts
    std::string kind;        // call | visit | meeting | email | sms | task | note
    std::string subject;
    std::string planned_at;  // when it is planned; may be empty for a note or for one logged afterwards
    std::string done_at;     // "" while not done
    std::string outcome;
    std::string next_step;
    std::string owner_id;  // who does it ("my day", the calendar); the actor when left empty
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;

    bool is_done() const { return !done_at.empty(); }
    bool operator==(const Activity&) const = default;
};

inline constexpr std::string_view kActivityKinds[] = {"call", "visit", "meeting", "email", "sms", "task", "note"};

namespace activity_limits {
inline constexpr size_t subject = 200, outcome = 2000, next_step = 500, owner = 64;
}

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------

// Every problem, each with its field: the customer exists and is live; the contact, when set,
// is a live contact of that customer ("not_found", "wrong_customer"); the kind is in the list;
// the subject is given; the times parse ("date_format"); anything but a note is planned or
// done (planned_at "required"); lengths are within activity_limits.
Problems validate(const Activity& activity, Db& db);

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing
//-----------------------------------------------------------------------------

std::optional<Activity> find_activity(Db& db, std::string_view id);

// Validates, then inserts (empty id) or updates. Saving what is stored writes nothing.
// On success `activity` holds what was stored.
Status save_activity(Db& db, Activity& activity, std::string_view actor);
// A tombstone, as sync wants it.
Status delete_activity(Db& db, std::string_view id, std::string_view actor);
// Done at `done_ms` (the clock's now by default); an activity already done keeps its time.
Status mark_done(Db& db, std::string_view id, std::string_view actor, std::optional<int64_t> done_ms = {});

// One activity from `model` for each customer, in one transaction: all are written or, when
// any is invalid, none (the error's problems are the first invalid one's). The model's id
// and contact (a contact belongs to one customer) are not used. Returns the new ids.
Result<std::vector<std::string>> create_for_customers(Db& db, const Activity& model,
                                                      std::span<const std::string> customer_ids,
                                                      std::string_view actor);

//-----------------------------------------------------------------------------
// [SECTION] Timeline, calendar and my day
//-----------------------------------------------------------------------------

// A customer's live activities, newest first by done_at, else planned_at, else created_at.
std::vector<Activity> activities_of_customer(Db& db, std::string_view customer_id);
int64_t count_activities_of_customer(Db& db, std::string_view customer_id);

// An activity with what a calendar or a day list shows beside it.
struct ScheduledActivity {
    Activity activity;
    std::string customer_name;
    std::string customer_owner;  // whose the activity is, for permissions
    int64_t at_ms = 0;     // done_at when done, else planned_at, else created_at
    bool overdue = false;  // planned before "now", not done (due_and_overdue only)
};

// Live activities whose time (done_at, else planned_at, else created_at) is in [from_ms, to_ms),
// in time order; of one owner, or everyone's when `owner_id` is empty.
std::vector<ScheduledActivity> activities_between(Db& db, int64_t from_ms, int64_t to_ms, std::string_view owner_id);

// "My day": the owner's (everyone's when `owner_id` is empty) planned, not yet done activities
// planned before the end of the local day that `now_ms` falls in, oldest first; those planned
// before `now_ms` are overdue.
std::vector<ScheduledActivity> due_and_overdue(Db& db, std::string_view owner_id, int64_t now_ms);

// When the customer was last contacted: the latest done call, visit, meeting, email or
// message (a task or a note is no contact with the customer).
std::optional<int64_t> last_contact_at(Db& db, std::string_view customer_id);

}  // namespace crm
