#include "ui/app.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/screens/registry.hpp"
#include "ui/theme.hpp"

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
    ImGui::TextUnformatted("CRM");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "|  %s", screens_[current_]->title());
    const char* who = context_.user.c_str();
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(who).x -
                    ImGui::CalcTextSize("Signed in as ").x);
    ImGui::TextColored(theme::kMuted, "Signed in as %s", who);
    ImGui::Separator();
}

void App::draw_sidebar() {
    for (size_t i = 0; i < screens_.size(); ++i) {
        if (ImGui::Selectable(screens_[i]->title(), current_ == i)) current_ = i;
    }
}

void App::draw_status_bar(Screen& screen) {
    ImGui::Separator();
    std::string status = screen.status(context_);
    ImGui::TextUnformatted(status.c_str());
    automation::record_text(status.c_str());
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "  |  Database in memory: nothing is stored on this computer");
    ImGui::SameLine();
    ImGui::TextUnformatted("  ");
    ImGui::SameLine();
    toasts_.draw();
}

}  // namespace crm::ui
