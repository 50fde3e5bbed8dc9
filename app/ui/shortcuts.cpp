#include "ui/shortcuts.hpp"

#include <imgui.h>

namespace crm::ui {

Shortcut pressed_shortcut() {
    const ImGuiIO& io = ImGui::GetIO();
    const bool command = io.ConfigMacOSXBehaviors ? io.KeySuper : io.KeyCtrl;
    if (command && !io.KeyAlt) {
        if (ImGui::IsKeyPressed('S', false)) return Shortcut::save;
        if (ImGui::IsKeyPressed('F', false)) return Shortcut::find;
        if (ImGui::IsKeyPressed('N', false)) return Shortcut::create;
        // In a text field, Ctrl+C copies its selected text (ImGui's); elsewhere, list rows.
        if (ImGui::IsKeyPressed('C', false) && !io.WantTextInput &&
            !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
            return Shortcut::copy;
        }
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !ImGui::IsAnyItemActive() &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
        return Shortcut::close;
    }
    return Shortcut::none;
}

}  // namespace crm::ui
