#include "ui/widgets/tabs.hpp"

#include <imgui.h>

#include "ui/automation.hpp"

namespace crm::ui {

bool begin_tab_item(const std::string& caption, const char* id) {
    const std::string label = caption + "###" + id;
    const bool open = ImGui::BeginTabItem(label.c_str());
    automation::record_label(caption.c_str());
    return open;
}

void TabStrip::tab(const std::string& caption, const char* id) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::CalcTextSize(caption.c_str()).x + style.FramePadding.x * 2;
    if (drawn_ == 0) {
        first_ = id;
        selected_drawn_ = false;
    } else {
        // On this line when it fits, else at the start of the next.
        const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        ImGui::SameLine(0, style.ItemInnerSpacing.x);
        if (ImGui::GetCursorScreenPos().x + width > line_end) ImGui::NewLine();
    }
    ++drawn_;
    const bool selected = selected_.empty() ? drawn_ == 1 : selected_ == id;
    selected_drawn_ = selected_drawn_ || selected;
    ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[selected ? ImGuiCol_TabActive : ImGuiCol_Tab]);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, style.Colors[ImGuiCol_TabHovered]);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, style.Colors[ImGuiCol_TabActive]);
    if (ImGui::Button((caption + "###tab_" + id).c_str())) {
        selected_ = id;
        selected_drawn_ = true;
    }
    ImGui::PopStyleColor(3);  // a button reports its caption to the automation record itself
}

const std::string& TabStrip::end() {
    ImGui::Separator();
    drawn_ = 0;
    if (!selected_drawn_) selected_ = first_;
    if (selected_.empty()) selected_ = first_;
    return selected_;
}

}  // namespace crm::ui
