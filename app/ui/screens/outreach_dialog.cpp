#include "ui/screens/outreach_dialog.hpp"

#include <imgui.h>

#include "domain/outreach.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

namespace {

std::string count_sentence(const char* one_key, const char* many_key, size_t n) {
    return n == 1 ? std::string(tr(one_key)) : trf(many_key, {std::to_string(n)});
}

// What a print left out, appended to the sentence: contacts who take no letters, customers
// without an address.
std::string print_sentence(const MailingList& list, const char* one_key, const char* many_key) {
    std::string sentence = list.items.empty() ? std::string(tr("outreach.nothing_to_print"))
                                              : count_sentence(one_key, many_key, list.items.size());
    if (list.opted_out > 0) sentence += trf("outreach.mail_opted_out", {std::to_string(list.opted_out)});
    if (list.without_address > 0) sentence += trf("outreach.without_address", {std::to_string(list.without_address)});
    return sentence;
}

std::string print(AppContext& app, std::span<const std::string> customer_ids, bool envelopes) {
    const MailingList list = collect_mailing_addresses(app.db, customer_ids);
    if (!list.items.empty() && app.platform) {
        app.platform->print_html(envelopes ? envelopes_html(list, tr("outreach.envelopes_title"))
                                           : labels_html(list, tr("outreach.labels_title")));
    }
    return envelopes ? print_sentence(list, "outreach.envelopes_one", "outreach.envelopes")
                     : print_sentence(list, "outreach.labels_one", "outreach.labels");
}

}  // namespace

std::string copy_email_addresses(AppContext& app, std::span<const std::string> customer_ids) {
    const EmailList list = collect_emails(app.db, customer_ids);
    if (!list.addresses.empty()) ImGui::SetClipboardText(join_addresses(list.addresses).c_str());
    std::string sentence = list.addresses.empty() ? std::string(tr("outreach.no_addresses"))
                                                  : count_sentence("outreach.copied_one", "outreach.copied",
                                                                   list.addresses.size());
    if (list.opted_out > 0) sentence += trf("outreach.email_opted_out", {std::to_string(list.opted_out)});
    return sentence;
}

std::string print_address_labels(AppContext& app, std::span<const std::string> customer_ids) {
    return print(app, customer_ids, false);
}

std::string print_envelopes(AppContext& app, std::span<const std::string> customer_ids) {
    return print(app, customer_ids, true);
}

void OutreachDialog::open(std::vector<std::string> customer_ids, std::string heading) {
    customer_ids_ = std::move(customer_ids);
    heading_ = std::move(heading);
    message_.clear();
    open_ = requested_ = true;
}

void OutreachDialog::draw(AppContext& app) {
    const std::string popup = std::string(tr("outreach.title")) + "###outreach_dialog";
    if (requested_ || (open_ && !ImGui::IsPopupOpen(popup.c_str()))) {
        ImGui::OpenPopup(popup.c_str());
        requested_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr)) return;
    ImGui::TextColored(theme::kAccent, "%s", heading_.c_str());
    automation::record_text(heading_.c_str());
    ImGui::Spacing();
    if (ImGui::Button(tr("outreach.copy_emails"))) message_ = copy_email_addresses(app, customer_ids_);
    ImGui::SameLine();
    if (ImGui::Button(tr("outreach.print_labels"))) message_ = print_address_labels(app, customer_ids_);
    ImGui::SameLine();
    if (ImGui::Button(tr("outreach.print_envelopes"))) message_ = print_envelopes(app, customer_ids_);
    if (!message_.empty()) {
        ImGui::Spacing();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(message_.c_str());
        ImGui::PopTextWrapPos();
        automation::record_text(message_.c_str());
    }
    ImGui::Spacing();
    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (ImGui::Button(tr("outreach.close")) || escape) {
        open_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace crm::ui
