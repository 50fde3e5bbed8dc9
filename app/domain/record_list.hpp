// The contacts list (联系人列表) and the activities list (活动列表): every live record of the
// table with its customer, searched, filtered and sorted in SQL, as the customers list is.
//
// A list is described once (ListSpec: its tables, its columns and their SQL, its filters);
// a query (ListQuery) is a search, filter values and a multi-column sort over those columns.
// The list keeps only the matching rowids, in order (1,000,000 activities cost 8 MB), and
// reads the rows it draws one by one (ListRows).
//
//     const ListSpec& spec = contact_list();
//     ListQuery query{.search = "wang"};
//     std::vector<int64_t> rowids = list_rowids(db, spec, query);
//     ListRows rows(db, spec);
//     std::optional<ListRow> first = rows.load(rowids[0]);   // cells in spec.columns' order
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "domain/search_texts.hpp"

namespace crm {

struct ListColumn {
    std::string_view key;  // the column's name in a CSV header and a sort ("customer")
    std::string_view sql;  // its value over the spec's tables ("k.name")
    // How the search looks in it, a condition on the lower-cased search text (one '?') over
    // the record's own table alone: a joined table's column is matched through its ids
    // ("c.customer_id IN (SELECT id FROM customers WHERE ...)"). Empty: not searched.
    std::string_view search = {};
    bool joined = false;   // sql reads a joined table: sorting by it needs the joins
    bool nocase = true;    // sorted ignoring case; false for times, so an index gives the order
    // Sorted next, in the same direction, before the rowid that ends every order: the rest of
    // the index that gives this column's order ("a.owner_id" after "a.at" for activities_at
    // (at, owner_id)), so that SQLite reads the whole order from it. Without it, SQLite sorts
    // each run of equal times by rowid in a temporary B-tree: 1.24 million activities listed
    // in 406 ms in Chromium, most of it the sort.
    std::string_view order_also = {};
};

// A SQL condition with its parameters (plain '?', in order).
struct ListCondition {
    std::string sql;
    std::vector<std::string> params;
};

struct ListFilter {
    std::string_view key;  // "role", "status", "from"
    // The condition for a value; nullopt when the value is not one this filter takes (a
    // date that does not parse): such a filter matches nothing rather than everything.
    std::optional<ListCondition> (*condition)(std::string_view value);
    bool joined = false;  // the condition reads a joined table
};

// A joined table's names that the search looks in (ListSearch): `key` over the record's
// table ("a.customer_id") and the table whose id and name columns it names ("customers").
struct ListNames {
    std::string_view key;
    std::string_view table;
};

// A record is live while neither it nor its customer is deleted. Lists, counts and searches
// read the record's own table alone (`table`, `live_alone`) unless a sort or a filter needs a
// joined one: one lookup of a customer by id costs about a microsecond, 0.3 s over 250,000
// activities, while the customers that are deleted are few and found by their index (a
// CROSS JOIN keeps SQLite, which has no statistics here, from starting at the records).
struct ListSpec {
    std::string_view name;   // "contacts", "activities"
    std::string_view from;   // "contacts c LEFT JOIN customers k ON k.id = c.customer_id"
    std::string_view live;   // over `from`: "c.deleted = 0 AND coalesce(k.deleted, 0) = 0"
    std::string_view table;  // "contacts c"
    std::string_view live_alone;  // the same rule over `table` alone
    // The rule over `table` while no customer is deleted (most of the time): the record's own
    // flag. The NOT IN of live_alone, which finds nothing then, was half the time of listing
    // 1.24 million activities (130 against 65 ms natively).
    std::string_view live_own;
    // The joined names the search looks in, as the searched joined columns' `search`
    // conditions do (ListSearch holds a row's searched own columns, then these names).
    std::span<const ListNames> search_names;
    std::string_view rowid;  // "c.rowid"
    std::string_view id;     // the record's id, "c.id"
    std::string_view customer_id;  // its customer's, "k.id"
    std::span<const ListColumn> columns;
    std::span<const ListFilter> filters;
    std::span<const std::pair<size_t, bool>> default_sort;  // column index, descending

    // The column's index by key; nullopt when the list has no such column.
    std::optional<size_t> column(std::string_view key) const;
};

struct ListSort {
    size_t column = 0;  // index into ListSpec::columns
    bool descending = false;
};

struct ListQuery {
    // A substring of any searched column, case-insensitive for ASCII (as the customers list).
    std::string search;
    std::map<std::string, std::string, std::less<>> filter;  // ListFilter key -> value; "" is not set
    std::vector<ListSort> sort;  // empty: the spec's default; ties always by rowid
};

struct ListRow {
    int64_t rowid = 0;
    std::string id, customer_id;
    std::vector<std::string> cells;  // one per ListSpec::columns, as stored
};

// The contacts of live customers: name, customer, title, role, phone, mobile, email,
// preferred channel, opt-outs (the set flags, "no_email no_call"), owner. Filters: role,
// channel, opted_out ("any": at least one opt-out, "none": none), owner.
const ListSpec& contact_list();
// The activities of live customers: when (done, else planned, else written), kind, subject,
// customer, contact, status (planned | done), outcome, next step, owner. Filters: kind,
// status ("planned", "done", or "overdue": planned before now_ms(), not done), owner, and
// from / to: local dates "YYYY-MM-DD", both days included.
const ListSpec& activity_list();

// The statement that lists them: SELECT of the rowids, in the query's order.
// `any_customer_deleted`: customers_deleted(db); when none is, the statement leaves out
// looking for their records.
ListCondition list_statement(const ListSpec& spec, const ListQuery& query, bool any_customer_deleted = true);
bool customers_deleted(Db& db);

// The rowids of the live records `query` finds, in its order.
std::vector<int64_t> list_rowids(Db& db, const ListSpec& spec, const ListQuery& query);
// Every live record of the list, however filtered.
int64_t list_count(Db& db, const ListSpec& spec);
// The distinct values of a column over the live records, sorted (a filter's choices).
std::vector<std::string> list_values(Db& db, const ListSpec& spec, std::string_view column_key);

// Search as you type over a list from memory (as CustomerSearch over the customers): what
// list_rowids() finds for the same query, in the same order, but a keystroke scans the
// texts read once instead of the tables. 250,000 activities hold about 20 MB.
//
// The texts are read in one go (load()) or a slice at a time (begin(), then step_for() once
// a frame): 1.2 million activities take 2 s to read in the browser, too long for one frame.
// Between slices nothing is held open, so the database may change; whoever changes it
// begins again.
class ListSearch {
public:
    ListSearch();
    ~ListSearch();

    // Reads every row `query` lists, its search aside: when the data, filters or sort change.
    void load(Db& db, const ListSpec& spec, const ListQuery& query);
    // Starts reading the rows listed in `order` (list_rowids() for `query`, its search aside);
    // the texts read before are dropped.
    void begin(Db& db, const ListSpec& spec, std::vector<int64_t> order);
    // Reads rows for about `budget`; false once every row is read (find() then works).
    bool step_for(std::chrono::milliseconds budget);
    bool reading() const { return reading_ != nullptr; }
    double progress() const;  // of the reading under way, 0 to 1
    void cancel();            // drops a reading under way

    // The rowids of the rows whose searched columns hold `search` (as list_rowids), in order;
    // all of them for "". Valid until the next load(), begin() or find().
    const std::vector<int64_t>& find(std::string_view search);
    size_t size() const { return texts_.size(); }

private:
    struct Reading;
    std::unique_ptr<Reading> reading_;
    SearchTexts texts_;
};

// Loads rows by rowid with one cached prepared statement, reset after each row.
class ListRows {
public:
    ListRows(Db& db, const ListSpec& spec);
    std::optional<ListRow> load(int64_t rowid);

private:
    const ListSpec* spec_;
    Stmt stmt_;
};

}  // namespace crm
