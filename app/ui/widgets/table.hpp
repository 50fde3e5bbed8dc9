// Helpers for ImGui tables shared by every list.
#pragma once

namespace crm::ui {

// ImGui::TableHeadersRow(), with each column header labelled for tests (1.86's
// TableHeader does not report its label), so a test can click "Code" to sort by it.
void table_headers_row();

}  // namespace crm::ui
