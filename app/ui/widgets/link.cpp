#include "ui/widgets/link.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

bool link_button(const std::string& text, std::string_view id) {
    ImGui::PushID(id.data(), id.data() + id.size());
    ImGui::PushID(text.c_str());
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("link", ImVec2(std::max(size.x, 1.0f), size.y));
    automation::record_label(text.c_str());
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = ImGui::GetColorU32(theme::kAccent);
    draw->AddText(at, colour, text.c_str());
    if (hovered) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        draw->AddLine(ImVec2(at.x, at.y + size.y), ImVec2(at.x + size.x, at.y + size.y), colour);
    }
    ImGui::PopID();
    ImGui::PopID();
    return clicked;
}

std::string tel_url(std::string_view phone) {
    std::string number;
    for (size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (c >= '0' && c <= '9') number += c;
        else if (c == '+' && number.empty()) number += c;
        // An extension ("ext 12", "x12", "转12") is dialled by hand after the call connects.
        else if (c == 'x' || c == 'X' || c == 'e' || c == 'E' || static_cast<unsigned char>(c) >= 0x80) break;
    }
    if (number.empty() || number == "+") return {};
    return "tel:" + number;
}

std::string mailto_url(std::string_view email) {
    const std::string address = trim(email);
    return address.empty() ? std::string() : "mailto:" + address;
}

namespace {

void link_or_text(AppContext& app, const std::string& text, const std::string& url, std::string_view id) {
    if (text.empty()) return;
    if (url.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", text.c_str());
        automation::record_text(text.c_str());
        return;
    }
    if (link_button(text, id) && app.platform) app.platform->open_url(url);
}

}  // namespace

void phone_link(AppContext& app, const std::string& phone, std::string_view id) {
    link_or_text(app, phone, tel_url(phone), id);
}

void email_link(AppContext& app, const std::string& email, std::string_view id) {
    link_or_text(app, email, mailto_url(email), id);
}

}  // namespace crm::ui
