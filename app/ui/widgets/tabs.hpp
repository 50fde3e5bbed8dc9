// Tab items labelled for tests: ImGui 1.86's tabs do not report their label to the
// automation record, so a test could not click "Contacts (2)" without this.
#pragma once

#include <string>

namespace crm::ui {

// ImGui::BeginTabItem() with a caption that may change ("Contacts (2)") and a stable id
// ("contacts"), so the tab stays selected when its count changes. Returns true while it is
// the selected tab: then draw its content and call ImGui::EndTabItem().
bool begin_tab_item(const std::string& caption, const char* id);

}  // namespace crm::ui
