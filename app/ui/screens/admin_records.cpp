#include "ui/screens/admin_records.hpp"

#include "ui/i18n.hpp"

namespace crm::ui {

namespace {

std::string text_of(const nlohmann::json& json, const char* key) {
    auto found = json.find(key);
    return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

const nlohmann::json& array_at(const nlohmann::json& body, const char* key) {
    static const nlohmann::json empty = nlohmann::json::array();
    if (!body.is_object()) return empty;
    auto found = body.find(key);
    return found != body.end() && found->is_array() ? *found : empty;
}

std::vector<std::string> strings_at(const nlohmann::json& body, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : array_at(body, key))
        if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
}

}  // namespace

std::vector<AdminUser> parse_admin_users(const nlohmann::json& body) {
    std::vector<AdminUser> users;
    for (const auto& item : array_at(body, "users")) {
        if (!item.is_object()) continue;
        AdminUser user{text_of(item, "id"), text_of(item, "name"), text_of(item, "role"), text_of(item, "team_id")};
        auto active = item.find("active");
        user.active = active == item.end() || (active->is_boolean() ? active->get<bool>() : active->is_number() && active->get<int>() != 0);
        if (!user.id.empty()) users.push_back(std::move(user));
    }
    return users;
}

std::vector<Team> parse_teams(const nlohmann::json& body) {
    std::vector<Team> teams;
    for (const auto& item : array_at(body, "teams"))
        if (item.is_object() && !text_of(item, "id").empty()) teams.push_back({text_of(item, "id"), text_of(item, "name")});
    return teams;
}

std::vector<Role> parse_roles(const nlohmann::json& body) {
    std::vector<Role> roles;
    for (const auto& item : array_at(body, "roles")) {
        if (!item.is_object() || text_of(item, "id").empty()) continue;
        Role role{text_of(item, "id"), text_of(item, "name"), {}};
        if (auto permissions = item.find("permissions"); permissions != item.end())
            role.permissions = Permissions::from_json(*permissions);
        roles.push_back(std::move(role));
    }
    return roles;
}

PermissionGrid parse_permission_grid(const nlohmann::json& body) {
    PermissionGrid grid{strings_at(body, "modules"), strings_at(body, "actions"), strings_at(body, "scopes")};
    if (grid.scopes.empty()) grid.scopes = {"none", "own", "team", "all"};
    return grid;
}

std::vector<Option> role_options(const std::vector<Role>& roles) {
    std::vector<Option> options;
    for (const Role& role : roles) options.push_back({role.id, role.name.empty() ? role.id : role.name});
    return options;
}

std::vector<Option> team_options(const std::vector<Team>& teams) {
    std::vector<Option> options{{"", tr("choice.none")}};
    for (const Team& team : teams) options.push_back({team.id, team.name.empty() ? team.id : team.name});
    return options;
}

std::string permission_caption(const char* prefix, const std::string& name) {
    const std::string key = std::string(prefix) + name;
    return has_translation(key) ? tr(key) : name;
}

}  // namespace crm::ui
