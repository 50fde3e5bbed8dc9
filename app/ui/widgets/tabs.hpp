// Tabs labelled for tests (ImGui 1.86's tabs do not report their label to the automation
// record, so a test could not click "Contacts (2)" without this), and a strip of tabs that
// wraps onto a second line where the captions do not fit on one.
#pragma once

#include <string>

namespace crm::ui {

// ImGui::BeginTabItem() with a caption that may change ("Contacts (2)") and a stable id
// ("contacts"), so the tab stays selected when its count changes. Returns true while it is
// the selected tab: then draw its content and call ImGui::EndTabItem().
bool begin_tab_item(const std::string& caption, const char* id);

// A row of tabs that wraps instead of shrinking: ImGui's tab bar cuts eight captions in half a
// laptop screen down to "Conta...". Draw every tab, then end(), then the selected one's content:
//
//   strip.tab("Profile", "profile");
//   strip.tab("Contacts (2)", "contacts");
//   if (strip.end() == "contacts") draw_contacts();
class TabStrip {
public:
    void tab(const std::string& caption, const char* id);
    // The rule under the tabs; the selected tab's id: the one last clicked, or the first tab
    // when that one was not drawn this frame (it no longer applies) or none was clicked yet.
    const std::string& end();

private:
    std::string selected_, first_;
    bool selected_drawn_ = false;
    int drawn_ = 0;
};

}  // namespace crm::ui
