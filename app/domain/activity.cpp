#include "domain/activity.hpp"

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

constexpr const char* kColumns =
    "a.id, a.customer_id, a.contact_id, a.kind, a.subject, a.planned_at, a.done_at, a.outcome, a.next_step, "
    "a.owner_id, a.created_at, a.updated_at, a.updated_by, a.rev, a.deleted";
constexpr int kColumnCount = 15;

Activity read_activity(const Stmt& s) {
    Activity a;
    int i = 0;
    for (std::string* field : {&a.id, &a.customer_id, &a.contact_id, &a.kind, &a.subject, &a.planned_at, &a.done_at,
                               &a.outcome, &a.next_step, &a.owner_id, &a.created_at, &a.updated_at, &a.updated_by})
        *field = s.text(i++);
    a.rev = s.int64(i++);
    a.deleted = s.boolean(i++);
    return a;
}

std::vector<Activity> read_all(Stmt& stmt) {
    std::vector<Activity> out;
    while (stmt.step().value_or(false)) out.push_back(read_activity(stmt));
    return out;
}

// "…:00Z" and "…:00.000Z" name the same instant; only the long form sorts as text with the
// rest, so that is what is stored. Text that does not parse is left for validate() to name.
void normalize_time(std::string& text) {
    if (std::optional<int64_t> ms = parse_iso_utc(text)) text = iso_utc(*ms);
}

void time_field(Checker& check, const char* field, const std::string& value) {
    if (!value.empty() && !parse_iso_utc(value)) check.add(field, "time_format");
}

// The list of a calendar or day list: each activity with its customer's name and its time.
std::vector<ScheduledActivity> read_scheduled(Stmt& stmt, std::optional<int64_t> overdue_before) {
    std::vector<ScheduledActivity> out;
    while (stmt.step().value_or(false)) {
        ScheduledActivity item;
        item.activity = read_activity(stmt);
        item.customer_name = stmt.text(kColumnCount);
        item.customer_owner = stmt.text(kColumnCount + 1);
        item.at_ms = parse_iso_utc(stmt.text(kColumnCount + 2)).value_or(0);
        if (overdue_before) {
            item.overdue = parse_iso_utc(item.activity.planned_at).value_or(0) < *overdue_before;
        }
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------

Problems validate(const Activity& a, Db& db) {
    namespace lim = activity_limits;
    Problems problems;
    Checker check(problems);
    check.one_of("kind", a.kind, kActivityKinds, false)
        .text("subject", a.subject, lim::subject, true)
        .text("outcome", a.outcome, lim::outcome)
        .text("next_step", a.next_step, lim::next_step)
        .text("owner_id", a.owner_id, lim::owner);
    time_field(check, "planned_at", a.planned_at);
    time_field(check, "done_at", a.done_at);
    // A call or a visit happens at some time; only a note may stand without one.
    if (a.kind != "note" && a.planned_at.empty() && a.done_at.empty()) check.add("planned_at", "required");
    if (a.customer_id.empty()) {
        check.add("customer_id", "required");
    } else if (!find_customer(db, a.customer_id)) {
        check.add("customer_id", "not_found");
    }
    if (!a.contact_id.empty()) {
        std::optional<Contact> contact = find_contact(db, a.contact_id);
        if (!contact) check.add("contact_id", "not_found");
        else if (contact->customer_id != a.customer_id) check.add("contact_id", "wrong_customer");
    }
    return problems;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing
//-----------------------------------------------------------------------------

std::optional<Activity> find_activity(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM activities a WHERE a.id = ?1 AND a.deleted = 0");
    stmt.bind(1, id);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return read_activity(stmt);
}

Status save_activity(Db& db, Activity& activity, std::string_view actor) {
    Activity next = activity;
    trim_all({&next.subject, &next.next_step, &next.planned_at, &next.done_at, &next.owner_id});
    normalize_time(next.planned_at);
    normalize_time(next.done_at);
    if (Problems problems = validate(next, db); !problems.empty()) return Error::invalid(std::move(problems));

    const std::string now = iso_utc(now_ms());
    Tx tx(db);
    bool exists = false;
    if (!next.id.empty()) {
        std::optional<Activity> stored = find_activity(db, next.id);
        if (!stored) return Error{"not_found", "activity " + next.id + " does not exist", {}};
        exists = true;
        next.created_at = stored->created_at;
        if (next.owner_id.empty()) next.owner_id = stored->owner_id;
        // Saving what is already stored writes nothing: no new updated_at, nothing to sync.
        Activity unchanged = next;
        unchanged.updated_at = stored->updated_at;
        unchanged.updated_by = stored->updated_by;
        unchanged.rev = stored->rev;
        unchanged.deleted = stored->deleted;
        if (unchanged == *stored) {
            activity = std::move(*stored);
            return {};
        }
    } else {
        next.id = new_id();
        next.created_at = now;
        if (next.owner_id.empty()) next.owner_id = std::string(actor);
    }
    next.updated_at = now;
    next.updated_by = std::string(actor);

    Stmt stmt = db.prepare(exists ? R"sql(
        UPDATE activities SET customer_id = ?2, contact_id = ?3, kind = ?4, subject = ?5, planned_at = ?6,
            done_at = ?7, outcome = ?8, next_step = ?9, owner_id = ?10, updated_at = ?12, updated_by = ?13
        WHERE id = ?1)sql"
                                  : R"sql(
        INSERT INTO activities (id, customer_id, contact_id, kind, subject, planned_at, done_at, outcome,
            next_step, owner_id, created_at, updated_at, updated_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql");
    stmt.bind_all(next.id, next.customer_id, next.contact_id, next.kind, next.subject, next.planned_at, next.done_at,
                  next.outcome, next.next_step, next.owner_id, next.created_at, next.updated_at, next.updated_by);
    if (Status status = stmt.run(); !status) return status;
    if (Status status = tx.commit(); !status) return status;
    activity = std::move(next);
    return {};
}

Status delete_activity(Db& db, std::string_view id, std::string_view actor) {
    Stmt stmt = db.prepare(
        "UPDATE activities SET deleted = 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted = 0");
    stmt.bind_all(id, iso_utc(now_ms()), actor);
    if (Status status = stmt.run(); !status) return status;
    if (db.changes() == 0) return Error{"not_found", "activity does not exist", {}};
    return {};
}

Status mark_done(Db& db, std::string_view id, std::string_view actor, std::optional<int64_t> done_ms) {
    std::optional<Activity> activity = find_activity(db, id);
    if (!activity) return Error{"not_found", "activity does not exist", {}};
    if (activity->is_done()) return {};
    activity->done_at = iso_utc(done_ms.value_or(now_ms()));
    return save_activity(db, *activity, actor);
}

Result<std::vector<std::string>> create_for_customers(Db& db, const Activity& model,
                                                      std::span<const std::string> customer_ids,
                                                      std::string_view actor) {
    Tx tx(db);
    std::vector<std::string> ids;
    ids.reserve(customer_ids.size());
    for (const std::string& customer_id : customer_ids) {
        Activity activity = model;
        activity.id.clear();
        activity.contact_id.clear();
        activity.customer_id = customer_id;
        // Each save is a savepoint inside this transaction: a failure here undoes them all.
        if (Status status = save_activity(db, activity, actor); !status) return status.error();
        ids.push_back(activity.id);
    }
    if (Status status = tx.commit(); !status) return status.error();
    return ids;
}

//-----------------------------------------------------------------------------
// [SECTION] Timeline, calendar and my day
//-----------------------------------------------------------------------------

std::vector<Activity> activities_of_customer(Db& db, std::string_view customer_id) {
    // Read backwards along activities_customer (customer_id, at, id): no sort, however many.
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM activities a WHERE a.customer_id = ?1 AND a.deleted = 0 ORDER BY a.at DESC, a.id DESC");
    stmt.bind(1, customer_id);
    return read_all(stmt);
}

int64_t count_activities_of_customer(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare("SELECT count(*) FROM activities WHERE customer_id = ?1 AND deleted = 0");
    stmt.bind(1, customer_id);
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

std::vector<ScheduledActivity> activities_between(Db& db, int64_t from_ms, int64_t to_ms, std::string_view owner_id) {
    std::string sql = std::string("SELECT ") + kColumns +
                      ", coalesce(c.name, ''), coalesce(c.owner_id, ''), a.at FROM activities a LEFT JOIN customers c ON c.id = a.customer_id"
                      " WHERE a.deleted = 0 AND a.at >= ?1 AND a.at < ?2";
    if (!owner_id.empty()) sql += " AND a.owner_id = ?3";
    sql += " ORDER BY a.at, a.id";
    Stmt stmt = db.prepare(sql);
    stmt.bind_all(iso_utc(from_ms), iso_utc(to_ms));
    if (!owner_id.empty()) stmt.bind(3, owner_id);
    return read_scheduled(stmt, std::nullopt);
}

std::vector<ScheduledActivity> due_and_overdue(Db& db, std::string_view owner_id, int64_t now) {
    const int64_t end_of_today = local_midnight(local_day_of(now) + 1);
    // The conditions of the partial index activities_open, so that it serves the query.
    std::string sql = std::string("SELECT ") + kColumns +
                      ", coalesce(c.name, ''), coalesce(c.owner_id, ''), a.at FROM activities a LEFT JOIN customers c ON c.id = a.customer_id"
                      " WHERE a.deleted = 0 AND a.done_at = '' AND a.planned_at <> '' AND a.planned_at < ?1";
    if (!owner_id.empty()) sql += " AND a.owner_id = ?2";
    sql += " ORDER BY a.planned_at, a.id";
    Stmt stmt = db.prepare(sql);
    stmt.bind(1, iso_utc(end_of_today));
    if (!owner_id.empty()) stmt.bind(2, owner_id);
    return read_scheduled(stmt, now);
}

std::optional<int64_t> last_contact_at(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare(
        "SELECT at FROM activities WHERE customer_id = ?1 AND deleted = 0 AND done_at <> ''"
        " AND kind IN ('call', 'visit', 'meeting', 'email', 'sms') ORDER BY at DESC LIMIT 1");
    stmt.bind(1, customer_id);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return parse_iso_utc(stmt.text(0));
}

}  // namespace crm
