// The customers screen (客户): a searchable, sortable list on the left and the selected
// customer's detail on the right. Ticking rows selects customers for an action on all of them
// at once: log one activity for each, or reach out (copy emails, print labels or envelopes).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/customer.hpp"
#include "domain/customer_search.hpp"
#include "ui/screen.hpp"
#include "ui/screens/batch_activity.hpp"
#include "ui/screens/customer_detail.hpp"
#include "ui/screens/customer_filters.hpp"
#include "ui/screens/group_batch_dialog.hpp"
#include "ui/screens/outreach_dialog.hpp"
#include "ui/widgets/confirm.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

class CustomersScreen : public Screen {
public:
    const char* title_key() const override { return "nav.customers"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override {
        return detail_.has_unsaved_changes() || batch_activity_.has_unsaved_changes();
    }

private:
    void draw_toolbar(AppContext& app);
    // Downloads the list as filtered and sorted as a CSV file (domain/csv_export).
    void export_csv(AppContext& app);
    void handle_shortcut(AppContext& app);
    void draw_table(AppContext& app);
    void draw_row(AppContext& app, const CustomerRow& row);
    // The bar of actions on the ticked customers, under the toolbar while any are ticked.
    void draw_selection_bar(AppContext& app);
    // The contacts of the customers shown, as CSV (opted-out channels blank, contacts who
    // opted out of everything left out and counted).
    void export_contacts(AppContext& app);
    // The ticked customers, in list order (those the search hides after); those deleted
    // meanwhile are left out.
    std::vector<CustomerRow> selected_rows();
    std::vector<std::string> selected_ids(AppContext& app);
    // Ctrl+C or Copy rows: the ticked rows to the clipboard as tab-separated text.
    void copy_rows(AppContext& app);
    void tick(int64_t rowid, bool ticked);
    void clear_selection() {
        selected_.clear();
        all_ticked_.reset();
    }
    // Whether every row shown is ticked, worked out again only when either changes.
    bool all_ticked();
    // Reads the list again (the data, sort or filters changed), then applies the search.
    void reload(AppContext& app);
    // The rows of the search box's text, from memory (every keystroke); tells the app what
    // the list now shows (AppContext::customer_list).
    void apply_search(AppContext& app);
    const CustomerRow* row_at(AppContext& app, size_t index);
    // Opens a customer (or a blank form for "" ), asking first if edits would be lost.
    void request_open(AppContext& app, const std::string& customer_id, bool is_new);

    CustomerQuery query_;
    CustomerFilterBar filters_;
    ColumnChooser chooser_;  // the columns after Name
    bool focus_search_ = false;
    CustomerSearch search_;
    std::vector<int64_t> rowids_;  // the rows shown, in order
    int64_t total_ = 0;  // live customers, counted when the data changes
    int64_t loaded_version_ = -1;
    int64_t loaded_changes_ = -1;  // Db::total_changes() when loaded: any write reloads
    bool query_changed_ = true;

    // Rows fetched for drawing, by rowid; cleared when the data changes.
    std::optional<CustomerRows> loader_;
    RowCache<CustomerRow> row_cache_;

    // Ticked rows, by rowid: kept while the search changes, so a selection can be built from
    // several searches.
    std::set<int64_t> selected_;
    std::vector<size_t> copy_columns_;  // into kColumns: those shown, in display order
    std::optional<bool> all_ticked_;
    BatchActivityDialog batch_activity_;
    OutreachDialog outreach_;
    GroupBatchDialog group_batch_;

    CustomerDetail detail_;
    ConfirmDialog confirm_discard_;
    std::string pending_open_id_;
    bool pending_is_new_ = false;
    bool pending_close_ = false;  // the pending action is closing the form (Esc)
};

}  // namespace crm::ui
