#include "ui/screens/customers.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "core/clock.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "domain/csv_export.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

// Table columns after the tick box; the user id of each ImGui column is its CustomerColumn.
struct ColumnSpec {
    const char* caption_key;
    CustomerColumn column;
    float weight;
};

constexpr ColumnSpec kColumns[] = {
    {"field.name", CustomerColumn::name, 3.2f},   {"field.code", CustomerColumn::code, 1.1f},
    {"field.type", CustomerColumn::type, 1.6f},   {"field.level", CustomerColumn::level, 0.8f},
    {"field.city", CustomerColumn::city, 0.9f},   {"field.phone", CustomerColumn::phone, 1.6f},
    {"field.owner_id", CustomerColumn::owner, 0.9f},
};

// The tick box column's user id: no CustomerColumn, and never sorted by.
constexpr ImGuiID kTickColumnId = 1000;

// A row's text in a column, as the table shows it (a type by its caption).
const char* cell_text(const CustomerRow& row, CustomerColumn column) {
    switch (column) {
        case CustomerColumn::name: return row.name.c_str();
        case CustomerColumn::code: return row.code.c_str();
        case CustomerColumn::type: return row.type.empty() ? "" : caption_of(kTypeChoices, row.type);
        case CustomerColumn::level: return row.level.c_str();
        case CustomerColumn::city: return row.city.c_str();
        case CustomerColumn::phone: return row.phone.c_str();
        case CustomerColumn::owner: return row.owner_id.c_str();
        default: return "";
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

void CustomersScreen::draw(AppContext& app) {
    if (!loader_) loader_.emplace(app.db);
    if (loaded_version_ != app.data_version || loaded_changes_ != app.db.total_changes()) reload(app);
    else if (query_changed_) apply_search(app);
    if (!app.open_customer_id.empty()) request_open(app, std::exchange(app.open_customer_id, {}), false);

    handle_shortcut(app);
    draw_toolbar(app);
    if (filters_.is_open() && filters_.draw(app, query_)) reload(app);
    if (!selected_.empty()) draw_selection_bar(app);
    const float list_width = ImGui::GetContentRegionAvail().x * 0.55f;
    ImGui::BeginChild("customer_list", ImVec2(list_width, 0), true);
    draw_table(app);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("customer_detail", ImVec2(0, 0), true);
    detail_.draw(app);
    ImGui::EndChild();

    const ConfirmDialog::Answer answer = confirm_discard_.draw();
    if (answer == ConfirmDialog::Answer::yes) {
        if (pending_close_) detail_.close();
        else if (pending_is_new_) detail_.open_new();
        else detail_.open(app, pending_open_id_);
    }
    if (answer != ConfirmDialog::Answer::none) pending_close_ = false;
}

std::string CustomersScreen::status(AppContext&) {
    std::string status = trf("customers.count", {group_digits(static_cast<uint64_t>(total_))});
    if (!trim(query_.search).empty() || !query_.filter.empty())
        status += trf("customers.count_shown", {group_digits(rowids_.size())});
    return status;
}

void CustomersScreen::handle_shortcut(AppContext& app) {
    switch (app.shortcut) {
        case Shortcut::save:
            if (detail_.is_open()) detail_.save(app);
            break;
        case Shortcut::find: focus_search_ = true; break;
        case Shortcut::create:
            if (app.may("customers", "create")) request_open(app, "", true);
            break;
        case Shortcut::close:
            if (detail_.has_unsaved_changes()) {
                pending_close_ = true;
                confirm_discard_.open(tr("confirm.discard_title"), tr("customers.unsaved_message"),
                                      tr("action.discard"));
            } else {
                detail_.close();
            }
            break;
        case Shortcut::copy:
            if (!selected_.empty() && app.may("customers", "export")) copy_rows(app);
            break;
        case Shortcut::none: break;
    }
}

void CustomersScreen::draw_toolbar(AppContext& app) {
    if (focus_search_) {
        ImGui::SetKeyboardFocusHere();
        focus_search_ = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
    const std::string search_label = std::string("##") + tr("customers.search");
    if (ImGui::InputTextWithHint(search_label.c_str(), tr("customers.search_hint"), &query_.search)) {
        query_changed_ = true;
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("customers", "create"));
    if (ImGui::Button(tr("customers.new"))) request_open(app, "", true);
    ImGui::EndDisabled();
    ImGui::SameLine();
    filters_.draw_toggle(query_.filter);
    ImGui::SameLine();
    std::vector<const char*> captions;  // Name always shows: it opens the customer
    for (size_t i = 1; i < std::size(kColumns); ++i) captions.push_back(tr(kColumns[i].caption_key));
    chooser_.draw_button(captions);
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("customers", "export") || !app.platform);
    if (ImGui::Button(tr("customers.export_csv"))) export_csv(app);
    ImGui::SameLine();
    if (ImGui::Button(tr("customers.export_contacts"))) export_contacts(app);
    ImGui::EndDisabled();
    ImGui::SameLine();
    std::string shown = trf("customers.shown", {group_digits(rowids_.size())});
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(theme::kMuted, "%s", shown.c_str());
    automation::record_text(shown.c_str());
    ImGui::SameLine();
    bool all = all_ticked();
    if (ImGui::Checkbox(tr("customers.select_all"), &all)) {
        for (int64_t rowid : rowids_) tick(rowid, all);
    }
}

void CustomersScreen::draw_selection_bar(AppContext& app) {
    const std::string ticked = trf("customers.selected", {group_digits(selected_.size())});
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ticked.c_str());
    automation::record_text(ticked.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("activities", "create"));
    if (ImGui::Button(tr("activity.log_for_selection"))) batch_activity_.open(selected_ids(app));
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("customers", "edit"));
    if (ImGui::Button(tr("group.batch_open"))) group_batch_.open(selected_ids(app));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr("outreach.open"))) {
        std::vector<std::string> ids = selected_ids(app);
        std::string heading = trf("customers.selection_heading", {group_digits(ids.size())});
        outreach_.open(std::move(ids), std::move(heading));
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("customers", "export"));
    if (ImGui::Button(tr("customers.copy_rows"))) copy_rows(app);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr("customers.clear_selection"))) clear_selection();
    if (batch_activity_.draw(app)) clear_selection();
    outreach_.draw(app);
    group_batch_.draw(app);
}

std::vector<CustomerRow> CustomersScreen::selected_rows() {
    std::set<int64_t> hidden = selected_;  // ticked rows the search hides now: after those shown
    std::vector<int64_t> in_order;
    for (int64_t rowid : rowids_) {
        if (hidden.erase(rowid) > 0) in_order.push_back(rowid);
    }
    in_order.insert(in_order.end(), hidden.begin(), hidden.end());
    std::vector<CustomerRow> rows;
    rows.reserve(in_order.size());
    for (int64_t rowid : in_order) {
        if (std::optional<CustomerRow> row = loader_->load(rowid)) rows.push_back(std::move(*row));
    }
    return rows;
}

std::vector<std::string> CustomersScreen::selected_ids(AppContext&) {
    std::vector<std::string> ids;
    for (CustomerRow& row : selected_rows()) ids.push_back(std::move(row.id));
    return ids;
}

// The ticked rows as a spreadsheet takes them from the clipboard: the columns shown, in the
// order shown, under their captions.
void CustomersScreen::copy_rows(AppContext& app) {
    std::vector<std::vector<std::string>> cells(1);
    for (size_t column : copy_columns_) cells[0].emplace_back(tr(kColumns[column].caption_key));
    const std::vector<CustomerRow> rows = selected_rows();
    for (const CustomerRow& row : rows) {
        std::vector<std::string>& line = cells.emplace_back();
        for (size_t column : copy_columns_) line.emplace_back(cell_text(row, kColumns[column].column));
    }
    ImGui::SetClipboardText(csv::tab_separated(cells).c_str());
    app.toasts.success(trf(rows.size() == 1 ? "customers.copied_row" : "customers.copied_rows",
                           {group_digits(rows.size())}));
}

void CustomersScreen::tick(int64_t rowid, bool ticked) {
    if (ticked) selected_.insert(rowid);
    else selected_.erase(rowid);
    all_ticked_.reset();
}

bool CustomersScreen::all_ticked() {
    if (!all_ticked_) {
        all_ticked_ = !rowids_.empty() && selected_.size() >= rowids_.size() &&
                      std::all_of(rowids_.begin(), rowids_.end(), [&](int64_t rowid) { return selected_.contains(rowid); });
    }
    return *all_ticked_;
}

void CustomersScreen::export_csv(AppContext& app) {
    // Exactly the list as shown: the same query, so the same filter and order.
    const CsvExport out = export_customers_csv(app.db, query_);
    app.platform->download("customers-" + format_date(local_today()) + ".csv", out.bytes, "text/csv");
    app.toasts.success(trf("customers.exported", {group_digits(static_cast<uint64_t>(out.rows))}));
}

void CustomersScreen::export_contacts(AppContext& app) {
    // The contacts of the customers shown, in the list's order; opt-outs honoured.
    std::vector<std::string> ids;
    ids.reserve(rowids_.size());
    for (int64_t rowid : rowids_) {
        if (std::optional<CustomerRow> row = loader_->load(rowid)) ids.push_back(std::move(row->id));
    }
    const CsvExport out = export_contacts_csv(app.db, ids);
    app.platform->download("contacts-" + format_date(local_today()) + ".csv", out.bytes, "text/csv");
    std::string message = trf("customers.exported_contacts", {group_digits(static_cast<uint64_t>(out.rows))});
    if (out.left_out > 0) message += trf("customers.exported_left_out", {std::to_string(out.left_out)});
    app.toasts.success(std::move(message));
}

void CustomersScreen::request_open(AppContext& app, const std::string& customer_id, bool is_new) {
    if (detail_.has_unsaved_changes()) {
        pending_open_id_ = customer_id;
        pending_is_new_ = is_new;
        pending_close_ = false;
        confirm_discard_.open(tr("confirm.discard_title"), tr("customers.unsaved_message"), tr("action.discard"));
        return;
    }
    if (is_new) detail_.open_new();
    else detail_.open(app, customer_id);
}

//-----------------------------------------------------------------------------
// [SECTION] Table
//-----------------------------------------------------------------------------

void CustomersScreen::reload(AppContext& app) {
    search_.load(app.db, query_);
    total_ = count_customers(app.db);
    row_cache_.clear();
    loaded_version_ = app.data_version;
    loaded_changes_ = app.db.total_changes();
    apply_search(app);
}

void CustomersScreen::apply_search(AppContext& app) {
    rowids_ = search_.find(query_.search);
    all_ticked_.reset();
    query_changed_ = false;
    app.customer_list.search = query_.search;
    app.customer_list.rowids = rowids_;
    ++app.customer_list.version;
}

const CustomerRow* CustomersScreen::row_at(AppContext&, size_t index) {
    return row_cache_.get(rowids_[index], [this](int64_t rowid) { return loader_->load(rowid); });
}

void CustomersScreen::draw_table(AppContext& app) {
    if (!ImGui::BeginTable("customers", IM_ARRAYSIZE(kColumns) + 1, kListTableFlags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("##tick",
                            ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort |
                                ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_NoReorder |
                                ImGuiTableColumnFlags_NoResize,
                            ImGui::GetFrameHeight(), kTickColumnId);
    for (const ColumnSpec& spec : kColumns) {
        ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthStretch;
        if (spec.column == CustomerColumn::name)
            column_flags |= ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_NoHide;
        ImGui::TableSetupColumn(tr(spec.caption_key), column_flags, spec.weight, static_cast<ImGuiID>(spec.column));
    }
    chooser_.apply(2);  // after the tick box and Name
    table_headers_row();
    // What Copy rows copies: the columns not hidden, in the order the person dragged them to.
    copy_columns_.clear();
    const ImGuiTable* table = ImGui::GetCurrentTable();
    for (int order = 0; order < table->ColumnsCount; ++order) {
        const int index = table->DisplayOrderToIndex[order];
        if (index > 0 && (ImGui::TableGetColumnFlags(index) & ImGuiTableColumnFlags_IsEnabled))
            copy_columns_.push_back(static_cast<size_t>(index - 1));
    }

    TableSort shown;
    for (const SortKey& key : query_.sort) shown.emplace_back(static_cast<ImGuiID>(key.column), key.descending);
    if (auto sort = changed_sort(shown)) {
        query_.sort.clear();
        for (const auto& [column, descending] : *sort)
            query_.sort.push_back({static_cast<CustomerColumn>(column), descending});
        reload(app);
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rowids_.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CustomerRow* row = row_at(app, static_cast<size_t>(i));
            ImGui::TableNextRow();
            if (row) draw_row(app, *row);
        }
    }
    ImGui::EndTable();
}

void CustomersScreen::draw_row(AppContext& app, const CustomerRow& row) {
    ImGui::TableNextColumn();
    ImGui::PushID(row.id.c_str());
    bool ticked = selected_.contains(row.rowid);
    // Drawn before the row's selectable, so a click on the box ticks rather than opens.
    if (ImGui::Checkbox("##tick", &ticked)) tick(row.rowid, ticked);
    automation::record_label(trf("customers.tick", {row.name}).c_str());
    ImGui::PopID();
    ImGui::TableNextColumn();
    const bool open = detail_.is_open() && detail_.customer_id() == row.id;
    if (selectable_row(row.id, row.name, open, ImGui::GetFrameHeight(), ImGui::GetStyle().FramePadding.y) && !open)
        request_open(app, row.id, false);
    for (size_t column = 1; column < std::size(kColumns); ++column) {
        ImGui::TableNextColumn();
        const char* text = cell_text(row, kColumns[column].column);
        ImGui::TextUnformatted(text);
        automation::record_text(text);
    }
}

}  // namespace crm::ui
