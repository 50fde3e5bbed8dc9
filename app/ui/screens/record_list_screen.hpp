// What the contacts and the activities lists share (domain record_list): a search box that
// narrows as you type, a bar of filters, a column chooser, a table sorted by any columns
// (shift-click for more than one), Export CSV of the list exactly as shown, and a count.
// Only the rows on screen are read. Each list adds its filters, how a cell reads and what
// clicking a row opens.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/csv_export.hpp"
#include "domain/record_list.hpp"
#include "ui/screen.hpp"
#include "ui/screens/saved_filter_picker.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

class RecordListScreen : public Screen {
public:
    struct Column {
        const char* caption_key;
        float weight;
        bool hidden_at_first = false;  // shown only when the person picks it
    };

    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;

protected:
    // `columns` pairs with spec.columns, index for index; `table_id` names the ImGui table
    // (and so the layout kept in the person's settings); `search_hint_key` says what the
    // search looks in.
    RecordListScreen(const ListSpec& spec, std::span<const Column> columns, const char* table_id, const char* module,
                     const char* search_hint_key);

    // How a cell reads: a code by its caption, a time in the person's zone.
    virtual std::string cell_text(const ListRow& row, size_t column) const;
    // The list's filters, in the bar; true when one changed.
    virtual bool draw_filters(AppContext& app) = 0;
    // A click on a row.
    virtual void open_row(AppContext& app, const ListRow& row) = 0;
    // The file Export CSV downloads: the list's rows as shown, in order.
    virtual CsvExport export_rows(AppContext& app, std::span<const int64_t> rowids);
    // Dialogs the list opens, drawn after it.
    virtual void draw_dialogs(AppContext&) {}
    // The filter bar's fields: a combo of choices ("Any" first) and a text field.
    bool choice_filter(const char* caption_key, const char* key, std::span<const Choice> choices);
    bool value_filter(const char* caption_key, const char* key, std::span<const std::string> values);
    bool text_filter(const char* caption_key, const char* key, const char* hint);

    const ListSpec& spec_;
    ListQuery query_;

private:
    // The data, the filters or the sort changed. A reading of the search texts under way goes
    // on when only the data changed (it is read again after), so that a list that changes twice
    // a second (a first sync) still gets its search.
    void reload(AppContext& app, bool only_data_changed);
    void apply_search(AppContext& app);  // the search changed
    void read_search_texts(AppContext& app);  // a slice a frame, after the first search since a reload
    void draw_toolbar(AppContext& app);
    void draw_table(AppContext& app);
    const ListRow* row_at(size_t index);
    int filters_set() const;

    std::span<const Column> columns_;
    const char* table_id_;
    const char* module_;
    const char* search_hint_key_;
    float filters_height_ = 0;  // the filter bar's content, as last drawn
    std::optional<ListRows> loader_;
    std::vector<int64_t> rowids_;
    // The rows' search texts, read from the first keystroke after a reload, a slice a frame
    // (the list stays as it was meanwhile); a keystroke then narrows in memory (250,000
    // activities: milliseconds instead of 0.4 s in SQL).
    ListSearch search_;
    bool search_loaded_ = false;
    bool search_changed_ = false;
    bool search_outdated_ = false;  // the data changed while the texts were being read
    bool rowids_all_ = false;       // rowids_ is the whole list, unsearched
    RowCache<ListRow> row_cache_;
    int64_t total_ = 0;
    int64_t loaded_version_ = -1, loaded_changes_ = -1;
    bool query_changed_ = false;
    bool filters_open_ = false;
    bool focus_search_ = false;
    ColumnChooser chooser_;
    SavedFilterPicker saved_;
};

}  // namespace crm::ui
