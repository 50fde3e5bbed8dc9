#include "ui/screens/my_day.hpp"

#include <imgui.h>

#include "core/clock.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

void MyDayScreen::reload(AppContext& app) {
    const int64_t now = now_ms();
    const int64_t minute = now / 60000;
    if (loaded_version_ == app.data_version && loaded_minute_ == minute && loaded_everyone_ == *everyone_) return;
    loaded_version_ = app.data_version;
    loaded_minute_ = minute;
    loaded_everyone_ = *everyone_;
    items_ = due_and_overdue(app.db, *everyone_ ? std::string() : app.user, now);
}

std::string MyDayScreen::status(AppContext&) {
    size_t overdue = 0;
    for (const ScheduledActivity& item : items_) overdue += item.overdue ? 1 : 0;
    return trf("my_day.status", {std::to_string(items_.size()), std::to_string(overdue)});
}

void MyDayScreen::draw(AppContext& app) {
    // In the sandbox everyone's are shown at first: its demo activities belong to demo users.
    if (!everyone_) everyone_ = app.session == nullptr;
    bool everyone = *everyone_;
    if (ImGui::Checkbox(tr("calendar.everyone"), &everyone)) everyone_ = everyone;
    reload(app);
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "  %s", format_date(local_day_of(now_ms())).c_str());
    clicked_.reset();
    ImGui::BeginChild("my_day_lists", ImVec2(0, 0), false);
    draw_section(app, true);
    ImGui::Spacing();
    draw_section(app, false);
    ImGui::EndChild();
    if (clicked_) dialog_.open_stored(app.db, *clicked_);
    dialog_.draw(app);
}

void MyDayScreen::draw_section(AppContext& app, bool overdue) {
    std::vector<const ScheduledActivity*> items;
    for (const ScheduledActivity& item : items_)
        if (item.overdue == overdue) items.push_back(&item);
    const std::string heading =
        trf(overdue ? "my_day.overdue" : "my_day.today", {std::to_string(items.size())});
    ImGui::TextColored(overdue ? theme::kError : theme::kAccent, "%s", heading.c_str());
    automation::record_text(heading.c_str());
    if (items.empty()) {
        const char* none = tr(overdue ? "my_day.none_overdue" : "my_day.none_today");
        ImGui::TextColored(theme::kMuted, "%s", none);
        automation::record_text(none);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(overdue ? "overdue" : "today", 5, flags)) return;
    ImGui::TableSetupColumn(tr("field.planned_at"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(tr("field.activity_kind"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(tr("field.subject"), ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableSetupColumn(tr("my_day.column.customer"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
    table_headers_row();
    for (const ScheduledActivity* item : items) {
        const Activity& a = item->activity;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, overdue ? theme::kError : ImGui::GetStyleColorVec4(ImGuiCol_Text));
        // The row opens the activity; the button in its last column stays clickable over it.
        ImGui::PushID(a.id.c_str());
        const bool open = ImGui::Selectable("###row", false,
                                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap);
        const std::string when = format_local_minutes(item->at_ms);
        automation::record_label(when.c_str());
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(when.c_str());
        ImGui::PopStyleColor();
        text_cell(activity_kind_caption(a.kind));
        text_cell(a.subject);
        text_cell(item->customer_name);
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(!app.may("activities", "edit", item->customer_owner));
        const bool done = ImGui::SmallButton(tr("activity.mark_done"));
        ImGui::EndDisabled();
        ImGui::PopID();
        if (open && !done) clicked_ = a;
        if (done) {
            if (Status status = mark_done(app.db, a.id, app.user); status) {
                app.toasts.success(trf("activity.marked_done", {a.subject}));
                ++app.data_version;
            } else {
                app.toasts.failure(trf("toast.save_failed", {status.error().message}));
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace crm::ui
