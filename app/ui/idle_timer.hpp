// Time since the person last touched the mouse or keyboard, for the idle lock. It reads
// ImGui's input state once per frame, so it sees the same input the widgets see; time is
// ImGui's clock, which the platform advances by the real time between frames (also across
// the pauses of an idle page), and a native test by a fixed step per frame.
#pragma once

namespace crm::ui {

class IdleTimer {
public:
    // Call once per frame, after ImGui::NewFrame().
    void update();
    void restart();
    double idle_seconds() const;

private:
    double last_input_ = 0;
};

}  // namespace crm::ui
