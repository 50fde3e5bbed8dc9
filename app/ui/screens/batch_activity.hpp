// One activity logged for many customers at once (the customers list's selection): the
// activity dialog without a contact, writing one activity per customer in one transaction, all
// or none (domain create_for_customers). The button's caption is ready: "activity.log_for_selection".
//
//     if (ImGui::Button(tr("activity.log_for_selection"))) batch_activity_.open(selected_ids);
//     if (batch_activity_.draw(app)) clear_selection();   // every frame, in the same window
#pragma once

#include <string>
#include <vector>

#include "ui/screen.hpp"
#include "ui/screens/activity_dialog.hpp"

namespace crm::ui {

class BatchActivityDialog {
public:
    void open(std::vector<std::string> customer_ids) { dialog_.open_batch(std::move(customer_ids)); }
    bool is_open() const { return dialog_.is_open(); }
    bool has_unsaved_changes() const { return dialog_.has_unsaved_changes(); }
    // True in the frame the activities were written.
    bool draw(AppContext& app) { return dialog_.draw(app) == ActivityDialog::Outcome::saved; }

private:
    ActivityDialog dialog_;
};

}  // namespace crm::ui
