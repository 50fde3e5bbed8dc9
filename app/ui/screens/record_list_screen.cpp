#include "ui/screens/record_list_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <utility>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/saved_filter.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

RecordListScreen::RecordListScreen(const ListSpec& spec, std::span<const Column> columns, const char* table_id,
                                   const char* module, const char* search_hint_key)
    : spec_(spec), columns_(columns), table_id_(table_id), module_(module), search_hint_key_(search_hint_key), saved_(spec.name) {
    IM_ASSERT(columns.size() == spec.columns.size());
}

void RecordListScreen::draw(AppContext& app) {
    if (!loader_) loader_.emplace(app.db, spec_);
    const bool data_changed = loaded_version_ != app.data_version || loaded_changes_ != app.db.total_changes();
    if (data_changed || query_changed_) reload(app, !query_changed_);
    else if (search_changed_) apply_search(app);
    read_search_texts(app);
    if (app.shortcut == Shortcut::find) focus_search_ = true;

    draw_toolbar(app);
    if (filters_open_) {
        // As tall as its fields, which wrap onto a second line when the window is narrow (one
        // frame late, as ImGui 1.86 has no auto-sizing child).
        const ImGuiStyle& style = ImGui::GetStyle();
        const float height = std::max(filters_height_, ImGui::GetFrameHeight()) + style.WindowPadding.y * 2;
        ImGui::BeginChild("list_filters", ImVec2(0, height), true);
        bool picked = false;
        const bool anything_set = filters_set() > 0 || !trim(query_.search).empty();
        if (std::optional<std::string> json = saved_.draw(app, [this] { return query_to_json(query_); }, anything_set)) {
            if (std::optional<ListQuery> read = query_from_json(*json, spec_, query_)) {
                query_ = std::move(*read);
                picked = true;
            } else {
                saved_.forget();
            }
        }
        ImGui::Dummy(ImVec2(0, 0));  // the first flow_item() starts from a line of its own
        bool changed = draw_filters(app);
        flow_item(ImGui::CalcTextSize(tr("filters.clear")).x + ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::Button(tr("filters.clear"))) {
            query_.filter.clear();
            changed = true;
        }
        filters_height_ = ImGui::GetCursorPosY() - style.ItemSpacing.y - style.WindowPadding.y;
        ImGui::EndChild();
        if (changed) saved_.forget();  // a filter changed by hand is no longer the saved one picked
        if (changed || picked) query_changed_ = true;
    }
    ImGui::BeginChild("record_list", ImVec2(0, 0), true);
    draw_table(app);
    ImGui::EndChild();
    draw_dialogs(app);
}

std::string RecordListScreen::status(AppContext&) {
    std::string status = trf("lists.count", {group_digits(static_cast<uint64_t>(total_))});
    if (search_.reading()) return status;  // what is shown is not the search's yet
    if (!trim(query_.search).empty() || filters_set() > 0)
        status += trf("customers.count_shown", {group_digits(rowids_.size())});
    return status;
}

std::string RecordListScreen::cell_text(const ListRow& row, size_t column) const { return row.cells[column]; }

CsvExport RecordListScreen::export_rows(AppContext& app, std::span<const int64_t> rowids) {
    return export_list_csv(app.db, spec_, rowids);
}

int RecordListScreen::filters_set() const {
    return static_cast<int>(std::count_if(query_.filter.begin(), query_.filter.end(),
                                          [](const auto& entry) { return !entry.second.empty(); }));
}

//-----------------------------------------------------------------------------
// Filter fields
//-----------------------------------------------------------------------------

bool RecordListScreen::choice_filter(const char* caption_key, const char* key, std::span<const Choice> choices) {
    std::string& value = query_.filter[key];
    const char* text = tr(caption_key);
    flow_caption(text, ImGui::GetFontSize() * 8);
    const std::string label = std::string("##") + text;
    bool changed = false;
    if (begin_combo(label.c_str(), value.empty() ? tr("filters.any") : caption_of(choices, value))) {
        if (ImGui::Selectable(tr("filters.any"), value.empty())) {
            value.clear();
            changed = true;
        }
        for (const Choice& choice : choices) {
            if (choice.value.empty()) continue;
            if (ImGui::Selectable(tr(choice.caption), choice.value == value)) {
                value = std::string(choice.value);
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool RecordListScreen::value_filter(const char* caption_key, const char* key, std::span<const std::string> values) {
    std::string& value = query_.filter[key];
    const char* text = tr(caption_key);
    flow_caption(text, ImGui::GetFontSize() * 7);
    const std::string label = std::string("##") + text;
    bool changed = false;
    if (begin_combo(label.c_str(), value.empty() ? tr("filters.any") : value.c_str())) {
        if (ImGui::Selectable(tr("filters.any"), value.empty())) {
            value.clear();
            changed = true;
        }
        for (const std::string& candidate : values) {
            if (ImGui::Selectable(candidate.c_str(), candidate == value)) {
                value = candidate;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool RecordListScreen::text_filter(const char* caption_key, const char* key, const char* hint) {
    std::string& value = query_.filter[key];
    const char* text = tr(caption_key);
    flow_caption(text, ImGui::GetFontSize() * 7);
    const std::string label = std::string("##") + text;
    return ImGui::InputTextWithHint(label.c_str(), hint, &value);
}

//-----------------------------------------------------------------------------
// Toolbar and table
//-----------------------------------------------------------------------------

void RecordListScreen::reload(AppContext& app, bool only_data_changed) {
    search_loaded_ = false;
    if (search_.reading()) {
        if (only_data_changed) {
            search_outdated_ = true;
        } else {
            search_.cancel();  // in the old order, or with the old filters
        }
    }
    loaded_version_ = app.data_version;
    loaded_changes_ = app.db.total_changes();
    query_changed_ = false;
    row_cache_.clear();
    rowids_all_ = false;  // what it holds was listed from the data or the query before
    apply_search(app);
    // With no filter set, the list just read holds every live record: its length is the count
    // (counting them again took 120 ms of the 800 ms that opened 1.2 million activities).
    total_ = rowids_all_ && filters_set() == 0 ? static_cast<int64_t>(rowids_.size()) : list_count(app.db, spec_);
}

void RecordListScreen::apply_search(AppContext& app) {
    search_changed_ = false;
    if (search_.reading()) return;  // its end applies the search as it is by then
    if (!search_loaded_ && trim(query_.search).empty()) {
        rowids_ = list_rowids(app.db, spec_, query_);  // no texts needed: the list from its index
        rowids_all_ = true;
    } else if (search_loaded_) {
        rowids_ = search_.find(query_.search);
        rowids_all_ = trim(query_.search).empty();
    } else {
        ListQuery all = query_;
        all.search.clear();
        search_.begin(app.db, spec_, rowids_all_ ? rowids_ : list_rowids(app.db, spec_, all));
        return;
    }
    row_cache_.clear();
}

void RecordListScreen::read_search_texts(AppContext& app) {
    if (!search_.reading()) return;
    app.wants_next_frame = true;
    // 50 ms a frame: typing still shows while it reads, and the frames between slices do not
    // outweigh the reading. In Chromium (software GL), 1.2 million activities show their
    // results after 3.1 s (4.4 s with 25 ms slices; 2.4 s frozen in one frame before), 250,000
    // after 0.9 s (1.3 s; 0.5 s frozen).
    if (search_.step_for(std::chrono::milliseconds(50))) return;
    if (std::exchange(search_outdated_, false)) {
        // Read from data that has changed since: show what it finds meanwhile, and read again.
        rowids_ = search_.find(query_.search);
        rowids_all_ = false;
        row_cache_.clear();
    } else {
        search_loaded_ = true;
    }
    apply_search(app);
}

void RecordListScreen::draw_toolbar(AppContext& app) {
    if (focus_search_) {
        ImGui::SetKeyboardFocusHere();
        focus_search_ = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
    const std::string search_label = std::string("##") + tr("lists.search");
    if (ImGui::InputTextWithHint(search_label.c_str(), tr(search_hint_key_), &query_.search)) search_changed_ = true;
    ImGui::SameLine();
    const int set = filters_set();
    const std::string filters =
        (set == 0 ? std::string(tr("filters.button")) : trf("filters.button_set", {std::to_string(set)})) + "###filters";
    if (ImGui::Button(filters.c_str())) filters_open_ = !filters_open_;
    ImGui::SameLine();
    std::vector<const char*> captions;  // the first column always shows: it opens the row
    for (size_t i = 1; i < columns_.size(); ++i) captions.push_back(tr(columns_[i].caption_key));
    chooser_.draw_button(captions);
    ImGui::SameLine();
    // Not while the search is being prepared: the rows shown are not yet the search's.
    ImGui::BeginDisabled(!app.may(module_, "export") || !app.platform || search_.reading());
    if (ImGui::Button(tr("customers.export_csv"))) {
        const CsvExport out = export_rows(app, rowids_);
        app.platform->download(std::string(spec_.name) + "-" + format_date(local_today()) + ".csv", out.bytes,
                               "text/csv");
        std::string message = trf("lists.exported", {group_digits(static_cast<uint64_t>(out.rows))});
        if (out.left_out > 0) message += trf("customers.exported_left_out", {std::to_string(out.left_out)});
        app.toasts.success(std::move(message));
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string shown =
        search_.reading() ? trf("lists.preparing_search", {std::to_string(std::lround(search_.progress() * 100))})
                          : trf("customers.shown", {group_digits(rowids_.size())});
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(theme::kMuted, "%s", shown.c_str());
    automation::record_text(shown.c_str());
}

const ListRow* RecordListScreen::row_at(size_t index) {
    return row_cache_.get(rowids_[index], [this](int64_t rowid) { return loader_->load(rowid); });
}

void RecordListScreen::draw_table(AppContext& app) {
    if (!ImGui::BeginTable(table_id_, static_cast<int>(columns_.size()), kListTableFlags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (size_t i = 0; i < columns_.size(); ++i) {
        ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthStretch;
        int sort_priority = -1;
        for (size_t key = 0; key < spec_.default_sort.size(); ++key) {
            const auto& [column, descending] = spec_.default_sort[key];
            if (column != i) continue;
            column_flags |= ImGuiTableColumnFlags_DefaultSort;
            if (descending) column_flags |= ImGuiTableColumnFlags_PreferSortDescending;
            sort_priority = static_cast<int>(key);
        }
        if (columns_[i].hidden_at_first) column_flags |= ImGuiTableColumnFlags_DefaultHide;
        if (i == 0) column_flags |= ImGuiTableColumnFlags_NoHide;
        ImGui::TableSetupColumn(tr(columns_[i].caption_key), column_flags, columns_[i].weight, static_cast<ImGuiID>(i));
        // Dear ImGui numbers the columns of a default sort by their place (the contacts' name
        // before customer): a default of several keys is given its own order, so that the
        // headers show it and the first sort the table reports is the one the list was read in.
        ImGuiTable* table = ImGui::GetCurrentTable();
        if (sort_priority >= 0 && table->IsInitializing && (table->SettingsLoadedFlags & ImGuiTableFlags_Sortable) == 0)
            table->Columns[static_cast<int>(i)].SortOrder = static_cast<ImGuiTableColumnIdx>(sort_priority);
    }
    chooser_.apply(1);
    table_headers_row();

    TableSort shown;
    if (query_.sort.empty()) {
        for (const auto& [column, descending] : spec_.default_sort) shown.emplace_back(static_cast<ImGuiID>(column), descending);
    } else {
        for (const ListSort& key : query_.sort) shown.emplace_back(static_cast<ImGuiID>(key.column), key.descending);
    }
    if (auto sort = changed_sort(shown)) {
        query_.sort.clear();
        for (const auto& [column, descending] : *sort) query_.sort.push_back({column, descending});
        reload(app, false);
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rowids_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ListRow* row = row_at(static_cast<size_t>(i));
            ImGui::TableNextRow();
            if (!row) continue;
            ImGui::TableNextColumn();
            // The first column (never hidden) holds the row's click target.
            if (selectable_row(row->id, cell_text(*row, 0), false)) open_row(app, *row);
            for (size_t column = 1; column < columns_.size(); ++column) text_cell(cell_text(*row, column));
        }
    }
    if (rowids_.empty()) spanning_text_row(tr(total_ == 0 ? "lists.empty" : "lists.none_match"), &theme::kMuted);
    ImGui::EndTable();
}

}  // namespace crm::ui
