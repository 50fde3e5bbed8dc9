// The calendar: the user's activities (or everyone's) by day, week or month, each at its done
// time, else its planned time. Clicking one opens it to read, edit or mark done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/activity.hpp"
#include "ui/screen.hpp"
#include "ui/screens/activity_dialog.hpp"

namespace crm::ui {

class CalendarScreen : public Screen {
public:
    enum class View { day, week, month };

    const char* title_key() const override { return "nav.calendar"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override { return dialog_.has_unsaved_changes(); }

private:
    void draw_toolbar();
    void draw_day(int64_t day);
    void draw_week();
    void draw_month();
    // One activity: time and subject, the customer under them; opens the dialog on click.
    void draw_item(const ScheduledActivity& item, bool with_customer);
    void reload(AppContext& app);
    // The local days shown: [first_day_, end_day_).
    void compute_range();
    std::vector<const ScheduledActivity*> items_on(int64_t day) const;

    View view_ = View::week;
    int64_t anchor_ = -1;  // the local day the view is about; -1 until the first frame (today)
    int64_t first_day_ = 0, end_day_ = 0;
    std::optional<bool> everyone_;  // show everyone's activities; first set by the mode (sandbox: yes)
    std::vector<ScheduledActivity> items_;
    int64_t loaded_version_ = -1;
    std::string loaded_key_;  // range and owner the items were loaded for
    int64_t now_ = 0;
    const ScheduledActivity* clicked_ = nullptr;
    ActivityDialog dialog_;
};

}  // namespace crm::ui
