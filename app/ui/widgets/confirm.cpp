#include "ui/widgets/confirm.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"

namespace crm::ui {

void ConfirmDialog::open(std::string title, std::string message, std::string confirm_caption,
                         std::function<void()> body) {
    title_ = std::move(title);
    message_ = std::move(message);
    confirm_caption_ = std::move(confirm_caption);
    body_ = std::move(body);
    request_open_ = true;
}

ConfirmDialog::Answer ConfirmDialog::draw() {
    if (title_.empty()) return Answer::none;
    // The ### part keeps one popup id whatever the title says.
    std::string popup = title_ + "###confirm";
    // Open while it has a question: also after something closed every popup (the idle lock).
    if (request_open_ || !ImGui::IsPopupOpen(popup.c_str())) {
        ImGui::OpenPopup(popup.c_str());
        request_open_ = false;
    }
    Answer answer = Answer::none;
    ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(message_.c_str());
        automation::record_text(message_.c_str());
        ImGui::Spacing();
        if (body_) {
            body_();
            ImGui::Spacing();
        }
        // No Enter shortcut: the dialogs guard destructive actions, and keyboard focus
        // starts on Cancel, so a stray Enter or Space never confirms.
        if (ImGui::Button(confirm_caption_.c_str())) answer = Answer::yes;
        ImGui::SameLine();
        // Esc cancels, but not the Esc that opened the dialog (closing a form with edits).
        const bool escape =
            !ImGui::IsWindowAppearing() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
        if (ImGui::Button(tr("action.cancel")) || escape) {
            answer = Answer::no;
        }
        ImGui::SetItemDefaultFocus();
        if (answer != Answer::none) {
            ImGui::CloseCurrentPopup();
            title_.clear();
        }
        ImGui::EndPopup();
    }
    return answer;
}

}  // namespace crm::ui
