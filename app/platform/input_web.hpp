// Browser input that Emscripten's GLFW gets wrong, handled directly with html5.h.
#pragma once

namespace crm::platform {

// Mouse wheel and trackpad scrolling. Emscripten 3.1.6's GLFW passes the DOM event's raw
// deltaY to the scroll callback: in pixels, sign flipped (down is positive), so one notch
// of a mouse wheel arrives as +100 and ImGui scrolls a hundred steps the wrong way. This
// converts to ImGui's units (one notch = 1.0, up is positive) whatever deltaMode says.
void install_wheel_handler(const char* canvas_selector);

// The mouse cursor shape the frame asked for, set on the canvas as a CSS cursor (Emscripten
// 3.1.6's glfwCreateStandardCursor is an empty stub): a text cursor over text fields, resize
// arrows over column and window borders, and a hand over anything that reacts to a click
// (ImGui itself asks for the arrow there). Call after the frame's widgets are submitted.
void show_mouse_cursor();

}  // namespace crm::platform
