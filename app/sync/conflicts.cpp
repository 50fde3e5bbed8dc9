#include "sync/conflicts.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "sync/tables.hpp"

namespace crm::sync {

namespace {

// A conflict keeps values as JSON text ("\"Ningbo\"", "true"): shown as the text itself.
std::string display_value(const std::string& json_text) {
    const nlohmann::json value = nlohmann::json::parse(json_text, nullptr, false);
    if (value.is_string()) return value.get<std::string>();
    if (value.is_discarded()) return json_text;
    return value.dump();
}

}  // namespace

std::vector<OpenConflict> open_conflicts(Db& db) {
    Stmt stmt = db.prepare(R"sql(
        SELECT c.id, c.table_name, c.record_id,
               coalesce(CASE c.table_name WHEN 'customers' THEN (SELECT name FROM customers WHERE id = c.record_id)
                                          WHEN 'contacts' THEN (SELECT name FROM contacts WHERE id = c.record_id)
                                          WHEN 'activities' THEN (SELECT subject FROM activities WHERE id = c.record_id) END, ''),
               c.field, c.kept_value, c.other_value, c.kept_by, c.other_by, c.created_at
        FROM conflicts c WHERE c.resolved = 0 AND c.deleted = 0 ORDER BY c.created_at DESC, c.id)sql");
    std::vector<OpenConflict> out;
    while (stmt.step().value_or(false)) {
        OpenConflict c;
        c.id = stmt.text(0);
        c.table = stmt.text(1);
        c.record_id = stmt.text(2);
        c.record_name = stmt.text(3);
        c.field = stmt.text(4);
        c.kept_value = display_value(stmt.text(5));
        c.other_value = display_value(stmt.text(6));
        c.kept_by = stmt.text(7);
        c.other_by = stmt.text(8);
        c.created_at = stmt.text(9);
        out.push_back(std::move(c));
    }
    return out;
}

Status resolve_conflict(Db& db, std::string_view conflict_id, Resolution resolution, std::string_view actor) {
    Tx tx(db);
    Stmt find = db.prepare("SELECT table_name, record_id, field, other_value FROM conflicts WHERE id = ?1 AND resolved = 0");
    find.bind(1, conflict_id);
    Result<bool> row = find.step();
    if (!row) return row.error();
    if (!row.value()) return Error{"not_found", "no open conflict " + std::string(conflict_id), {}};
    const std::string now = iso_utc(now_ms());
    if (resolution == Resolution::use_other) {
        // Table and column names come from the synced tables' descriptions, never from the row.
        const TableSpec* table = find_table(find.text(0));
        const FieldSpec* field = table ? table->field(find.text(2)) : nullptr;
        if (!field || !field->writable) return Error{"not_writable", "this conflict's field cannot be written back", {}};
        const nlohmann::json value = nlohmann::json::parse(find.text(3), nullptr, false);
        if (!has_field_type(*field, value)) return Error{"not_writable", "the replaced value has the wrong type", {}};
        Stmt write = db.prepare("UPDATE " + std::string(table->name) + " SET " + std::string(field->name) +
                                " = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1 AND deleted = 0");
        write.bind(1, find.text(1));
        switch (field->type) {
            case FieldType::text: write.bind(2, value.get<std::string>()); break;
            case FieldType::boolean: write.bind(2, value.get<bool>()); break;
            case FieldType::integer: write.bind(2, value.get<int64_t>()); break;
        }
        write.bind(3, now);
        write.bind(4, actor);
        if (Status s = write.run(); !s) {
            if (s.error().code == "unique") return Error::invalid({{std::string(field->name), "duplicate", 0}});
            return s;
        }
        if (db.changes() == 0) return Error{"not_found", "the record is gone", {}};
    }
    Stmt resolve = db.prepare(
        "UPDATE conflicts SET resolved = 1, resolved_by = ?2, resolved_at = ?3, updated_at = ?3, updated_by = ?2 WHERE id = ?1");
    resolve.bind_all(conflict_id, actor, now);
    if (Status s = resolve.run(); !s) return s;
    return tx.commit();
}

}  // namespace crm::sync
