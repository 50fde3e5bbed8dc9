// Entry point of the browser client.
//
// [SECTION] State
// [SECTION] Pixel ratio and fonts
// [SECTION] Frame
// [SECTION] main
//
// The canvas fills the page (shell/style.css); each frame we compare its CSS size times
// devicePixelRatio with the GL framebuffer and resize, so text stays sharp at any zoom.
// ImGui works in framebuffer pixels: GLFW reports the mouse in canvas pixels, and the
// style and font are scaled by the pixel ratio instead.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/packed_memory.hpp"
#include "domain/demo_data.hpp"
#include "domain/schema.hpp"
#include "platform/clipboard_web.hpp"
#include "platform/fonts_web.hpp"
#include "platform/frame_pacing.hpp"
#include "platform/ime_web.hpp"
#include "platform/input_web.hpp"
#include "platform/renderer_web.hpp"
#include "platform/services_web.hpp"
#include "platform/web_app.hpp"
#include "platform/web_bridge.hpp"
#include "ui/app.hpp"
#include "ui/automation.hpp"
#include "ui/theme.hpp"

// Resizes the canvas's framebuffer through Emscripten's Browser object, which tells GLFW
// (window and framebuffer size callbacks). glfwSetWindowSize is not used: Emscripten's
// GLFW asks for fullscreen whenever the requested size equals the screen's.
EM_JS(void, crm_js_set_canvas_size, (int width, int height), { Browser.setCanvasSize(width, height); });

// A count from the page address (?customers=N, ?activities=N), at most `most`; -1 when not
// given or not a whole number.
EM_JS(int, crm_js_url_count, (const char* name, int most), {
    const value = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    const count = Number(value);
    return value === null || value.length === 0 || !Number.isInteger(count) || count < 0 ? -1 : Math.min(count, most);
});

// ?memory=compact: the database kept compressed in memory (core/packed_memory), 1;
// ?memory=uncompressed: SQLite's own in-memory database, 0. Otherwise -1: the sandbox
// chooses by the size of its data (ui::AppOptions::memory_chosen). Reset can change it.
EM_JS(int, crm_js_compact_memory_requested, (), {
    const value = new URLSearchParams(window.location.search).get('memory');
    return value === 'compact' ? 1 : value === 'uncompressed' ? 0 : -1;
});

// ?sandbox=1 (or true/yes): local demo data without asking for a server.
EM_JS(int, crm_js_sandbox_requested, (), {
    const value = new URLSearchParams(window.location.search).get('sandbox');
    return value !== null && (value.length === 0 || ['1', 'true', 'yes'].includes(value.toLowerCase())) ? 1 : 0;
});

// ?idle_minutes=N: minutes without input before the screen locks (tests use a fraction);
// -1 when not given or not a positive number.
EM_JS(double, crm_js_idle_minutes, (), {
    const value = Number(new URLSearchParams(window.location.search).get('idle_minutes'));
    return Number.isFinite(value) && value > 0 ? value : -1;
});

// Cmd takes Ctrl's place in shortcuts and text editing on a Mac.
EM_JS(int, crm_js_is_mac, (), { return /Mac|iPhone|iPad/.test(navigator.platform) ? 1 : 0; });

// The browser's time zone as minutes east of UTC (getTimezoneOffset counts west).
EM_JS(int, crm_js_utc_offset_minutes, (), { return -new Date().getTimezoneOffset(); });

namespace crm::platform {

//-----------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------

namespace {

struct WebApp {
    GLFWwindow* window = nullptr;
    WebServices services;
    std::unique_ptr<ui::App> app;
    float pixel_ratio = 0.0f;  // the ratio the style was built for
    int frames = 0;
    std::vector<double> frame_ms;  // since take_frame_times()
    bool ready = false;
    bool gl_restored = false;  // the browser gave the lost context back, empty: make what we draw with again
};

WebApp g_web;

}  // namespace

Db* database() { return g_web.app ? &g_web.app->db() : nullptr; }
int frame_count() { return g_web.frames; }
std::vector<double> take_frame_times() { return std::exchange(g_web.frame_ms, {}); }
bool has_unsaved_work() { return g_web.app && g_web.app->has_unsaved_work(); }

//-----------------------------------------------------------------------------
// [SECTION] Pixel ratio and fonts
//-----------------------------------------------------------------------------

namespace {

// While the browser has taken the GPU away, drawing does nothing. Asked each time rather than
// kept from the events: a context can be lost again before its event arrives.
bool context_lost() { return emscripten_is_webgl_context_lost(emscripten_webgl_get_current_context()); }

// Matches the framebuffer to the canvas's CSS size x devicePixelRatio; rebuilds the font
// atlas and style when the ratio changes (browser zoom, another screen) or a font arrives.
void fit_canvas() {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size("#canvas", &css_width, &css_height);
    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    const int width = static_cast<int>(std::lround(css_width * ratio));
    const int height = static_cast<int>(std::lround(css_height * ratio));
    int current_width = 0, current_height = 0;
    glfwGetWindowSize(g_web.window, &current_width, &current_height);
    if (width > 0 && height > 0 && (width != current_width || height != current_height)) {
        crm_js_set_canvas_size(width, height);
    }
    // While the context is lost, only the first atlas (ImGui cannot draw a frame without one):
    // the texture waits for the context's return, which builds it again.
    if (fonts_need_rebuild(ratio) && (!context_lost() || !ImGui::GetIO().Fonts->IsBuilt())) rebuild_fonts(ratio);
    if (ratio != g_web.pixel_ratio) {
        g_web.pixel_ratio = ratio;
        ui::theme::apply_style(ratio);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void frame() {
    const double start = emscripten_get_now();
    if (g_web.gl_restored && !context_lost()) {
        g_web.gl_restored = false;
        if (!renderer::init()) {
            fail("Could not set up drawing in WebGL 2 again after the GPU was reset.");
            return;
        }
        forget_font_texture();  // fit_canvas() builds and uploads it again
    }
    fit_canvas();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    g_web.app->draw();
    show_mouse_cursor();
    ImGui::Render();
    place_ime();

    int width = 0, height = 0;
    glfwGetFramebufferSize(g_web.window, &width, &height);
    renderer::render(*ImGui::GetDrawData(), width, height);

    automation::end_frame();
    ++g_web.frames;
    if (g_web.frame_ms.size() >= 1000) g_web.frame_ms.erase(g_web.frame_ms.begin());
    g_web.frame_ms.push_back(emscripten_get_now() - start);
    if (!g_web.ready && g_web.app->ready()) {
        g_web.ready = true;
        set_ready();
        // After the first interactive frame, so that its 1.2 MB never delay the start.
        request_common_font();
    }
    after_frame(g_web.app->redraw_in_seconds());
}

// The browser may take the GPU away (a driver reset, a laptop waking up, too many pages with
// WebGL), and with it every texture, buffer and shader: the canvas would stay blank. Asked to
// (true: the event's default prevented), it gives the context back, empty, and the next frame
// makes them again.
EM_BOOL on_context_lost(int, const void*, void*) { return EM_TRUE; }

EM_BOOL on_context_restored(int, const void*, void*) {
    g_web.gl_restored = true;
    wake(kFramesAfterInput);
    return EM_TRUE;
}

}  // namespace
}  // namespace crm::platform

// The bytes of a database image the person chose to import (services_web.cpp).
extern "C" EMSCRIPTEN_KEEPALIVE void crm_import_image(const char* bytes, size_t size) {
    if (!crm::platform::g_web.app) return;
    crm::platform::g_web.app->import_image(std::string(bytes, size));
    crm::platform::wake(crm::platform::kFramesAfterInput);
}

// A file dropped onto the page (shell/loader.js): its name and bytes.
extern "C" EMSCRIPTEN_KEEPALIVE void crm_file_dropped(const char* name, const char* bytes, size_t size) {
    if (!crm::platform::g_web.app) return;
    crm::platform::g_web.app->file_dropped(name, std::string(bytes, size));
    crm::platform::wake(crm::platform::kFramesAfterInput);
}

//-----------------------------------------------------------------------------
// [SECTION] main
//-----------------------------------------------------------------------------

int main() {
    using namespace crm;
    using namespace crm::platform;

    set_utc_offset_minutes(crm_js_utc_offset_minutes());

    if (!glfwInit()) {
        fail("Could not initialise the window (GLFW).");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_web.window = glfwCreateWindow(1280, 720, "CRM", nullptr, nullptr);
    if (!g_web.window) {
        fail("Could not create a WebGL 2 drawing context.");
        return 1;
    }
    glfwMakeContextCurrent(g_web.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing is written to the shared PC
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // show_mouse_cursor() sets it on the canvas
    io.ConfigMacOSXBehaviors = crm_js_is_mac() != 0;
    // A blinking cursor would need frames while idle; a steady one needs none.
    io.ConfigInputTextCursorBlink = false;
    automation::install();
    ImGui_ImplGlfw_InitForOpenGL(g_web.window, true);
    if (!renderer::init()) {
        fail("Could not set up drawing in WebGL 2.");
        return 1;
    }
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_TRUE, on_context_lost);
    emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_TRUE, on_context_restored);
    install_wheel_handler("#canvas");
    install_key_release_delay(g_web.window);
    install_clipboard();
    install_ime();

    ui::AppOptions options;
    if (int compact = crm_js_compact_memory_requested(); compact >= 0) {
        set_compact_memory(compact == 1);
        options.memory_chosen = true;
    }
    options.sandbox = crm_js_sandbox_requested() != 0;
    if (double minutes = crm_js_idle_minutes(); minutes > 0) options.idle_minutes = minutes;
    if (int requested = crm_js_url_count("customers", 100'000); requested >= 0) options.sandbox_data.customers = requested;
    if (int requested = crm_js_url_count("activities", 2'000'000); requested >= 0) {
        options.sandbox_data.history_activities = requested;
    }
    options.open_sandbox = [](const DemoOptions& demo) {
        Db db = ui::empty_crm_database();
        if (Status seeded = seed_demo_data(db, demo); !seeded) {
            report_error(("Could not load the demo data: " + seeded.error().message).c_str());
        }
        return db;
    };
    g_web.app = std::make_unique<ui::App>(std::move(options), g_web.services);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
