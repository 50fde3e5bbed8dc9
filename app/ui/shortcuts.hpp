// Keyboard shortcuts: Ctrl+S save, Ctrl+F search, Ctrl+N new, Esc close, Ctrl+C copy the
// ticked rows of a list when no text field is being edited (Cmd instead of
// Ctrl on a Mac, where the platform sets io.ConfigMacOSXBehaviors).
//
// Letter keys are read by their ASCII upper-case code ('S'), which is both GLFW's key code
// in the browser and the index the native UI tests press: ImGui 1.86 has no ImGuiKey for
// letters other than the text-editing ones.
//
// In a browser, Ctrl+N opens a new window before the page can see it; the shortcut works
// where the browser lets it through (an installed app, Cmd+N in Safari) and New customer
// stays one click away.
#pragma once

namespace crm::ui {

enum class Shortcut { none, save, find, create, close, copy };

// The shortcut pressed this frame, if any. Esc counts only while no popup is open and no
// text field is being edited (there it belongs to ImGui: undo the field's edit).
Shortcut pressed_shortcut();

}  // namespace crm::ui
