#include "ui/screens/customer_notes_tab.hpp"

#include <imgui.h>

#include <optional>
#include <utility>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

std::string CustomerNotesTab::title() const { return trf("notes.heading", {std::to_string(notes_.size())}); }

bool CustomerNotesTab::has_unsaved_changes() const { return !trim(draft_).empty() || dialog_.has_unsaved_changes(); }

void CustomerNotesTab::load(AppContext& app, const Customer& customer) {
    notes_.clear();
    contacts_.clear();
    if (customer.id.empty()) return;
    for (Activity& activity : activities_of_customer(app.db, customer.id))
        if (activity.kind == "note") notes_.push_back(std::move(activity));
    contacts_ = contacts_of(app.db, customer.id);
}

void CustomerNotesTab::clear() {
    notes_.clear();
    contacts_.clear();
    draft_.clear();
    problems_.clear();
    dialog_.close();
}

void CustomerNotesTab::add(AppContext& app, const Customer& customer) {
    Activity note;
    note.customer_id = customer.id;
    note.kind = "note";
    note.subject = draft_;
    note.owner_id = app.user;
    Status saved = save_activity(app.db, note, app.user);
    if (!saved) {
        problems_ = saved.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {saved.error().message}));
        return;
    }
    app.toasts.success(trf("notes.added", {note.subject}));
    draft_.clear();
    problems_.clear();
    ++app.data_version;
    load(app, customer);
}

void CustomerNotesTab::draw(AppContext& app, const Customer& customer) {
    const bool allowed = app.may_on_customer("activities", "create", customer.id, customer.owner_id);
    ImGui::BeginDisabled(!allowed);
    text_field(tr("notes.new"), draft_, problems_, "subject", activity_limits::subject, tr("notes.hint"));
    const bool entered = entered_in_last_field();
    ImGui::BeginDisabled(trim(draft_).empty());
    const bool clicked = ImGui::Button(tr("notes.add"));
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    if (allowed && (clicked || (entered && !trim(draft_).empty()))) add(app, customer);

    if (notes_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("notes.none"));
        automation::record_text(tr("notes.none"));
    } else {
        draw_list(customer);
    }
    if (dialog_.draw(app) != ActivityDialog::Outcome::none) load(app, customer);
}

void CustomerNotesTab::draw_list(const Customer& customer) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("notes", 3, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    const float when_width = ImGui::CalcTextSize("0000-00-00 00:00").x + ImGui::GetStyle().CellPadding.x * 2;
    ImGui::TableSetupColumn(tr("activities.column.when"), ImGuiTableColumnFlags_WidthFixed, when_width);
    ImGui::TableSetupColumn(tr("notes.column.note"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("notes.column.by"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    table_headers_row();
    std::optional<Activity> clicked;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(notes_.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Activity& note = notes_[static_cast<size_t>(row)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (selectable_row(note.id, activity_when(note), false)) clicked = note;
            text_cell(note.subject);
            text_cell(note.updated_by);
        }
    }
    ImGui::EndTable();
    if (clicked) dialog_.open(std::move(*clicked), customer.name, customer.owner_id, contacts_);
}

}  // namespace crm::ui
