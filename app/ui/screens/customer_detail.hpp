// The right-hand panel of the customers screen: one customer's form and its contacts.
//
// Holds a draft copy of the record; nothing reaches the database until Save, and Save
// writes nothing when validation finds a problem (the problems show next to their fields).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class CustomerDetail {
public:
    void open(AppContext& app, const std::string& customer_id);
    void open_new();
    void close();

    bool is_open() const { return open_; }
    // True while the customer's draft or an open contact's draft differs from what is stored.
    bool has_unsaved_changes() const;
    const std::string& customer_id() const { return draft_.id; }

    void draw(AppContext& app);
    // Saves the draft (the Save button, Ctrl+S); problems show next to their fields.
    void save(AppContext& app);

private:
    // Create for a new customer, edit for a stored one (by its owner, for the own/team scopes).
    bool may_write(const AppContext& app) const;
    void draw_form(AppContext& app);
    void draw_contacts(AppContext& app);
    void draw_contact_dialog(AppContext& app);
    void reload_contacts(AppContext& app);

    bool open_ = false;
    Customer draft_;
    Customer stored_;
    Problems problems_;

    std::vector<Contact> contacts_;
    void open_contact_dialog(Contact contact);
    void save_contact_draft(AppContext& app);

    std::optional<Contact> contact_draft_;  // set while the contact dialog is open
    Contact contact_stored_;                 // the contact as it was opened, to see edits
    Problems contact_problems_;
    bool contact_dialog_requested_ = false;
    bool close_contact_dialog_ = false;

    ConfirmDialog confirm_delete_customer_;
    ConfirmDialog confirm_delete_contact_;
    ConfirmDialog confirm_discard_contact_;
};

}  // namespace crm::ui
