// The activities list (活动): every call, visit, meeting, email, message, task and note the
// person may see, newest first; searched (subject, customer, contact, outcome, next step),
// filtered (kind, status, owner, from / to dates), sorted and exported. Clicking one opens it
// in the activity dialog, to edit or mark done.
#pragma once

#include <string>
#include <vector>

#include "ui/screens/activity_dialog.hpp"
#include "ui/screens/record_list_screen.hpp"

namespace crm::ui {

class ActivitiesListScreen : public RecordListScreen {
public:
    ActivitiesListScreen();
    const char* title_key() const override { return "nav.activities"; }
    bool has_unsaved_changes() const override { return dialog_.has_unsaved_changes(); }

protected:
    std::string cell_text(const ListRow& row, size_t column) const override;
    bool draw_filters(AppContext& app) override;
    void open_row(AppContext& app, const ListRow& row) override;
    void draw_dialogs(AppContext& app) override;

private:
    std::vector<std::string> owners_;
    int64_t owners_version_ = -1;
    ActivityDialog dialog_;
};

}  // namespace crm::ui
