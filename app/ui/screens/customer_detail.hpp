// The right-hand panel of the customers screen: the customer 360 view. A header with the
// key facts and figures, then tabs: the profile form, and one tab per module that knows
// something about the customer (customer_tabs.cpp: contacts, activities, points, ...).
//
// The profile holds a draft copy of the record; nothing reaches the database until Save,
// and Save writes nothing when validation finds a problem (shown next to its field).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "ui/screen.hpp"
#include "ui/screens/customer_tab.hpp"
#include "ui/screens/duplicate_warning.hpp"
#include "ui/screens/merge_dialog.hpp"
#include "ui/widgets/confirm.hpp"
#include "ui/widgets/tabs.hpp"

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
    void draw_header(AppContext& app);
    void draw_form(AppContext& app);
    void draw_form_buttons(AppContext& app);
    void load_tabs(AppContext& app);

    bool open_ = false;
    Customer draft_;
    Customer stored_;
    Problems problems_;
    int64_t loaded_version_ = -1;  // app.data_version the tabs last loaded at

    std::vector<std::unique_ptr<CustomerTab>> tabs_ = make_customer_tabs();
    TabStrip tab_strip_;  // the profile, then each tab shown
    ConfirmDialog confirm_delete_customer_;
    DuplicateWarning duplicates_;
    MergeDialog merge_;
};

}  // namespace crm::ui
