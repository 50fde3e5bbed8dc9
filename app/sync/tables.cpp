#include "sync/tables.hpp"

#include <algorithm>
#include <vector>

#include "core/text.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/customer_file.hpp"
#include "domain/customer_group.hpp"
#include "domain/customer_share.hpp"
#include "domain/points.hpp"
#include "domain/saved_filter.hpp"
#include "domain/user_settings.hpp"

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
    {"email"},    {"owner_id"}, {"notes"}, {"lifecycle"}, {"source"}, {"member_level"}, {"tags"},
    {"company_size"}, {"business_status"}, {"credit_rating"}, {"trade_terms"}, {"gender"}, {"birthday"},
    {"family"}, {"occupation"}, {"employer"}, {"income_band"}, {"interests"}, {"preferences"},
    {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false}, {"updated_by", FieldType::text, false},
};

constexpr FieldSpec kContactFields[] = {
    {"customer_id"}, {"name"},     {"title"},    {"phone"},
    {"mobile"},      {"email"},    {"birthday"}, {"is_primary", FieldType::boolean},
    {"role"}, {"preferred_channel"}, {"anniversary"}, {"address"}, {"no_email", FieldType::boolean},
    {"no_sms", FieldType::boolean}, {"no_call", FieldType::boolean}, {"no_mail", FieldType::boolean},
    {"owner_id", FieldType::text, false},        {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false},      {"updated_by", FieldType::text, false},
};

// owner_id is who does the activity (my day, the calendar), not whose it is: that is its
// customer's owner (Ownership::parent), so the person it is given to may be anyone.
constexpr FieldSpec kActivityFields[] = {
    {"customer_id"}, {"contact_id"}, {"kind"},      {"subject"},  {"planned_at"},
    {"done_at"},     {"outcome"},    {"next_step"}, {"owner_id"}, {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false},         {"updated_by", FieldType::text, false},
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
    for (auto [field, member] : {std::pair{"lifecycle", &Customer::lifecycle}, {"source", &Customer::source},
                                 {"member_level", &Customer::member_level}, {"tags", &Customer::tags},
                                 {"company_size", &Customer::company_size},
                                 {"business_status", &Customer::business_status},
                                 {"credit_rating", &Customer::credit_rating}, {"trade_terms", &Customer::trade_terms},
                                 {"gender", &Customer::gender}, {"birthday", &Customer::birthday},
                                 {"family", &Customer::family}, {"occupation", &Customer::occupation},
                                 {"employer", &Customer::employer}, {"income_band", &Customer::income_band},
                                 {"interests", &Customer::interests}, {"preferences", &Customer::preferences}})
        c.*member = text_of(record, field);
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
    c.role = text_of(record, "role");
    c.preferred_channel = text_of(record, "preferred_channel");
    c.anniversary = text_of(record, "anniversary");
    c.address = text_of(record, "address");
    return validate(c, db);
}

// The ledger is append-only in the domain (add_points_entry), but an entry travels like any
// record; the server checks a redeem against the balance it holds.
constexpr FieldSpec kPointsFields[] = {
    {"customer_id"}, {"kind"}, {"points", FieldType::integer}, {"reason"}, {"occurred_at"},
    {"owner_id", FieldType::text, false},   {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false}, {"updated_by", FieldType::text, false},
};

Problems validate_points(Db& db, std::string_view id, const json& record) {
    PointsEntry e;
    e.id = std::string(id);
    e.customer_id = text_of(record, "customer_id");
    e.kind = text_of(record, "kind");
    auto points = record.find("points");
    e.points = points != record.end() && points->is_number_integer() ? points->get<int64_t>() : 0;
    e.reason = text_of(record, "reason");
    e.occurred_at = text_of(record, "occurred_at");
    return validate(e, db);
}


Problems validate_activity(Db& db, std::string_view id, const json& record) {
    Activity a;
    a.id = std::string(id);
    for (auto [field, member] : {std::pair{"customer_id", &Activity::customer_id}, {"contact_id", &Activity::contact_id},
                                 {"kind", &Activity::kind}, {"subject", &Activity::subject},
                                 {"planned_at", &Activity::planned_at}, {"done_at", &Activity::done_at},
                                 {"outcome", &Activity::outcome}, {"next_step", &Activity::next_step},
                                 {"owner_id", &Activity::owner_id}})
        a.*member = text_of(record, field);
    return validate(a, db);
}

// A saved filter is its owner's only: the server sets owner_id to whoever creates it.
constexpr FieldSpec kSavedFilterFields[] = {
    {"name"}, {"list"}, {"query"}, {"owner_id", FieldType::text, false},
    {"created_at", FieldType::text, false}, {"updated_at", FieldType::text, false},
    {"updated_by", FieldType::text, false},
};

Problems validate_saved_filter(Db&, std::string_view id, const json& record) {
    SavedFilter f;
    f.id = std::string(id);
    f.name = text_of(record, "name");
    f.list = text_of(record, "list");
    f.query = text_of(record, "query");
    return validate(f);
}

constexpr FieldSpec kUserSettingFields[] = {
    {"name"}, {"value"}, {"owner_id", FieldType::text, false},
    {"created_at", FieldType::text, false}, {"updated_at", FieldType::text, false},
    {"updated_by", FieldType::text, false},
};

Problems validate_user_setting(Db&, std::string_view id, const json& record) {
    UserSetting setting;
    setting.id = std::string(id);
    setting.name = text_of(record, "name");
    setting.value = text_of(record, "value");
    return validate(setting);
}

// A share is written by those whose own rights cover its customer; the server checks that the
// user or team exists (web/sync_service), which a client cannot know.
constexpr FieldSpec kShareFields[] = {
    {"customer_id"}, {"user_id"}, {"team_id"}, {"access"},
    {"owner_id", FieldType::text, false},   {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false}, {"updated_by", FieldType::text, false},
};

Problems validate_share(Db& db, std::string_view id, const json& record) {
    CustomerShare share;
    share.id = std::string(id);
    share.customer_id = text_of(record, "customer_id");
    share.user_id = text_of(record, "user_id");
    share.team_id = text_of(record, "team_id");
    share.access = text_of(record, "access");
    return validate(share, db);
}

// A group is its maker's to rename or delete; its name is everyone's to see (Ownership::catalog).
constexpr FieldSpec kGroupFields[] = {
    {"name"}, {"description"}, {"owner_id", FieldType::text, false},
    {"created_at", FieldType::text, false}, {"updated_at", FieldType::text, false},
    {"updated_by", FieldType::text, false},
};

Problems validate_group(Db& db, std::string_view id, const json& record) {
    CustomerGroup group;
    group.id = std::string(id);
    group.name = text_of(record, "name");
    group.description = text_of(record, "description");
    return validate(group, db);
}

// Putting a customer in a group is editing the customer (web/sync_service).
constexpr FieldSpec kGroupMemberFields[] = {
    {"customer_id"}, {"group_id"}, {"owner_id", FieldType::text, false},
    {"created_at", FieldType::text, false}, {"updated_at", FieldType::text, false},
    {"updated_by", FieldType::text, false},
};

Problems validate_group_member(Db& db, std::string_view id, const json& record) {
    GroupMembership membership;
    membership.id = std::string(id);
    membership.customer_id = text_of(record, "customer_id");
    membership.group_id = text_of(record, "group_id");
    return validate(membership, db);
}

// A file's bytes travel base64 in content; the server checks them against size.
constexpr FieldSpec kFileFields[] = {
    {"customer_id"}, {"name"}, {"mime_type"}, {"size", FieldType::integer}, {"content"},
    {"owner_id", FieldType::text, false},   {"created_at", FieldType::text, false},
    {"updated_at", FieldType::text, false}, {"updated_by", FieldType::text, false},
};

Problems validate_file(Db& db, std::string_view id, const json& record) {
    CustomerFile file;
    file.id = std::string(id);
    file.customer_id = text_of(record, "customer_id");
    file.name = text_of(record, "name");
    file.mime_type = text_of(record, "mime_type");
    auto size = record.find("size");
    file.size = size != record.end() && size->is_number_integer() ? size->get<int64_t>() : 0;
    file.content = text_of(record, "content");
    return validate(file, db);
}

constexpr std::string_view kCustomerChildren[] = {"contacts", "activities", "points_ledger", "customer_shares",
                                                  "customer_group_members", "customer_files"};

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
    {.name = "activities",
     .module = "activities",
     .fields = kActivityFields,
     .ownership = Ownership::parent,
     .parent_column = "customer_id",
     .parent_table = "customers",
     .children = {},
     .validate = validate_activity},
    {.name = "points_ledger",
     .module = "points",
     .fields = kPointsFields,
     .ownership = Ownership::parent,
     .parent_column = "customer_id",
     .parent_table = "customers",
     .children = {},
     .validate = validate_points},
    {.name = "customer_shares",
     .module = "customers",
     .fields = kShareFields,
     .ownership = Ownership::parent,
     .parent_column = "customer_id",
     .parent_table = "customers",
     .children = {},
     .validate = validate_share},
    {.name = "customer_groups",
     .module = "customers",
     .fields = kGroupFields,
     .ownership = Ownership::catalog,
     .parent_column = {},
     .parent_table = {},
     .children = {},
     .validate = validate_group},
    {.name = "customer_group_members",
     .module = "customers",
     .fields = kGroupMemberFields,
     .ownership = Ownership::parent,
     .parent_column = "customer_id",
     .parent_table = "customers",
     .children = {},
     .validate = validate_group_member},
    {.name = "customer_files",
     .module = "customers",
     .fields = kFileFields,
     .ownership = Ownership::parent,
     .parent_column = "customer_id",
     .parent_table = "customers",
     .children = {},
     .validate = validate_file},
    {.name = "saved_filters",
     .module = "saved_filters",
     .fields = kSavedFilterFields,
     .ownership = Ownership::own_column,
     .parent_column = {},
     .parent_table = {},
     .children = {},
     .validate = validate_saved_filter},
    {.name = "user_settings",
     .module = "user_settings",
     .fields = kUserSettingFields,
     .ownership = Ownership::own_column,
     .parent_column = {},
     .parent_table = {},
     .children = {},
     .validate = validate_user_setting},
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
    const size_t index = field_index(field_name);
    return index < fields.size() ? &fields[index] : nullptr;
}

size_t TableSpec::field_index(std::string_view field_name) const {
    size_t index = 0;
    while (index < fields.size() && fields[index].name != field_name) ++index;
    return index;
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
    if (table.name == "customers" && field.name == "kind") return "company";
    if (table.name == "customer_shares" && field.name == "access") return "read";
    return "";
}

}  // namespace

json default_record(const TableSpec& table) {
    json record = json::object();
    for (const FieldSpec& field : table.fields) {
        switch (field.type) {
            case FieldType::text: record[std::string(field.name)] = default_text(table, field); break;
            case FieldType::boolean: record[std::string(field.name)] = false; break;
            case FieldType::integer: record[std::string(field.name)] = int64_t{0}; break;
        }
    }
    return record;
}

bool has_field_type(const FieldSpec& field, const json& value) {
    switch (field.type) {
        case FieldType::text: return value.is_string();
        case FieldType::boolean: return value.is_boolean();
        // 1.5, 1e3 and "12" are not: a float would be cut to an integer without anyone knowing.
        // An integer beyond int64 (a uint64 above its range) is not either.
        case FieldType::integer:
            return value.is_number_integer() && (!value.is_number_unsigned() || value.get<uint64_t>() <= INT64_MAX);
    }
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading and writing rows
//-----------------------------------------------------------------------------

std::string select_columns(const TableSpec& table, std::string_view alias) {
    // Appends only: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "literal" + string.
    auto column = [&](std::string& sql, std::string_view name) {
        if (!alias.empty()) sql.append(alias).append(".");
        sql.append(name);
    };
    std::string sql = "SELECT ";
    column(sql, "id");
    for (const FieldSpec& field : table.fields) column(sql.append(", "), field.name);
    column(sql.append(", "), "rev");
    column(sql.append(", "), "deleted");
    sql.append(" FROM ").append(table.name);
    if (!alias.empty()) sql.append(" ").append(alias);
    return sql;
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
            ++i;
        } else if (c < 0x20) {
            out.append("\\u00");
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
            ++i;
        } else if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
        } else {
            // A whole, valid UTF-8 sequence is copied; anything else becomes U+FFFD.
            const size_t length = utf8_sequence_length(text, i);
            if (length != 0) {
                out.append(text.substr(i, length));
                i += length;
            } else {
                out.append("\xEF\xBF\xBD");
                ++i;
            }
        }
    }
    out.push_back('"');
}

void append_change_json(std::string& out, const TableSpec& table, const Stmt& stmt, int first) {
    out.append("{\"table\":\"").append(table.name).append("\",\"id\":");
    append_json_string(out, stmt.text(first));
    int column = first + 1;
    std::string fields = "{";
    for (const FieldSpec& field : table.fields) {
        if (fields.size() > 1) fields.push_back(',');
        fields.push_back('"');
        fields.append(field.name).append("\":");
        switch (field.type) {
            case FieldType::text: append_json_string(fields, stmt.text(column++)); break;
            case FieldType::boolean: fields.append(stmt.boolean(column++) ? "true" : "false"); break;
            case FieldType::integer: fields.append(std::to_string(stmt.int64(column++))); break;
        }
    }
    fields.push_back('}');
    out.append(",\"seq\":").append(std::to_string(stmt.int64(column)));
    out.append(",\"deleted\":").append(stmt.boolean(column + 1) ? "true" : "false");
    out.append(",\"fields\":").append(fields).push_back('}');
}

StoredRecord read_columns(const TableSpec& table, const Stmt& stmt, int first) {
    StoredRecord record;
    record.fields = json::object();
    int column = first + 1;  // after the id
    for (const FieldSpec& field : table.fields) {
        json& value = record.fields[std::string(field.name)];
        switch (field.type) {
            case FieldType::text: value = stmt.text(column++); break;
            case FieldType::boolean: value = stmt.boolean(column++); break;
            case FieldType::integer: value = stmt.int64(column++); break;
        }
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
        case Ownership::catalog:
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
    std::vector<FieldValue> values(table.fields.size());
    for (const auto& item : fields.items()) {
        const size_t index = table.field_index(item.key());
        CRM_CHECK(index < values.size(), "RecordWriter: no field " + item.key() + " in " + std::string(table.name));
        const FieldSpec* field = &table.fields[index];
        FieldValue& value = values[index];
        const json& given = item.value();
        // A value of the wrong type is given as the field's default.
        switch (field->type) {
            case FieldType::boolean:
                value = {FieldValue::Kind::boolean, given.is_boolean() && given.get<bool>(), 0, {}};
                break;
            case FieldType::integer:
                value = {FieldValue::Kind::integer, false, given.is_number_integer() ? given.get<int64_t>() : 0, {}};
                break;
            case FieldType::text:
                value = {FieldValue::Kind::text, false, 0,
                         given.is_string() ? std::string_view(given.get_ref<const std::string&>()) : default_text(table, *field)};
                break;
        }
    }
    return write(table, id, values, rev, deleted);
}

Status RecordWriter::write(const TableSpec& table, std::string_view id, std::span<const FieldValue> fields,
                           int64_t rev, bool deleted) {
    CRM_CHECK(fields.size() == table.fields.size(), "RecordWriter: one value per field of " + std::string(table.name));
    // INSERT ... ON CONFLICT DO UPDATE: the insert takes every field (defaults for the ones
    // not given); the update sets only the given ones. The statement depends on which fields
    // are given: every field (a pulled change, the common case by far) gets a short key.
    std::string key(table.name);
    const bool all_given = std::none_of(fields.begin(), fields.end(),
                                        [](const FieldValue& v) { return v.kind == FieldValue::Kind::absent; });
    if (all_given) {
        key += ",*";
    } else {
        for (size_t i = 0; i < fields.size(); ++i)
            if (fields[i].kind != FieldValue::Kind::absent) key.append(",").append(table.fields[i].name);
    }
    auto cached = statements_.find(key);
    if (cached == statements_.end()) {
        std::string columns = "id", placeholders = "?1", update;
        int index = 2;
        for (size_t i = 0; i < fields.size(); ++i) {
            const std::string_view name = table.fields[i].name;
            columns.append(", ").append(name);
            placeholders += ", ?" + std::to_string(index++);
            if (fields[i].kind != FieldValue::Kind::absent) update.append(name).append(" = excluded.").append(name).append(", ");
        }
        columns += ", rev, deleted";
        placeholders += ", ?" + std::to_string(index) + ", ?" + std::to_string(index + 1);
        update += "rev = excluded.rev, deleted = excluded.deleted";
        cached = statements_
                     .emplace(key, db_.prepare("INSERT INTO " + std::string(table.name) + " (" + columns +
                                               ") VALUES (" + placeholders + ") ON CONFLICT (id) DO UPDATE SET " +
                                               update))
                     .first;
    }
    // Text is bound in place (a first sync binds 10 million values): it outlives the run, and
    // reset() clears the bindings after it.
    Stmt& stmt = cached->second;
    stmt.reset();
    stmt.bind_in_place(1, id);
    int index = 2;
    for (size_t i = 0; i < fields.size(); ++i) {
        const FieldSpec& field = table.fields[i];
        const FieldValue& given = fields[i];
        if (field.type == FieldType::boolean) {
            stmt.bind(index++, given.kind == FieldValue::Kind::boolean && given.boolean);
        } else if (field.type == FieldType::integer) {
            stmt.bind(index++, given.kind == FieldValue::Kind::integer ? given.integer : int64_t{0});
        } else if (given.kind == FieldValue::Kind::text) {
            stmt.bind_in_place(index++, given.text);
        } else {
            stmt.bind_in_place(index++, default_text(table, field));
        }
    }
    stmt.bind(index++, rev);
    stmt.bind(index, deleted);
    Status status = stmt.run();
    stmt.reset();
    return status;
}

}  // namespace crm::sync
