// Putting a whole selection of customers in a group at once (the customers list's selection):
// a trade show's visitors filed in one step. Only the customers the person may edit go in
// (their own rights, or an edit share); the dialog says how many went in, how many were in the
// group already and how many were left out.
//
//     if (ImGui::Button(tr("group.batch_open"))) group_batch_.open(selected_ids);
//     if (group_batch_.draw(app)) ...;   // every frame, in the same window
#pragma once

#include <string>
#include <vector>

#include "domain/customer_group.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

class GroupBatchDialog {
public:
    void open(std::vector<std::string> customer_ids);
    // True in the frame the customers were put in the group.
    bool draw(AppContext& app);
    bool is_open() const { return open_; }

private:
    void add(AppContext& app);

    std::vector<std::string> customer_ids_;
    std::vector<GroupSummary> groups_;
    std::string group_id_;
    std::string message_;
    Problems problems_;
    bool open_ = false;
    bool requested_ = false;
};

}  // namespace crm::ui
