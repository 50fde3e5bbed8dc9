// Who sees what through sync: the server's view of a user's rights as SQL conditions over
// the synced tables (web/sync_service applies and pulls with them).
//
// A user's view (ViewScope) is their view scope per module, their team and its members. It
// is kept per client as a key, so that any change of it (a role, a team, a colleague joining
// or leaving) is noticed at the next pull.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth.hpp"
#include "core/db.hpp"
#include "sync/tables.hpp"

namespace crm {

// A SQL condition with its parameters, all plain '?' so conditions can be joined in order.
struct Condition {
    std::string sql;
    std::vector<std::string> params;
};

struct ViewScope {
    std::string user, team;
    std::vector<std::string> members;                 // the team's users, sorted ("team" scope)
    std::map<std::string, Scope, std::less<>> view;  // module -> view scope

    static ViewScope of(Db& db, const Principal& principal);
    // Everything the user's view depends on; equal keys, equal views.
    std::string key() const;
    static std::optional<ViewScope> from_key(const std::string& key);

    Scope of_table(const sync::TableSpec& table) const;
    // Which rows of `table` (as `alias`) the user may see.
    Condition visible(const sync::TableSpec& table, std::string_view alias) const;
    // Could the user see records owned by `owner`?
    bool sees_owner(const sync::TableSpec& table, std::string_view owner) const;
    // Could the user have seen a record that left someone's sight (a scope exit): records
    // owned by `old_owner`, or shared with the user or team a share_exit_marker() names.
    bool may_have_lost(const sync::TableSpec& table, std::string_view old_owner) const;

private:
    Condition owner_in(Scope scope, const std::string& owner) const;
};

// The column holding the id of the customer a record is about: "id" for customers, the
// parent column for what hangs off one; empty for other tables. Shares reach these.
std::string_view customer_column(const sync::TableSpec& table);
// What a scope exit records as its old owner when a share ends or moves to someone else.
std::string share_exit_marker(std::string_view user_id, std::string_view team_id);

// May `user` act on a record owned by `owner` with this scope?
bool covers(Db& db, const Principal& user, Scope scope, std::string_view owner);
// A short, stable name for a scope key that the client keeps with its cursor (FNV-1a).
std::string scope_token(const std::string& key);
// Binds `params` from parameter `index` on; returns the next free index.
int bind_params(Stmt& stmt, const std::vector<std::string>& params, int index);
bool is_visible(Db& db, const ViewScope& scope, const sync::TableSpec& table, std::string_view id);

}  // namespace crm
