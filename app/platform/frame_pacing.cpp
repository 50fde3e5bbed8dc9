#include "platform/frame_pacing.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace crm::platform {

namespace {

struct DelayedRelease {
    int key, scancode, mods;
};

GLFWwindow* g_window = nullptr;
int g_frames_left = kFramesAfterInput;
bool g_paused = false;
// The one timed wake pending, if any: its id, when it fires (emscripten_get_now, ms) and the
// frames it asks for.
long g_timer = 0;
double g_timer_due = 0;
int g_timer_frames = 0;
double g_last_frame_end = 0;
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
    wake(std::exchange(g_timer_frames, 0));
}

// A later wake never replaces an earlier one: the idle lock asks for one in 15 minutes, and
// a message that expires in 4 seconds must still be drawn away on time. (The frames after
// the earlier one ask again for the later.)
void wake_at(double due, int frames) {
    if (g_timer != 0) {
        if (g_timer_due <= due) {
            g_timer_frames = std::max(g_timer_frames, frames);
            return;
        }
        emscripten_clear_timeout(g_timer);
    }
    g_timer_frames = frames;
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

void wake_paced(int frames, double interval_ms) {
    if (!g_paused) return;  // the frames still to come show it
    const double due = g_last_frame_end + interval_ms;
    if (emscripten_get_now() >= due) return wake(frames);
    wake_at(due, frames);
}

void after_frame(double redraw_in_seconds) {
    g_last_frame_end = emscripten_get_now();
    g_pressed_since_frame.clear();
    std::vector<DelayedRelease> releases;
    releases.swap(g_delayed_releases);
    for (const DelayedRelease& release : releases)
        ImGui_ImplGlfw_KeyCallback(g_window, release.key, release.scancode, GLFW_RELEASE, release.mods);

    if (g_frames_left > 0) --g_frames_left;
    if (g_frames_left > 0 || !releases.empty() || input_held()) return;
    if (redraw_in_seconds >= 0) wake_at(g_last_frame_end + redraw_in_seconds * 1000.0 + 1.0, kFramesAfterInput);
    g_paused = true;
    emscripten_pause_main_loop();
}

}  // namespace crm::platform

// The page calls this on every input event (shell/loader.js).
extern "C" EMSCRIPTEN_KEEPALIVE void crm_wake() { crm::platform::wake(crm::platform::kFramesAfterInput); }
