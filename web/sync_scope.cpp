#include "sync_scope.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace crm {

namespace {

using nlohmann::json;
using sync::Ownership;
using sync::TableSpec;

std::string owner_expression(const TableSpec& table, std::string_view alias) {
    const std::string a(alias);
    if (table.ownership == Ownership::parent) {
        return "(SELECT p.owner_id FROM " + std::string(table.parent_table) + " p WHERE p.id = " + a + "." +
               std::string(table.parent_column) + ")";
    }
    return a + ".owner_id";
}

const std::string kSharedWithUser = "share:user:", kSharedWithTeam = "share:team:";

}  // namespace

std::string_view customer_column(const TableSpec& table) {
    if (table.name == "customers") return "id";
    if (table.ownership == Ownership::parent && table.parent_table == "customers") return table.parent_column;
    return {};
}

std::string share_exit_marker(std::string_view user_id, std::string_view team_id) {
    return user_id.empty() ? kSharedWithTeam + std::string(team_id) : kSharedWithUser + std::string(user_id);
}

ViewScope ViewScope::of(Db& db, const Principal& principal) {
    ViewScope scope{principal.user_id, principal.team_id, {}, {}};
    for (const TableSpec& table : sync::tables()) {
        scope.view[std::string(table.module)] = principal.scope(table.module, Action::view);
    }
    if (!scope.team.empty()) {
        Stmt members = db.prepare("SELECT id FROM users WHERE team_id = ?1 ORDER BY id");
        members.bind(1, scope.team);
        while (members.step().value_or(false)) scope.members.push_back(members.text(0));
    }
    return scope;
}

std::string ViewScope::key() const {
    json view_json = json::object();
    for (const auto& [module, s] : view) view_json[module] = static_cast<int>(s);
    return json{{"user", user}, {"team", team}, {"members", members}, {"view", view_json}}.dump();
}

std::optional<ViewScope> ViewScope::from_key(const std::string& key) {
    const json j = json::parse(key, nullptr, false);
    if (!j.is_object() || !j.contains("user") || !j.contains("team") || !j.contains("view")) return std::nullopt;
    ViewScope scope{j["user"].get<std::string>(), j["team"].get<std::string>(), {}, {}};
    if (j.contains("members")) scope.members = j["members"].get<std::vector<std::string>>();
    for (const auto& [module, s] : j["view"].items()) scope.view[module] = static_cast<Scope>(s.get<int>());
    return scope;
}

Scope ViewScope::of_table(const TableSpec& table) const {
    auto it = view.find(table.module);
    return it == view.end() ? Scope::none : it->second;
}

Condition ViewScope::visible(const TableSpec& table, std::string_view alias) const {
    if (table.ownership == Ownership::conflict_parties) {
        // A conflict shows two values of a record: only to its two writers, and only while
        // they may still see the record.
        const std::string a(alias);
        Condition c{"((" + a + ".kept_by = ? OR " + a + ".other_by = ?) AND (0", {user, user}};
        for (const TableSpec& other : sync::tables()) {
            if (other.ownership == Ownership::conflict_parties) continue;
            Condition record = visible(other, "r");
            c.sql += " OR (" + a + ".table_name = '" + std::string(other.name) + "' AND " + a +
                     ".record_id IN (SELECT r.id FROM " + std::string(other.name) + " r WHERE " + record.sql + "))";
            c.params.insert(c.params.end(), record.params.begin(), record.params.end());
        }
        c.sql += "))";
        return c;
    }
    const Scope scope = of_table(table);
    if (table.ownership == Ownership::catalog) return {scope == Scope::none ? "0" : "1", {}};
    Condition c = owner_in(scope, owner_expression(table, alias));
    // A customer shared with the user, or with their team, and what hangs off it: for anyone
    // whose role lets them see the module at all.
    const std::string_view column = customer_column(table);
    if (column.empty() || scope == Scope::none || scope == Scope::all) return c;
    c.sql = "(" + c.sql + " OR " + std::string(alias) + "." + std::string(column) +
            " IN (SELECT s.customer_id FROM customer_shares s WHERE s.deleted = 0 AND (s.user_id = ?";
    c.params.push_back(user);
    if (!team.empty()) {
        c.sql += " OR s.team_id = ?";
        c.params.push_back(team);
    }
    c.sql += ")))";
    return c;
}

Condition ViewScope::owner_in(Scope scope, const std::string& owner) const {
    switch (scope) {
        case Scope::none: return {"0", {}};
        case Scope::all: return {"1", {}};
        case Scope::own: return {owner + " = ?", {user}};
        case Scope::team: {
            Condition c{owner + " IN (?", {user}};
            for (const std::string& member : members) {
                c.sql += ", ?";
                c.params.push_back(member);
            }
            c.sql += ")";
            return c;
        }
    }
    return {"0", {}};
}

bool ViewScope::sees_owner(const TableSpec& table, std::string_view owner) const {
    if (table.ownership == Ownership::catalog) return of_table(table) != Scope::none;
    switch (of_table(table)) {
        case Scope::none: return false;
        case Scope::all: return true;
        case Scope::own: return owner == user;
        case Scope::team: return owner == user || std::binary_search(members.begin(), members.end(), owner);
    }
    return false;
}

bool ViewScope::may_have_lost(const TableSpec& table, std::string_view old_owner) const {
    if (old_owner.starts_with(kSharedWithUser)) return old_owner.substr(kSharedWithUser.size()) == user;
    if (old_owner.starts_with(kSharedWithTeam)) return !team.empty() && old_owner.substr(kSharedWithTeam.size()) == team;
    return sees_owner(table, old_owner);
}

// May `user` act on a record owned by `owner` with this scope?
bool covers(Db& db, const Principal& user, Scope scope, std::string_view owner) {
    switch (scope) {
        case Scope::none: return false;
        case Scope::all: return true;
        case Scope::own: return owner == user.user_id;
        case Scope::team: return owner == user.user_id || (!user.team_id.empty() && team_of(db, owner) == user.team_id);
    }
    return false;
}

// A short, stable name for a scope key that the client keeps with its cursor (FNV-1a).
std::string scope_token(const std::string& key) {
    uint64_t hash = 14695981039346656037ull;
    for (char c : key) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string token(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) token[static_cast<size_t>(i)] = kHex[hash & 15];
    return token;
}

int bind_params(Stmt& stmt, const std::vector<std::string>& params, int index) {
    for (const std::string& param : params) stmt.bind(index++, param);
    return index;
}

bool is_visible(Db& db, const ViewScope& scope, const TableSpec& table, std::string_view id) {
    Condition visible = scope.visible(table, "t");
    Stmt stmt = db.prepare("SELECT 1 FROM " + std::string(table.name) + " t WHERE t.id = ? AND " + visible.sql);
    stmt.bind(1, id);
    bind_params(stmt, visible.params, 2);
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

}  // namespace crm
