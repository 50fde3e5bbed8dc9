#include "ui/screens/customer_contacts_tab.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/link.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

std::string CustomerContactsTab::title() const {
    return trf("contacts.heading", {std::to_string(contacts_.size())});
}

void CustomerContactsTab::load(AppContext& app, const Customer& customer) {
    contacts_ = customer.id.empty() ? std::vector<Contact>{} : contacts_of(app.db, customer.id);
}

void CustomerContactsTab::clear() {
    contacts_.clear();
    draft_.reset();
}

void CustomerContactsTab::open_dialog(Contact contact) {
    stored_ = contact;
    draft_ = std::move(contact);
    problems_.clear();
    dialog_requested_ = true;
}

void CustomerContactsTab::draw(AppContext& app, const Customer& customer) {
    ImGui::BeginDisabled(!app.may_on_customer("contacts", "create", customer.id, customer.owner_id));
    const bool add = ImGui::Button(tr("contacts.add"));
    ImGui::EndDisabled();
    if (add) {
        Contact contact;
        contact.customer_id = customer.id;
        contact.is_primary = contacts_.empty();
        open_dialog(std::move(contact));
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("outreach.open"))) outreach_.open({customer.id}, customer.name);
    outreach_.draw(app);
    if (contacts_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("contacts.none"));
    } else {
        draw_table(app);
    }
    // After the button that opens it, so that the dialog opens in the same frame.
    draw_dialog(app, customer);
}

void CustomerContactsTab::draw_table(AppContext& app) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    // Four columns fit the panel on a 1366 px screen; the dialog shows every field.
    if (!ImGui::BeginTable("contacts", 4, flags)) return;
    ImGui::TableSetupColumn(tr("field.name"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("field.title"), ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableSetupColumn(tr("field.mobile"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(tr("field.email"), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    table_headers_row();
    for (const Contact& contact : contacts_) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string name = contact.is_primary ? trf("contacts.primary_name", {contact.name}) : contact.name;
        if (selectable_row(contact.id, name, false)) open_dialog(contact);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(contact.title.c_str());
        automation::record_text(contact.title.c_str());
        ImGui::TableNextColumn();
        phone_link(app, contact.mobile, contact.id);
        ImGui::TableNextColumn();
        email_link(app, contact.email, contact.id);
    }
    ImGui::EndTable();
}

void CustomerContactsTab::save_draft(AppContext& app, const Customer& customer) {
    const bool is_new = draft_->id.empty();
    Contact record = *draft_;
    if (Status status = save_contact(app.db, record, app.user); status) {
        app.toasts.success(trf(is_new ? "contact.added" : "contact.saved", {record.name}));
        ++app.data_version;
        load(app, customer);
        close_dialog_ = true;
    } else {
        problems_ = status.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {status.error().message}));
    }
}

void CustomerContactsTab::draw_dialog(AppContext& app, const Customer& customer) {
    const std::string popup = std::string(tr("contact.dialog_title")) + "###contact_dialog";
    // Open while there is a draft: also after something closed every popup (the idle lock).
    if (dialog_requested_ || (draft_ && !ImGui::IsPopupOpen(popup.c_str()))) {
        ImGui::OpenPopup(popup.c_str());
        dialog_requested_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr)) return;
    if (!draft_) close_dialog_ = true;
    if (close_dialog_) {
        close_dialog_ = false;
        draft_.reset();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    namespace lim = contact_limits;
    Contact& c = *draft_;
    const bool is_new = c.id.empty();
    const bool edited = c != stored_;
    std::string heading = is_new ? trf("contact.new_at", {customer.name}) : stored_.name;
    ImGui::TextColored(theme::kAccent, "%s", heading.c_str());
    ImGui::Spacing();
    text_field(tr("field.name"), c.name, problems_, "name", lim::name);
    text_field(tr("field.title"), c.title, problems_, "title", lim::title, tr("hint.title"));
    text_field(tr("field.phone"), c.phone, problems_, "phone", lim::phone);
    text_field(tr("field.mobile"), c.mobile, problems_, "mobile", lim::mobile, "138 1234 5678");
    text_field(tr("field.email"), c.email, problems_, "email", lim::email, "name@example.com");
    choice_field(tr("field.decision_role"), c.role, kContactRoleChoices, problems_, "role");
    choice_field(tr("field.preferred_channel"), c.preferred_channel, kChannelChoices, problems_, "preferred_channel");
    text_field(tr("field.birthday"), c.birthday, problems_, "birthday", 10, "YYYY-MM-DD");
    text_field(tr("field.anniversary"), c.anniversary, problems_, "anniversary", 10, "YYYY-MM-DD");
    text_field(tr("field.address"), c.address, problems_, "address", lim::address);
    check_field(tr("field.is_primary"), c.is_primary);
    ImGui::SetCursorPosX(theme::form_label_width());
    ImGui::TextColored(theme::kMuted, "%s", tr("contact.opt_outs"));
    check_field(tr("field.no_email"), c.no_email);
    check_field(tr("field.no_sms"), c.no_sms);
    check_field(tr("field.no_call"), c.no_call);
    check_field(tr("field.no_mail"), c.no_mail);
    static const char* const kOtherFields[] = {"customer_id"};
    form_problems(problems_, kOtherFields);

    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    const bool writable = app.may_on_customer("contacts", is_new ? "create" : "edit", customer.id, customer.owner_id);
    ImGui::BeginDisabled(!writable);
    if (ImGui::Button(tr(is_new ? "contact.add" : "contact.save"))) save_draft(app, customer);
    ImGui::EndDisabled();
    ImGui::SameLine();
    // Esc inside a text field only undoes that field's edit (ImGui); Esc elsewhere cancels.
    const bool escape = !ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    const std::string cancel = std::string(tr("action.cancel")) + "##contact";
    if (ImGui::Button(cancel.c_str()) || escape) {
        if (edited) {
            confirm_discard_.open(tr("confirm.discard_title"), tr("contact.discard_message"),
                                          tr("action.discard"));
        } else {
            close_dialog_ = true;
        }
    }
    if (!is_new && app.may("contacts", "delete", stored_.owner_id)) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
        if (ImGui::Button(tr("contact.delete"))) {
            confirm_delete_.open(tr("contact.delete_title"), trf("contact.delete_message", {stored_.name}),
                                         tr("action.delete"));
        }
        ImGui::PopStyleColor();
    }

    // The confirmations open on top of this dialog, so they are drawn inside it.
    if (confirm_discard_.draw() == ConfirmDialog::Answer::yes) close_dialog_ = true;
    if (confirm_delete_.draw() == ConfirmDialog::Answer::yes) {
        if (Status status = delete_contact(app.db, stored_.id, app.user); status) {
            app.toasts.success(trf("contact.deleted", {stored_.name}));
            ++app.data_version;
            load(app, customer);
            close_dialog_ = true;
        } else {
            app.toasts.failure(trf("toast.delete_failed", {status.error().message}));
        }
    }
    ImGui::EndPopup();
}

}  // namespace crm::ui
