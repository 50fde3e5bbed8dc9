#include "domain/points.hpp"

#include <algorithm>
#include <charconv>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

constexpr const char* kColumns =
    "id, customer_id, kind, points, reason, occurred_at, owner_id, created_at, updated_at, updated_by, rev, deleted";

PointsEntry read_entry(const Stmt& s) {
    PointsEntry e;
    int i = 0;
    e.id = s.text(i++);
    e.customer_id = s.text(i++);
    e.kind = s.text(i++);
    e.points = s.int64(i++);
    e.reason = s.text(i++);
    e.occurred_at = s.text(i++);
    e.owner_id = s.text(i++);
    e.created_at = s.text(i++);
    e.updated_at = s.text(i++);
    e.updated_by = s.text(i++);
    e.rev = s.int64(i++);
    e.deleted = s.boolean(i++);
    return e;
}

bool customer_is_live(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare("SELECT 1 FROM customers WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, customer_id);
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

// A problem's limit is an int: a balance beyond it is shown as int's largest.
int as_limit(int64_t n) { return static_cast<int>(std::clamp<int64_t>(n, 0, INT32_MAX)); }

}  // namespace

int64_t signed_points(const PointsEntry& entry) { return entry.kind == "redeem" ? -entry.points : entry.points; }

Problems validate(const PointsEntry& e, Db& db) {
    Problems problems;
    Checker check(problems);
    check.one_of("kind", e.kind, kPointsKinds, false).text("reason", e.reason, points_limits::reason, true);
    if (e.occurred_at.empty()) check.add("occurred_at", "required");
    else if (!parse_iso_utc(e.occurred_at)) check.add("occurred_at", "date_format");

    const bool live = !e.customer_id.empty() && customer_is_live(db, e.customer_id);
    if (e.customer_id.empty()) check.add("customer_id", "required");
    else if (!live) check.add("customer_id", "not_found");

    if (e.points > points_limits::max_points || e.points < -points_limits::max_points) {
        check.add("points", "too_large", as_limit(points_limits::max_points));
    } else if (e.kind == "adjust") {
        if (e.points == 0) check.add("points", "zero");
    } else if (e.points <= 0) {
        check.add("points", "not_positive");
    } else if (e.kind == "redeem" && live) {
        const int64_t available = points_balance(db, e.customer_id, e.id);
        if (e.points > available) check.add("points", "insufficient_points", as_limit(available));
    }
    return problems;
}

int64_t points_balance(Db& db, std::string_view customer_id, std::string_view except_id) {
    Stmt stmt = db.prepare(
        "SELECT coalesce(sum(CASE kind WHEN 'redeem' THEN -points ELSE points END), 0) FROM points_ledger"
        " WHERE customer_id = ?1 AND deleted = 0 AND id IS NOT ?2");  // IS NOT: an empty view binds NULL
    stmt.bind_all(customer_id, except_id);
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

std::vector<PointsEntry> points_entries_of(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM points_ledger WHERE customer_id = ?1 AND deleted = 0"
                           " ORDER BY occurred_at DESC, id DESC");
    stmt.bind(1, customer_id);
    std::vector<PointsEntry> entries;
    while (stmt.step().value_or(false)) entries.push_back(read_entry(stmt));
    return entries;
}

std::optional<PointsEntry> find_points_entry(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM points_ledger WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, id);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return read_entry(stmt);
}

Status add_points_entry(Db& db, PointsEntry& entry, std::string_view actor) {
    PointsEntry next = entry;
    trim_all({&next.reason});
    const std::string now = iso_utc(now_ms());
    if (next.occurred_at.empty()) next.occurred_at = now;
    next.id = new_id();
    // The balance check and the insert in one transaction: nothing can spend the points between.
    Tx tx(db);
    if (Problems problems = validate(next, db); !problems.empty()) return Error::invalid(std::move(problems));
    next.owner_id = std::string(actor);
    next.created_at = next.updated_at = now;
    next.updated_by = std::string(actor);
    Stmt stmt = db.prepare(
        "INSERT INTO points_ledger (id, customer_id, kind, points, reason, occurred_at, owner_id, created_at,"
        " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    stmt.bind_all(next.id, next.customer_id, next.kind, next.points, next.reason, next.occurred_at, next.owner_id,
                  next.created_at, next.updated_at, next.updated_by);
    if (Status status = stmt.run(); !status) return status;
    if (Status status = tx.commit(); !status) return status;
    entry = std::move(next);
    return {};
}

std::optional<int64_t> parse_points(std::string_view text) {
    std::string trimmed = trim(text);
    std::string_view digits = trimmed;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
        if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) return std::nullopt;
    }
    if (digits.empty()) return std::nullopt;
    int64_t value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

}  // namespace crm
