#include "domain/customer.hpp"

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

constexpr const char* kColumns =
    "id, kind, name, code, type, level, industry, province, city, address, phone, email, owner_id, notes, "
    "created_at, updated_at, updated_by, rev, deleted";

Customer read_customer(const Stmt& s) {
    Customer c;
    int i = 0;
    c.id = s.text(i++);
    c.kind = s.text(i++);
    c.name = s.text(i++);
    c.code = s.text(i++);
    c.type = s.text(i++);
    c.level = s.text(i++);
    c.industry = s.text(i++);
    c.province = s.text(i++);
    c.city = s.text(i++);
    c.address = s.text(i++);
    c.phone = s.text(i++);
    c.email = s.text(i++);
    c.owner_id = s.text(i++);
    c.notes = s.text(i++);
    c.created_at = s.text(i++);
    c.updated_at = s.text(i++);
    c.updated_by = s.text(i++);
    c.rev = s.int64(i++);
    c.deleted = s.boolean(i++);
    return c;
}

bool code_taken(Db& db, const Customer& customer) {
    Stmt stmt = db.prepare(
        "SELECT 1 FROM customers WHERE code = ?1 COLLATE NOCASE AND id <> ?2 AND deleted = 0 LIMIT 1");
    stmt.bind_all(customer.code, customer.id);
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

const char* sort_expression(CustomerColumn column) {
    switch (column) {
        case CustomerColumn::code: return "code COLLATE NOCASE";
        case CustomerColumn::name: return "name COLLATE NOCASE";
        case CustomerColumn::kind: return "kind";
        case CustomerColumn::type: return "type";
        case CustomerColumn::level: return "level";
        case CustomerColumn::city: return "city COLLATE NOCASE";
        case CustomerColumn::phone: return "phone";
        case CustomerColumn::email: return "email COLLATE NOCASE";
        case CustomerColumn::owner: return "owner_id";
        case CustomerColumn::updated: return "updated_at";
    }
    return "name";
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------

Problems validate(const Customer& c, Db& db) {
    namespace lim = customer_limits;
    Problems problems;
    Checker check(problems);
    check.one_of("kind", c.kind, kCustomerKinds, false)
        .text("name", c.name, lim::name, true)
        .text("code", c.code, lim::code)
        .one_of("type", c.type, kCustomerTypes)
        .one_of("level", c.level, kCustomerLevels)
        .text("industry", c.industry, lim::industry)
        .text("province", c.province, lim::province)
        .text("city", c.city, lim::city)
        .text("address", c.address, lim::address)
        .text("phone", c.phone, lim::phone)
        .phone("phone", c.phone)
        .text("email", c.email, lim::email)
        .email("email", c.email)
        .text("owner_id", c.owner_id, lim::owner)
        .text("notes", c.notes, lim::notes);
    if (!c.code.empty() && !check.has("code") && code_taken(db, c)) check.add("code", "duplicate");
    return problems;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing
//-----------------------------------------------------------------------------

std::optional<Customer> find_customer(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM customers WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, id);
    Result<bool> row = stmt.step();
    if (!row.ok() || !row.value()) return std::nullopt;
    return read_customer(stmt);
}

Status save_customer(Db& db, Customer& customer, std::string_view actor) {
    Customer next = customer;
    trim_all({&next.name, &next.code, &next.industry, &next.province, &next.city, &next.address, &next.phone,
              &next.email, &next.owner_id});
    if (Problems problems = validate(next, db); !problems.empty()) return Error::invalid(std::move(problems));

    std::string now = iso_utc(now_ms());
    Tx tx(db);
    bool exists = false;
    if (!next.id.empty()) {
        std::optional<Customer> stored = find_customer(db, next.id);
        if (!stored) return Error{"not_found", "customer " + next.id + " does not exist", {}};
        exists = true;
        next.created_at = stored->created_at;
        // A form that leaves the owner blank means "no change", as on insert it means "me".
        if (next.owner_id.empty()) next.owner_id = stored->owner_id;
        // Saving what is already stored writes nothing: no new updated_at, nothing to sync.
        Customer unchanged = next;
        unchanged.updated_at = stored->updated_at;
        unchanged.updated_by = stored->updated_by;
        unchanged.rev = stored->rev;
        unchanged.deleted = stored->deleted;
        if (unchanged == *stored) {
            customer = std::move(*stored);
            return {};
        }
    }
    if (!exists) {
        next.id = new_id();
        next.created_at = now;
        if (next.owner_id.empty()) next.owner_id = std::string(actor);
    }
    next.updated_at = now;
    next.updated_by = std::string(actor);

    Stmt stmt = db.prepare(exists ? R"sql(
        UPDATE customers SET kind = ?2, name = ?3, code = ?4, type = ?5, level = ?6, industry = ?7,
            province = ?8, city = ?9, address = ?10, phone = ?11, email = ?12, owner_id = ?13, notes = ?14,
            updated_at = ?16, updated_by = ?17
        WHERE id = ?1)sql"
                                  : R"sql(
        INSERT INTO customers (id, kind, name, code, type, level, industry, province, city, address, phone,
            email, owner_id, notes, created_at, updated_at, updated_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17))sql");
    stmt.bind_all(next.id, next.kind, next.name, next.code, next.type, next.level, next.industry, next.province,
                  next.city, next.address, next.phone, next.email, next.owner_id, next.notes, next.created_at,
                  next.updated_at, next.updated_by);
    if (Status status = stmt.run(); !status) {
        // The unique index is the last word on codes (validate() can race a sync).
        if (status.error().code == "unique") return Error::invalid({{"code", "duplicate", 0}});
        return status;
    }
    if (Status status = tx.commit(); !status) return status;
    customer = std::move(next);
    return {};
}

Status delete_customer(Db& db, std::string_view id, std::string_view actor) {
    std::string now = iso_utc(now_ms());
    Tx tx(db);
    Stmt customer = db.prepare(
        "UPDATE customers SET deleted = 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted = 0");
    customer.bind_all(id, now, actor);
    if (Status status = customer.run(); !status) return status;
    if (db.changes() == 0) return Error{"not_found", "customer does not exist", {}};
    Stmt contacts = db.prepare(
        "UPDATE contacts SET deleted = 1, updated_at = ?2, updated_by = ?3 WHERE customer_id = ?1 AND deleted = 0");
    contacts.bind_all(id, now, actor);
    if (Status status = contacts.run(); !status) return status;
    return tx.commit();
}

//-----------------------------------------------------------------------------
// [SECTION] Lists
//-----------------------------------------------------------------------------

std::vector<int64_t> find_customer_rowids(Db& db, const CustomerQuery& query) {
    std::string sql = "SELECT rowid FROM customers WHERE deleted = 0";
    std::string search = trim(query.search);
    if (!search.empty()) {
        // lower() in SQLite folds ASCII only, and so does ascii_lower(): the same rule as LIKE.
        sql += " AND instr(search_text, ?1) > 0";
    }
    // Sort columns come from a fixed list (sort_expression), never from the user's text.
    sql += " ORDER BY ";
    for (const SortKey& key : query.sort) {
        sql += sort_expression(key.column);
        sql += key.descending ? " DESC, " : " ASC, ";
    }
    // rowid last makes the order total, so ties keep the order they were added in. An index
    // keeps equal keys in rowid order, so customers_name serves the default order
    // (name ascending) with no sort at all.
    sql += "rowid";
    Stmt stmt = db.prepare(sql);
    if (!search.empty()) stmt.bind(1, ascii_lower(search));
    std::vector<int64_t> rowids;
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row.ok() || !row.value()) break;
        rowids.push_back(stmt.int64(0));
    }
    return rowids;
}

int64_t count_customers(Db& db) {
    Stmt stmt = db.prepare("SELECT count(*) FROM customers WHERE deleted = 0");
    Result<bool> row = stmt.step();
    return row.ok() && row.value() ? stmt.int64(0) : 0;
}

CustomerRows::CustomerRows(Db& db)
    : stmt_(db.prepare("SELECT id, code, name, kind, type, level, city, phone, email, owner_id, updated_at "
                       "FROM customers WHERE rowid = ?1")) {}

std::optional<CustomerRow> CustomerRows::load(int64_t rowid) {
    stmt_.reset();
    stmt_.bind(1, rowid);
    Result<bool> row = stmt_.step();
    if (!row.ok() || !row.value()) return std::nullopt;
    CustomerRow r;
    r.rowid = rowid;
    int i = 0;
    for (std::string* field : {&r.id, &r.code, &r.name, &r.kind, &r.type, &r.level, &r.city, &r.phone, &r.email,
                               &r.owner_id, &r.updated_at})
        *field = stmt_.text(i++);
    // A statement left on its row keeps a read transaction open: on a file database that
    // blocks another connection's checkpoint or (in rollback mode) its write.
    stmt_.reset();
    return r;
}

}  // namespace crm
