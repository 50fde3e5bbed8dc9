// Merging two records of the same customer (合并): everything linked to the merged one moves
// to the survivor, the survivor takes the field values the person chose, and the merged one
// is tombstoned, all in one transaction.
//
// The linked tables are not listed here: they are every synced table whose description
// (sync/tables) hangs it off customers (parent_table "customers", or in the customers'
// children), so a module that adds such a table (activities, points) is merged without a
// change here. This is why domain code reads sync's table descriptions.
//
// Each write is an ordinary local edit (updated_at, updated_by), so the outbox sends it: the
// server sees moved records, a deleted customer and an edited one, and checks each against
// the person's rights as it would any other edit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "domain/customer.hpp"

namespace crm {

namespace sync {
struct TableSpec;
}

// The synced tables whose rows belong to a customer, with the column naming it.
std::vector<const sync::TableSpec*> customer_child_tables();

struct MergeMove {
    std::string table;   // "contacts"
    std::string module;  // its permission module
    int64_t count = 0;   // live rows of the merged customer that move
};

// A field whose two values differ. The survivor's value is kept unless it is empty.
struct MergeField {
    std::string field;  // the column ("city")
    std::string survivor_value, merged_value;
    bool take_merged = false;  // the suggestion: true when the survivor's value is empty
};

struct MergePreview {
    Customer survivor, merged;
    std::vector<MergeMove> moves;         // every linked table, also those with nothing to move
    std::vector<MergeField> differences;  // in the order of the record's fields; notes are joined instead
};

struct MergeChoices {
    std::vector<std::string> fields_from_merged;  // columns that take the merged customer's value
    // The line added to the survivor's notes (the UI writes it in the person's language);
    // empty: "Merged with <name> (<code>) on <date>."
    std::string note;
};

// What merging `merged_id` into `survivor_id` would do. Errors: not_found (either is missing
// or deleted), same_customer.
Result<MergePreview> preview_merge(Db& db, std::string_view survivor_id, std::string_view merged_id);

// Moves every linked record, sets the chosen fields, joins the notes (the survivor's, the
// merged customer's, the note) and tombstones the merged customer: all of it or, when any
// step fails (validation of the survivor, a write), nothing. A contact moved to a survivor
// that has a primary contact stops being primary. Errors as preview_merge, plus
// unknown_field for a choice that is not a customer field.
Status merge_customers(Db& db, std::string_view survivor_id, std::string_view merged_id, const MergeChoices& choices,
                       std::string_view actor);

}  // namespace crm
