// Customers: companies and persons the business sells to (客户).
//
// [SECTION] Record and choices
// [SECTION] Validation
// [SECTION] Reading and writing
// [SECTION] Lists (search and sort over 100,000+ rows)
#pragma once

#include <cstdint>
#include <functional>
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

struct Customer {
    std::string id;
    std::string kind = "company";  // company | person
    std::string name;
    std::string code;  // the business's own customer number, unique when set
    std::string type;  // consumer | enterprise | distributor | public_institution
    std::string level;  // A | B | C | D (value grade; drives the visit plan)
    std::string industry;
    std::string province;
    std::string city;
    std::string address;
    std::string phone;
    std::string email;
    std::string owner_id;
    std::string notes;
    // Both kinds.
    std::string lifecycle;     // prospect | new | growing | mature | declining | lost
    std::string source;        // referral | website | exhibition | advertising | cold_call | partner | other
    std::string member_level;  // regular | silver | gold | platinum
    std::string tags;          // comma-separated, each trimmed ("VIP, 华东")
    // Organisations.
    std::string company_size;     // 1-9 | 10-49 | 50-249 | 250-999 | 1000+
    std::string business_status;  // operating | suspended | closed
    std::string credit_rating;    // AAA | AA | A | B | C
    std::string trade_terms;      // free text: "30 days net, ex works"
    // Persons.
    std::string gender;  // female | male
    std::string birthday;  // YYYY-MM-DD
    std::string family;
    std::string occupation;
    std::string employer;
    std::string income_band;  // low | middle | upper_middle | high
    std::string interests;
    std::string preferences;  // purchase preferences
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;

    bool operator==(const Customer&) const = default;
};

inline constexpr std::string_view kCustomerKinds[] = {"company", "person"};
inline constexpr std::string_view kCustomerTypes[] = {"consumer", "enterprise", "distributor", "public_institution"};
inline constexpr std::string_view kCustomerLevels[] = {"A", "B", "C", "D"};
inline constexpr std::string_view kLifecycleStages[] = {"prospect", "new", "growing", "mature", "declining", "lost"};
inline constexpr std::string_view kCustomerSources[] = {"referral",  "website", "exhibition", "advertising",
                                                        "cold_call", "partner", "other"};
inline constexpr std::string_view kMemberLevels[] = {"regular", "silver", "gold", "platinum"};
inline constexpr std::string_view kCompanySizes[] = {"1-9", "10-49", "50-249", "250-999", "1000+"};
inline constexpr std::string_view kBusinessStatuses[] = {"operating", "suspended", "closed"};
inline constexpr std::string_view kCreditRatings[] = {"AAA", "AA", "A", "B", "C"};
inline constexpr std::string_view kGenders[] = {"female", "male"};
inline constexpr std::string_view kIncomeBands[] = {"low", "middle", "upper_middle", "high"};

// The stored values of a choice column ("type": kCustomerTypes); empty for a text column.
std::span<const std::string_view> customer_choices(std::string_view column);

// Field length limits in characters (code points), shared by the UI's input widths.
namespace customer_limits {
inline constexpr size_t name = 100, code = 32, industry = 50, province = 30, city = 30, address = 200, phone = 40,
                        email = 254, owner = 64, notes = 4000, tags = 200, trade_terms = 200, family = 200,
                        occupation = 100, employer = 100, interests = 500, preferences = 500;
}

//-----------------------------------------------------------------------------
// [SECTION] Validation
//-----------------------------------------------------------------------------

// Every problem with the record, each with its field. Needs the database to find a
// live customer with the same code (case-insensitive).
Problems validate(const Customer& customer, Db& db);

// Tags as stored: split at ASCII or full-width commas, trimmed, blanks and repeats dropped,
// joined with ", " ("VIP，华东 , VIP" -> "VIP, 华东").
std::string normalize_tags(std::string_view tags);

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing
//-----------------------------------------------------------------------------

std::optional<Customer> find_customer(Db& db, std::string_view id);

// The editable text field stored in `column` ("city"), for code that goes over fields by
// name (the merge); null when no such field exists.
std::string* customer_text_field(Customer& customer, std::string_view column);
const std::string* customer_text_field(const Customer& customer, std::string_view column);

// The editable text columns ("kind", "name", "code", ... "preferences"), in the order the
// form lists them: what an import may fill and an export writes (domain/customer_csv).
std::span<const std::string_view> customer_columns();

// Validates, then inserts (empty id: a new UUIDv7 is assigned) or updates. Trims text
// fields. An empty owner_id means the actor on insert and the stored owner on update.
// On success `customer` holds what was stored. Writes nothing when invalid.
Status save_customer(Db& db, Customer& customer, std::string_view actor);

// save_customer(), validate() and find_customer() for many records in a row (an import):
// the very same code (those three are one-off writers), with each statement prepared on
// first use and kept. Preparing the 33-column insert with its generated columns, indexes
// and sync triggers is most of a save's cost: 100,000 imported rows took 14 s, re-preparing
// four statements each. Statements are reset after each use, so none holds a read open.
// Must not outlive `db`; let it go before a transaction it wrote in rolls back or commits
// (ImportJob declares its writer after its Tx).
class CustomerWriter {
public:
    explicit CustomerWriter(Db& db) : db_(db) {}

    Problems validate(const Customer& customer);
    std::optional<Customer> find(std::string_view id);
    Status save(Customer& customer, std::string_view actor);

private:
    bool code_taken(const Customer& customer);

    Db& db_;
    std::optional<Stmt> find_, code_taken_, insert_, update_;
};

// Tombstones the customer, its contacts and its activities in one transaction.
Status delete_customer(Db& db, std::string_view id, std::string_view actor);

//-----------------------------------------------------------------------------
// [SECTION] Lists
//-----------------------------------------------------------------------------

enum class CustomerColumn { code, name, kind, type, level, city, phone, email, owner, updated };

struct SortKey {
    CustomerColumn column = CustomerColumn::name;
    bool descending = false;
};

// The list's filters (筛选), combined: a customer is listed when it meets every one that is
// set; an empty field filters nothing. Stored values ("distributor"), except city (any case)
// and tag (one of the customer's tags, any ASCII case).
struct CustomerFilter {
    // Each {}: a filter written with designated initializers names only what it sets.
    std::string kind{}, type{}, level{}, lifecycle{}, member_level{}, owner_id{}, city{}, tag{};
    std::string group_id{};  // in this customer group (domain/customer_group)
    bool operator==(const CustomerFilter&) const = default;
    bool empty() const { return *this == CustomerFilter{}; }
};

struct CustomerQuery {
    std::string search;  // substring of name, code, phone, email or city; case-insensitive for ASCII
    std::vector<SortKey> sort = {{CustomerColumn::name, false}};
    CustomerFilter filter{};
};

// The slim row a list shows.
struct CustomerRow {
    int64_t rowid = 0;
    std::string id, code, name, kind, type, level, city, phone, email, owner_id, updated_at;
};

// The rowids of live customers matching `query`, in order. 100,000 rows cost 800 KB;
// a list fetches only the rows it draws (CustomerRows below).
std::vector<int64_t> find_customer_rowids(Db& db, const CustomerQuery& query);

// The list's statement, its values bound: `columns` of the live customers that pass the
// query's filters, in its order; with_search adds its search.
Stmt customer_list_statement(Db& db, const CustomerQuery& query, std::string_view columns, bool with_search);

int64_t count_customers(Db& db);

// The owners of live customers, sorted, for a filter's choices.
std::vector<std::string> customer_owners(Db& db);

// Calls `visit` with each live customer of `rowids`, in that order, reading them with one
// prepared statement (an export of 100,000 rows).
void for_each_customer(Db& db, std::span<const int64_t> rowids, const std::function<void(const Customer&)>& visit);

// Loads rows by rowid with one cached prepared statement, reset after each row so that
// no read transaction stays open between loads.
class CustomerRows {
public:
    explicit CustomerRows(Db& db);
    std::optional<CustomerRow> load(int64_t rowid);

private:
    Stmt stmt_;
};

}  // namespace crm
