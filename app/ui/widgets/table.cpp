#include "ui/widgets/table.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/automation.hpp"

namespace crm::ui {

void table_headers_row() {
    ImGuiTable* table = ImGui::GetCurrentContext()->CurrentTable;
    IM_ASSERT(table != nullptr && "table_headers_row() needs a table");
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
    if (table->HostSkipItems) return;
    const int columns = ImGui::TableGetColumnCount();
    for (int column = 0; column < columns; ++column) {
        if (!ImGui::TableSetColumnIndex(column)) continue;
        const char* name = ImGui::TableGetColumnName(column);
        // The same id scheme as ImGui::TableHeadersRow(), so behaviour is unchanged.
        ImGui::PushID(table->InstanceCurrent * table->ColumnsCount + column);
        ImGui::TableHeader(name);
        automation::record_label(name);
        ImGui::PopID();
    }
}

}  // namespace crm::ui
