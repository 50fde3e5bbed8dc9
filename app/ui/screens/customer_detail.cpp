#include "ui/screens/customer_detail.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "core/clock.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/table.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

//-----------------------------------------------------------------------------
// [SECTION] Opening and closing
//-----------------------------------------------------------------------------

void CustomerDetail::open(AppContext& app, const std::string& customer_id) {
    std::optional<Customer> customer = find_customer(app.db, customer_id);
    if (!customer) {
        close();
        return;
    }
    open_ = true;
    draft_ = stored_ = *customer;
    problems_.clear();
    contact_draft_.reset();
    reload_contacts(app);
}

void CustomerDetail::open_new() {
    open_ = true;
    draft_ = stored_ = Customer{};
    problems_.clear();
    contacts_.clear();
    contact_draft_.reset();
}

void CustomerDetail::close() {
    open_ = false;
    draft_ = stored_ = Customer{};
    problems_.clear();
    contacts_.clear();
    contact_draft_.reset();
}

bool CustomerDetail::has_unsaved_changes() const {
    return open_ && (draft_ != stored_ || (contact_draft_ && *contact_draft_ != contact_stored_));
}

void CustomerDetail::reload_contacts(AppContext& app) {
    contacts_ = draft_.id.empty() ? std::vector<Contact>{} : contacts_of(app.db, draft_.id);
}

//-----------------------------------------------------------------------------
// [SECTION] Customer form
//-----------------------------------------------------------------------------

void CustomerDetail::draw(AppContext& app) {
    if (!open_) {
        ImGui::TextColored(theme::kMuted, "%s", tr("customer.select_hint"));
        automation::record_text(tr("customer.select_hint"));
        return;
    }
    draw_form(app);
    if (!draft_.id.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        draw_contacts(app);
    }
    draw_contact_dialog(app);

    if (confirm_delete_customer_.draw() == ConfirmDialog::Answer::yes) {
        std::string name = stored_.name;
        if (Status status = delete_customer(app.db, stored_.id, app.user); status) {
            app.toasts.success(trf("customer.deleted", {name}));
            ++app.data_version;
            close();
        } else {
            app.toasts.failure(trf("toast.delete_failed", {status.error().message}));
        }
    }
}

void CustomerDetail::draw_form(AppContext& app) {
    namespace lim = customer_limits;
    const bool is_new = draft_.id.empty();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    const char* heading = is_new ? tr("customers.new") : stored_.name.c_str();
    ImGui::TextUnformatted(heading);
    automation::record_text(heading);
    ImGui::PopStyleColor();
    if (!is_new) {
        std::optional<int64_t> updated = parse_iso_utc(stored_.updated_at);
        std::string when = updated ? format_local_minutes(*updated) : stored_.updated_at;
        ImGui::SameLine();
        ImGui::TextColored(theme::kMuted, "  %s", trf("customer.updated", {when, stored_.updated_by}).c_str());
    }
    ImGui::Spacing();

    const bool writable = may_write(app);
    if (!writable) {
        ImGui::TextColored(theme::kMuted, "%s", tr("customer.read_only"));
        automation::record_text(tr("customer.read_only"));
    }
    ImGui::BeginDisabled(!writable);
    choice_field(tr("field.kind"), draft_.kind, kKindChoices, problems_, "kind");
    text_field(tr("field.name"), draft_.name, problems_, "name", lim::name,
               tr(draft_.kind == "person" ? "hint.person_name" : "hint.company_name"));
    text_field(tr("field.code"), draft_.code, problems_, "code", lim::code, tr("hint.code"));
    choice_field(tr("field.type"), draft_.type, kTypeChoices, problems_, "type");
    choice_field(tr("field.level"), draft_.level, kLevelChoices, problems_, "level");
    text_field(tr("field.industry"), draft_.industry, problems_, "industry", lim::industry);
    text_field(tr("field.province"), draft_.province, problems_, "province", lim::province);
    text_field(tr("field.city"), draft_.city, problems_, "city", lim::city);
    text_field(tr("field.address"), draft_.address, problems_, "address", lim::address);
    text_field(tr("field.phone"), draft_.phone, problems_, "phone", lim::phone, "+86 10 6552 8888");
    text_field(tr("field.email"), draft_.email, problems_, "email", lim::email, "name@example.com");
    text_field(tr("field.owner_id"), draft_.owner_id, problems_, "owner_id", lim::owner, tr("hint.owner"));
    multiline_field(tr("field.notes"), draft_.notes, problems_, "notes", lim::notes);
    ImGui::EndDisabled();

    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    const bool dirty = has_unsaved_changes() || is_new;
    ImGui::BeginDisabled(!dirty || !writable);
    if (ImGui::Button(tr(is_new ? "customer.create" : "action.save"))) save(app);
    ImGui::SameLine();
    if (ImGui::Button(tr(is_new ? "action.cancel" : "action.revert"))) {
        if (is_new) close();
        else {
            draft_ = stored_;
            problems_.clear();
        }
    }
    ImGui::EndDisabled();
    // Not shown at all to those who may not delete it: a disabled Delete would only tease.
    if (!is_new && app.may("customers", "delete", stored_.owner_id)) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
        if (ImGui::Button(tr("customer.delete"))) {
            confirm_delete_customer_.open(tr("customer.delete_title"),
                                          trf("customer.delete_message", {stored_.name, std::to_string(contacts_.size())}),
                                          tr("action.delete"));
        }
        ImGui::PopStyleColor();
    }
    if (!problems_.empty()) {
        ImGui::SetCursorPosX(theme::form_label_width());
        ImGui::TextColored(theme::kError, "%s", tr("form.not_saved"));
        automation::record_text(tr("form.not_saved"));
    }
}

bool CustomerDetail::may_write(const AppContext& app) const {
    return draft_.id.empty() ? app.may("customers", "create") : app.may("customers", "edit", stored_.owner_id);
}

void CustomerDetail::save(AppContext& app) {
    if (!may_write(app)) return;
    const bool is_new = draft_.id.empty();
    Customer record = draft_;
    Status status = save_customer(app.db, record, app.user);
    if (!status) {
        problems_ = status.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        return;
    }
    problems_.clear();
    draft_ = stored_ = record;
    // Leave the text field the cursor is in: after a save (Ctrl+S), Esc in that field would
    // otherwise undo back to what it held before the save, leaving a surprise edit behind.
    ImGui::ClearActiveID();
    ++app.data_version;
    app.toasts.success(trf(is_new ? "customer.created" : "customer.saved", {record.name}));
    reload_contacts(app);
}

//-----------------------------------------------------------------------------
// [SECTION] Contacts
//-----------------------------------------------------------------------------

void CustomerDetail::open_contact_dialog(Contact contact) {
    contact_stored_ = contact;
    contact_draft_ = std::move(contact);
    contact_problems_.clear();
    contact_dialog_requested_ = true;
}

void CustomerDetail::draw_contacts(AppContext& app) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(trf("contacts.heading", {std::to_string(contacts_.size())}).c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("contacts", "create"));
    const bool add = ImGui::Button(tr("contacts.add"));
    ImGui::EndDisabled();
    if (add) {
        Contact contact;
        contact.customer_id = draft_.id;
        contact.is_primary = contacts_.empty();
        open_contact_dialog(std::move(contact));
    }
    if (contacts_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("contacts.none"));
        return;
    }
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
        if (selectable_row(contact.id, name, false)) open_contact_dialog(contact);
        for (const std::string* cell : {&contact.title, &contact.mobile, &contact.email}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(cell->c_str());
            automation::record_text(cell->c_str());
        }
    }
    ImGui::EndTable();
}

void CustomerDetail::save_contact_draft(AppContext& app) {
    const bool is_new = contact_draft_->id.empty();
    Contact record = *contact_draft_;
    if (Status status = save_contact(app.db, record, app.user); status) {
        app.toasts.success(trf(is_new ? "contact.added" : "contact.saved", {record.name}));
        ++app.data_version;
        reload_contacts(app);
        close_contact_dialog_ = true;
    } else {
        contact_problems_ = status.error().fields;
        if (contact_problems_.empty()) app.toasts.failure(trf("toast.save_failed", {status.error().message}));
    }
}

void CustomerDetail::draw_contact_dialog(AppContext& app) {
    const std::string popup = std::string(tr("contact.dialog_title")) + "###contact_dialog";
    // Open while there is a draft: also after something closed every popup (the idle lock).
    if (contact_dialog_requested_ || (contact_draft_ && !ImGui::IsPopupOpen(popup.c_str()))) {
        ImGui::OpenPopup(popup.c_str());
        contact_dialog_requested_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0), ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr)) return;
    if (!contact_draft_) close_contact_dialog_ = true;
    if (close_contact_dialog_) {
        close_contact_dialog_ = false;
        contact_draft_.reset();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    namespace lim = contact_limits;
    Contact& c = *contact_draft_;
    const bool is_new = c.id.empty();
    const bool edited = c != contact_stored_;
    std::string heading = is_new ? trf("contact.new_at", {stored_.name}) : contact_stored_.name;
    ImGui::TextColored(theme::kAccent, "%s", heading.c_str());
    ImGui::Spacing();
    text_field(tr("field.name"), c.name, contact_problems_, "name", lim::name);
    text_field(tr("field.title"), c.title, contact_problems_, "title", lim::title, tr("hint.title"));
    text_field(tr("field.phone"), c.phone, contact_problems_, "phone", lim::phone);
    text_field(tr("field.mobile"), c.mobile, contact_problems_, "mobile", lim::mobile, "138 1234 5678");
    text_field(tr("field.email"), c.email, contact_problems_, "email", lim::email, "name@example.com");
    text_field(tr("field.birthday"), c.birthday, contact_problems_, "birthday", 10, "YYYY-MM-DD");
    check_field(tr("field.is_primary"), c.is_primary);
    static const char* const kOtherFields[] = {"customer_id"};
    form_problems(contact_problems_, kOtherFields);

    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    const bool writable = is_new ? app.may("contacts", "create") : app.may("contacts", "edit", c.owner_id);
    ImGui::BeginDisabled(!writable);
    if (ImGui::Button(tr(is_new ? "contact.add" : "contact.save"))) save_contact_draft(app);
    ImGui::EndDisabled();
    ImGui::SameLine();
    // Esc inside a text field only undoes that field's edit (ImGui); Esc elsewhere cancels.
    const bool escape = !ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    const std::string cancel = std::string(tr("action.cancel")) + "##contact";
    if (ImGui::Button(cancel.c_str()) || escape) {
        if (edited) {
            confirm_discard_contact_.open(tr("confirm.discard_title"), tr("contact.discard_message"),
                                          tr("action.discard"));
        } else {
            close_contact_dialog_ = true;
        }
    }
    if (!is_new && app.may("contacts", "delete", contact_stored_.owner_id)) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
        if (ImGui::Button(tr("contact.delete"))) {
            confirm_delete_contact_.open(tr("contact.delete_title"), trf("contact.delete_message", {contact_stored_.name}),
                                         tr("action.delete"));
        }
        ImGui::PopStyleColor();
    }

    // The confirmations open on top of this dialog, so they are drawn inside it.
    if (confirm_discard_contact_.draw() == ConfirmDialog::Answer::yes) close_contact_dialog_ = true;
    if (confirm_delete_contact_.draw() == ConfirmDialog::Answer::yes) {
        if (Status status = delete_contact(app.db, contact_stored_.id, app.user); status) {
            app.toasts.success(trf("contact.deleted", {contact_stored_.name}));
            ++app.data_version;
            reload_contacts(app);
            close_contact_dialog_ = true;
        } else {
            app.toasts.failure(trf("toast.delete_failed", {status.error().message}));
        }
    }
    ImGui::EndPopup();
}

}  // namespace crm::ui
