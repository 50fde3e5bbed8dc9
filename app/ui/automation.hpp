// The test-automation record: every item ImGui drew in the last frame, with its label
// and rectangle, so browser tests can find a widget by label and click it like a person.
//
// ImGui calls the test-engine hooks (compiled in with IMGUI_ENABLE_TEST_ENGINE) for each
// item: ItemAdd with the rectangle and id, then ItemInfo with the label for labelled
// widgets. Plain text has no id, so our widgets name the texts tests need to read
// (errors next to fields, table cells) with record_text().
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace crm::automation {

struct Item {
    ImGuiID id = 0;
    std::string label;   // the visible part of the label ("Save" for "Save##customer")
    std::string window;  // the window it was drawn in, for telling two "Name" fields apart
    ImVec2 min, max;     // framebuffer pixels, clipped to what is visible
    bool is_text = false;
};

// Turns recording on for the current ImGui context.
void install();
// Call after ImGui::Render(): the frame's items become "the last frame".
void end_frame();
// Names the item just drawn (ImGui::GetItemRect*) as a text a test can read.
void record_text(const char* text);
// Labels the item just drawn, exactly as given, for widgets whose ImGui label is only
// an id (selectable rows showing a record's name).
void record_label(const char* label);
// Labels an item drawn earlier in this frame by its id, for widgets that do not report
// their label (combo boxes in 1.86). The label is reduced as ImGui shows it ("##x" -> "x").
void name_item(ImGuiID id, const char* label);
const std::vector<Item>& last_frame();

// [{label, id, window, text, x, y, w, h}] in framebuffer pixels.
std::string last_frame_json();

}  // namespace crm::automation
