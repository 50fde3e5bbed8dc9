// Sharing a customer (客户共享) with named colleagues or a whole team, beyond what their
// role's scope shows them: an agent who works a customer with its owner, a service team that
// looks after a key account. A share gives sight of the customer and of everything hanging
// off it (contacts, activities, points, files); "edit" lets them change those too, but never
// the owner, never delete, and never share further: that stays with those whose own rights
// cover the customer. The server enforces all of it (web/sync_scope, web/sync_service).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

struct CustomerShare {
    std::string id;
    std::string customer_id;
    // Exactly one of the two: a user's id, or a team's.
    std::string user_id;
    std::string team_id;
    std::string access = "read";  // read | edit
    std::string owner_id;         // who shared it
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;

    bool operator==(const CustomerShare&) const = default;
};

inline constexpr std::string_view kShareAccess[] = {"read", "edit"};

namespace share_limits {
inline constexpr size_t target = 64;  // a user's or team's id
}  // namespace share_limits

// What a share gives someone on a customer: nothing, sight only, or sight and edits.
enum class ShareAccess { none, read, edit };

// Every problem with the share: the customer must exist and be live; exactly one of user_id
// and team_id ("required" on user_id when neither, "invalid_choice" on team_id when both);
// access read or edit; the same user or team shared twice on one customer is "already_shared".
Problems validate(const CustomerShare& share, Db& db);

// The customer's live shares, users first, then teams, each by id.
std::vector<CustomerShare> shares_of(Db& db, std::string_view customer_id);
std::optional<CustomerShare> find_share(Db& db, std::string_view id);

// The most a share gives `user_id` (directly, or through `team_id` when not empty).
ShareAccess shared_access(Db& db, std::string_view customer_id, std::string_view user_id, std::string_view team_id);

// Validates and inserts a new share, or changes the access of an existing one (id set).
Status save_share(Db& db, CustomerShare& share, std::string_view actor);
// Ends a share (a tombstone, synced like any record's).
Status remove_share(Db& db, std::string_view id, std::string_view actor);

}  // namespace crm
