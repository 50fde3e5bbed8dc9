// The customer 360 view's Notes tab: what people learnt about the customer ("prefers calls in
// the morning", "budget is decided in March"), newest first, each a note on the activity
// timeline too; a line to add one, and a click opens it to edit or delete.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "ui/screens/activity_dialog.hpp"
#include "ui/screens/customer_tab.hpp"

namespace crm::ui {

class CustomerNotesTab : public CustomerTab {
public:
    const char* id() const override { return "notes"; }
    std::string title() const override;
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    // A note typed but not added counts: closing the page would lose it.
    bool has_unsaved_changes() const override;
    void clear() override;

private:
    void add(AppContext& app, const Customer& customer);
    void draw_list(const Customer& customer);

    std::vector<Activity> notes_;  // newest first
    std::vector<Contact> contacts_;
    std::string draft_;
    Problems problems_;
    ActivityDialog dialog_;
};

}  // namespace crm::ui
