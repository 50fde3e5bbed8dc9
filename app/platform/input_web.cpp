#include "platform/input_web.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/html5.h>
#include <imgui.h>

namespace crm::platform {

namespace {

// Browsers report one mouse-wheel notch as about 100 pixels or 3 lines.
constexpr double kPixelsPerNotch = 100.0;
constexpr double kLinesPerNotch = 3.0;

double to_notches(double delta, unsigned long mode) {
    switch (mode) {
        case DOM_DELTA_PIXEL: return delta / kPixelsPerNotch;
        case DOM_DELTA_LINE: return delta / kLinesPerNotch;
        default: return delta;  // DOM_DELTA_PAGE: one page, treat as one notch
    }
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheel -= static_cast<float>(to_notches(event->deltaY, event->deltaMode));
    io.MouseWheelH -= static_cast<float>(to_notches(event->deltaX, event->deltaMode));
    return EM_TRUE;  // the page itself must not scroll
}

}  // namespace

void install_wheel_handler(const char* canvas_selector) {
    glfwSetScrollCallback(glfwGetCurrentContext(), nullptr);
    emscripten_set_wheel_callback(canvas_selector, nullptr, EM_FALSE, on_wheel);
}

}  // namespace crm::platform
