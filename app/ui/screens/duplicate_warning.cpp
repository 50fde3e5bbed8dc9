#include "ui/screens/duplicate_warning.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

const ImVec4 kWarning{0.72f, 0.42f, 0.02f, 1.0f};
constexpr size_t kShown = 5;

void cell(const std::string& text) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(text.c_str());
    automation::record_text(text.c_str());
}

}  // namespace

std::string describe_reasons(const DuplicateCandidate& candidate) {
    std::string text;
    for (DuplicateReason reason : candidate.reasons) {
        if (!text.empty()) text += tr("duplicates.reason_separator");
        text += tr(std::string("duplicates.reason.") + reason_name(reason));
    }
    return text;
}

void DuplicateWarning::clear() {
    name_.clear();
    phone_.clear();
    email_.clear();
    version_ = -1;
    candidates_.clear();
}

void DuplicateWarning::refresh(AppContext& app, const Customer& draft) {
    if (draft.name == name_ && draft.phone == phone_ && draft.email == email_ && version_ == app.data_version) return;
    name_ = draft.name;
    phone_ = draft.phone;
    email_ = draft.email;
    version_ = app.data_version;
    candidates_ = find_duplicate_candidates(app.db, draft, kShown);
}

std::string DuplicateWarning::draw(AppContext& app, const Customer& draft) {
    if (!draft.id.empty()) return {};
    refresh(app, draft);
    if (candidates_.empty()) return {};

    const std::string heading = trf("duplicates.heading", {std::to_string(candidates_.size())});
    ImGui::TextColored(kWarning, "%s", heading.c_str());
    automation::record_text(heading.c_str());
    // A child of its own: tests (and people) tell its rows from the list's rows of the same name.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    const float height = row * static_cast<float>(candidates_.size() + 1) + style.WindowPadding.y * 2 + 2;
    std::string chosen;
    ImGui::BeginChild("duplicate_warning", ImVec2(0, height), true, ImGuiWindowFlags_NoScrollbar);
    // Code, city, phone and score fit their contents; the name and the reasons share the rest.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("duplicates", 6, flags)) {
        ImGui::TableSetupColumn(tr("field.name"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(tr("field.code"));
        ImGui::TableSetupColumn(tr("field.city"));
        ImGui::TableSetupColumn(tr("field.phone"));
        ImGui::TableSetupColumn(tr("duplicates.why"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("duplicates.score"));
        table_headers_row();
        for (const DuplicateCandidate& c : candidates_) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (selectable_row(c.id, c.name, false)) chosen = c.id;
            cell(c.code);
            cell(c.city);
            cell(c.phone);
            cell(describe_reasons(c));
            cell(std::to_string(c.score));
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    return chosen;
}

}  // namespace crm::ui
