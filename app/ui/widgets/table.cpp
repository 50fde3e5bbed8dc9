#include "ui/widgets/table.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"

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

void spanning_text_row(const std::string& text, const ImVec4* colour) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const ImGuiTable* table = ImGui::GetCurrentTable();
    ImGui::PushClipRect(table->InnerClipRect.Min, table->InnerClipRect.Max, false);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
    ImGui::TextUnformatted(text.c_str());
    if (colour) ImGui::PopStyleColor();
    ImGui::PopClipRect();
    automation::record_text(text.c_str());
}

void wrapped_text_cell(const std::string& text) {
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
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

std::optional<TableSort> changed_sort(const TableSort& shown) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return std::nullopt;
    TableSort sort;
    for (int i = 0; i < specs->SpecsCount; ++i)
        sort.emplace_back(specs->Specs[i].ColumnUserID, specs->Specs[i].SortDirection == ImGuiSortDirection_Descending);
    specs->SpecsDirty = false;
    if (sort == shown) return std::nullopt;
    return sort;
}

void ColumnChooser::draw_button(std::span<const char* const> captions) {
    const char* button = tr("lists.columns");
    if (ImGui::Button(button)) ImGui::OpenPopup("column_chooser");
    if (!ImGui::BeginPopup("column_chooser")) return;
    shown_.resize(captions.size(), true);
    const size_t shown_count = static_cast<size_t>(std::count(shown_.begin(), shown_.end(), true));
    for (size_t i = 0; i < captions.size(); ++i) {
        bool shown = shown_[i];
        // The last column shown stays: a table with none cannot be brought back.
        ImGui::BeginDisabled(shown && shown_count == 1);
        if (ImGui::Checkbox(captions[i], &shown)) pending_.emplace_back(static_cast<int>(i), shown);
        ImGui::EndDisabled();
    }
    ImGui::EndPopup();
}

void ColumnChooser::apply(int first_column) {
    for (const auto& [index, shown] : pending_) ImGui::TableSetColumnEnabled(first_column + index, shown);
    pending_.clear();
    const int columns = ImGui::TableGetColumnCount();
    shown_.assign(static_cast<size_t>(std::max(0, columns - first_column)), true);
    for (int column = first_column; column < columns; ++column)
        shown_[static_cast<size_t>(column - first_column)] =
            (ImGui::TableGetColumnFlags(column) & ImGuiTableColumnFlags_IsEnabled) != 0;
}

}  // namespace crm::ui
