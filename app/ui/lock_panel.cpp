#include "ui/lock_panel.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/login_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

void LockPanel::open(Reason reason) {
    reason_ = reason;
    password_.clear();
    problems_.clear();
    attempt_.clear();
    focus_password_ = true;
}

LockPanel::Action LockPanel::draw(ServerApi& api, const SessionUser& user,
                                  const std::function<void(Session)>& unlocked) {
    const float font = ImGui::GetFontSize();
    begin_centered_card("lock", font * 28, card_height_);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    const char* title = tr(reason_ == Reason::idle ? "lock.title" : "lock.expired_title");
    ImGui::TextUnformatted(title);
    automation::record_text(title);
    ImGui::PopStyleColor();
    ImGui::TextUnformatted(user.name.c_str());
    automation::record_text(user.name.c_str());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme::kMuted, "%s", tr(reason_ == Reason::idle ? "lock.message" : "lock.expired_message"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    if (focus_password_) {
        ImGui::SetKeyboardFocusHere();
        focus_password_ = false;
    }
    bool submitted = password_field(tr("login.password"), password_, problems_, "password");
    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    const bool busy = attempt_.pending() || attempt_.waiting();
    ImGui::BeginDisabled(busy);
    submitted |= ImGui::Button(tr("lock.unlock"));
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool log_out = ImGui::Button(tr("session.log_out"));

    if (submitted && !busy) {
        problems_.clear();
        if (password_.empty()) {
            problems_.push_back({"password", "required", 0});
        } else {
            attempt_.start(api, user.id, password_, unlocked);
            password_.clear();
            ImGui::ClearActiveID();
        }
    }
    ImGui::Spacing();
    form_error(attempt_.failure("lock.wrong_password"));
    end_centered_card(card_height_);
    return log_out ? Action::log_out : Action::none;
}

}  // namespace crm::ui
