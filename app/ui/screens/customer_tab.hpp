// One tab of the customer 360 view (customer_detail): contacts, the activity timeline,
// points, ... Each tab is its own file and registers in customer_tabs.cpp, so a module that
// lands later adds its tab there: no tab exists before its module does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

class CustomerTab {
public:
    virtual ~CustomerTab() = default;
    // Stable id of the tab ("contacts"): tests and the ImGui id use it.
    virtual const char* id() const = 0;
    // The translated caption, with a count where it helps ("Contacts (2)").
    virtual std::string title() const = 0;
    // (Re)reads what the tab shows about `customer`: on opening a customer, and after any
    // write or sync changed the data (app.data_version moved).
    virtual void load(AppContext& app, const Customer& customer) = 0;
    virtual void draw(AppContext& app, const Customer& customer) = 0;
    // A key figure for the 360 header ("Points: 1,200"); empty when there is none.
    virtual std::string header_fact() const { return {}; }
    // False where the tab has nothing to offer (sharing in the sandbox, which has no colleagues).
    virtual bool shown(const AppContext&) const { return true; }
    // True while a dialog of the tab holds edits that are not saved.
    virtual bool has_unsaved_changes() const { return false; }
    // Forgets the customer (closing the view); drops any open dialog.
    virtual void clear() = 0;
};

// Every tab after the profile, in the order they are shown (customer_tabs.cpp).
std::vector<std::unique_ptr<CustomerTab>> make_customer_tabs();

}  // namespace crm::ui
