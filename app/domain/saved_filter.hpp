// Saved filters (保存的筛选): a person's named list views ("VIP customers in Hangzhou"), kept
// per user and synced, so they follow the person from one PC to the next. A saved filter holds
// the list's filters and search as JSON ({"search": "...", "filter": {"city": "杭州", ...}}).
//
// Each is its owner's only (every role: scope "own" in the saved_filters module); names are
// unique per owner and list, and saving under a name that exists replaces that filter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "domain/customer.hpp"
#include "domain/record_list.hpp"

namespace crm {

struct SavedFilter {
    std::string id;
    std::string name;
    std::string list = "customers";  // which list it is for
    std::string query = "{}";        // JSON: query_to_json()
    std::string owner_id;
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;
};

// The lists a filter can be saved for: the customers list and the record lists (ListSpec::name).
inline constexpr std::string_view kFilterLists[] = {"customers", "contacts", "activities"};

namespace saved_filter_limits {
inline constexpr size_t name = 60;
inline constexpr size_t query = 2000;  // bytes of JSON
inline constexpr size_t value = 200;   // characters of one filter value or the search
}  // namespace saved_filter_limits

// The list's search and filters as a saved filter holds them (the sort stays the list's own).
std::string query_to_json(const CustomerQuery& query);
// Reads them back into `query` (its sort kept); nullopt for JSON that is not such an object.
std::optional<CustomerQuery> query_from_json(std::string_view json, CustomerQuery query);

// The same for a record list: its filters by key ({"filter": {"role": "purchaser"}}); a key the
// spec has no filter for is not such JSON.
std::string query_to_json(const ListQuery& query);
std::optional<ListQuery> query_from_json(std::string_view json, const ListSpec& spec, ListQuery query);

// name required, at most 60 characters; list one of kFilterLists; query such JSON, each value
// a string of at most 200 characters ("query": "invalid_format").
Problems validate(const SavedFilter& filter);

// The owner's live saved filters for `list`, by name.
std::vector<SavedFilter> saved_filters_of(Db& db, std::string_view owner_id, std::string_view list);
// Saves under filter.name for `actor`: replaces the actor's filter of that name and list, or
// adds one. On success `filter` holds what was stored.
Status save_filter(Db& db, SavedFilter& filter, std::string_view actor);
Status delete_saved_filter(Db& db, std::string_view id, std::string_view actor);

}  // namespace crm
