#include "domain/record_list.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"

namespace crm {

namespace {

// A filter that takes one of `allowed` and compares `sql` with it.
std::optional<ListCondition> equals_one_of(std::string_view sql, std::span<const std::string_view> allowed,
                                           std::string_view value) {
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) return std::nullopt;
    return ListCondition{std::string(sql) + " = ?", {std::string(value)}};
}

// A filter on a free value (an owner's id).
ListCondition equals(std::string_view sql, std::string_view value) {
    return ListCondition{std::string(sql) + " = ?", {std::string(value)}};
}

//-----------------------------------------------------------------------------
// Contacts
//-----------------------------------------------------------------------------

constexpr std::string_view kOptOuts[] = {"any", "none"};
constexpr const char* kAnyOptOut = "(c.no_email OR c.no_sms OR c.no_call OR c.no_mail)";

// A joined table's column is searched through ids, so that searching needs no join: the
// customers (or contacts) whose name holds the text are found once per search.
constexpr ListColumn kContactColumns[] = {
    {"name", "c.name", "instr(lower(c.name), ?) > 0"},
    {"customer", "k.name", "c.customer_id IN (SELECT id FROM customers WHERE instr(lower(name), ?) > 0)", true},
    {"title", "c.title", "instr(lower(c.title), ?) > 0"},
    {"role", "c.role"},
    {"phone", "c.phone", "instr(lower(c.phone), ?) > 0"},
    {"mobile", "c.mobile", "instr(lower(c.mobile), ?) > 0"},
    {"email", "c.email", "instr(lower(c.email), ?) > 0"},
    {"preferred_channel", "c.preferred_channel"},
    {"opt_outs",
     "rtrim(CASE WHEN c.no_email THEN 'no_email ' ELSE '' END || CASE WHEN c.no_sms THEN 'no_sms ' ELSE '' END || "
     "CASE WHEN c.no_call THEN 'no_call ' ELSE '' END || CASE WHEN c.no_mail THEN 'no_mail' ELSE '' END)"},
    {"owner_id", "k.owner_id", {}, true},
};

constexpr ListNames kContactNames[] = {{"c.customer_id", "customers"}};

constexpr ListFilter kContactFilters[] = {
    {"role", [](std::string_view v) { return equals_one_of("c.role", kContactRoles, v); }},
    {"channel", [](std::string_view v) { return equals_one_of("c.preferred_channel", kContactChannels, v); }},
    {"opted_out",
     [](std::string_view v) -> std::optional<ListCondition> {
         if (std::find(std::begin(kOptOuts), std::end(kOptOuts), v) == std::end(kOptOuts)) return std::nullopt;
         return ListCondition{v == "any" ? std::string(kAnyOptOut) : std::string("NOT ") + kAnyOptOut, {}};
     }},
    {"owner_id",
     [](std::string_view v) -> std::optional<ListCondition> {
         return ListCondition{"c.customer_id IN (SELECT id FROM customers WHERE deleted = 0 AND owner_id = ?)", {std::string(v)}};
     }},
};

constexpr std::pair<size_t, bool> kContactSort[] = {{1, false}, {0, false}};  // customer, then name

//-----------------------------------------------------------------------------
// Activities
//-----------------------------------------------------------------------------

constexpr std::string_view kStatuses[] = {"planned", "done", "overdue"};

constexpr ListColumn kActivityColumns[] = {
    {"at", "a.at", {}, false, false, "a.owner_id"},
    {"kind", "a.kind"},
    {"subject", "a.subject", "instr(lower(a.subject), ?) > 0"},
    {"customer", "k.name", "a.customer_id IN (SELECT id FROM customers WHERE instr(lower(name), ?) > 0)", true},
    {"contact", "coalesce(ct.name, '')", "a.contact_id IN (SELECT id FROM contacts WHERE instr(lower(name), ?) > 0)",
     true},
    // A note is neither planned nor done; whether a planned one is overdue depends on the
    // moment, so the screen tells (from "at").
    {"status", "CASE WHEN a.done_at <> '' THEN 'done' WHEN a.planned_at <> '' THEN 'planned' ELSE '' END"},
    {"outcome", "a.outcome", "instr(lower(a.outcome), ?) > 0"},
    {"next_step", "a.next_step", "instr(lower(a.next_step), ?) > 0"},
    {"owner_id", "a.owner_id"},
};

constexpr ListNames kActivityNames[] = {{"a.customer_id", "customers"}, {"a.contact_id", "contacts"}};

// A local date's first instant as stored text; nullopt for what is not a date.
std::optional<std::string> day_start(std::string_view date, int64_t days_after) {
    std::optional<int64_t> day = parse_date(trim(date));
    if (!day) return std::nullopt;
    return iso_utc(local_midnight(*day + days_after));
}

constexpr ListFilter kActivityFilters[] = {
    {"kind", [](std::string_view v) { return equals_one_of("a.kind", kActivityKinds, v); }},
    {"status",
     [](std::string_view v) -> std::optional<ListCondition> {
         if (std::find(std::begin(kStatuses), std::end(kStatuses), v) == std::end(kStatuses)) return std::nullopt;
         if (v == "done") return ListCondition{"a.done_at <> ''", {}};
         // The open items through their own partial index (activities_open, named: without
         // statistics SQLite would take the "at" index and read every row): a set of rowids the
         // list's scan of its "at" index checks without reading each row.
         constexpr const char* kOpen = "a.rowid IN (SELECT rowid FROM activities INDEXED BY activities_open WHERE "
                                       "deleted = 0 AND done_at = '' AND planned_at <> ''";
         if (v == "planned") return ListCondition{std::string(kOpen) + ")", {}};
         return ListCondition{std::string(kOpen) + " AND planned_at < ?)", {iso_utc(now_ms())}};
     }},
    {"owner_id", [](std::string_view v) -> std::optional<ListCondition> { return equals("a.owner_id", v); }},
    {"from",
     [](std::string_view v) -> std::optional<ListCondition> {
         std::optional<std::string> start = day_start(v, 0);
         if (!start) return std::nullopt;
         return ListCondition{"a.at >= ?", {*start}};
     }},
    {"to",
     [](std::string_view v) -> std::optional<ListCondition> {
         std::optional<std::string> end = day_start(v, 1);
         if (!end) return std::nullopt;
         return ListCondition{"a.at < ?", {*end}};
     }},
};

constexpr std::pair<size_t, bool> kActivitySort[] = {{0, true}};  // newest first

std::span<const std::pair<size_t, bool>> sort_keys(const ListSpec& spec, const ListQuery& query,
                                                   std::vector<std::pair<size_t, bool>>& storage) {
    if (query.sort.empty()) return spec.default_sort;
    for (const ListSort& key : query.sort)
        if (key.column < spec.columns.size()) storage.emplace_back(key.column, key.descending);
    return storage;
}

const ListFilter* filter_of(const ListSpec& spec, std::string_view key) {
    const auto found = std::find_if(spec.filters.begin(), spec.filters.end(),
                                    [key](const ListFilter& f) { return f.key == key; });
    return found == spec.filters.end() ? nullptr : &*found;
}

// Whether the query sorts or filters by a joined table's column (its search never does).
bool needs_joins(const ListSpec& spec, const ListQuery& query) {
    std::vector<std::pair<size_t, bool>> storage;
    for (const auto& key : sort_keys(spec, query, storage))
        if (spec.columns[key.first].joined) return true;
    for (const auto& entry : query.filter) {
        const ListFilter* filter = filter_of(spec, entry.first);
        if (!entry.second.empty() && filter && filter->joined) return true;
    }
    return false;
}

// The WHERE clause of a query: live records (`live`), its filters and its search.
ListCondition where_of(const ListSpec& spec, const ListQuery& query, std::string_view live) {
    ListCondition where{std::string(live), {}};
    for (const auto& entry : query.filter) {
        // (No structured binding: clang 14, the wasm build's, cannot capture one.)
        const std::string& value = entry.second;
        if (value.empty()) continue;
        const ListFilter* filter = filter_of(spec, entry.first);
        std::optional<ListCondition> condition = filter ? filter->condition(value) : std::nullopt;
        if (!condition) return {"0", {}};  // a filter the list does not know, or a value it cannot take
        where.sql += " AND (" + condition->sql + ")";
        where.params.insert(where.params.end(), condition->params.begin(), condition->params.end());
    }
    const std::string needle = ascii_lower(std::string(trim(query.search)));
    if (!needle.empty()) {
        std::string any;
        for (const ListColumn& column : spec.columns) {
            if (column.search.empty()) continue;
            any += std::string(any.empty() ? "" : " OR ") + std::string(column.search);
            where.params.push_back(needle);
        }
        where.sql += " AND (" + any + ")";
    }
    return where;
}

// Ties go by rowid in the first key's direction, so that an index on that key alone (a
// partial index on "at" for the activities) gives the whole order without a sort.
std::string order_of(const ListSpec& spec, const ListQuery& query) {
    std::vector<std::pair<size_t, bool>> storage;
    const auto keys = sort_keys(spec, query, storage);
    std::string order;
    for (const auto& key : keys) {
        const ListColumn& column = spec.columns[key.first];
        const char* direction = key.second ? " DESC" : "";
        order += std::string(order.empty() ? " ORDER BY " : ", ") + std::string(column.sql) +
                 (column.nocase ? " COLLATE NOCASE" : "") + direction;
        if (!column.order_also.empty()) order += ", " + std::string(column.order_also) + direction;
    }
    const bool descending = !keys.empty() && keys.front().second;
    return order + (order.empty() ? " ORDER BY " : ", ") + std::string(spec.rowid) + (descending ? " DESC" : "");
}

void bind_all(Stmt& stmt, const std::vector<std::string>& params) {
    int index = 1;
    for (const std::string& param : params) stmt.bind(index++, param);
}

}  // namespace

std::optional<size_t> ListSpec::column(std::string_view key) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].key == key) return i;
    return std::nullopt;
}

const ListSpec& contact_list() {
    static const ListSpec spec{
        .name = "contacts",
        .from = "contacts c LEFT JOIN customers k ON k.id = c.customer_id",
        .live = "c.deleted = 0 AND coalesce(k.deleted, 0) = 0",
        .table = "contacts c",
        .live_alone = "c.deleted = 0 AND c.rowid NOT IN (SELECT x.rowid FROM customers gone CROSS JOIN contacts x ON "
                      "x.customer_id = gone.id AND x.deleted = 0 WHERE gone.deleted <> 0)",
        .live_own = "c.deleted = 0",
        .search_names = kContactNames,
        .rowid = "c.rowid",
        .id = "c.id",
        .customer_id = "k.id",
        .columns = kContactColumns,
        .filters = kContactFilters,
        .default_sort = kContactSort,
    };
    return spec;
}

const ListSpec& activity_list() {
    static const ListSpec spec{
        .name = "activities",
        .from = "activities a LEFT JOIN customers k ON k.id = a.customer_id "
                "LEFT JOIN contacts ct ON ct.id = a.contact_id AND a.contact_id <> ''",
        .live = "a.deleted = 0 AND coalesce(k.deleted, 0) = 0",
        .table = "activities a",
        .live_alone = "a.deleted = 0 AND a.rowid NOT IN (SELECT x.rowid FROM customers gone CROSS JOIN activities x ON "
                      "x.customer_id = gone.id AND x.deleted = 0 WHERE gone.deleted <> 0)",
        .live_own = "a.deleted = 0",
        .search_names = kActivityNames,
        .rowid = "a.rowid",
        .id = "a.id",
        .customer_id = "k.id",
        .columns = kActivityColumns,
        .filters = kActivityFilters,
        .default_sort = kActivitySort,
    };
    return spec;
}

bool customers_deleted(Db& db) {
    // Along customers_deleted, which holds the deleted customers only. An error says "some",
    // the rule that holds either way.
    Stmt deleted = db.prepare("SELECT 1 FROM customers WHERE deleted <> 0 LIMIT 1");
    return deleted.step().value_or(true);
}

namespace {

// The live rule over the record's own table: live_own while no customer is deleted.
std::string_view live_rule_alone(const ListSpec& spec, bool any_customer_deleted) {
    return any_customer_deleted ? spec.live_alone : spec.live_own;
}

}  // namespace

ListCondition list_statement(const ListSpec& spec, const ListQuery& query, bool any_customer_deleted) {
    const bool joins = needs_joins(spec, query);
    ListCondition where = where_of(spec, query, joins ? spec.live : live_rule_alone(spec, any_customer_deleted));
    where.sql = "SELECT " + std::string(spec.rowid) + " FROM " + std::string(joins ? spec.from : spec.table) +
                " WHERE " + where.sql + order_of(spec, query);
    return where;
}

std::vector<int64_t> list_rowids(Db& db, const ListSpec& spec, const ListQuery& query) {
    const ListCondition statement = list_statement(spec, query, customers_deleted(db));
    Stmt stmt = db.prepare(statement.sql);
    bind_all(stmt, statement.params);
    std::vector<int64_t> rowids;
    while (stmt.step().value_or(false)) rowids.push_back(stmt.int64(0));
    return rowids;
}

namespace {

using Clock = std::chrono::steady_clock;

// The ids and names of a joined table, in one buffer: 100,000 customers without 200,000
// small strings. Read a slice at a time as the rows are (ListSearch::step_for): 100,000
// customers and 160,000 contacts took 100 ms natively, in the frame of the first keystroke.
class NameIndex {
public:
    // Reads on from the row after the last read, then indexes what it read; true once done,
    // false when `deadline` came first (the clock is looked at every 256 rows).
    bool read_for(Db& db, std::string_view table, Clock::time_point deadline) {
        if (!read_all_) {
            // `table` is one of the list specs' constants, never input.
            Stmt stmt = db.prepare("SELECT rowid, id, name FROM " + std::string(table) + " WHERE rowid > ?1 ORDER BY rowid");
            stmt.bind(1, after_);
            for (int rows = 1;; ++rows) {
                if (!stmt.step().value_or(false)) {
                    read_all_ = true;
                    break;
                }
                after_ = stmt.int64(0);
                buffer_ += stmt.text_view(1);
                const auto id_end = static_cast<uint32_t>(buffer_.size());
                buffer_ += stmt.text_view(2);
                spans_.emplace_back(id_end, static_cast<uint32_t>(buffer_.size()));
                if (rows % 256 == 0 && Clock::now() >= deadline) return false;
            }
            names_.reserve(spans_.size());
        }
        while (indexed_ < spans_.size()) {
            const auto [id_end, name_end] = spans_[indexed_];
            const uint32_t begin = indexed_ == 0 ? 0 : spans_[indexed_ - 1].second;
            names_.emplace(std::string_view(buffer_).substr(begin, id_end - begin),
                           std::string_view(buffer_).substr(id_end, name_end - id_end));
            if (++indexed_ % 256 == 0 && Clock::now() >= deadline) return false;
        }
        return true;
    }
    std::string_view name(std::string_view id) const {
        const auto found = names_.find(id);
        return found == names_.end() ? std::string_view() : found->second;
    }

private:
    bool read_all_ = false;
    int64_t after_ = 0;    // the last rowid read
    std::string buffer_;   // not grown once names_ points into it
    std::vector<std::pair<uint32_t, uint32_t>> spans_;  // where each id and name end
    size_t indexed_ = 0;   // of spans_, in names_
    std::unordered_map<std::string_view, std::string_view> names_;
};

void append_lower(std::string& out, std::string_view text) {
    const size_t at = out.size();
    out.resize(at + text.size());
    char* to = out.data() + at;
    for (char c : text) *to++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

// Reads the table in its own order and lower-cases here, then lays the texts out in the
// list's order: reading the rows in the list's order (down an index) costs a seek each, and
// SQLite's lower() and || more than the read (0.3 s against 0.05 s over 250,000 activities).
// The joined names are looked up in memory rather than in their tables' indexes. A slice
// goes on from the last rowid read, so no statement stays open between slices.
struct ListSearch::Reading {
    std::vector<int64_t> order;
    int own = 0;  // the searched columns of the table itself, before the joined names
    Db* db = nullptr;
    std::span<const ListNames> name_tables;
    std::vector<NameIndex> names;  // read first, one after the other
    size_t names_read = 0;
    std::optional<Stmt> stmt;
    int64_t after = 0;  // the last rowid read
    int64_t last = 0;   // the highest rowid listed
    // Rowid -> where its text lies in `buffer`, 1 + its end (0: not listed); rowids are dense.
    std::vector<std::pair<size_t, size_t>> at;
    std::string buffer;

    void read_row() {
        const int64_t rowid = stmt->int64(0);
        after = rowid;
        if (rowid < 0 || rowid > last || at[static_cast<size_t>(rowid)].second == 0) return;
        std::pair<size_t, size_t>* row = &at[static_cast<size_t>(rowid)];
        const size_t begin = buffer.size();
        for (int i = 0; i < own; ++i) {
            if (i > 0) buffer += '\x1f';
            append_lower(buffer, stmt->text_view(1 + i));
        }
        for (size_t i = 0; i < names.size(); ++i) {
            buffer += '\x1f';
            append_lower(buffer, names[i].name(stmt->text_view(1 + own + static_cast<int>(i))));
        }
        *row = {begin, buffer.size() + 1};
    }

    // Once every row is read, the texts go into `texts` in the list's order, also a slice at a
    // time (1.2 million of them take 0.5 s in the browser).
    bool read_all = false;
    size_t laid_out = 0;

    void lay_out_next(SearchTexts& texts) {
        const int64_t rowid = order[laid_out++];
        const auto [begin, end] = at[static_cast<size_t>(rowid)];
        texts.add(rowid, end == 1 ? std::string_view() : std::string_view(buffer).substr(begin, end - 1 - begin));
    }
};

ListSearch::ListSearch() = default;
ListSearch::~ListSearch() = default;

void ListSearch::load(Db& db, const ListSpec& spec, const ListQuery& query) {
    ListQuery all = query;
    all.search.clear();
    begin(db, spec, list_rowids(db, spec, all));
    while (step_for(std::chrono::hours(1))) {
    }
}

void ListSearch::begin(Db& db, const ListSpec& spec, std::vector<int64_t> order) {
    texts_.clear();
    auto reading = std::make_unique<Reading>();
    std::string sql = "SELECT " + std::string(spec.rowid);
    for (const ListColumn& column : spec.columns) {
        if (column.search.empty() || column.joined) continue;
        sql += ", " + std::string(column.sql);
        ++reading->own;
    }
    reading->db = &db;
    reading->name_tables = spec.search_names;
    reading->names.resize(spec.search_names.size());
    for (const ListNames& names : spec.search_names) sql += ", " + std::string(names.key);
    // Every live row from the one after the last read, in the table's order (the filters are
    // in `order` already); rowids not in it are skipped.
    reading->stmt.emplace(db.prepare(sql + " FROM " + std::string(spec.table) + " NOT INDEXED WHERE " +
                               std::string(spec.rowid) + " > ?1 AND " +
                               std::string(live_rule_alone(spec, customers_deleted(db))) + " ORDER BY " +
                               std::string(spec.rowid)));
    reading->last = order.empty() ? 0 : *std::max_element(order.begin(), order.end());
    reading->at.resize(static_cast<size_t>(reading->last) + 1);
    for (int64_t rowid : order) reading->at[static_cast<size_t>(rowid)].second = 1;
    reading->order = std::move(order);
    reading_ = std::move(reading);
}

bool ListSearch::step_for(std::chrono::milliseconds budget) {
    if (!reading_) return false;
    const Clock::time_point deadline = Clock::now() + budget;
    Reading& r = *reading_;
    for (; r.names_read < r.names.size(); ++r.names_read)
        if (!r.names[r.names_read].read_for(*r.db, r.name_tables[r.names_read].table, deadline)) return true;
    // The clock is looked at every 256 rows: it costs more than a row.
    if (!r.read_all) {
        r.stmt->reset();
        r.stmt->bind(1, r.after);
        for (int rows = 1;; ++rows) {
            if (!r.stmt->step().value_or(false)) {
                r.read_all = true;
                break;
            }
            r.read_row();
            if (rows % 256 == 0 && Clock::now() >= deadline) {
                r.stmt->reset();
                return true;
            }
        }
        r.stmt->reset();
    }
    while (r.laid_out < r.order.size()) {
        r.lay_out_next(texts_);
        if (r.laid_out % 256 == 0 && Clock::now() >= deadline) return true;
    }
    reading_.reset();
    return false;
}

double ListSearch::progress() const {
    if (!reading_) return 1.0;
    const Reading& r = *reading_;
    // Reading the rows is most of the work; laying them out the last tenth.
    const double read = r.read_all || r.last <= 0 ? 1.0 : std::min(1.0, static_cast<double>(r.after) / static_cast<double>(r.last));
    const double laid = r.order.empty() ? 0.0 : static_cast<double>(r.laid_out) / static_cast<double>(r.order.size());
    return 0.9 * read + 0.1 * laid;
}

void ListSearch::cancel() { reading_.reset(); }

const std::vector<int64_t>& ListSearch::find(std::string_view search) {
    return texts_.find(ascii_lower(trim(search)));
}

int64_t list_count(Db& db, const ListSpec& spec) {
    Stmt stmt = db.prepare("SELECT count(*) FROM " + std::string(spec.table) + " WHERE " +
                           std::string(live_rule_alone(spec, customers_deleted(db))));
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

std::vector<std::string> list_values(Db& db, const ListSpec& spec, std::string_view column_key) {
    std::vector<std::string> values;
    const std::optional<size_t> column = spec.column(column_key);
    if (!column) return values;
    const std::string sql(spec.columns[*column].sql);
    Stmt stmt = db.prepare("SELECT DISTINCT " + sql + " FROM " + std::string(spec.from) + " WHERE " +
                           std::string(spec.live) + " AND " + sql + " <> '' ORDER BY 1");
    while (stmt.step().value_or(false)) values.push_back(stmt.text(0));
    return values;
}

namespace {

std::string row_sql(const ListSpec& spec) {
    std::string sql = "SELECT " + std::string(spec.id) + ", " + std::string(spec.customer_id);
    for (const ListColumn& column : spec.columns) sql += ", " + std::string(column.sql);
    return sql + " FROM " + std::string(spec.from) + " WHERE " + std::string(spec.rowid) + " = ?1 AND " +
           std::string(spec.live);
}

}  // namespace

ListRows::ListRows(Db& db, const ListSpec& spec) : spec_(&spec), stmt_(db.prepare(row_sql(spec))) {}

std::optional<ListRow> ListRows::load(int64_t rowid) {
    stmt_.bind(1, rowid);
    std::optional<ListRow> row;
    if (stmt_.step().value_or(false)) {
        row.emplace();
        row->rowid = rowid;
        row->id = stmt_.text(0);
        row->customer_id = stmt_.text(1);
        for (size_t i = 0; i < spec_->columns.size(); ++i) row->cells.push_back(stmt_.text(static_cast<int>(i) + 2));
    }
    stmt_.reset();
    return row;
}

}  // namespace crm
