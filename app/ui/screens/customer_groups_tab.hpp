// The customer 360 view's Groups tab (客户分组): the groups the customer is in, a line to put
// it in another (an existing group, or a new one named on the spot) and a button to take it
// out of each. Putting a customer in a group is editing it: the tab's form is there for those
// who may edit the customer (their own rights, or an edit share). Under it, every group, to
// rename or delete for whoever made it (or manages them).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/customer_group.hpp"
#include "ui/screens/customer_tab.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class CustomerGroupsTab : public CustomerTab {
public:
    const char* id() const override { return "groups"; }
    std::string title() const override;
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    void clear() override;

private:
    void draw_form(AppContext& app, const Customer& customer);
    void draw_list(AppContext& app, const Customer& customer, bool manage);
    void add(AppContext& app, const Customer& customer);
    void create_and_add(AppContext& app, const Customer& customer);
    void draw_all_groups(AppContext& app, const Customer& customer);
    void draw_editor(AppContext& app, const Customer& customer);

    std::vector<CustomerGroupEntry> entries_;  // the customer's groups
    std::vector<GroupSummary> groups_;         // every group, for the choice
    std::string group_id_;                     // the form: an existing group
    std::string new_name_;                     // or a new one's name
    Problems problems_;
    // Renaming a group: a copy of it, edited in a dialog.
    std::optional<CustomerGroup> editing_;
    Problems edit_problems_;
    bool open_editor_ = false;
    std::string deleting_;  // the group the confirmation is about
    ConfirmDialog confirm_delete_;
};

}  // namespace crm::ui
