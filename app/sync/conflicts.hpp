// Reviewing sync conflicts on the client: the values someone else's later write replaced,
// for the person to keep the outcome or put their value back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm::sync {

struct OpenConflict {
    std::string id;
    std::string table, record_id, record_name;  // record_name: the customer's or contact's name
    std::string field;
    std::string kept_value, other_value;  // as text (the JSON string decoded)
    std::string kept_by, other_by, created_at;
};

// Unresolved conflicts, newest first.
std::vector<OpenConflict> open_conflicts(Db& db);

enum class Resolution {
    keep,       // the value the server kept stays
    use_other,  // the replaced value goes back into the record (a new edit, synced as usual)
};

// Marks the conflict resolved by `actor`, after writing the other value back when asked,
// in one transaction: both reach the server through the outbox. A conflict whose record or
// field is not a synced one, or is gone, can only be kept.
Status resolve_conflict(Db& db, std::string_view conflict_id, Resolution resolution, std::string_view actor);

}  // namespace crm::sync
