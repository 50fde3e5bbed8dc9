// Reaching out to a set of customers: copy their email addresses for a mailing, print address
// labels or envelopes. The actions are functions of customer ids (a list's selection, the
// customers of a reminder list, the one customer of the 360 view); OutreachDialog offers the
// three in a small dialog and says what each did, opt-outs included.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ui/screen.hpp"

namespace crm::ui {

// Each returns the sentence to show ("Copied 23 addresses; 2 left out (opted out)").
// Copies the addresses to the clipboard (ImGui::SetClipboardText, which the platform forwards
// to the system's).
std::string copy_email_addresses(AppContext& app, std::span<const std::string> customer_ids);
// Build the page and send it to app.platform->print_html(); nothing is sent without addresses.
std::string print_address_labels(AppContext& app, std::span<const std::string> customer_ids);
std::string print_envelopes(AppContext& app, std::span<const std::string> customer_ids);

class OutreachDialog {
public:
    // Opens the dialog for these customers; `heading` says which they are ("华信科技有限公司",
    // "3 customers").
    void open(std::vector<std::string> customer_ids, std::string heading);
    // Call every frame, after the button that opens it.
    void draw(AppContext& app);
    bool is_open() const { return open_; }
    // The last action's sentence, as shown.
    const std::string& message() const { return message_; }

private:
    std::vector<std::string> customer_ids_;
    std::string heading_;
    std::string message_;
    bool open_ = false;
    bool requested_ = false;
};

}  // namespace crm::ui
