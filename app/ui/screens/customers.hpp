// The customers screen (客户): a searchable, sortable list on the left and the selected
// customer's detail on the right.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/customer.hpp"
#include "ui/screen.hpp"
#include "ui/screens/customer_detail.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class CustomersScreen : public Screen {
public:
    const char* title_key() const override { return "nav.customers"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override { return detail_.has_unsaved_changes(); }

private:
    void draw_toolbar(AppContext& app);
    // Downloads the list as filtered and sorted as a CSV file (domain/csv_export).
    void export_csv(AppContext& app);
    void handle_shortcut(AppContext& app);
    void draw_table(AppContext& app);
    void reload(AppContext& app);
    const CustomerRow* row_at(AppContext& app, size_t index);
    // Opens a customer (or a blank form for "" ), asking first if edits would be lost.
    void request_open(AppContext& app, const std::string& customer_id, bool is_new);

    CustomerQuery query_;
    bool focus_search_ = false;
    std::vector<int64_t> rowids_;
    int64_t total_ = 0;  // live customers, counted when the data changes
    int64_t loaded_version_ = -1;
    bool query_changed_ = true;

    // Rows fetched for drawing, by rowid; cleared when the data changes.
    std::optional<CustomerRows> loader_;
    std::unordered_map<int64_t, CustomerRow> row_cache_;

    CustomerDetail detail_;
    ConfirmDialog confirm_discard_;
    std::string pending_open_id_;
    bool pending_is_new_ = false;
    bool pending_close_ = false;  // the pending action is closing the form (Esc)
};

}  // namespace crm::ui
