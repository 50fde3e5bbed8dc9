// Dear ImGui's draw lists onto the page's WebGL 2 canvas.
//
// ImGui's own OpenGL 3 backend saves every piece of GL state it touches before drawing and
// restores it after, so that it can share a context with a game engine. Here ImGui is the only
// thing that draws, and in a browser reading GL state back is not free: Chromium answers
// getParameter(SCISSOR_BOX) and the six blend queries with a round trip to its GPU process,
// 1.9 ms of a 3.1 ms frame while scrolling a list (tests/bench/RESULTS.md). This renderer sets
// the state once and never reads any back.
#pragma once

struct ImDrawData;

namespace crm::platform::renderer {

// Compiles the shaders and makes the buffers, in the current WebGL 2 context; false (and a
// message through report_error) when the context refuses them. Called again after the context
// was lost and restored, it starts afresh (upload_fonts() must follow).
bool init();

// Uploads the font atlas's pixels (io.Fonts, built) as the texture that ImGui draws text
// from, replacing the previous one, and gives ImGui its id.
void upload_fonts();

// Clears the framebuffer to the page's background and draws one frame of ImGui.
void render(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height);

}  // namespace crm::platform::renderer
