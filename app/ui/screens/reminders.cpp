#include "ui/screens/reminders.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <set>

#include "core/clock.hpp"
#include "domain/points.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/link.hpp"
#include "ui/widgets/table.hpp"
#include "ui/widgets/tabs.hpp"

namespace crm::ui {

namespace {

constexpr int kMaxDaysAhead = 366;

bool begin_list(const char* id, std::initializer_list<std::pair<const char*, float>> columns) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    // A column without a key holds buttons and has no heading.
    for (auto [key, weight] : columns)
        ImGui::TableSetupColumn(key ? tr(key) : "", ImGuiTableColumnFlags_WidthStretch, weight);
    table_headers_row();
    return true;
}

// The customers of a list, each once, in the list's order.
template <class Row>
std::vector<std::string> customers_of(const std::vector<Row>& rows) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const Row& row : rows)
        if (seen.insert(row.customer_id).second) ids.push_back(row.customer_id);
    return ids;
}

std::string when_text(int64_t days_until) {
    if (days_until == 0) return tr("reminders.today");
    if (days_until == 1) return tr("reminders.tomorrow");
    return trf("reminders.in_days", {std::to_string(days_until)});
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

void RemindersScreen::reload(AppContext& app) {
    const int64_t today = local_today();
    dates_ = upcoming_dates(app.db, today, days_);
    overdue_ = overdue_customers(app.db, today);
    follow_ups_ = follow_ups_due(app.db, today);
    plans_ = visit_plans(app.db);
    plan_texts_.clear();
    for (const VisitPlan& plan : plans_) plan_texts_.push_back(std::to_string(plan.days));
    loaded_version_ = app.data_version;
    loaded_day_ = today;
    days_changed_ = false;
}

std::string RemindersScreen::status(AppContext&) {
    return trf("reminders.status", {std::to_string(dates_.size()), std::to_string(overdue_.size()),
                                    std::to_string(follow_ups_.size())});
}

void RemindersScreen::draw(AppContext& app) {
    if (days_changed_ || loaded_version_ != app.data_version || loaded_day_ != local_today()) reload(app);
    if (ImGui::BeginTabBar("reminders")) {
        if (begin_tab_item(trf("reminders.tab_dates", {std::to_string(dates_.size())}), "dates")) {
            draw_dates(app);
            ImGui::EndTabItem();
        }
        if (begin_tab_item(trf("reminders.tab_overdue", {std::to_string(overdue_.size())}), "overdue")) {
            draw_overdue(app);
            ImGui::EndTabItem();
        }
        if (begin_tab_item(trf("reminders.tab_follow_ups", {std::to_string(follow_ups_.size())}), "follow_ups")) {
            draw_follow_ups(app);
            ImGui::EndTabItem();
        }
        if (begin_tab_item(tr("reminders.tab_plan"), "plan")) {
            draw_visit_plan(app);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    outreach_.draw(app);
}

void RemindersScreen::draw_list_actions(AppContext& app, const char* list_id,
                                        const std::vector<std::string>& customer_ids, const std::string& heading) {
    ImGui::PushID(list_id);
    ImGui::BeginDisabled(customer_ids.empty());
    if (ImGui::Button(tr("outreach.copy_emails"))) list_message_ = copy_email_addresses(app, customer_ids);
    ImGui::SameLine();
    if (ImGui::Button(tr("outreach.open"))) outreach_.open(customer_ids, heading);
    ImGui::EndDisabled();
    ImGui::PopID();
    if (!list_message_.empty()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(theme::kMuted, "%s", list_message_.c_str());
        automation::record_text(list_message_.c_str());
    }
}

void RemindersScreen::open_button(AppContext& app, const std::string& customer_id, const std::string& row_id) {
    ImGui::TableNextColumn();
    ImGui::PushID(row_id.c_str());
    if (ImGui::SmallButton(tr("reminders.open"))) app.open_customer_id = customer_id;
    ImGui::PopID();
}

//-----------------------------------------------------------------------------
// [SECTION] Lists
//-----------------------------------------------------------------------------

void RemindersScreen::draw_dates(AppContext& app) {
    // A narrow field on the toolbar line, not a full-width form row.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("reminders.days_ahead"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
    const std::string label = std::string("##") + tr("reminders.days_ahead");
    if (ImGui::InputText(label.c_str(), &days_text_, ImGuiInputTextFlags_CharsDecimal)) {
        std::optional<int64_t> days = parse_points(days_text_);
        days_problems_.clear();
        if (!days || *days < 0 || *days > kMaxDaysAhead) {
            days_problems_.push_back({"days", "out_of_range", kMaxDaysAhead});
        } else {
            days_ = static_cast<int>(*days);
            days_changed_ = true;
        }
    }
    ImGui::SameLine();
    if (!days_problems_.empty()) {
        const std::string message = describe_problem(days_problems_.front());
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(theme::kError, "%s", message.c_str());
        automation::record_text(message.c_str());
        ImGui::SameLine();
    }
    const std::vector<std::string> ids = customers_of(dates_);
    draw_list_actions(app, "dates", ids, trf("reminders.customers_count", {std::to_string(ids.size())}));
    if (dates_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("reminders.no_dates"));
        automation::record_text(tr("reminders.no_dates"));
        return;
    }
    if (!begin_list("dates_list", {{"reminders.column.when", 1.0f},
                                   {"reminders.column.occasion", 1.3f},
                                   {"reminders.column.person", 1.4f},
                                   {"reminders.column.customer", 2.2f},
                                   {"reminders.column.phone", 1.5f},
                                   {"reminders.column.email", 2.0f},
                                   {nullptr, 0.7f}}))
        return;
    for (const DateReminder& r : dates_) {
        ImGui::TableNextRow();
        const std::string row_id = r.customer_id + "/" + r.contact_id + "/" + r.occasion;
        text_cell(when_text(r.days_until), r.days_until == 0 ? &theme::kAccent : nullptr);
        text_cell(trf(r.occasion == "birthday" ? "reminders.birthday" : "reminders.anniversary",
                      {format_date(r.day).substr(5), std::to_string(r.years)}));
        text_cell(r.person_name);
        text_cell(r.customer_name);
        ImGui::TableNextColumn();
        phone_link(app, r.phone, row_id);
        ImGui::TableNextColumn();
        email_link(app, r.email, row_id);
        open_button(app, r.customer_id, row_id);
    }
    ImGui::EndTable();
}

void RemindersScreen::draw_overdue(AppContext& app) {
    const std::vector<std::string> ids = customers_of(overdue_);
    draw_list_actions(app, "overdue", ids, trf("reminders.customers_count", {std::to_string(ids.size())}));
    if (overdue_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("reminders.no_overdue"));
        automation::record_text(tr("reminders.no_overdue"));
        return;
    }
    if (!begin_list("overdue_list", {{"reminders.column.customer", 2.4f},
                                     {"reminders.column.level", 0.6f},
                                     {"reminders.column.last_contact", 1.6f},
                                     {"reminders.column.overdue", 1.0f},
                                     {"reminders.column.phone", 1.5f},
                                     {"reminders.column.email", 2.0f},
                                     {nullptr, 0.7f}}))
        return;
    for (const OverdueCustomer& o : overdue_) {
        ImGui::TableNextRow();
        text_cell(o.name);
        text_cell(o.level);
        text_cell(o.last_contact.empty() ? trf("reminders.never", {format_date(o.last_day)}) : format_date(o.last_day));
        text_cell(trf("reminders.days_late", {std::to_string(o.days_overdue)}), &theme::kError);
        ImGui::TableNextColumn();
        phone_link(app, o.phone, o.customer_id);
        ImGui::TableNextColumn();
        email_link(app, o.email, o.customer_id);
        open_button(app, o.customer_id, o.customer_id);
    }
    ImGui::EndTable();
}

void RemindersScreen::draw_follow_ups(AppContext& app) {
    const std::vector<std::string> ids = customers_of(follow_ups_);
    draw_list_actions(app, "follow_ups", ids, trf("reminders.customers_count", {std::to_string(ids.size())}));
    if (follow_ups_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("reminders.no_follow_ups"));
        automation::record_text(tr("reminders.no_follow_ups"));
        return;
    }
    if (!begin_list("follow_ups_list", {{"reminders.column.planned", 1.4f},
                                        {"reminders.column.kind", 0.9f},
                                        {"reminders.column.customer", 2.4f},
                                        {"reminders.column.overdue", 1.0f},
                                        {"reminders.column.phone", 1.5f},
                                        {"reminders.column.email", 2.0f},
                                        {nullptr, 0.7f}}))
        return;
    for (const FollowUp& f : follow_ups_) {
        ImGui::TableNextRow();
        text_cell(format_local_minutes(f.planned_at));
        const std::string kind_key = "activity.kind." + f.kind;
        text_cell(has_translation(kind_key) ? tr(kind_key) : f.kind);
        text_cell(f.customer_name);
        text_cell(f.days_late == 0 ? std::string(tr("reminders.due_today"))
                                   : trf("reminders.days_late", {std::to_string(f.days_late)}),
                  f.days_late > 0 ? &theme::kError : nullptr);
        ImGui::TableNextColumn();
        phone_link(app, f.phone, f.activity_id);
        ImGui::TableNextColumn();
        email_link(app, f.email, f.activity_id);
        open_button(app, f.customer_id, f.activity_id);
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] Visit plan
//-----------------------------------------------------------------------------

void RemindersScreen::draw_visit_plan(AppContext& app) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextColored(theme::kMuted, "%s", tr("reminders.plan_explained"));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // A narrow form: four numbers do not need the screen's width.
    ImGui::BeginChild("visit_plan_form", ImVec2(theme::form_label_width() + ImGui::GetFontSize() * 8, 0), false);
    for (size_t i = 0; i < plans_.size(); ++i) {
        const std::string caption = trf("reminders.plan_level", {plans_[i].level});
        text_field(caption.c_str(), plan_texts_[i], plan_problems_, plans_[i].level.c_str(), 4);
    }
    ImGui::SetCursorPosX(theme::form_label_width());
    const bool save = ImGui::Button(tr("reminders.plan_save"));
    ImGui::EndChild();
    if (!save) return;
    plan_problems_.clear();
    for (size_t i = 0; i < plans_.size(); ++i) {
        std::optional<int64_t> days = parse_points(plan_texts_[i]);
        const int value = days && *days > 0 && *days <= visit_plan_limits::max_days ? static_cast<int>(*days) : 0;
        if (value == 0) plan_problems_.push_back({plans_[i].level, "out_of_range", visit_plan_limits::max_days});
    }
    if (!plan_problems_.empty()) return;
    for (size_t i = 0; i < plans_.size(); ++i) {
        if (Status s = set_visit_plan(app.db, plans_[i].level, static_cast<int>(*parse_points(plan_texts_[i]))); !s) {
            app.toasts.failure(trf("toast.save_failed", {s.error().message}));
            return;
        }
    }
    app.toasts.success(tr("reminders.plan_saved"));
    ++app.data_version;
}

}  // namespace crm::ui
