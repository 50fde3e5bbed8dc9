// Helpers for ImGui tables shared by every list.
#pragma once

#include <string>

namespace crm::ui {

// ImGui::TableHeadersRow(), with each column header recorded as a text for tests (1.86's
// TableHeader does not report its label), so a test can click "Code" to sort by it.
void table_headers_row();

// A row that selects on click, across all columns, showing `label` in the current cell.
// The ImGui id comes from `id` (a record id), so any text, even with "##" or "###" in
// it, shows as it is and never collides with another row.
bool selectable_row(const std::string& id, const std::string& label, bool selected);

}  // namespace crm::ui
