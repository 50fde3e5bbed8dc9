// Phone numbers and email addresses drawn as links: a click opens the phone app (tel:) or
// the mail program (mailto:) through the platform. Tests click them by the text shown.
#pragma once

#include <string>
#include <string_view>

#include "ui/screen.hpp"

namespace crm::ui {

// Text in the link colour, underlined while hovered; true when clicked. The ImGui id comes
// from `id` and the text, so the same number in two rows stays two links.
bool link_button(const std::string& text, std::string_view id = {});

// "tel:+861065528888" from "+86 10 6552 8888" (digits and a leading +, an extension cut off);
// empty when there are no digits.
std::string tel_url(std::string_view phone);
// "mailto:a@b.cn"; empty for an empty address.
std::string mailto_url(std::string_view email);

// A link for the number or address (plain muted text when it cannot be one); nothing at all
// for an empty one.
void phone_link(AppContext& app, const std::string& phone, std::string_view id = {});
void email_link(AppContext& app, const std::string& email, std::string_view id = {});

}  // namespace crm::ui
