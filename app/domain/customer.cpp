#include "domain/customer.hpp"

#include <algorithm>
#include <array>
#include <iterator>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

// The record's editable text columns, in the order every statement lists them. Column names
// in SQL come only from here.
struct TextColumn {
    const char* name;
    std::string Customer::*member;
};

constexpr TextColumn kTextColumns[] = {
    {"kind", &Customer::kind},
    {"name", &Customer::name},
    {"code", &Customer::code},
    {"type", &Customer::type},
    {"level", &Customer::level},
    {"industry", &Customer::industry},
    {"province", &Customer::province},
    {"city", &Customer::city},
    {"address", &Customer::address},
    {"phone", &Customer::phone},
    {"email", &Customer::email},
    {"owner_id", &Customer::owner_id},
    {"notes", &Customer::notes},
    {"lifecycle", &Customer::lifecycle},
    {"source", &Customer::source},
    {"member_level", &Customer::member_level},
    {"tags", &Customer::tags},
    {"company_size", &Customer::company_size},
    {"business_status", &Customer::business_status},
    {"credit_rating", &Customer::credit_rating},
    {"trade_terms", &Customer::trade_terms},
    {"gender", &Customer::gender},
    {"birthday", &Customer::birthday},
    {"family", &Customer::family},
    {"occupation", &Customer::occupation},
    {"employer", &Customer::employer},
    {"income_band", &Customer::income_band},
    {"interests", &Customer::interests},
    {"preferences", &Customer::preferences},
};

constexpr auto kColumnNames = [] {
    std::array<std::string_view, std::size(kTextColumns)> names{};
    for (size_t i = 0; i < names.size(); ++i) names[i] = kTextColumns[i].name;
    return names;
}();

struct ChoiceColumn {
    std::string_view name;
    std::span<const std::string_view> values;
};

constexpr ChoiceColumn kChoiceColumns[] = {
    {"kind", kCustomerKinds},
    {"type", kCustomerTypes},
    {"level", kCustomerLevels},
    {"lifecycle", kLifecycleStages},
    {"source", kCustomerSources},
    {"member_level", kMemberLevels},
    {"company_size", kCompanySizes},
    {"business_status", kBusinessStatuses},
    {"credit_rating", kCreditRatings},
    {"gender", kGenders},
    {"income_band", kIncomeBands},
};

// "id, kind, name, ..., created_at, updated_at, updated_by, rev, deleted"
const std::string& select_list() {
    static const std::string list = [] {
        std::string columns = "id";
        for (const TextColumn& column : kTextColumns) columns.append(", ").append(column.name);
        return columns + ", created_at, updated_at, updated_by, rev, deleted";
    }();
    return list;
}

Customer read_customer(const Stmt& s) {
    Customer c;
    int i = 0;
    c.id = s.text(i++);
    for (const TextColumn& column : kTextColumns) c.*column.member = s.text(i++);
    c.created_at = s.text(i++);
    c.updated_at = s.text(i++);
    c.updated_by = s.text(i++);
    c.rev = s.int64(i++);
    c.deleted = s.boolean(i++);
    return c;
}

// Parameters: ?1 id, ?2.. the text columns, then created_at, updated_at, updated_by.
const std::string& insert_sql() {
    static const std::string sql = [] {
        std::string columns = "id", values = "?1";
        int n = 1;
        for (const TextColumn& column : kTextColumns) {
            columns.append(", ").append(column.name);
            values.append(", ?").append(std::to_string(++n));
        }
        for (const char* column : {"created_at", "updated_at", "updated_by"}) {
            columns.append(", ").append(column);
            values.append(", ?").append(std::to_string(++n));
        }
        return "INSERT INTO customers (" + columns + ") VALUES (" + values + ")";
    }();
    return sql;
}

const std::string& update_sql() {
    static const std::string sql = [] {
        std::string sets;
        int n = 1;
        for (const TextColumn& column : kTextColumns) {
            sets.append(sets.empty() ? "" : ", ").append(column.name).append(" = ?").append(std::to_string(++n));
        }
        const int created = n + 1;  // created_at is bound but never changes
        sets.append(", updated_at = ?").append(std::to_string(created + 1));
        sets.append(", updated_by = ?").append(std::to_string(created + 2));
        return "UPDATE customers SET " + sets + " WHERE id = ?1";
    }();
    return sql;
}

// The statement in `slot`, prepared on first use, reset and ready to bind.
Stmt& prepared(Db& db, std::optional<Stmt>& slot, const std::string& sql) {
    if (!slot) slot.emplace(db.prepare(sql));
    else slot->reset();
    return *slot;
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

Problems validate(const Customer& customer, Db& db) { return CustomerWriter(db).validate(customer); }

Problems CustomerWriter::validate(const Customer& c) {
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
        .text("notes", c.notes, lim::notes)
        .one_of("lifecycle", c.lifecycle, kLifecycleStages)
        .one_of("source", c.source, kCustomerSources)
        .one_of("member_level", c.member_level, kMemberLevels)
        .text("tags", c.tags, lim::tags)
        .one_of("company_size", c.company_size, kCompanySizes)
        .one_of("business_status", c.business_status, kBusinessStatuses)
        .one_of("credit_rating", c.credit_rating, kCreditRatings)
        .text("trade_terms", c.trade_terms, lim::trade_terms)
        .one_of("gender", c.gender, kGenders)
        .past_date("birthday", c.birthday, local_today())
        .text("family", c.family, lim::family)
        .text("occupation", c.occupation, lim::occupation)
        .text("employer", c.employer, lim::employer)
        .one_of("income_band", c.income_band, kIncomeBands)
        .text("interests", c.interests, lim::interests)
        .text("preferences", c.preferences, lim::preferences);
    if (!c.code.empty() && !check.has("code") && code_taken(c)) check.add("code", "duplicate");
    return problems;
}

std::string normalize_tags(std::string_view tags) {
    // Both the ASCII comma and the full-width one a Chinese IME types (U+FF0C) separate tags.
    constexpr std::string_view kWideComma = "\xEF\xBC\x8C";
    std::vector<std::string> kept;
    size_t start = 0;
    for (;;) {
        const size_t ascii = tags.find(',', start);
        const size_t wide = tags.find(kWideComma, start);
        const size_t stop = std::min({ascii, wide, tags.size()});
        std::string tag = trim(tags.substr(start, stop - start));
        if (!tag.empty() && std::find(kept.begin(), kept.end(), tag) == kept.end()) kept.push_back(std::move(tag));
        if (stop == tags.size()) break;
        start = stop + (stop == wide ? kWideComma.size() : 1);
    }
    std::string out;
    for (const std::string& tag : kept) out.append(out.empty() ? "" : ", ").append(tag);
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing
//-----------------------------------------------------------------------------

std::optional<Customer> find_customer(Db& db, std::string_view id) { return CustomerWriter(db).find(id); }

std::string* customer_text_field(Customer& customer, std::string_view column) {
    for (const TextColumn& text : kTextColumns)
        if (column == text.name) return &(customer.*text.member);
    return nullptr;
}

const std::string* customer_text_field(const Customer& customer, std::string_view column) {
    return customer_text_field(const_cast<Customer&>(customer), column);  // reads only
}

std::span<const std::string_view> customer_columns() { return kColumnNames; }

std::span<const std::string_view> customer_choices(std::string_view column) {
    for (const ChoiceColumn& choice : kChoiceColumns)
        if (choice.name == column) return choice.values;
    return {};
}

Status save_customer(Db& db, Customer& customer, std::string_view actor) {
    return CustomerWriter(db).save(customer, actor);
}

std::optional<Customer> CustomerWriter::find(std::string_view id) {
    Stmt& stmt = prepared(db_, find_, "SELECT " + select_list() + " FROM customers WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, id);
    Result<bool> row = stmt.step();
    std::optional<Customer> found;
    if (row.ok() && row.value()) found = read_customer(stmt);
    stmt.reset();
    return found;
}

bool CustomerWriter::code_taken(const Customer& customer) {
    // "code <> ''" lets the partial index customers_code serve the lookup; without it each
    // save scans the table, and an import of 10,000 rows took 23 s instead of well under 1.
    Stmt& stmt = prepared(db_, code_taken_,
                          "SELECT 1 FROM customers WHERE code = ?1 COLLATE NOCASE AND code <> '' AND id <> ?2 "
                          "AND deleted = 0 LIMIT 1");
    stmt.bind_all(customer.code, customer.id);
    Result<bool> row = stmt.step();
    const bool taken = row.ok() && row.value();
    stmt.reset();
    return taken;
}

Status CustomerWriter::save(Customer& customer, std::string_view actor) {
    Customer next = customer;
    for (const TextColumn& column : kTextColumns) {
        if (std::string_view(column.name) != "notes") trim_all({&(next.*column.member)});
    }
    next.tags = normalize_tags(next.tags);
    if (Problems problems = validate(next); !problems.empty()) return Error::invalid(std::move(problems));

    std::string now = iso_utc(now_ms());
    // On its own a save is a transaction, so that the record compared below is the one it
    // overwrites. Inside a caller's (an import's) the caller's already serves, and the one
    // write below is atomic by itself; a savepoint would add only its cost: it copies each
    // page the row touches (the table's and eight indexes') to a journal, and was 40 % of
    // an imported row's time.
    std::optional<Tx> tx;
    if (!db_.in_transaction()) tx.emplace(db_);
    bool exists = false;
    if (!next.id.empty()) {
        std::optional<Customer> stored = find(next.id);
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

    Stmt& stmt = exists ? prepared(db_, update_, update_sql()) : prepared(db_, insert_, insert_sql());
    stmt.bind(1, next.id);
    int n = 1;
    for (const TextColumn& column : kTextColumns) stmt.bind(++n, next.*column.member);
    stmt.bind(++n, next.created_at);
    stmt.bind(++n, next.updated_at);
    stmt.bind(++n, next.updated_by);
    Status written = stmt.run();
    stmt.reset();
    if (!written) {
        // The unique index is the last word on codes (validate() can race a sync).
        if (written.error().code == "unique") return Error::invalid({{"code", "duplicate", 0}});
        return written;
    }
    if (tx) {
        if (Status status = tx->commit(); !status) return status;
    }
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
    Stmt activities = db.prepare(
        "UPDATE activities SET deleted = 1, updated_at = ?2, updated_by = ?3 WHERE customer_id = ?1 AND deleted = 0");
    activities.bind_all(id, now, actor);
    if (Status status = activities.run(); !status) return status;
    return tx.commit();
}

//-----------------------------------------------------------------------------
// [SECTION] Lists
//-----------------------------------------------------------------------------

Stmt customer_list_statement(Db& db, const CustomerQuery& query, std::string_view columns, bool with_search) {
    std::string sql = "SELECT " + std::string(columns) + " FROM customers WHERE deleted = 0";
    std::vector<std::string> values;
    auto condition = [&](const std::string& value, const char* sql_with_placeholder) {
        if (value.empty()) return;
        values.push_back(value);
        sql += " AND ";
        // Each condition's one value is the next parameter: ?1, ?2, ...
        const std::string_view part = sql_with_placeholder;
        const size_t at = part.find('?');
        CRM_CHECK(at != std::string_view::npos, "a list condition has its placeholder");
        sql.append(part.substr(0, at)).append("?").append(std::to_string(values.size())).append(part.substr(at + 1));
    };
    const CustomerFilter& f = query.filter;
    condition(f.kind, "kind = ?");
    condition(f.type, "type = ?");
    condition(f.level, "level = ?");
    condition(f.lifecycle, "lifecycle = ?");
    condition(f.member_level, "member_level = ?");
    condition(f.owner_id, "owner_id = ?");
    condition(trim(f.city), "city = ? COLLATE NOCASE");
    // Tags are stored normalised ("VIP, 华东"): one of them, whole, ignoring ASCII case.
    condition(ascii_lower(trim(f.tag)), "instr(', ' || lower(tags) || ', ', ', ' || ? || ', ') > 0");
    // lower() in SQLite folds ASCII only, and so does ascii_lower(): the same rule as LIKE.
    condition(f.group_id,
              "id IN (SELECT m.customer_id FROM customer_group_members m JOIN customer_groups g ON g.id = m.group_id"
              " WHERE m.group_id = ? AND m.deleted = 0 AND g.deleted = 0)");
    if (with_search) condition(ascii_lower(trim(query.search)), "instr(search_text, ?) > 0");
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
    for (size_t i = 0; i < values.size(); ++i) stmt.bind(static_cast<int>(i + 1), values[i]);
    return stmt;
}

std::vector<int64_t> find_customer_rowids(Db& db, const CustomerQuery& query) {
    Stmt stmt = customer_list_statement(db, query, "rowid", !trim(query.search).empty());
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

std::vector<std::string> customer_owners(Db& db) {
    Stmt stmt = db.prepare("SELECT DISTINCT owner_id FROM customers WHERE deleted = 0 AND owner_id <> '' ORDER BY owner_id");
    std::vector<std::string> owners;
    while (stmt.step().value_or(false)) owners.push_back(stmt.text(0));
    return owners;
}

void for_each_customer(Db& db, std::span<const int64_t> rowids, const std::function<void(const Customer&)>& visit) {
    Stmt stmt = db.prepare("SELECT " + select_list() + " FROM customers WHERE rowid = ?1 AND deleted = 0");
    for (int64_t rowid : rowids) {
        stmt.reset();
        stmt.bind(1, rowid);
        Result<bool> row = stmt.step();
        if (row.ok() && row.value()) visit(read_customer(stmt));
    }
    stmt.reset();
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
