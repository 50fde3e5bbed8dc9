// Frames are drawn when something changes, not 60 times a second: while nothing happens
// the main loop is paused and the page uses no CPU.
//
// The page (shell/loader.js) calls crm_wake() on every input event; the app asks for a
// redraw at a time (a toast that expires). After each wake a few frames are drawn so that
// ImGui settles (hover, a popup that sizes itself, a list reloaded after a save); frames go
// on while a key or mouse button is held (key repeat, dragging).
#pragma once

#include <GLFW/glfw3.h>

namespace crm::platform {

// Frames drawn after one input, enough for ImGui to settle: hover shows in the next frame,
// a popup is measured in its first frame and shown in its second, a list reloads after a save.
inline constexpr int kFramesAfterInput = 4;

// Takes over GLFW's key callback (chaining to ImGui's) to keep key presses that are
// released before the next frame: ImGui 1.86 reads key state once per frame, so a press
// and release between two frames would be lost. The release is held back one frame.
void install_key_release_delay(GLFWwindow* window);

// Draws at least `frames` more frames, resuming the loop if it was paused.
void wake(int frames);

// Draws `frames` more frames, but no sooner than `interval_ms` after the last one ended: for
// what changes many times a second without input (a first sync's pages), where a frame
// after each change would cost more than the changes. The state at that time is drawn.
void wake_paced(int frames, double interval_ms);

// Called after each frame: releases held-back keys, and pauses the loop when nothing
// needs another frame. `redraw_in_seconds` < 0 means no timed redraw is wanted.
void after_frame(double redraw_in_seconds);

}  // namespace crm::platform
