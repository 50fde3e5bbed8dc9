// Reminders (提醒): what to act on today, in four tabs. Birthdays and anniversaries in the
// next N days; customers not contacted for longer than their level's visit plan; planned
// activities that are due; and the visit plan itself (days per level, kept in this
// database). Each row opens its customer; phones and emails are links; each list can copy
// its customers' emails or print their labels (outreach_dialog).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/reminders.hpp"
#include "ui/screen.hpp"
#include "ui/screens/outreach_dialog.hpp"

namespace crm::ui {

class RemindersScreen : public Screen {
public:
    const char* title_key() const override { return "nav.reminders"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;

private:
    void reload(AppContext& app);
    void draw_dates(AppContext& app);
    void draw_overdue(AppContext& app);
    void draw_follow_ups(AppContext& app);
    void draw_visit_plan(AppContext& app);
    // Copy emails / Print labels / Print envelopes for the customers of one list.
    void draw_list_actions(AppContext& app, const char* list_id, const std::vector<std::string>& customer_ids,
                           const std::string& heading);
    void open_button(AppContext& app, const std::string& customer_id, const std::string& row_id);

    int64_t loaded_version_ = -1;
    int64_t loaded_day_ = -1;
    bool days_changed_ = true;
    std::string days_text_ = "14";
    int days_ = 14;
    Problems days_problems_;

    std::vector<DateReminder> dates_;
    std::vector<OverdueCustomer> overdue_;
    std::vector<FollowUp> follow_ups_;
    std::vector<VisitPlan> plans_;
    std::vector<std::string> plan_texts_;  // the plan's fields as typed, one per plans_ entry
    Problems plan_problems_;
    std::string list_message_;  // what the last list action did
    OutreachDialog outreach_;
};

}  // namespace crm::ui
