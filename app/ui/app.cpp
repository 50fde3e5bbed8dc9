#include "ui/app.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/registry.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

App::App(Db& db, std::string user) : context_{db, std::move(user), toasts_}, screens_(make_screens()) {}

void App::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("CRM", nullptr, flags);

    draw_top_bar();
    const float status_height = ImGui::GetFrameHeightWithSpacing();
    const float body_height = ImGui::GetContentRegionAvail().y - status_height;

    ImGui::BeginChild("sidebar", ImVec2(ImGui::GetFontSize() * 8, body_height), true);
    draw_sidebar();
    ImGui::EndChild();
    ImGui::SameLine();
    Screen& screen = *screens_[current_];
    context_.shortcut = pressed_shortcut();
    ImGui::BeginChild("content", ImVec2(0, body_height), false);
    screen.draw(context_);
    ImGui::EndChild();

    draw_status_bar(screen);
    ImGui::End();
    ++frames_drawn_;
}

bool App::has_unsaved_work() const {
    if (context_.data_version > 0) return true;
    for (const auto& screen : screens_)
        if (screen->has_unsaved_changes()) return true;
    return false;
}

void App::draw_top_bar() {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(tr("app.name"));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "|  %s", tr(screens_[current_]->title_key()));
    const std::string who = trf("app.signed_in_as", {context_.user});
    const float switch_width = ImGui::GetFontSize() * 6.5f;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(who.c_str()).x - switch_width -
                    ImGui::GetStyle().ItemSpacing.x * 2);
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(theme::kMuted, "%s", who.c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(switch_width);
    draw_language_switch();
    ImGui::Separator();
}

// Each language is named in itself, so a person who cannot read the other finds theirs.
void App::draw_language_switch() {
    struct Option {
        Language language;
        const char* name;
    };
    static constexpr Option kOptions[] = {{Language::en, "English"}, {Language::zh, "\xE4\xB8\xAD\xE6\x96\x87"}};
    const char* current = kOptions[language() == Language::zh ? 1 : 0].name;
    if (begin_combo("##Language", current)) {
        for (const Option& option : kOptions) {
            if (ImGui::Selectable(option.name, option.language == language())) set_language(option.language);
        }
        ImGui::EndCombo();
    }
}

void App::draw_sidebar() {
    for (size_t i = 0; i < screens_.size(); ++i) {
        if (ImGui::Selectable(tr(screens_[i]->title_key()), current_ == i)) current_ = i;
    }
}

void App::draw_status_bar(Screen& screen) {
    ImGui::Separator();
    std::string status = screen.status(context_);
    ImGui::TextUnformatted(status.c_str());
    automation::record_text(status.c_str());
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "  |  %s", tr("app.memory_only"));
    ImGui::SameLine();
    ImGui::TextUnformatted("  ");
    ImGui::SameLine();
    toasts_.draw();
}

}  // namespace crm::ui
