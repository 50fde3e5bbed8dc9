// The customer 360 view's Points tab (客户积分): the balance, the ledger newest first, and a
// form under it to add an entry (earn, redeem, adjust) with its problems next to the fields.
// The header shows the balance too ("Points: 1,200").
#pragma once

#include <string>
#include <vector>

#include "domain/points.hpp"
#include "ui/screens/customer_tab.hpp"

namespace crm::ui {

class CustomerPointsTab : public CustomerTab {
public:
    const char* id() const override { return "points"; }
    std::string title() const override;
    void load(AppContext& app, const Customer& customer) override;
    void draw(AppContext& app, const Customer& customer) override;
    std::string header_fact() const override;
    bool has_unsaved_changes() const override { return !points_text_.empty() || !reason_.empty(); }
    void clear() override;

private:
    void draw_form(AppContext& app, const Customer& customer);
    void draw_ledger();
    void add_entry(AppContext& app, const Customer& customer);

    bool loaded_ = false;
    int64_t balance_ = 0;
    std::vector<PointsEntry> entries_;
    // The form's draft.
    std::string kind_ = "earn";
    std::string points_text_;
    std::string reason_;
    Problems problems_;
};

// "1,200", "-50": a signed number of points with thousands separated.
std::string format_points(int64_t points);

}  // namespace crm::ui
