// The customers list's filters (筛选): kind, type, level, lifecycle stage, member level, owner,
// city and tag, all applying at once (domain CustomerFilter), in a bar under the toolbar that
// the "Filters" button opens and closes; and the person's saved filters (domain saved_filter):
// pick one to apply it with its search, save what is set under a name, delete one. The bar's
// fields are found by their captions in the window "customer_filters".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "domain/saved_filter.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

class CustomerFilterBar {
public:
    // "Filters" (or "Filters (2)" with two set), for the toolbar: opens and closes the bar.
    void draw_toggle(const CustomerFilter& filter);
    // The bar, while open. True in the frame the query's filter or search changed.
    bool draw(AppContext& app, CustomerQuery& query);
    bool is_open() const { return open_; }

private:
    void owner_filter(AppContext& app, std::string& owner);
    bool draw_saved(AppContext& app, CustomerQuery& query);
    void draw_save_popup(AppContext& app, const CustomerQuery& query);

    bool open_ = false;
    std::vector<SavedFilter> saved_;  // the person's, read when the data changes
    int64_t saved_version_ = -1;
    std::string applied_id_;  // the saved filter last picked, until the filters change
    std::string save_name_;
    Problems save_problems_;
    bool open_save_popup_ = false;
    std::vector<std::string> owners_;  // the owners of the customers, read when the data changes
    int64_t owners_version_ = -1;
};

// How many of the filter's conditions are set.
int filters_set(const CustomerFilter& filter);

}  // namespace crm::ui
