#include "ui/widgets/toast.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

void Toasts::show(std::string message, bool is_error) {
    message_ = std::move(message);
    is_error_ = is_error;
    until_ = ImGui::GetTime() + (is_error ? 8.0 : 4.0);
}

double Toasts::seconds_left() const {
    if (message_.empty()) return -1;
    double left = until_ - ImGui::GetTime();
    return left > 0 ? left : -1;
}

void Toasts::draw() {
    if (message_.empty() || ImGui::GetTime() > until_) return;
    ImGui::TextColored(is_error_ ? theme::kError : theme::kSuccess, "%s", message_.c_str());
    automation::record_text(message_.c_str());
}

}  // namespace crm::ui
