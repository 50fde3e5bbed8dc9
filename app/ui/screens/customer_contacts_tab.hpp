// The customer 360 view's Contacts tab: the people at the customer, and a dialog to add or
// edit one (role in the buying decision, preferred channel, dates, opt-outs).
#pragma once

#include <optional>
#include <vector>

#include "domain/contact.hpp"
#include "ui/screens/customer_tab.hpp"
#include "ui/screens/outreach_dialog.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class CustomerContactsTab : public CustomerTab {
public:
    const char* id() const override { return "contacts"; }
    std::string title() const override;
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    bool has_unsaved_changes() const override { return draft_ && *draft_ != stored_; }
    void clear() override;

private:
    void draw_table(AppContext& app);
    void open_dialog(Contact contact);
    void draw_dialog(AppContext& app, const Customer& customer);
    void save_draft(AppContext& app, const Customer& customer);

    std::vector<Contact> contacts_;
    std::optional<Contact> draft_;  // set while the dialog is open
    Contact stored_;                // the contact as it was opened, to see edits
    Problems problems_;
    bool dialog_requested_ = false;
    bool close_dialog_ = false;
    ConfirmDialog confirm_delete_;
    ConfirmDialog confirm_discard_;
    OutreachDialog outreach_;  // copy this customer's emails, print its label or envelope
};

}  // namespace crm::ui
