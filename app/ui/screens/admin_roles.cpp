#include "ui/screens/admin_roles.hpp"

#include "core/text.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

void AdminRolesScreen::load(AppContext& app) {
    requested_ = true;
    fetch_admin_list(app, guard_, "/api/v1/admin/roles", &load_error_, [this](const nlohmann::json& body) {
        roles_ = parse_roles(body);
        grid_ = parse_permission_grid(body);
        // Keep the open role in step with what the server now holds (after a save).
        if (form_.editing && !form_.is_new && !form_.edited()) {
            for (const Role& role : roles_)
                if (role.id == form_.stored.id) form_.open(role, false);
        }
    });
}

std::string AdminRolesScreen::status(AppContext&) { return trf("roles.count", {std::to_string(roles_.size())}); }

void AdminRolesScreen::draw(AppContext& app) {
    if (!requested_) load(app);
    const AdminToolbar pressed = draw_admin_toolbar(app, "roles.new", load_error_);
    if (pressed.create) form_.open(Role{}, true);
    if (pressed.reload) load(app);

    ImGui::BeginChild("role_list", ImVec2(ImGui::GetFontSize() * 12, 0), true);
    for (const Role& role : roles_) {
        const bool selected = form_.editing && !form_.is_new && form_.stored.id == role.id;
        // Selecting another role drops unsaved changes to this one, as Revert would.
        if (selectable_row(role.id, role.name.empty() ? role.id : role.name, selected) && !selected)
            form_.open(role, false);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("role_form", ImVec2(0, 0), true);
    draw_form(app);
    ImGui::EndChild();
}

void AdminRolesScreen::draw_form(AppContext& app) {
    if (!form_.editing) {
        ImGui::TextColored(theme::kMuted, "%s", tr("roles.select_hint"));
        return;
    }
    form_.draw_heading("roles.new", form_.stored.name);
    ImGui::BeginDisabled(!form_.is_new);
    text_field(tr("field.role_id"), form_.draft.id, form_.problems, "id", 64, tr("hint.role_id"));
    ImGui::EndDisabled();
    text_field(tr("field.name"), form_.draft.name, form_.problems, "name", 100);
    ImGui::Spacing();
    const bool editable = app.may("admin", "edit");
    draw_matrix(editable);
    if (form_.draw_buttons("roles.create", editable, form_.edited())) save(app);
    form_.draw_problems({"id", "name"});
}

// One combo per module and action, labelled "<Module> <Action>" for tests ("Customers Delete").
void AdminRolesScreen::draw_matrix(bool editable) {
    if (grid_.modules.empty() || grid_.actions.empty()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInner | ImGuiTableFlags_SizingStretchSame;
    if (!ImGui::BeginTable("permissions", static_cast<int>(grid_.actions.size()) + 1, flags)) return;
    ImGui::TableSetupColumn(tr("roles.module"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    std::vector<std::string> action_captions;
    for (const std::string& action : grid_.actions) action_captions.push_back(permission_caption("permission.", action));
    for (const std::string& caption : action_captions)
        ImGui::TableSetupColumn(caption.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    table_headers_row();
    ImGui::BeginDisabled(!editable);
    Permissions& permissions = form_.draft.permissions;
    for (const std::string& module : grid_.modules) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        const std::string module_caption = permission_caption("module.", module);
        ImGui::TextUnformatted(module_caption.c_str());
        for (size_t a = 0; a < grid_.actions.size(); ++a) {
            ImGui::TableNextColumn();
            const std::string& action = grid_.actions[a];
            const Scope current = permissions.scope(module, action);
            const std::string preview = permission_caption("scope.", scope_name(current));
            const std::string label = "##" + module_caption + " " + action_captions[a];
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (begin_combo(label.c_str(), preview.c_str())) {
                for (const std::string& scope : grid_.scopes) {
                    const Scope option = parse_scope(scope);
                    if (ImGui::Selectable(permission_caption("scope.", scope).c_str(), option == current))
                        permissions.set(module, action, option);
                }
                ImGui::EndCombo();
            }
        }
    }
    ImGui::EndDisabled();
    ImGui::EndTable();
}

void AdminRolesScreen::save(AppContext& app) {
    Role& role = form_.draft;
    role.id = trim(role.id);
    role.name = trim(role.name);
    if (!form_.check({{"id", &role.id}, {"name", &role.name}}, has_id(roles_, role.id))) return;
    // Every cell of the grid is sent, "none" included, so the role says all it may do.
    nlohmann::json permissions = nlohmann::json::object();
    for (const std::string& module : grid_.modules)
        for (const std::string& action : grid_.actions)
            permissions[module][action] = scope_name(role.permissions.scope(module, action));
    form_.post(app, guard_, "/api/v1/admin/roles", {{"id", role.id}, {"name", role.name}, {"permissions", permissions}},
               "roles.created", "roles.saved", [this, &app] { load(app); });
}

}  // namespace crm::ui
