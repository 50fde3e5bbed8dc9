// A modal "are you sure?" dialog for destructive actions.
//
//   if (ImGui::Button("Delete")) confirm.open("Delete customer?", "ACME will be removed.", "Delete");
//   if (confirm.draw() == ConfirmDialog::Answer::yes) delete_it();
//
// Opened from inside another popup (the contact dialog), draw() must be called inside that
// popup too: ImGui stacks a popup on the one being drawn when it is opened.
#pragma once

#include <string>

namespace crm::ui {

class ConfirmDialog {
public:
    enum class Answer { none, yes, no };

    void open(std::string title, std::string message, std::string confirm_caption);
    // Call every frame; returns the answer in the frame the person gives it.
    Answer draw();

private:
    std::string title_, message_, confirm_caption_;
    bool request_open_ = false;
};

}  // namespace crm::ui
