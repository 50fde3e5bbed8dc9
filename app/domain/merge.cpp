#include "domain/merge.hpp"

#include <algorithm>
#include <optional>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "sync/tables.hpp"

namespace crm {

namespace {

struct Pair {
    Customer survivor, merged;
};

Result<Pair> find_pair(Db& db, std::string_view survivor_id, std::string_view merged_id) {
    if (survivor_id == merged_id) return Error{"same_customer", "a customer cannot be merged with itself", {}};
    std::optional<Customer> survivor = find_customer(db, survivor_id);
    std::optional<Customer> merged = find_customer(db, merged_id);
    if (!survivor || !merged) return Error{"not_found", "both customers must exist and not be deleted", {}};
    return Pair{std::move(*survivor), std::move(*merged)};
}

// The customer fields a person chooses between: every one a client may write, except the
// notes, which are joined.
std::vector<std::string_view> choosable_fields() {
    std::vector<std::string_view> fields;
    for (const sync::FieldSpec& field : sync::find_table("customers")->fields) {
        if (field.writable && field.type == sync::FieldType::text && field.name != "notes") fields.push_back(field.name);
    }
    return fields;
}

// Table and column names below come from the table descriptions, never from input.
int64_t count_children(Db& db, const sync::TableSpec& table, std::string_view customer_id) {
    Stmt stmt = db.prepare("SELECT count(*) FROM " + std::string(table.name) + " WHERE " +
                           std::string(table.parent_column) + " = ?1 AND deleted = 0");
    stmt.bind(1, customer_id);
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

// ", updated_at = ?3, updated_by = ?4": every synced table has both (sync/tables).
std::string stamp_sets(const sync::TableSpec& table) {
    CRM_CHECK(table.field("updated_at") && table.field("updated_by"), std::string(table.name) + " has no stamps");
    return ", updated_at = ?3, updated_by = ?4";
}

Status move_children(Db& db, const Pair& pair, const std::string& now, std::string_view actor) {
    for (const sync::TableSpec* table : customer_child_tables()) {
        const std::string name(table->name), column(table->parent_column);
        // A customer has at most one primary contact (save_contact keeps it so): the
        // survivor's stays primary.
        if (name == "contacts" && count_children(db, *table, pair.survivor.id) > 0) {
            Stmt primary = db.prepare("UPDATE contacts SET is_primary = 0" + stamp_sets(*table) +
                                      " WHERE customer_id = ?2 AND deleted = 0 AND is_primary = 1");
            primary.bind_all(pair.survivor.id, pair.merged.id, now, actor);
            if (Status s = primary.run(); !s) return s;
        }
        // Someone both customers were shared with keeps the survivor's share only, and a group
        // both were in the survivor's membership.
        const char* same = name == "customer_shares"          ? "s.user_id = t.user_id AND s.team_id = t.team_id"
                           : name == "customer_group_members" ? "s.group_id = t.group_id"
                                                              : nullptr;
        // A share with the survivor's owner has nothing left to give: they own it now.
        if (name == "customer_shares") {
            Stmt owners = db.prepare("UPDATE customer_shares SET deleted = 1" + stamp_sets(*table) +
                                     " WHERE customer_id = ?2 AND deleted = 0 AND user_id = ?5");
            owners.bind_all(pair.survivor.id, pair.merged.id, now, actor, pair.survivor.owner_id);
            if (Status s = owners.run(); !s) return s;
        }
        if (same) {
            Stmt twice = db.prepare("UPDATE " + name + " AS t SET deleted = 1" + stamp_sets(*table) +
                                    " WHERE t.customer_id = ?2 AND t.deleted = 0 AND EXISTS (SELECT 1 FROM " + name +
                                    " s WHERE s.customer_id = ?1 AND s.deleted = 0 AND " + same + ")");
            twice.bind_all(pair.survivor.id, pair.merged.id, now, actor);
            if (Status s = twice.run(); !s) return s;
        }
        Stmt move = db.prepare("UPDATE " + name + " SET " + column + " = ?1" + stamp_sets(*table) + " WHERE " + column +
                               " = ?2 AND deleted = 0");
        move.bind_all(pair.survivor.id, pair.merged.id, now, actor);
        if (Status s = move.run(); !s) return s;
    }
    return {};
}

std::string joined_notes(const Pair& pair, const MergeChoices& choices) {
    std::string note = choices.note;
    if (note.empty()) {
        note = "Merged with " + pair.merged.name + (pair.merged.code.empty() ? "" : " (" + pair.merged.code + ")") +
               " on " + format_date(local_today()) + ".";
    }
    std::string notes = trim(pair.survivor.notes);
    const std::string other = trim(pair.merged.notes);
    auto append = [&notes](const std::string& text) { notes.append(notes.empty() ? "" : "\n").append(text); };
    // The merged customer's notes only when they fit: the merge must not fail on their length.
    if (!other.empty() && other != notes && utf8_length(notes) + utf8_length(other) + utf8_length(note) + 2 <=
                                                customer_limits::notes) {
        append(other);
    }
    append(note);
    return notes;
}

}  // namespace

std::vector<const sync::TableSpec*> customer_child_tables() {
    std::vector<const sync::TableSpec*> children;
    auto add = [&children](const sync::TableSpec* table) {
        if (table && !table->parent_column.empty() &&
            std::find(children.begin(), children.end(), table) == children.end())
            children.push_back(table);
    };
    for (const sync::TableSpec& table : sync::tables())
        if (table.parent_table == "customers") add(&table);
    for (std::string_view child : sync::find_table("customers")->children) add(sync::find_table(child));
    return children;
}

Result<MergePreview> preview_merge(Db& db, std::string_view survivor_id, std::string_view merged_id) {
    Result<Pair> pair = find_pair(db, survivor_id, merged_id);
    if (!pair) return pair.error();
    MergePreview preview{pair.value().survivor, pair.value().merged, {}, {}};
    for (const sync::TableSpec* table : customer_child_tables()) {
        preview.moves.push_back(
            {std::string(table->name), std::string(table->module), count_children(db, *table, merged_id)});
    }
    for (std::string_view field : choosable_fields()) {
        const std::string* kept = customer_text_field(preview.survivor, field);
        const std::string* other = customer_text_field(preview.merged, field);
        if (!kept || !other || *kept == *other) continue;
        preview.differences.push_back({std::string(field), *kept, *other, kept->empty()});
    }
    return preview;
}

Status merge_customers(Db& db, std::string_view survivor_id, std::string_view merged_id, const MergeChoices& choices,
                       std::string_view actor) {
    const std::vector<std::string_view> choosable = choosable_fields();
    for (const std::string& field : choices.fields_from_merged) {
        if (std::find(choosable.begin(), choosable.end(), field) == choosable.end()) {
            return Error{"unknown_field", "not a field to merge: " + field, {}};
        }
    }
    Tx tx(db);
    Result<Pair> found = find_pair(db, survivor_id, merged_id);
    if (!found) return found.error();
    Pair& pair = found.value();
    const std::string now = iso_utc(now_ms());

    // Children first, then the tombstone, then the survivor: the outbox sends them in this
    // order, and the server tombstones a deleted customer's children with it, so they must
    // have moved by then; the merged customer's code is free for the survivor once it is gone.
    if (Status s = move_children(db, pair, now, actor); !s) return s;
    if (Status s = delete_customer(db, pair.merged.id, actor); !s) return s;
    Customer next = pair.survivor;
    for (const std::string& field : choices.fields_from_merged) {
        *customer_text_field(next, field) = *customer_text_field(pair.merged, field);
    }
    next.notes = joined_notes(pair, choices);
    if (Status s = save_customer(db, next, actor); !s) return s;
    return tx.commit();
}

}  // namespace crm
