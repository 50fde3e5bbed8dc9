#include "ui/screens/merge_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <span>
#include <utility>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/screens/duplicate_warning.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

constexpr size_t kPicks = 8;
constexpr const char* kPopup = "###merge_dialog";

std::string shown_value(const std::string& field, const std::string& value) {
    return value.empty() ? tr("merge.empty_value") : field_value_caption(field, value);
}

std::string table_caption(const std::string& table) {
    const std::string key = "merge.table." + table;
    return has_translation(key) ? tr(key) : table;
}

void text(const std::string& line, const ImVec4* colour = nullptr) {
    if (colour) ImGui::TextColored(*colour, "%s", line.c_str());
    else ImGui::TextUnformatted(line.c_str());
    automation::record_text(line.c_str());
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

void MergeDialog::draw_button(AppContext& app, const Customer& survivor) {
    if (survivor.id.empty() || !app.may("customers", "edit", survivor.owner_id)) return;
    ImGui::SameLine();
    if (ImGui::Button(tr("merge.button"))) {
        request_open_ = true;
        close_ = false;
        search_.clear();
        searched_ = "\x01";  // unlike any search: find the picks on the first frame
        preview_.reset();
        take_merged_.clear();
    }
}

void MergeDialog::find_picks(AppContext& app, const Customer& survivor) {
    if (searched_ == search_ && picks_version_ == app.data_version) return;
    searched_ = search_;
    picks_version_ = app.data_version;
    picks_.clear();
    // With nothing typed, the survivor's own possible duplicates: most merges start there.
    if (trim(search_).empty()) {
        for (const DuplicateCandidate& c : find_duplicate_candidates(app.db, survivor, kPicks))
            picks_.push_back({c.id, c.name, c.code, c.city});
        return;
    }
    CustomerQuery query;
    query.search = search_;
    CustomerRows rows(app.db);
    for (int64_t rowid : find_customer_rowids(app.db, query)) {
        if (picks_.size() == kPicks) break;
        std::optional<CustomerRow> row = rows.load(rowid);
        if (row && row->id != survivor.id) picks_.push_back({row->id, row->name, row->code, row->city});
    }
}

void MergeDialog::choose(AppContext& app, const Customer& survivor, const std::string& merged_id) {
    Result<MergePreview> preview = preview_merge(app.db, survivor.id, merged_id);
    if (!preview) {
        app.toasts.failure(trf("merge.failed", {preview.error().message}));
        return;
    }
    preview_ = std::move(preview).value();
    take_merged_.clear();
    for (const MergeField& field : preview_->differences) take_merged_.push_back(field.take_merged ? 1 : 0);
}

bool MergeDialog::may_merge(const AppContext& app) const {
    if (!preview_) return false;
    const std::string& owner = preview_->merged.owner_id;
    if (!app.may("customers", "edit", preview_->survivor.owner_id) || !app.may("customers", "edit", owner) ||
        !app.may("customers", "delete", owner))
        return false;
    for (const MergeMove& move : preview_->moves)
        if (move.count > 0 && !app.may(move.module, "edit", owner)) return false;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] The dialog
//-----------------------------------------------------------------------------

bool MergeDialog::draw(AppContext& app, const Customer& survivor) {
    const std::string popup = std::string(tr("merge.title")) + kPopup;
    if (request_open_) {
        ImGui::OpenPopup(popup.c_str());
        request_open_ = false;
    }
    const float font = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(font * 52, font * 38), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr)) return false;
    bool merged = false;
    if (close_ || survivor.id.empty()) {
        close_ = false;
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    text(trf("merge.intro", {survivor.name}), &theme::kAccent);
    draw_picks(app, survivor);
    ImGui::Separator();
    draw_preview();

    ImGui::Spacing();
    const bool allowed = may_merge(app);
    ImGui::BeginDisabled(!allowed);
    if (ImGui::Button(tr("merge.confirm")) && preview_) {
        int64_t moving = 0;
        for (const MergeMove& move : preview_->moves) moving += move.count;
        confirm_.open(tr("merge.confirm_title"),
                      trf("merge.confirm_message", {preview_->merged.name, survivor.name, std::to_string(moving)}),
                      tr("merge.confirm_yes"));
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    // Esc cancels, unless it is for a text field (undo) or the confirmation on top of this.
    const bool escape = !ImGui::IsAnyItemActive() && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    const std::string cancel = std::string(tr("action.cancel")) + "##merge";
    if (ImGui::Button(cancel.c_str()) || escape) close_ = true;
    if (preview_ && !allowed) {
        ImGui::SameLine();
        text(tr("merge.not_allowed"), &theme::kError);
    }
    // On top of this dialog, so drawn inside it.
    if (confirm_.draw() == ConfirmDialog::Answer::yes) merged = merge(app);
    ImGui::EndPopup();
    return merged;
}

void MergeDialog::draw_picks(AppContext& app, const Customer& survivor) {
    find_picks(app, survivor);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const std::string label = std::string("##") + tr("merge.search");
    ImGui::InputTextWithHint(label.c_str(), tr("merge.search_hint"), &search_);
    text(tr(trim(search_).empty() ? "merge.suggested" : "merge.found"), &theme::kMuted);

    const float height = ImGui::GetTextLineHeightWithSpacing() * 6.5f;
    ImGui::BeginChild("merge_picks", ImVec2(0, height), true);
    if (picks_.empty()) text(tr("merge.no_picks"), &theme::kMuted);
    else if (ImGui::BeginTable("picks", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("field.name"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(tr("field.code"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("field.city"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        std::string chosen;
        for (const Pick& pick : picks_) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = preview_ && preview_->merged.id == pick.id;
            if (selectable_row(pick.id, pick.name, selected)) chosen = pick.id;
            for (const std::string* value : {&pick.code, &pick.city}) {
                ImGui::TableNextColumn();
                text(*value);
            }
        }
        ImGui::EndTable();
        if (!chosen.empty()) choose(app, survivor, chosen);
    }
    ImGui::EndChild();
}

void MergeDialog::draw_preview() {
    if (!preview_) {
        text(tr("merge.pick_hint"), &theme::kMuted);
        return;
    }
    text(trf("merge.what_happens", {preview_->merged.name, preview_->survivor.name}));
    std::string moves;
    for (const MergeMove& move : preview_->moves) {
        if (!moves.empty()) moves += tr("duplicates.reason_separator");
        moves += trf("merge.move_count", {table_caption(move.table), std::to_string(move.count)});
    }
    text(trf("merge.moves", {moves}));
    if (preview_->differences.empty()) {
        text(tr("merge.no_differences"), &theme::kMuted);
        return;
    }
    text(tr("merge.choose_values"), &theme::kMuted);
    // The buttons stay in sight under the list of differences, however long it is.
    const float buttons = ImGui::GetFrameHeightWithSpacing() * 1.6f;
    ImGui::BeginChild("merge_fields", ImVec2(0, -buttons), true);
    if (ImGui::BeginTable("fields", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("merge.column_field"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn(tr("merge.column_survivor"), ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableSetupColumn(tr("merge.column_merged"), ImGuiTableColumnFlags_WidthStretch, 2.4f);
        table_headers_row();
        for (size_t i = 0; i < preview_->differences.size(); ++i) {
            const MergeField& field = preview_->differences[i];
            ImGui::PushID(field.field.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();  // level with the radio buttons
            text(tr("field." + field.field));
            ImGui::TableNextColumn();
            const std::string kept = shown_value(field.field, field.survivor_value) + "##keep";
            if (ImGui::RadioButton(kept.c_str(), take_merged_[i] == 0)) take_merged_[i] = 0;
            ImGui::TableNextColumn();
            const std::string taken = shown_value(field.field, field.merged_value) + "##take";
            if (ImGui::RadioButton(taken.c_str(), take_merged_[i] != 0)) take_merged_[i] = 1;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

bool MergeDialog::merge(AppContext& app) {
    if (!preview_ || !may_merge(app)) return false;
    MergeChoices choices;
    for (size_t i = 0; i < preview_->differences.size(); ++i)
        if (take_merged_[i]) choices.fields_from_merged.push_back(preview_->differences[i].field);
    const Customer& other = preview_->merged;
    const std::string today = format_date(local_today());
    choices.note = other.code.empty() ? trf("merge.note", {other.name, today})
                                      : trf("merge.note_with_code", {other.name, other.code, today});
    Status status = merge_customers(app.db, preview_->survivor.id, other.id, choices, app.user);
    if (!status) {
        std::string reason = status.error().message;
        for (const FieldError& problem : status.error().fields)
            reason += " " + std::string(tr("field." + problem.field)) + ": " + problem.code;
        app.toasts.failure(trf("merge.failed", {reason}));
        return false;
    }
    app.toasts.success(trf("merge.done", {other.name, preview_->survivor.name}));
    ++app.data_version;
    preview_.reset();
    close_ = true;
    return true;
}

}  // namespace crm::ui
