#include "domain/record_list.hpp"

#include <algorithm>

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

constexpr ListColumn kContactColumns[] = {
    {"name", "c.name", true},
    {"customer", "k.name", true},
    {"title", "c.title", true},
    {"role", "c.role"},
    {"phone", "c.phone", true},
    {"mobile", "c.mobile", true},
    {"email", "c.email", true},
    {"preferred_channel", "c.preferred_channel"},
    {"opt_outs",
     "rtrim(CASE WHEN c.no_email THEN 'no_email ' ELSE '' END || CASE WHEN c.no_sms THEN 'no_sms ' ELSE '' END || "
     "CASE WHEN c.no_call THEN 'no_call ' ELSE '' END || CASE WHEN c.no_mail THEN 'no_mail' ELSE '' END)"},
    {"owner_id", "k.owner_id"},
};

constexpr ListFilter kContactFilters[] = {
    {"role", [](std::string_view v) { return equals_one_of("c.role", kContactRoles, v); }},
    {"channel", [](std::string_view v) { return equals_one_of("c.preferred_channel", kContactChannels, v); }},
    {"opted_out",
     [](std::string_view v) -> std::optional<ListCondition> {
         if (std::find(std::begin(kOptOuts), std::end(kOptOuts), v) == std::end(kOptOuts)) return std::nullopt;
         return ListCondition{v == "any" ? std::string(kAnyOptOut) : std::string("NOT ") + kAnyOptOut, {}};
     }},
    {"owner_id", [](std::string_view v) -> std::optional<ListCondition> { return equals("k.owner_id", v); }},
};

constexpr std::pair<size_t, bool> kContactSort[] = {{1, false}, {0, false}};  // customer, then name

//-----------------------------------------------------------------------------
// Activities
//-----------------------------------------------------------------------------

constexpr std::string_view kStatuses[] = {"planned", "done", "overdue"};

constexpr ListColumn kActivityColumns[] = {
    {"at", "a.at"},
    {"kind", "a.kind"},
    {"subject", "a.subject", true},
    {"customer", "k.name", true},
    {"contact", "coalesce(ct.name, '')", true},
    // A note is neither planned nor done; whether a planned one is overdue depends on the
    // moment, so the screen tells (from "at").
    {"status", "CASE WHEN a.done_at <> '' THEN 'done' WHEN a.planned_at <> '' THEN 'planned' ELSE '' END"},
    {"outcome", "a.outcome", true},
    {"next_step", "a.next_step", true},
    {"owner_id", "a.owner_id"},
};

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
         if (v == "planned") return ListCondition{"a.done_at = '' AND a.planned_at <> ''", {}};
         return ListCondition{"a.done_at = '' AND a.planned_at <> '' AND a.planned_at < ?", {iso_utc(now_ms())}};
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

// The WHERE clause of a query: live records, its filters and its search.
ListCondition where_of(const ListSpec& spec, const ListQuery& query) {
    ListCondition where{std::string(spec.live), {}};
    for (const auto& entry : query.filter) {
        // (No structured binding: clang 14, the wasm build's, cannot capture one.)
        const std::string& key = entry.first;
        const std::string& value = entry.second;
        if (value.empty()) continue;
        const auto filter = std::find_if(spec.filters.begin(), spec.filters.end(),
                                          [&key](const ListFilter& f) { return f.key == key; });
        std::optional<ListCondition> condition =
            filter == spec.filters.end() ? std::nullopt : filter->condition(value);
        if (!condition) return {"0", {}};  // a filter the list does not know, or a value it cannot take
        where.sql += " AND (" + condition->sql + ")";
        where.params.insert(where.params.end(), condition->params.begin(), condition->params.end());
    }
    const std::string needle = ascii_lower(std::string(trim(query.search)));
    if (!needle.empty()) {
        std::string any;
        for (const ListColumn& column : spec.columns) {
            if (!column.searched) continue;
            any += std::string(any.empty() ? "" : " OR ") + "instr(lower(" + std::string(column.sql) + "), ?) > 0";
            where.params.push_back(needle);
        }
        where.sql += " AND (" + any + ")";
    }
    return where;
}

std::string order_of(const ListSpec& spec, const ListQuery& query) {
    std::vector<ListSort> sort = query.sort;
    if (sort.empty()) {
        for (const auto& [column, descending] : spec.default_sort) sort.push_back({column, descending});
    }
    std::string order;
    for (const ListSort& key : sort) {
        if (key.column >= spec.columns.size()) continue;
        order += std::string(order.empty() ? " ORDER BY " : ", ") + std::string(spec.columns[key.column].sql) +
                 " COLLATE NOCASE" + (key.descending ? " DESC" : "");
    }
    return order + (order.empty() ? " ORDER BY " : ", ") + std::string(spec.rowid);
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
        .from = "contacts c JOIN customers k ON k.id = c.customer_id",
        .live = "c.deleted = 0 AND k.deleted = 0",
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
        .from = "activities a JOIN customers k ON k.id = a.customer_id "
                "LEFT JOIN contacts ct ON ct.id = a.contact_id AND a.contact_id <> ''",
        .live = "a.deleted = 0 AND k.deleted = 0",
        .rowid = "a.rowid",
        .id = "a.id",
        .customer_id = "k.id",
        .columns = kActivityColumns,
        .filters = kActivityFilters,
        .default_sort = kActivitySort,
    };
    return spec;
}

std::vector<int64_t> list_rowids(Db& db, const ListSpec& spec, const ListQuery& query) {
    const ListCondition where = where_of(spec, query);
    Stmt stmt = db.prepare("SELECT " + std::string(spec.rowid) + " FROM " + std::string(spec.from) + " WHERE " +
                           where.sql + order_of(spec, query));
    bind_all(stmt, where.params);
    std::vector<int64_t> rowids;
    while (stmt.step().value_or(false)) rowids.push_back(stmt.int64(0));
    return rowids;
}

int64_t list_count(Db& db, const ListSpec& spec) {
    Stmt stmt = db.prepare("SELECT count(*) FROM " + std::string(spec.from) + " WHERE " + std::string(spec.live));
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
