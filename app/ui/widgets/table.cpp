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
        automation::record_text(name);  // a caption a person reads (and clicks to sort)
        ImGui::PopID();
    }
}

void text_cell(const std::string& text, const ImVec4* colour) {
    ImGui::TableNextColumn();
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::TextUnformatted(text.c_str());
    if (colour) ImGui::PopStyleColor();
    automation::record_text(text.c_str());
}

bool selectable_row(const std::string& id, const std::string& label, bool selected, float height,
                    float label_offset_y) {
    ImGui::PushID(id.c_str());
    const ImVec2 start = ImGui::GetCursorPos();
    const bool clicked = ImGui::Selectable("###row", selected, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, height));
    automation::record_label(label.c_str());
    ImGui::SetCursorPos(ImVec2(start.x, start.y + label_offset_y));
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopID();
    return clicked;
}

}  // namespace crm::ui
