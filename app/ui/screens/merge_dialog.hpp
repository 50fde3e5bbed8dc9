// "Merge with…" (合并) from a customer's 360 view: pick the other record of the same customer
// (the possible duplicates are offered first, or search), see what moves and which fields
// differ, choose a value per field, confirm. The open customer survives and stays open; the
// other is deleted (domain/merge).
//
// Allowed to those who may edit both customers and delete the other one, and edit what moves
// (contacts, ...); the server checks each of the merge's writes again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "domain/duplicates.hpp"
#include "domain/merge.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class MergeDialog {
public:
    // The "Merge with…" button, for the profile's button row; nothing without the right to
    // edit `survivor`.
    void draw_button(AppContext& app, const Customer& survivor);
    // The dialog while open. True in the frame the merge was done: the caller reloads the survivor.
    bool draw(AppContext& app, const Customer& survivor);

private:
    struct Pick {
        std::string id, name, code, city;
    };

    void find_picks(AppContext& app, const Customer& survivor);
    void choose(AppContext& app, const Customer& survivor, const std::string& merged_id);
    bool may_merge(const AppContext& app) const;
    void draw_picks(AppContext& app, const Customer& survivor);
    void draw_preview();
    bool merge(AppContext& app);

    bool request_open_ = false;
    bool close_ = false;
    std::string search_;
    std::string searched_;  // what the picks were found for
    int64_t picks_version_ = -1;
    std::vector<Pick> picks_;
    std::optional<MergePreview> preview_;
    std::vector<char> take_merged_;  // per preview_->differences (vector<bool> has no references)
    ConfirmDialog confirm_;
};

}  // namespace crm::ui
