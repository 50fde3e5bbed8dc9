// The customers list's filters (筛选): kind, type, level, lifecycle stage, member level, owner,
// city, tag and group, all applying at once (domain CustomerFilter), in a bar under the toolbar that
// the "Filters" button opens and closes; and the person's saved filters (domain saved_filter):
// pick one to apply it with its search, save what is set under a name, delete one. The bar's
// fields are found by their captions in the window "customer_filters".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "domain/customer_group.hpp"
#include "ui/screen.hpp"
#include "ui/screens/saved_filter_picker.hpp"

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
    void group_filter(AppContext& app, std::string& group_id);

    bool open_ = false;
    SavedFilterPicker saved_{"customers"};
    // The owners of the customers and the groups, read when the data changes.
    std::vector<std::string> owners_;
    std::vector<GroupSummary> groups_;
    int64_t owners_version_ = -1;
};

// How many of the filter's conditions are set.
int filters_set(const CustomerFilter& filter);

}  // namespace crm::ui
