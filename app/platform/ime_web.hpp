// Typing Chinese, Japanese and Korean. A canvas cannot host an input method, so a real DOM
// <input> (#ime) is placed over the caret of the active ImGui text field and given the
// keyboard focus while that field is active:
//   - the input method composes into the DOM input, which shows the composition (underlined,
//     over the field) and puts the candidate window next to the caret;
//   - committed text (compositionend, or plain typing, or Input.insertText) is read from the
//     input, cleared, and fed to ImGui as characters;
//   - key presses still reach ImGui through GLFW (Enter, arrows, Backspace, shortcuts);
//     GLFW's own character events are dropped while #ime has the focus, because the input's
//     text is the one source of characters then. Keys pressed while composing arrive with
//     keyCode 229, which GLFW ignores, so editing a composition never edits the field.
#pragma once

namespace crm::platform {

// Creates #ime and its listeners; takes over GLFW's character callback.
void install_ime();

// After each frame: shows #ime over the active text field's caret, or hides it and gives
// the focus back to the canvas. Positions are ImGui's (framebuffer pixels).
void place_ime();

}  // namespace crm::platform
