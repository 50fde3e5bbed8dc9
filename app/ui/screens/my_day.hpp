// My day: what the user still has to do today. Overdue activities first (in red), then those
// planned for later today, each with Mark done; clicking one opens it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/activity.hpp"
#include "ui/screen.hpp"
#include "ui/screens/activity_dialog.hpp"

namespace crm::ui {

class MyDayScreen : public Screen {
public:
    const char* title_key() const override { return "nav.my_day"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override { return dialog_.has_unsaved_changes(); }

private:
    void reload(AppContext& app);
    // The overdue or the later-today activities, with their headings.
    void draw_section(AppContext& app, bool overdue);

    std::vector<ScheduledActivity> items_;
    std::optional<bool> everyone_;  // everyone's activities; first set by the mode (sandbox: yes)
    int64_t loaded_version_ = -1;
    int64_t loaded_minute_ = -1;  // what is overdue changes with the clock
    bool loaded_everyone_ = false;
    std::optional<Activity> clicked_;
    ActivityDialog dialog_;
};

}  // namespace crm::ui
