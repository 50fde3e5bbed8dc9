// The customer 360 view's Activities tab: the timeline of what was done with the customer and
// what is planned, newest first, and the dialog to log or edit an activity. Its header fact is
// the last contact.
#pragma once

#include <optional>
#include <vector>

#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "ui/screens/activity_dialog.hpp"
#include "ui/screens/customer_tab.hpp"

namespace crm::ui {

class CustomerActivitiesTab : public CustomerTab {
public:
    const char* id() const override { return "activities"; }
    std::string title() const override;
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    std::string header_fact() const override;
    bool has_unsaved_changes() const override { return dialog_.has_unsaved_changes(); }
    void clear() override;

private:
    void draw_timeline(const Customer& customer);
    void open(const Customer& customer, Activity activity);
    std::string contact_name(const std::string& contact_id) const;

    std::vector<Activity> activities_;
    std::vector<Contact> contacts_;
    std::optional<int64_t> last_contact_;
    ActivityDialog dialog_;
};

}  // namespace crm::ui
