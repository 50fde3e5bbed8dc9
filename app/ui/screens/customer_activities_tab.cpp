#include "ui/screens/customer_activities_tab.hpp"

#include <imgui.h>

#include <algorithm>
#include <initializer_list>

#include "core/clock.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

std::string CustomerActivitiesTab::title() const {
    return trf("activities.heading", {std::to_string(activities_.size())});
}

std::string CustomerActivitiesTab::header_fact() const {
    if (!last_contact_) return {};
    return trf("activities.last_contact", {format_date(local_day_of(*last_contact_))});
}

void CustomerActivitiesTab::load(AppContext& app, const Customer& customer) {
    if (customer.id.empty()) {
        clear();
        return;
    }
    activities_ = activities_of_customer(app.db, customer.id);
    contacts_ = contacts_of(app.db, customer.id);
    last_contact_ = last_contact_at(app.db, customer.id);
}

void CustomerActivitiesTab::clear() {
    activities_.clear();
    contacts_.clear();
    last_contact_.reset();
    dialog_.close();
}

void CustomerActivitiesTab::open(const Customer& customer, Activity activity) {
    dialog_.open(std::move(activity), customer.name, customer.owner_id, contacts_);
}

std::string CustomerActivitiesTab::contact_name(const std::string& contact_id) const {
    for (const Contact& contact : contacts_)
        if (contact.id == contact_id) return contact.name;
    return {};
}

void CustomerActivitiesTab::draw(AppContext& app, const Customer& customer) {
    ImGui::BeginDisabled(!app.may_on_customer("activities", "create", customer.id, customer.owner_id));
    const bool log = ImGui::Button(tr("activities.log"));
    ImGui::EndDisabled();
    if (log) {
        Activity activity;
        activity.customer_id = customer.id;
        activity.planned_at = iso_utc(now_ms() / 60000 * 60000);  // now, to the minute
        open(customer, std::move(activity));
    }
    if (activities_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("activities.none"));
        automation::record_text(tr("activities.none"));
    } else {
        draw_timeline(customer);
    }
    // After the button that opens it, so that the dialog opens in the same frame.
    if (dialog_.draw(app) != ActivityDialog::Outcome::none) load(app, customer);
}

void CustomerActivitiesTab::draw_timeline(const Customer& customer) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("activities", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // The time, kind and state columns as wide as what they hold; the subject, with the outcome
    // and next step under it, takes the rest (the panel is narrow on a 1366 px screen).
    auto widest = [](std::initializer_list<const char*> texts) {
        float width = 0;
        for (const char* text : texts) width = std::max(width, ImGui::CalcTextSize(text).x);
        return width + ImGui::GetStyle().CellPadding.x * 2;
    };
    const float when_width = widest({"0000-00-00 00:00", tr("activities.column.when")});
    const float kind_width = widest({tr("activity.kind.call"), tr("activity.kind.visit"), tr("activity.kind.meeting"),
                                     tr("activity.kind.email"), tr("activity.kind.sms"), tr("activity.kind.task"),
                                     tr("activity.kind.note"), tr("field.activity_kind")});
    const float state_width = widest({tr("activity.state.done"), tr("activity.state.overdue"),
                                      tr("activity.state.planned"), tr("activity.state.noted"),
                                      tr("activities.column.state")});
    ImGui::TableSetupColumn(tr("activities.column.when"), ImGuiTableColumnFlags_WidthFixed, when_width);
    ImGui::TableSetupColumn(tr("field.activity_kind"), ImGuiTableColumnFlags_WidthFixed, kind_width);
    ImGui::TableSetupColumn(tr("activities.column.subject_outcome"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr("activities.column.state"), ImGuiTableColumnFlags_WidthFixed, state_width);
    table_headers_row();
    const int64_t now = now_ms();
    const float row_height = ImGui::GetTextLineHeight() * 2 + ImGui::GetStyle().ItemSpacing.y;
    // A customer may have years of activities: only the rows in sight are drawn (all rows are
    // two lines high, as the clipper wants).
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(activities_.size()));
    std::optional<Activity> clicked;
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Activity& a = activities_[static_cast<size_t>(row)];
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
            ImGui::TableNextColumn();
            if (selectable_row(a.id, activity_when(a), false, row_height)) clicked = a;
            const ActivityState state = activity_state(a, now);
            text_cell(activity_kind_caption(a.kind));
            const std::string with = contact_name(a.contact_id);
            text_cell(with.empty() ? a.subject : trf("activities.subject_with", {a.subject, with}));
            const std::string result =
                a.next_step.empty() ? a.outcome : trf("activities.outcome_next", {a.outcome, a.next_step});
            ImGui::TextColored(theme::kMuted, "%s", result.c_str());
            automation::record_text(result.c_str());
            text_cell(state.caption, &state.colour);
        }
    }
    ImGui::EndTable();
    if (clicked) open(customer, std::move(*clicked));
}

}  // namespace crm::ui
