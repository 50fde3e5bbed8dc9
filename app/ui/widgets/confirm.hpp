// A modal "are you sure?" dialog for destructive actions.
//
//   if (ImGui::Button("Delete")) confirm.open("Delete customer?", "ACME will be removed.", "Delete");
//   if (confirm.draw() == ConfirmDialog::Answer::yes) delete_it();
//
// Opened from inside another popup (the contact dialog), draw() must be called inside that
// popup too: ImGui stacks a popup on the one being drawn when it is opened.
#pragma once

#include <functional>
#include <string>

namespace crm::ui {

class ConfirmDialog {
public:
    enum class Answer { none, yes, no };

    // `body`, when given, draws more of the question under the message (fields to choose with).
    void open(std::string title, std::string message, std::string confirm_caption, std::function<void()> body = {});
    // Call every frame; returns the answer in the frame the person gives it.
    Answer draw();

private:
    std::string title_, message_, confirm_caption_;
    std::function<void()> body_;
    bool request_open_ = false;
};

}  // namespace crm::ui
