#include "ui/login_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

void begin_centered_card(const char* id, float width, float& height) {
    if (height <= 0) height = ImGui::GetFontSize() * 16;  // the first frame's guess
    const ImVec2 space = ImGui::GetContentRegionAvail();
    const ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(start.x + std::max(0.0f, (space.x - width) / 2),
                               start.y + std::max(0.0f, (space.y - height) / 2.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize() * 1.5f, ImGui::GetFontSize() * 1.2f));
    ImGui::BeginChild(id, ImVec2(width, height), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
}

void end_centered_card(float& height) {
    height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y - ImGui::GetStyle().ItemSpacing.y;
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void LoginScreen::draw(ServerApi& api, const std::function<void(Session)>& logged_in) {
    const float font = ImGui::GetFontSize();
    begin_centered_card("login", font * 26, card_height_);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(tr("login.title"));
    automation::record_text(tr("login.title"));
    ImGui::PopStyleColor();
    ImGui::TextColored(theme::kMuted, "%s", tr("login.subtitle"));
    ImGui::Spacing();
    ImGui::Spacing();

    if (focus_user_) {
        ImGui::SetKeyboardFocusHere();
        focus_user_ = false;
    }
    text_field(tr("login.user"), user_, problems_, "user", 64);
    bool submitted = entered_in_last_field();
    submitted |= password_field(tr("login.password"), password_, problems_, "password");

    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    const bool busy = attempt_.pending() || attempt_.waiting();
    ImGui::BeginDisabled(busy);
    const std::string button = std::string(tr(attempt_.pending() ? "login.logging_in" : "login.log_in")) + "###log_in";
    submitted |= ImGui::Button(button.c_str());
    ImGui::EndDisabled();
    if (submitted && !busy) submit(api, logged_in);

    ImGui::Spacing();
    form_error(attempt_.failure("login.bad_credentials"));
    end_centered_card(card_height_);
}

void LoginScreen::submit(ServerApi& api, const std::function<void(Session)>& logged_in) {
    problems_.clear();
    const std::string user = trim(user_);
    if (user.empty()) problems_.push_back({"user", "required", 0});
    if (password_.empty()) problems_.push_back({"password", "required", 0});
    if (!problems_.empty()) return;
    attempt_.start(api, user, password_, [this, logged_in](Session session) {
        user_.clear();
        logged_in(std::move(session));
    });
    // The password is sent once and not kept; after a failure the person types it again.
    password_.clear();
    ImGui::ClearActiveID();
}

void LoginScreen::reset() {
    user_.clear();
    password_.clear();
    problems_.clear();
    attempt_.clear();
    focus_user_ = true;
}

}  // namespace crm::ui
