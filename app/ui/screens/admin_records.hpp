// The records the administration screens edit on the server (/api/v1/admin/...): users,
// teams and roles. They live on the server only, never in the tab's database.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ui/session.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

struct AdminUser {
    std::string id, name, role, team_id;
    bool active = true;
    bool operator==(const AdminUser&) const = default;
};

struct Team {
    std::string id, name;
    bool operator==(const Team&) const = default;
};

struct Role {
    std::string id, name;
    Permissions permissions;
    bool operator==(const Role&) const = default;
};

// What GET /api/v1/admin/roles says a permission can be about.
struct PermissionGrid {
    std::vector<std::string> modules, actions, scopes;
};

std::vector<AdminUser> parse_admin_users(const nlohmann::json& body);  // {"users": [...]}
std::vector<Team> parse_teams(const nlohmann::json& body);             // {"teams": [...]}
std::vector<Role> parse_roles(const nlohmann::json& body);             // {"roles": [...], ...}
PermissionGrid parse_permission_grid(const nlohmann::json& body);

// True when one of `records` has this id.
template <class Record>
bool has_id(const std::vector<Record>& records, const std::string& id) {
    for (const Record& record : records)
        if (record.id == id) return true;
    return false;
}

// Choices for the role and team fields; teams start with "(none)".
std::vector<Option> role_options(const std::vector<Role>& roles);
std::vector<Option> team_options(const std::vector<Team>& teams);

// The translated name of a module, action or scope the server lists ("module.customers"),
// or the name itself when the tables do not know it (a module added on the server later).
std::string permission_caption(const char* prefix, const std::string& name);

}  // namespace crm::ui
