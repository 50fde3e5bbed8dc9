// Helpers for ImGui tables shared by every list.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace crm::ui {

// A record list's table: sorted by one column or several, resized, reordered and hidden by
// the person, scrolling with its header row in view.
inline constexpr ImGuiTableFlags kListTableFlags =
    ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
    ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable | ImGuiTableFlags_ScrollY |
    ImGuiTableFlags_SizingStretchProp;

using TableSort = std::vector<std::pair<ImGuiID, bool>>;  // each sorted column's user id, descending

// The current table's sort, when it changed since the last call and differs from `shown`,
// the order the list was read in: each sorted column's user id and whether it is
// descending, in order. nullopt otherwise. (A table reports its first sort, the default, in
// its first frame: the list was read in it already, and reading it again took 160 ms at
// 1.24 M activities, 40 ms for the customers' 100,000 search texts.)
std::optional<TableSort> changed_sort(const TableSort& shown);

// The rows of a list drawn so far, by rowid: a list keeps only its rowids and loads the rows
// on screen, and the cache stays a few screens' worth.
template <class Row>
class RowCache {
public:
    // The row, loaded by `load(rowid)` (an std::optional<Row>) the first time; nullptr when gone.
    template <class Load>
    const Row* get(int64_t rowid, Load&& load) {
        if (auto found = rows_.find(rowid); found != rows_.end()) return &found->second;
        if (rows_.size() > 4000) rows_.clear();
        std::optional<Row> row = load(rowid);
        if (!row) return nullptr;
        return &rows_.emplace(rowid, std::move(*row)).first->second;
    }
    void clear() { rows_.clear(); }

private:
    std::unordered_map<int64_t, Row> rows_;
};

// ImGui::TableHeadersRow(), with each column header recorded as a text for tests (1.86's
// TableHeader does not report its label), so a test can click "Code" to sort by it.
void table_headers_row();

// The next column's cell: a text, in `colour` when given, recorded for tests to read.
void text_cell(const std::string& text, const ImVec4* colour = nullptr);
// The same, wrapped at the column's edge: a long name or description is read whole.
void wrapped_text_cell(const std::string& text);
// A row of its own whose text runs across the table's columns instead of being cut at the
// first one's edge ("Nothing matches the search and filters.").
void spanning_text_row(const std::string& text, const ImVec4* colour = nullptr);

// A row that selects on click, across all columns, showing `label` in the current cell.
// The ImGui id comes from `id` (a record id), so any text, even with "##" or "###" in
// it, shows as it is and never collides with another row.
// `height` 0 is one line; a row of two-line cells passes their height to be clickable throughout.
// `label_offset_y` moves the label down: rows whose other cells hold framed widgets (a tick
// box) pass FramePadding.y so that the label lines up with the text beside those widgets.
bool selectable_row(const std::string& id, const std::string& label, bool selected, float height = 0.0f,
                    float label_offset_y = 0.0f);

// The column chooser (显示列): a "Columns" button before a table whose popup ticks each
// column shown or hidden, the same as the headers' right-click menu but where a person looks
// for it. What it changes is the table's own state, so it is kept with the person's layout.
//
//     chooser.draw_button(captions);        // before BeginTable
//     BeginTable(...); TableSetupColumn(...) for each;
//     chooser.apply(1);                     // columns from index 1 on are the captions'
class ColumnChooser {
public:
    void draw_button(std::span<const char* const> captions);
    // Inside the table, after its columns are set up: applies what was ticked and reads
    // which columns are shown, for the popup's next frame.
    void apply(int first_column);

private:
    std::vector<bool> shown_;                // by caption, as the table had them
    std::vector<std::pair<int, bool>> pending_;  // caption index, shown
};

}  // namespace crm::ui
