#include "domain/customer_share.hpp"

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

constexpr const char* kColumns =
    "id, customer_id, user_id, team_id, access, owner_id, created_at, updated_at, updated_by, rev, deleted";

CustomerShare read_share(const Stmt& s) {
    CustomerShare share;
    int i = 0;
    share.id = s.text(i++);
    share.customer_id = s.text(i++);
    share.user_id = s.text(i++);
    share.team_id = s.text(i++);
    share.access = s.text(i++);
    share.owner_id = s.text(i++);
    share.created_at = s.text(i++);
    share.updated_at = s.text(i++);
    share.updated_by = s.text(i++);
    share.rev = s.int64(i++);
    share.deleted = s.boolean(i++);
    return share;
}

}  // namespace

Problems validate(const CustomerShare& s, Db& db) {
    Problems problems;
    Checker check(problems);
    check.one_of("access", s.access, kShareAccess, false)
        .text("user_id", s.user_id, share_limits::target)
        .text("team_id", s.team_id, share_limits::target);
    if (s.customer_id.empty()) {
        check.add("customer_id", "required");
    } else if (!row_exists(db, "SELECT 1 FROM customers WHERE id = ?1 AND deleted = 0", s.customer_id)) {
        check.add("customer_id", "not_found");
    }
    if (s.user_id.empty() && s.team_id.empty()) {
        check.add("user_id", "required");
    } else if (!s.user_id.empty() && !s.team_id.empty()) {
        check.add("team_id", "invalid_choice");
    } else if (!check.has("user_id") && !check.has("team_id") &&
               row_exists(db,
                      "SELECT 1 FROM customer_shares WHERE customer_id = ?1 AND deleted = 0 AND id <> ?2 AND"
                      " (CASE WHEN ?3 <> '' THEN user_id = ?3 ELSE team_id = ?4 END)",
                      s.customer_id, s.id, s.user_id, s.team_id)) {
        check.add(s.user_id.empty() ? "team_id" : "user_id", "already_shared");
    }
    return problems;
}

std::vector<CustomerShare> shares_of(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM customer_shares WHERE customer_id = ?1 AND deleted = 0"
                           " ORDER BY user_id = '', user_id, team_id");
    stmt.bind(1, customer_id);
    std::vector<CustomerShare> shares;
    while (stmt.step().value_or(false)) shares.push_back(read_share(stmt));
    return shares;
}

std::optional<CustomerShare> find_share(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM customer_shares WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, id);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return read_share(stmt);
}

ShareAccess shared_access(Db& db, std::string_view customer_id, std::string_view user_id, std::string_view team_id) {
    Stmt stmt = db.prepare(
        "SELECT max(access = 'edit') FROM customer_shares WHERE customer_id = ?1 AND deleted = 0 AND"
        " (user_id = ?2 OR (?3 <> '' AND team_id = ?3))");
    stmt.bind_all(customer_id, user_id, team_id);
    if (!stmt.step().value_or(false) || stmt.is_null(0)) return ShareAccess::none;
    return stmt.int64(0) ? ShareAccess::edit : ShareAccess::read;
}

Status save_share(Db& db, CustomerShare& share, std::string_view actor) {
    CustomerShare next = share;
    trim_all({&next.user_id, &next.team_id});
    const std::string now = iso_utc(now_ms());
    Tx tx(db);
    if (Problems problems = validate(next, db); !problems.empty()) return Error::invalid(std::move(problems));
    next.updated_at = now;
    next.updated_by = std::string(actor);
    if (next.id.empty()) {
        next.id = new_id();
        next.owner_id = std::string(actor);
        next.created_at = now;
        Stmt stmt = db.prepare(
            "INSERT INTO customer_shares (id, customer_id, user_id, team_id, access, owner_id, created_at, updated_at,"
            " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        stmt.bind_all(next.id, next.customer_id, next.user_id, next.team_id, next.access, next.owner_id,
                      next.created_at, next.updated_at, next.updated_by);
        if (Status status = stmt.run(); !status) return status;
    } else {
        // Only the access changes: a share for someone else is a new share.
        Stmt stmt = db.prepare(
            "UPDATE customer_shares SET access = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1 AND deleted = 0");
        stmt.bind_all(next.id, next.access, next.updated_at, next.updated_by);
        if (Status status = stmt.run(); !status) return status;
        if (db.changes() == 0) return Error{"not_found", "the share no longer exists", {}};
    }
    if (Status status = tx.commit(); !status) return status;
    share = std::move(next);
    return {};
}

Status remove_share(Db& db, std::string_view id, std::string_view actor) {
    Stmt stmt = db.prepare(
        "UPDATE customer_shares SET deleted = 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted = 0");
    stmt.bind_all(id, iso_utc(now_ms()), actor);
    return stmt.run();
}

}  // namespace crm
