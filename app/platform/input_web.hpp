// Browser input that Emscripten's GLFW gets wrong, handled directly with html5.h.
#pragma once

namespace crm::platform {

// Mouse wheel and trackpad scrolling. Emscripten 3.1.6's GLFW passes the DOM event's raw
// deltaY to the scroll callback: in pixels, sign flipped (down is positive), so one notch
// of a mouse wheel arrives as +100 and ImGui scrolls a hundred steps the wrong way. This
// converts to ImGui's units (one notch = 1.0, up is positive) whatever deltaMode says.
void install_wheel_handler(const char* canvas_selector);

}  // namespace crm::platform
