#include "platform/frame_pacing.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <vector>

namespace crm::platform {

namespace {

struct DelayedRelease {
    int key, scancode, mods;
};

GLFWwindow* g_window = nullptr;
int g_frames_left = kFramesAfterInput;
bool g_paused = false;
// The one timed wake pending, if any: its id and when it fires (emscripten_get_now, ms).
long g_timer = 0;
double g_timer_due = 0;
std::vector<int> g_pressed_since_frame;
std::vector<DelayedRelease> g_delayed_releases;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    const bool pressed_this_frame =
        std::find(g_pressed_since_frame.begin(), g_pressed_since_frame.end(), key) != g_pressed_since_frame.end();
    if (action == GLFW_RELEASE && pressed_this_frame) {
        g_delayed_releases.push_back({key, scancode, mods});
    } else {
        if (action == GLFW_PRESS) g_pressed_since_frame.push_back(key);
        ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
    }
    wake(kFramesAfterInput);
}

bool input_held() {
    const ImGuiIO& io = ImGui::GetIO();
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

void on_timer(void*) {
    g_timer = 0;
    wake(kFramesAfterInput);
}

// A later wake never replaces an earlier one: the idle lock asks for one in 15 minutes, and
// a message that expires in 4 seconds must still be drawn away on time.
void wake_at(double due) {
    if (g_timer != 0) {
        if (g_timer_due <= due) return;
        emscripten_clear_timeout(g_timer);
    }
    g_timer_due = due;
    g_timer = emscripten_set_timeout(on_timer, std::max(0.0, due - emscripten_get_now()), nullptr);
}

}  // namespace

void install_key_release_delay(GLFWwindow* window) {
    g_window = window;
    glfwSetKeyCallback(window, on_key);
}

void wake(int frames) {
    g_frames_left = std::max(g_frames_left, frames);
    if (g_paused) {
        g_paused = false;
        emscripten_resume_main_loop();
    }
}

void after_frame(double redraw_in_seconds) {
    g_pressed_since_frame.clear();
    std::vector<DelayedRelease> releases;
    releases.swap(g_delayed_releases);
    for (const DelayedRelease& release : releases)
        ImGui_ImplGlfw_KeyCallback(g_window, release.key, release.scancode, GLFW_RELEASE, release.mods);

    if (g_frames_left > 0) --g_frames_left;
    if (g_frames_left > 0 || !releases.empty() || input_held()) return;
    if (redraw_in_seconds >= 0) wake_at(emscripten_get_now() + redraw_in_seconds * 1000.0 + 1.0);
    g_paused = true;
    emscripten_pause_main_loop();
}

}  // namespace crm::platform

// The page calls this on every input event (shell/loader.js).
extern "C" EMSCRIPTEN_KEEPALIVE void crm_wake() { crm::platform::wake(crm::platform::kFramesAfterInput); }
