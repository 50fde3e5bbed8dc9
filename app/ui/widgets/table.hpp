// Helpers for ImGui tables shared by every list.
#pragma once

#include <string>

struct ImVec4;

namespace crm::ui {

// ImGui::TableHeadersRow(), with each column header recorded as a text for tests (1.86's
// TableHeader does not report its label), so a test can click "Code" to sort by it.
void table_headers_row();

// The next column's cell: a text, in `colour` when given, recorded for tests to read.
void text_cell(const std::string& text, const ImVec4* colour = nullptr);

// A row that selects on click, across all columns, showing `label` in the current cell.
// The ImGui id comes from `id` (a record id), so any text, even with "##" or "###" in
// it, shows as it is and never collides with another row.
// `height` 0 is one line; a row of two-line cells passes their height to be clickable throughout.
// `label_offset_y` moves the label down: rows whose other cells hold framed widgets (a tick
// box) pass FramePadding.y so that the label lines up with the text beside those widgets.
bool selectable_row(const std::string& id, const std::string& label, bool selected, float height = 0.0f,
                    float label_offset_y = 0.0f);

}  // namespace crm::ui
