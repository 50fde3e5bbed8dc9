#include "sync/tables.hpp"

#include "domain/contact.hpp"
#include "domain/customer.hpp"

namespace crm::sync {

namespace {

using nlohmann::json;

std::string text_of(const json& record, const char* field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

//-----------------------------------------------------------------------------
// [SECTION] Descriptions
//-----------------------------------------------------------------------------

constexpr FieldSpec kCustomerFields[] = {
    {"kind"},     {"name"},  {"code"},     {"type"},         {"level"},
    {"industry"}, {"province"}, {"city"},  {"address"},      {"phone"},
    {"email"},    {"owner_id"}, {"notes"}, {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false}, {"updated_by", FieldType::text, false},
};

constexpr FieldSpec kContactFields[] = {
    {"customer_id"}, {"name"},     {"title"},    {"phone"},
    {"mobile"},      {"email"},    {"birthday"}, {"is_primary", FieldType::boolean},
    {"owner_id", FieldType::text, false},        {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false},      {"updated_by", FieldType::text, false},
};

// A conflict is written by the server; the two people it concerns may only mark it resolved.
constexpr FieldSpec kConflictFields[] = {
    {"table_name", FieldType::text, false},  {"record_id", FieldType::text, false},
    {"field", FieldType::text, false},       {"kept_value", FieldType::text, false},
    {"other_value", FieldType::text, false}, {"kept_by", FieldType::text, false},
    {"other_by", FieldType::text, false},    {"resolved", FieldType::boolean},
    {"resolved_by", FieldType::text, false}, {"resolved_at", FieldType::text, false},
    {"owner_id", FieldType::text, false},    {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false},  {"updated_by", FieldType::text, false},
};

Problems validate_customer(Db& db, std::string_view id, const json& record) {
    Customer c;
    c.id = std::string(id);
    c.kind = text_of(record, "kind");
    c.name = text_of(record, "name");
    c.code = text_of(record, "code");
    c.type = text_of(record, "type");
    c.level = text_of(record, "level");
    c.industry = text_of(record, "industry");
    c.province = text_of(record, "province");
    c.city = text_of(record, "city");
    c.address = text_of(record, "address");
    c.phone = text_of(record, "phone");
    c.email = text_of(record, "email");
    c.owner_id = text_of(record, "owner_id");
    c.notes = text_of(record, "notes");
    Problems problems = validate(c, db);
    if (c.owner_id.empty()) problems.push_back({"owner_id", "required", 0});
    return problems;
}

Problems validate_contact(Db& db, std::string_view id, const json& record) {
    Contact c;
    c.id = std::string(id);
    c.customer_id = text_of(record, "customer_id");
    c.name = text_of(record, "name");
    c.title = text_of(record, "title");
    c.phone = text_of(record, "phone");
    c.mobile = text_of(record, "mobile");
    c.email = text_of(record, "email");
    c.birthday = text_of(record, "birthday");
    c.is_primary = record.value("is_primary", false);
    return validate(c, db);
}

constexpr std::string_view kCustomerChildren[] = {"contacts"};

const TableSpec kTables[] = {
    {.name = "customers",
     .module = "customers",
     .fields = kCustomerFields,
     .ownership = Ownership::own_column,
     .parent_column = {},
     .parent_table = {},
     .children = kCustomerChildren,
     .validate = validate_customer},
    {.name = "contacts",
     .module = "contacts",
     .fields = kContactFields,
     .ownership = Ownership::parent,
     .parent_column = "customer_id",
     .parent_table = "customers",
     .children = {},
     .validate = validate_contact},
    {.name = "conflicts",
     .module = "customers",
     .fields = kConflictFields,
     .ownership = Ownership::conflict_parties,
     .parent_column = {},
     .parent_table = {},
     .children = {},
     .validate = nullptr},
};

}  // namespace

const FieldSpec* TableSpec::field(std::string_view field_name) const {
    for (const FieldSpec& f : fields)
        if (f.name == field_name) return &f;
    return nullptr;
}

std::span<const TableSpec> tables() { return kTables; }

const TableSpec* find_table(std::string_view name) {
    for (const TableSpec& table : kTables)
        if (table.name == name) return &table;
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Records as JSON
//-----------------------------------------------------------------------------

namespace {

// The schema's column defaults, and the domain's for a customer's kind.
std::string_view default_text(const TableSpec& table, const FieldSpec& field) {
    return table.name == "customers" && field.name == "kind" ? "company" : "";
}

}  // namespace

json default_record(const TableSpec& table) {
    json record = json::object();
    for (const FieldSpec& field : table.fields) {
        record[std::string(field.name)] = field.type == FieldType::boolean ? json(false) : json(default_text(table, field));
    }
    return record;
}

bool has_field_type(const FieldSpec& field, const json& value) {
    switch (field.type) {
        case FieldType::text: return value.is_string();
        case FieldType::boolean: return value.is_boolean();
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing rows
//-----------------------------------------------------------------------------

std::string select_columns(const TableSpec& table, std::string_view alias) {
    const std::string prefix = alias.empty() ? std::string() : std::string(alias) + ".";
    std::string sql = "SELECT " + prefix + "id";
    for (const FieldSpec& field : table.fields) sql += ", " + prefix + std::string(field.name);
    sql += ", " + prefix + "rev, " + prefix + "deleted FROM " + std::string(table.name);
    if (!alias.empty()) sql += " " + std::string(alias);
    return sql;
}

StoredRecord read_columns(const TableSpec& table, const Stmt& stmt, int first) {
    StoredRecord record;
    record.fields = json::object();
    int column = first + 1;  // after the id
    for (const FieldSpec& field : table.fields) {
        if (field.type == FieldType::boolean) record.fields[std::string(field.name)] = stmt.boolean(column++);
        else record.fields[std::string(field.name)] = stmt.text(column++);
    }
    record.rev = stmt.int64(column++);
    record.deleted = stmt.boolean(column);
    return record;
}

std::optional<StoredRecord> read_record(Db& db, const TableSpec& table, std::string_view id) {
    Stmt stmt = db.prepare(select_columns(table) + " WHERE id = ?1");
    stmt.bind(1, id);
    Result<bool> row = stmt.step();
    if (!row.ok() || !row.value()) return std::nullopt;
    return read_columns(table, stmt);
}

std::string access_owner(Db& db, const TableSpec& table, const json& record) {
    switch (table.ownership) {
        case Ownership::own_column:
        case Ownership::conflict_parties: return text_of(record, "owner_id");
        case Ownership::parent: {
            const TableSpec* parent = find_table(table.parent_table);
            const auto parent_id = record.find(std::string(table.parent_column));
            if (!parent || parent_id == record.end() || !parent_id->is_string()) return {};
            Stmt stmt = db.prepare("SELECT owner_id FROM " + std::string(parent->name) + " WHERE id = ?1");
            stmt.bind(1, parent_id->get<std::string>());
            Result<bool> row = stmt.step();
            return row.ok() && row.value() ? stmt.text(0) : std::string();
        }
    }
    return {};
}

Status RecordWriter::write(const TableSpec& table, std::string_view id, const json& fields, int64_t rev,
                           bool deleted) {
    // INSERT ... ON CONFLICT DO UPDATE: the insert takes every field (defaults for the ones
    // not given); the update sets only the given ones.
    std::string key(table.name);
    for (const auto& item : fields.items()) {
        CRM_CHECK(table.field(item.key()) != nullptr,
                  "RecordWriter: no field " + item.key() + " in " + std::string(table.name));
        key += "," + item.key();
    }
    auto cached = statements_.find(key);
    if (cached == statements_.end()) {
        std::string columns = "id", placeholders = "?1", update;
        int index = 2;
        for (const FieldSpec& field : table.fields) {
            columns += ", " + std::string(field.name);
            placeholders += ", ?" + std::to_string(index++);
        }
        for (const auto& item : fields.items()) update += item.key() + " = excluded." + item.key() + ", ";
        columns += ", rev, deleted";
        placeholders += ", ?" + std::to_string(index) + ", ?" + std::to_string(index + 1);
        update += "rev = excluded.rev, deleted = excluded.deleted";
        cached = statements_
                     .emplace(key, db_.prepare("INSERT INTO " + std::string(table.name) + " (" + columns +
                                               ") VALUES (" + placeholders + ") ON CONFLICT (id) DO UPDATE SET " +
                                               update))
                     .first;
    }
    Stmt& stmt = cached->second;
    stmt.reset();
    stmt.bind(1, id);
    int index = 2;
    for (const FieldSpec& field : table.fields) {
        auto given = fields.find(std::string(field.name));
        if (field.type == FieldType::boolean) {
            stmt.bind(index++, given != fields.end() && given->is_boolean() && given->get<bool>());
        } else if (given != fields.end() && given->is_string()) {
            stmt.bind(index++, given->get_ref<const std::string&>());
        } else {
            stmt.bind(index++, default_text(table, field));
        }
    }
    stmt.bind(index++, rev);
    stmt.bind(index, deleted);
    Status status = stmt.run();
    stmt.reset();
    return status;
}

}  // namespace crm::sync
