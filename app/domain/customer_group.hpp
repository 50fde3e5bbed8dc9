// Customer groups (客户分组): named groups a customer belongs to any number of (a trade show's
// visitors, this year's key accounts, the distributors of one region), next to its one type,
// level and owner. A group's name is seen by everyone who sees customers, so a manager's
// group is there for the whole sales force to file their customers in; who is in it is seen
// as far as each customer is (a membership is synced as the customer's child). The customers
// list filters by group (CustomerFilter::group_id).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

struct CustomerGroup {
    std::string id;
    std::string name;
    std::string description;
    std::string owner_id;  // who made it: they (or whoever manages them) rename and delete it
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;

    bool operator==(const CustomerGroup&) const = default;
};

// A customer in a group.
struct GroupMembership {
    std::string id;
    std::string customer_id;
    std::string group_id;
    std::string owner_id;  // who put the customer in the group
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;
};

namespace group_limits {
inline constexpr size_t name = 60;
inline constexpr size_t description = 500;
inline constexpr size_t id = 64;
}  // namespace group_limits

// A name is required, and unique among live groups ignoring ASCII case ("duplicate").
Problems validate(const CustomerGroup& group, Db& db);
// The customer and the group must exist and be live; a customer is in a group once
// ("already_member" on group_id).
Problems validate(const GroupMembership& membership, Db& db);

// A group as a list shows it: with how many live customers are in it (as far as this
// database holds them).
struct GroupSummary {
    CustomerGroup group;
    int64_t members = 0;
};

// Every live group, by name (ignoring case).
std::vector<GroupSummary> list_groups(Db& db);
std::optional<CustomerGroup> find_group(Db& db, std::string_view id);

// The groups `customer_id` is in, by name, each with the membership's id (to leave it).
struct CustomerGroupEntry {
    std::string membership_id;
    CustomerGroup group;
};
std::vector<CustomerGroupEntry> groups_of(Db& db, std::string_view customer_id);

// Validates (names trimmed) and inserts a new group, or renames one (id set).
Status save_group(Db& db, CustomerGroup& group, std::string_view actor);
// Deletes a group (a tombstone); its memberships stay and count for nothing.
Status remove_group(Db& db, std::string_view id, std::string_view actor);

// Puts the customer in the group; the new membership's id.
Result<std::string> add_to_group(Db& db, std::string_view customer_id, std::string_view group_id,
                                 std::string_view actor);
// Puts each of the customers in the group, in one transaction: all or none. Those already in it
// are counted, not put in twice; those deleted meanwhile are counted as gone.
struct GroupBatchResult {
    int64_t added = 0, already = 0, gone = 0;
};
Result<GroupBatchResult> add_many_to_group(Db& db, std::span<const std::string> customer_ids, std::string_view group_id,
                                           std::string_view actor);

// Takes a customer out of a group (the membership's tombstone).
Status remove_from_group(Db& db, std::string_view membership_id, std::string_view actor);

}  // namespace crm
