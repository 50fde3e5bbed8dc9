#include "ui/idle_timer.hpp"

#include <imgui.h>

namespace crm::ui {

namespace {

bool any_input(const ImGuiIO& io) {
    if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f)
        return true;
    if (!io.InputQueueCharacters.empty()) return true;
    for (bool down : io.MouseDown)
        if (down) return true;
    for (bool down : io.KeysDown)
        if (down) return true;
    return false;
}

}  // namespace

void IdleTimer::update() {
    if (any_input(ImGui::GetIO())) restart();
}

void IdleTimer::restart() { last_input_ = ImGui::GetTime(); }

double IdleTimer::idle_seconds() const { return ImGui::GetTime() - last_input_; }

}  // namespace crm::ui
