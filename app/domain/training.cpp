#include "domain/training.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "core/normalize.hpp"

namespace crm {

namespace {

// True when the query, with its parameters bound, returns a row.
template <class... Args>
bool any_row(Db& db, std::string_view sql, const Args&... args) {
    Stmt stmt = db.prepare(sql);
    stmt.bind_all(args...);
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

int64_t max_rowid(Db& db, std::string_view table) {
    Stmt stmt = db.prepare("SELECT coalesce(max(rowid), 0) FROM " + std::string(table));
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

// Digits and what people type between them ("+86 (10) 6552-8888"), with at least 7 digits:
// fewer would match many customers' numbers at once.
bool is_phone_number(std::string_view text) {
    int digits = 0;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
        else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')' && c != '.') return false;
    }
    return digits >= 7;
}

// How many of the list's first rows "found" counts: about what the list shows without scrolling.
constexpr size_t kFirstRowsShown = 20;

}  // namespace

std::string_view task_name(TrainingTask task) {
    switch (task) {
        case TrainingTask::create_customer_with_contact: return "create_customer_with_contact";
        case TrainingTask::log_visit: return "log_visit";
        case TrainingTask::find_customer_by_phone: return "find_customer_by_phone";
        case TrainingTask::add_points: return "add_points";
        case TrainingTask::merge_customers: return "merge_customers";
    }
    return {};
}

TrainingStart training_start(Db& db) {
    return {max_rowid(db, "customers"), max_rowid(db, "activities"), max_rowid(db, "points_ledger"),
            iso_utc(now_ms())};
}

bool created_customer_with_contact(Db& db, const TrainingStart& start) {
    // The rowid range is the primary key's: only the customers created since the start are read.
    return any_row(db, R"sql(
        SELECT 1 FROM customers c WHERE c.rowid > ?1 AND c.deleted = 0
           AND EXISTS (SELECT 1 FROM contacts WHERE customer_id = c.id AND deleted = 0) LIMIT 1)sql",
                   start.customers_rowid);
}

bool logged_visit(Db& db, const TrainingStart& start) {
    // Two ways in, each along an index: logged since the start (the rowid range), or a planned
    // visit marked done since then ("at" is the done time: the activities_at index), by a day
    // from now at the latest. Without that bound the range held every activity planned for
    // the days ahead, each row read for its updated_at: 35,000 at 100,000 customers, 54 ms
    // natively, 224 ms in compact memory, at every check.
    const char* live_done_visit =
        "a.deleted = 0 AND a.kind = 'visit' AND a.done_at <> '' "
        "AND EXISTS (SELECT 1 FROM customers WHERE id = a.customer_id AND deleted = 0)";
    return any_row(db, "SELECT 1 FROM activities a WHERE a.rowid > ?1 AND " + std::string(live_done_visit) + " LIMIT 1",
                   start.activities_rowid) ||
           any_row(db,
                   "SELECT 1 FROM activities a WHERE a.at >= ?1 AND a.at < ?2 AND a.updated_at >= ?1 AND " +
                       std::string(live_done_visit) + " LIMIT 1",
                   start.at, iso_utc(now_ms() + 24 * 3600 * 1000));
}

bool found_customer_by_phone(Db& db, const CustomerListShown& list) {
    if (!is_phone_number(list.search)) return false;
    const std::string number = phone_key(list.search);
    if (number.empty()) return false;
    Stmt phone = db.prepare("SELECT phone FROM customers WHERE rowid = ?1 AND deleted = 0");
    const size_t rows = std::min(list.rowids.size(), kFirstRowsShown);
    for (size_t i = 0; i < rows; ++i) {
        phone.reset();
        phone.bind(1, list.rowids[i]);
        if (phone.step().value_or(false) && phone_key(phone.text(0)).find(number) != std::string::npos) return true;
    }
    return false;
}

bool added_points(Db& db, const TrainingStart& start) {
    return any_row(db, R"sql(
        SELECT 1 FROM points_ledger p WHERE p.rowid > ?1 AND p.deleted = 0
           AND p.kind IN ('earn', 'adjust') AND p.points > 0
           AND EXISTS (SELECT 1 FROM customers WHERE id = p.customer_id AND deleted = 0) LIMIT 1)sql",
                   start.points_rowid);
}

bool merged_customers(Db& db, const TrainingStart& start) {
    // A scan of the customers (no index on updated_at): about what the customers list's own
    // reload after each write costs, and only run until the task is done.
    return any_row(db, R"sql(
        SELECT 1 FROM customers m WHERE m.deleted = 1 AND m.updated_at >= ?1
           AND EXISTS (SELECT 1 FROM customers s WHERE s.deleted = 0 AND s.updated_at >= m.updated_at
                                                   AND instr(s.notes, m.name) > 0) LIMIT 1)sql",
                   start.at);
}

bool task_done(Db& db, TrainingTask task, const TrainingStart& start, const CustomerListShown& list) {
    switch (task) {
        case TrainingTask::create_customer_with_contact: return created_customer_with_contact(db, start);
        case TrainingTask::log_visit: return logged_visit(db, start);
        case TrainingTask::find_customer_by_phone: return found_customer_by_phone(db, list);
        case TrainingTask::add_points: return added_points(db, start);
        case TrainingTask::merge_customers: return merged_customers(db, start);
    }
    return false;
}

}  // namespace crm
