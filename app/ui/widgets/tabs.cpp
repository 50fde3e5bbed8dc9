#include "ui/widgets/tabs.hpp"

#include <imgui.h>

#include "ui/automation.hpp"

namespace crm::ui {

bool begin_tab_item(const std::string& caption, const char* id) {
    const std::string label = caption + "###" + id;
    const bool open = ImGui::BeginTabItem(label.c_str());
    automation::record_label(caption.c_str());
    return open;
}

}  // namespace crm::ui
