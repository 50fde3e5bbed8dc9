// The customer 360 view's Sharing tab (客户共享): whom the customer is shared with beyond
// its owner's reach (colleagues, teams), read only or to edit, and a line to share it
// further. Only those whose own rights cover the customer share it; a person it is shared
// with sees the list and what the share gives them. Logged in only: the sandbox has no
// colleagues to share with.
#pragma once

#include <string>
#include <vector>

#include "domain/customer_share.hpp"
#include "ui/screens/customer_tab.hpp"

namespace crm::ui {

class CustomerSharingTab : public CustomerTab {
public:
    const char* id() const override { return "sharing"; }
    std::string title() const override;
    bool shown(const AppContext& app) const override { return app.session != nullptr; }
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    void clear() override;

private:
    void draw_list(AppContext& app, const Customer& customer, bool manage);
    void draw_form(AppContext& app, const Customer& customer);
    void share(AppContext& app, const Customer& customer);
    std::string target_name(const AppContext& app, const CustomerShare& share) const;

    std::vector<CustomerShare> shares_;
    // The form: "user:<id>" or "team:<id>", and the access to give.
    std::string target_;
    std::string access_ = "read";
    Problems problems_;
};

}  // namespace crm::ui
