// The customer 360 view's Files tab (客户附件): the files kept with the customer (contracts,
// licences, photos), each to download, and, for those who may edit the customer, a button to
// attach another through the browser's file chooser and one to remove each. A file too large
// or empty is said next to the button, and nothing is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/customer_file.hpp"
#include "ui/screens/customer_tab.hpp"
#include "ui/server_api.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class CustomerFilesTab : public CustomerTab {
public:
    const char* id() const override { return "files"; }
    std::string title() const override;
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    void clear() override;

private:
    void attach_chosen(AppContext& app, const Customer& customer);
    void draw_list(AppContext& app, const Customer& customer, bool manage);

    std::vector<CustomerFile> files_;
    // A file the chooser handed over, attached in the next frame to the customer it was chosen for.
    struct Chosen {
        std::string customer_id, name, bytes;
    };
    std::optional<Chosen> chosen_;
    std::string problem_;  // about the last file chosen
    std::string removing_;  // the file the confirmation is about
    ConfirmDialog confirm_remove_;
    CallbackGuard guard_;  // a file chosen after the tab is gone finds nobody
};

}  // namespace crm::ui
