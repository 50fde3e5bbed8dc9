// The synced tables, described once for both ends of sync: which columns travel, which a
// client may write, what JSON type each has, and how a record's validity and visibility are
// decided. The server (web/sync_service) and the client engine (sync/client) generate their
// SQL from these descriptions, so adding a module's table to sync is adding an entry here.
//
// [SECTION] Descriptions
// [SECTION] Records as JSON
// [SECTION] Reading and writing rows
//
// A record travels as a JSON object of its fields ({"name": "...", "is_primary": true}).
// Column names in SQL only ever come from these descriptions, never from a request.
#pragma once

#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/db.hpp"

namespace crm::sync {

//-----------------------------------------------------------------------------
// [SECTION] Descriptions
//-----------------------------------------------------------------------------

// integer: a JSON integer (int64), never a float or a numeral in a string.
enum class FieldType { text, boolean, integer };

struct FieldSpec {
    std::string_view name;
    FieldType type = FieldType::text;
    bool writable = true;  // false: set by the server only (created_at, updated_by, ...)
};

// Whose a record is, for permissions: a customer is its owner's; a contact is its customer's
// owner's (an agent sees the contacts of the customers assigned to them, whoever typed them).
// A catalog's records (customer groups) are seen by everyone whose role sees the module at all,
// and written like own_column ones: by those whose scope covers their owner_id.
enum class Ownership { own_column, parent, conflict_parties, catalog };

struct TableSpec {
    std::string_view name;    // "customers": the table and the protocol's name
    std::string_view module;  // permission module ("customers", "contacts")
    std::span<const FieldSpec> fields;
    Ownership ownership = Ownership::own_column;
    std::string_view parent_column;  // Ownership::parent: the column holding the parent's id
    std::string_view parent_table;
    // Tables whose rows hang off this one through their parent_column (customers: contacts):
    // deleting or reassigning this record reaches them too.
    std::span<const std::string_view> children;
    // Domain validation of a whole record (every field present), with the database for the
    // checks that need it (duplicate code, the parent exists). Empty: always valid.
    Problems (*validate)(Db& db, std::string_view id, const nlohmann::json& record) = nullptr;

    const FieldSpec* field(std::string_view field_name) const;
    // Where the field with this name is in `fields`; fields.size() when there is none.
    size_t field_index(std::string_view field_name) const;
};

std::span<const TableSpec> tables();
const TableSpec* find_table(std::string_view name);

//-----------------------------------------------------------------------------
// [SECTION] Records as JSON
//-----------------------------------------------------------------------------

// A record with every field at its default ("", false or 0): what an insert starts from.
nlohmann::json default_record(const TableSpec& table);

// True when `value` has the JSON type the field's FieldType asks for.
bool has_field_type(const FieldSpec& field, const nlohmann::json& value);

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing rows
//-----------------------------------------------------------------------------

struct StoredRecord {
    nlohmann::json fields;  // every field of the description
    int64_t rev = 0;
    bool deleted = false;
};

// The row with this id, tombstone or not; nullopt when there is none.
std::optional<StoredRecord> read_record(Db& db, const TableSpec& table, std::string_view id);

// The owner the permission checks look at (see Ownership): for a contact, its customer's
// owner_id; "" when that cannot be found.
std::string access_owner(Db& db, const TableSpec& table, const nlohmann::json& record);

// Inserts the row (a field missing from `fields` takes its default) or updates only the
// fields present in `fields` (the client leaves out the ones with unsynced local edits);
// either way sets rev and deleted. A field name not in the description is a bug.
// Keeps one prepared statement per table and set of fields: a first sync writes 100,000s of
// rows, and preparing each would cost more than running it.
//
// The values can come as a JSON object, or as one FieldValue per field of the description in
// its order (a pulled change, parsed without building JSON); an absent one is not given.
// Their text must outlive the call only.
struct FieldValue {
    enum class Kind : uint8_t { absent, text, boolean, integer };
    Kind kind = Kind::absent;
    bool boolean = false;
    int64_t integer = 0;
    std::string_view text;
};

class RecordWriter {
public:
    explicit RecordWriter(Db& db) : db_(db) {}
    Status write(const TableSpec& table, std::string_view id, const nlohmann::json& fields, int64_t rev, bool deleted);
    Status write(const TableSpec& table, std::string_view id, std::span<const FieldValue> fields, int64_t rev,
                 bool deleted);

private:
    Db& db_;
    std::map<std::string, Stmt, std::less<>> statements_;
};

// Appends `text` as a JSON string (quoted, escaped). Text in the synced tables is valid UTF-8
// (validation refuses anything else), and bytes that are not are replaced by U+FFFD, so the
// output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);
// Appends a change, {"table","id","seq","deleted","fields"}, straight from a row selected by
// select_columns(): a first sync sends 100,000s of them, and building a JSON tree for each
// costs more than everything else the server does.
void append_change_json(std::string& out, const TableSpec& table, const Stmt& stmt, int first = 0);

// "SELECT <every field>, rev, deleted FROM <table>" for code that reads many rows.
std::string select_columns(const TableSpec& table, std::string_view alias = {});
// Reads the fields selected by select_columns() starting at column `first`.
StoredRecord read_columns(const TableSpec& table, const Stmt& stmt, int first = 0);

}  // namespace crm::sync
