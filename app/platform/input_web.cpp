#include "platform/input_web.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>

EM_JS(void, crm_js_set_cursor, (const char* css), { Module['canvas'].style.cursor = UTF8ToString(css); });

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

const char* css_cursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
        case ImGuiMouseCursor_None: return "none";
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        default: return "default";
    }
}

const char* g_shown_cursor = nullptr;

}  // namespace

void show_mouse_cursor() {
    const ImGuiContext& g = *GImGui;
    ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    // An enabled widget under the mouse (button, link, row, tab, checkbox) that kept the
    // arrow: the hand says it can be clicked. (ImGui gives disabled widgets no hover id.)
    if (cursor == ImGuiMouseCursor_Arrow && g.HoveredId != 0) cursor = ImGuiMouseCursor_Hand;
    const char* css = css_cursor(cursor);
    if (css == g_shown_cursor) return;
    g_shown_cursor = css;
    crm_js_set_cursor(css);
}

void install_wheel_handler(const char* canvas_selector) {
    glfwSetScrollCallback(glfwGetCurrentContext(), nullptr);
    emscripten_set_wheel_callback(canvas_selector, nullptr, EM_FALSE, on_wheel);
}

}  // namespace crm::platform
