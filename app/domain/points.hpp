// Member points (客户积分): a ledger of entries per customer. The balance is never stored;
// it is the sum of the live entries, so entries made on two clients while apart both count
// once they are synced, and the server re-checks each against the balance it has.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

struct PointsEntry {
    std::string id;
    std::string customer_id;
    std::string kind = "earn";  // earn | redeem | adjust
    // earn and redeem: a positive amount (a redeem subtracts it); adjust: signed, not zero.
    int64_t points = 0;
    std::string reason;       // required: why the points moved ("Order SO-1001", "Gift: tea set")
    std::string occurred_at;  // UTC ISO-8601, when it happened (the ledger's order)
    std::string owner_id;
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;

    bool operator==(const PointsEntry&) const = default;
};

inline constexpr std::string_view kPointsKinds[] = {"earn", "redeem", "adjust"};

namespace points_limits {
inline constexpr size_t reason = 200;
// No single entry moves more than this: a typo of a few extra digits is refused, and sums of
// many entries stay far from int64's end.
inline constexpr int64_t max_points = 1'000'000'000;
}  // namespace points_limits

// What the entry does to the balance: +points, -points, or the adjustment itself.
int64_t signed_points(const PointsEntry& entry);

// Every problem with the entry: reason required; points above zero for earn and redeem
// ("not_positive"), not zero for an adjust ("zero"), at most max_points ("too_large");
// a redeem may not take the balance below zero ("insufficient_points", limit = what is
// available); the customer must exist and be live. The balance is the customer's without
// this entry, so re-validating a stored entry (sync) does not count it twice.
Problems validate(const PointsEntry& entry, Db& db);

// The sum of the customer's live entries.
int64_t points_balance(Db& db, std::string_view customer_id, std::string_view except_id = {});
// The customer's live entries, newest first.
std::vector<PointsEntry> points_entries_of(Db& db, std::string_view customer_id);
std::optional<PointsEntry> find_points_entry(Db& db, std::string_view id);

// Validates and appends a new entry (an empty occurred_at means now). The ledger is never
// edited: a mistake is corrected by an adjust entry, which keeps the history honest.
Status add_points_entry(Db& db, PointsEntry& entry, std::string_view actor);

// A whole number of points as typed ("1200", "-50", " +30 "); nullopt for anything else.
std::optional<int64_t> parse_points(std::string_view text);

}  // namespace crm
