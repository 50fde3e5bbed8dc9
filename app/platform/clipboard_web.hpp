// Copy and paste between the app and other programs. Emscripten 3.1.6's GLFW clipboard
// functions are empty stubs, so ImGui's clipboard hooks are replaced here:
//   copy  - ImGui's text goes to the system clipboard (navigator.clipboard.writeText);
//   paste - the browser's paste event, which follows the Ctrl+V / Cmd+V keydown before the
//           next frame, leaves its text where ImGui's Ctrl+V handling reads it.
#pragma once

namespace crm::platform {

void install_clipboard();

}  // namespace crm::platform
