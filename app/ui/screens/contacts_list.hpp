// The contacts list (联系人): every contact the person may see, with its customer; searched,
// filtered (buying role, preferred channel, opted out, owner), sorted and exported with the
// opt-outs honoured (domain csv_export). Clicking a contact opens its customer's 360 view.
#pragma once

#include <string>
#include <vector>

#include "ui/screens/record_list_screen.hpp"

namespace crm::ui {

class ContactsListScreen : public RecordListScreen {
public:
    ContactsListScreen();
    const char* title_key() const override { return "nav.contacts"; }

protected:
    std::string cell_text(const ListRow& row, size_t column) const override;
    bool draw_filters(AppContext& app) override;
    void open_row(AppContext& app, const ListRow& row) override;
    CsvExport export_rows(AppContext& app, std::span<const int64_t> rowids) override;

private:
    std::vector<std::string> owners_;
    int64_t owners_version_ = -1;
};

}  // namespace crm::ui
