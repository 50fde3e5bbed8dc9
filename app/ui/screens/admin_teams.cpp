#include "ui/screens/admin_teams.hpp"

#include "core/text.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

void AdminTeamsScreen::load(AppContext& app) {
    requested_ = true;
    fetch_admin_list(app, guard_, "/api/v1/admin/teams", &load_error_,
                     [this](const nlohmann::json& body) { teams_ = parse_teams(body); });
}

std::string AdminTeamsScreen::status(AppContext&) { return trf("teams.count", {std::to_string(teams_.size())}); }

void AdminTeamsScreen::draw(AppContext& app) {
    if (!requested_) load(app);
    const AdminToolbar pressed = draw_admin_toolbar(app, "teams.new", load_error_);
    if (pressed.create) form_.open(Team{}, true);
    if (pressed.reload) load(app);

    ImGui::BeginChild("team_list", ImVec2(ImGui::GetContentRegionAvail().x * 0.45f, 0), true);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("teams", 2, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("field.team_id"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("field.name"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        table_headers_row();
        for (const Team& team : teams_) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = form_.editing && !form_.is_new && form_.stored.id == team.id;
            // Selecting another team drops an unsaved rename: one short field, nothing to confirm.
            if (selectable_row(team.id, team.id, selected) && !selected) form_.open(team, false);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(team.name.c_str());
            automation::record_text(team.name.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("team_form", ImVec2(0, 0), true);
    draw_form(app);
    ImGui::EndChild();
}

void AdminTeamsScreen::draw_form(AppContext& app) {
    if (!form_.editing) {
        ImGui::TextColored(theme::kMuted, "%s", tr("teams.select_hint"));
        return;
    }
    form_.draw_heading("teams.new", form_.stored.name);
    ImGui::BeginDisabled(!form_.is_new);
    text_field(tr("field.team_id"), form_.draft.id, form_.problems, "id", 64, tr("hint.team_id"));
    ImGui::EndDisabled();
    text_field(tr("field.name"), form_.draft.name, form_.problems, "name", 100);
    if (form_.draw_buttons("teams.create", app.may("admin", "edit"), form_.edited())) save(app);
    form_.draw_problems({"id", "name"});
}

void AdminTeamsScreen::save(AppContext& app) {
    Team& team = form_.draft;
    team.id = trim(team.id);
    team.name = trim(team.name);
    if (!form_.check({{"id", &team.id}, {"name", &team.name}}, has_id(teams_, team.id))) return;
    form_.post(app, guard_, "/api/v1/admin/teams", {{"id", team.id}, {"name", team.name}}, "teams.created",
               "teams.saved", [this, &app] { load(app); });
}

}  // namespace crm::ui
