#include "ui/theme.hpp"

namespace crm::ui::theme {

namespace {
float g_scale = 1.0f;
}

void apply_style(float scale) {
    g_scale = scale;
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 7);
    style.CellPadding = ImVec2(6, 4);
    style.WindowPadding = ImVec2(12, 10);
    style.ScrollbarSize = 14.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 1.0f;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.82f, 0.86f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.86f, 0.95f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.80f, 0.87f, 0.97f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.86f, 0.91f, 0.98f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.92f, 0.93f, 0.95f, 1.0f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

float form_label_width() { return 110.0f * g_scale; }

}  // namespace crm::ui::theme
