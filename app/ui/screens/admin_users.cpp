#include "ui/screens/admin_users.hpp"

#include "core/text.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {
constexpr size_t kMaxId = 64, kMaxName = 100;
}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

void AdminUsersScreen::load(AppContext& app) {
    requested_ = true;
    fetch_admin_list(app, guard_, "/api/v1/admin/users", &load_error_,
                     [this](const nlohmann::json& body) { users_ = parse_admin_users(body); });
    // The role and team choices; a failure here shows as the users' (same server, same rights).
    fetch_admin_list(app, guard_, "/api/v1/admin/roles", nullptr,
                     [this](const nlohmann::json& body) { roles_ = parse_roles(body); });
    fetch_admin_list(app, guard_, "/api/v1/admin/teams", nullptr,
                     [this](const nlohmann::json& body) { teams_ = parse_teams(body); });
}

std::string AdminUsersScreen::status(AppContext&) { return trf("users.count", {std::to_string(users_.size())}); }

//-----------------------------------------------------------------------------
// [SECTION] Layout and list
//-----------------------------------------------------------------------------

void AdminUsersScreen::draw(AppContext& app) {
    if (!requested_) load(app);
    const AdminToolbar pressed = draw_admin_toolbar(app, "users.new", load_error_);
    if (pressed.create) request_open(AdminUser{}, true);
    if (pressed.reload) load(app);

    ImGui::BeginChild("user_list", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, 0), true);
    draw_table();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("user_form", ImVec2(0, 0), true);
    draw_form(app);
    ImGui::EndChild();

    if (confirm_discard_.draw() == ConfirmDialog::Answer::yes) open(pending_open_, pending_is_new_);
}

void AdminUsersScreen::draw_table() {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("users", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("field.user_id"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("field.name"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(tr("field.role"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("field.team"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("field.active"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    table_headers_row();
    const std::vector<Option> roles = role_options(roles_), teams = team_options(teams_);
    auto caption = [](const std::vector<Option>& options, const std::string& value) -> std::string {
        for (const Option& option : options)
            if (option.value == value) return option.caption;
        return value;
    };
    for (const AdminUser& user : users_) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool selected = form_.editing && !form_.is_new && form_.stored.id == user.id;
        if (selectable_row(user.id, user.id, selected) && !selected) request_open(user, false);
        const std::string cells[] = {user.name, caption(roles, user.role), caption(teams, user.team_id),
                                     tr(user.active ? "users.active_yes" : "users.active_no")};
        for (const std::string& cell : cells) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cell.c_str());
            automation::record_text(cell.c_str());
        }
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] Form
//-----------------------------------------------------------------------------

void AdminUsersScreen::request_open(const AdminUser& user, bool is_new) {
    if (has_unsaved_changes()) {
        pending_open_ = user;
        pending_is_new_ = is_new;
        confirm_discard_.open(tr("confirm.discard_title"), tr("users.unsaved_message"), tr("action.discard"));
        return;
    }
    open(user, is_new);
}

// A new user starts with no role: the administrator chooses it, never a default that might
// give more rights than meant.
void AdminUsersScreen::open(const AdminUser& user, bool is_new) {
    form_.open(user, is_new);
    password_.clear();
}

void AdminUsersScreen::draw_form(AppContext& app) {
    if (!form_.editing) {
        ImGui::TextColored(theme::kMuted, "%s", tr("users.select_hint"));
        automation::record_text(tr("users.select_hint"));
        return;
    }
    AdminUser& user = form_.draft;
    const Problems& problems = form_.problems;
    form_.draw_heading("users.new", form_.stored.name);
    // The id is the login name and what records point to: it is chosen once.
    ImGui::BeginDisabled(!form_.is_new);
    text_field(tr("field.user_id"), user.id, problems, "id", kMaxId, tr("hint.user_id"));
    ImGui::EndDisabled();
    text_field(tr("field.name"), user.name, problems, "name", kMaxName);
    const std::vector<Option> roles = role_options(roles_), teams = team_options(teams_);
    option_field(tr("field.role"), user.role, roles, problems, "role");
    option_field(tr("field.team"), user.team_id, teams, problems, "team_id");
    check_field(tr("field.active"), user.active);
    password_field(tr("login.password"), password_, problems, "password");
    if (!form_.is_new) {
        ImGui::SetCursorPosX(theme::form_label_width());
        ImGui::TextColored(theme::kMuted, "%s", tr("users.password_keep"));
    }
    if (form_.draw_buttons("users.create", app.may("admin", "edit"), has_unsaved_changes())) save(app);
    form_.draw_problems({"id", "name", "role", "team_id", "password"});
}

void AdminUsersScreen::save(AppContext& app) {
    AdminUser& user = form_.draft;
    user.id = trim(user.id);
    user.name = trim(user.name);
    const bool valid = form_.check({{"id", &user.id}, {"name", &user.name}, {"role", &user.role}},
                                   has_id(users_, user.id));
    if (form_.is_new && password_.empty()) form_.problems.push_back({"password", "required", 0});
    if (!valid || !form_.problems.empty()) return;

    nlohmann::json body = {{"id", user.id}, {"name", user.name}, {"role", user.role}, {"team_id", user.team_id},
                           {"active", user.active}};
    if (!password_.empty()) body["password"] = password_;
    form_.post(app, guard_, "/api/v1/admin/users", body, "users.created", "users.saved", [this, &app] {
        password_.clear();
        load(app);
    });
}

}  // namespace crm::ui
