#include "ui/screens/customer_detail.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "core/clock.hpp"
#include "domain/contact.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/screens/customer_sheet.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/table.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/tabs.hpp"

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
    for (auto& tab : tabs_) tab->clear();
    load_tabs(app);
}

void CustomerDetail::open_new() {
    open_ = true;
    draft_ = stored_ = Customer{};
    problems_.clear();
    for (auto& tab : tabs_) tab->clear();
}

void CustomerDetail::close() {
    open_ = false;
    draft_ = stored_ = Customer{};
    problems_.clear();
    for (auto& tab : tabs_) tab->clear();
}

bool CustomerDetail::has_unsaved_changes() const {
    if (!open_) return false;
    if (draft_ != stored_) return true;
    for (const auto& tab : tabs_)
        if (tab->has_unsaved_changes()) return true;
    return false;
}

void CustomerDetail::load_tabs(AppContext& app) {
    loaded_version_ = app.data_version;
    if (stored_.id.empty()) return;
    for (auto& tab : tabs_) tab->load(app, stored_);
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
    // A write here or a sync round changed something: what the tabs show may be stale.
    if (loaded_version_ != app.data_version) load_tabs(app);
    draw_header(app);
    tab_strip_.tab(tr("customer.tab_profile"), "profile");
    // A new customer has nothing to show in the other tabs until it is created.
    if (!stored_.id.empty()) {
        for (auto& tab : tabs_)
            if (tab->shown(app)) tab_strip_.tab(tab->title(), tab->id());
    }
    const std::string& selected = tab_strip_.end();
    if (selected == "profile") draw_form(app);
    for (auto& tab : tabs_)
        if (!stored_.id.empty() && selected == tab->id()) tab->draw(app, stored_);

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

void CustomerDetail::draw_header(AppContext& app) {
    const bool is_new = stored_.id.empty();
    const char* heading = is_new ? tr("customers.new") : stored_.name.c_str();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(heading);
    automation::record_text(heading);
    ImGui::PopStyleColor();
    if (is_new) return;
    const std::string when = format_local_minutes(stored_.updated_at);
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "  %s", trf("customer.updated", {when, stored_.updated_by}).c_str());

    // The key facts in one line: what kind of customer, how valuable, where in its life.
    std::string facts = caption_of(kKindChoices, stored_.kind);
    auto add = [&facts](const char* caption) {
        if (caption && *caption) facts.append("  ·  ").append(caption);
    };
    if (!stored_.type.empty()) add(caption_of(kTypeChoices, stored_.type));
    if (!stored_.level.empty()) add(caption_of(kLevelChoices, stored_.level));
    if (!stored_.lifecycle.empty()) add(caption_of(kLifecycleChoices, stored_.lifecycle));
    if (!stored_.member_level.empty()) add(caption_of(kMemberLevelChoices, stored_.member_level));
    if (!stored_.owner_id.empty()) add(trf("customer.owner_fact", {stored_.owner_id}).c_str());
    for (const auto& tab : tabs_) {
        std::string fact = tab->header_fact();
        if (!fact.empty()) add(fact.c_str());
    }
    ImGui::TextWrapped("%s", facts.c_str());
    automation::record_text(facts.c_str());
    // Seen through a share, not one's own rights: what it allows, in sight at once.
    if (const ShareAccess share = app.share_of(stored_.id); share != ShareAccess::none &&
                                                            !app.may("customers", "edit", stored_.owner_id)) {
        const char* line = tr(share == ShareAccess::edit ? "share.with_you_edit" : "share.with_you_read");
        ImGui::TextColored(theme::kAccent, "%s", line);
        automation::record_text(line);
    }
    if (!stored_.tags.empty()) {
        std::string tags = trf("customer.tags_fact", {stored_.tags});
        ImGui::TextColored(theme::kMuted, "%s", tags.c_str());
        automation::record_text(tags.c_str());
    }
}

void CustomerDetail::draw_form(AppContext& app) {
    namespace lim = customer_limits;
    const bool writable = may_write(app);
    draw_form_buttons(app);
    if (!writable) {
        ImGui::TextColored(theme::kMuted, "%s", tr("customer.read_only"));
        automation::record_text(tr("customer.read_only"));
    }
    if (!problems_.empty()) {
        ImGui::TextColored(theme::kError, "%s", tr("form.not_saved"));
        automation::record_text(tr("form.not_saved"));
    }
    // A click on a possible duplicate opens it instead of the new customer.
    if (std::string duplicate = duplicates_.draw(app, draft_); !duplicate.empty()) {
        open(app, duplicate);
        return;
    }
    // The fields scroll under the buttons, which stay in sight on a 768 px screen.
    ImGui::BeginChild("customer_detail_fields", ImVec2(0, 0), false);
    ImGui::BeginDisabled(!writable);
    choice_field(tr("field.kind"), draft_.kind, kKindChoices, problems_, "kind");
    text_field(tr("field.name"), draft_.name, problems_, "name", lim::name,
               tr(draft_.kind == "person" ? "hint.person_name" : "hint.company_name"));
    text_field(tr("field.code"), draft_.code, problems_, "code", lim::code, tr("hint.code"));
    choice_field(tr("field.type"), draft_.type, kTypeChoices, problems_, "type");
    choice_field(tr("field.level"), draft_.level, kLevelChoices, problems_, "level");
    choice_field(tr("field.lifecycle"), draft_.lifecycle, kLifecycleChoices, problems_, "lifecycle");
    choice_field(tr("field.member_level"), draft_.member_level, kMemberLevelChoices, problems_, "member_level");
    choice_field(tr("field.source"), draft_.source, kSourceChoices, problems_, "source");
    text_field(tr("field.tags"), draft_.tags, problems_, "tags", lim::tags, tr("hint.tags"));
    // Who owns it is for those whose own rights cover it: a share lets one edit, not take.
    ImGui::BeginDisabled(!draft_.id.empty() && !app.may("customers", "edit", stored_.owner_id));
    text_field(tr("field.owner_id"), draft_.owner_id, problems_, "owner_id", lim::owner, tr("hint.owner"));
    ImGui::EndDisabled();

    form_section(tr("customer.section_contact"));
    text_field(tr("field.phone"), draft_.phone, problems_, "phone", lim::phone, "+86 10 6552 8888");
    text_field(tr("field.email"), draft_.email, problems_, "email", lim::email, "name@example.com");
    text_field(tr("field.province"), draft_.province, problems_, "province", lim::province);
    text_field(tr("field.city"), draft_.city, problems_, "city", lim::city);
    text_field(tr("field.address"), draft_.address, problems_, "address", lim::address);

    if (draft_.kind == "person") {
        form_section(tr("customer.section_person"));
        choice_field(tr("field.gender"), draft_.gender, kGenderChoices, problems_, "gender");
        text_field(tr("field.birthday"), draft_.birthday, problems_, "birthday", 10, "YYYY-MM-DD");
        text_field(tr("field.occupation"), draft_.occupation, problems_, "occupation", lim::occupation);
        text_field(tr("field.employer"), draft_.employer, problems_, "employer", lim::employer);
        choice_field(tr("field.income_band"), draft_.income_band, kIncomeBandChoices, problems_, "income_band");
        text_field(tr("field.family"), draft_.family, problems_, "family", lim::family);
        text_field(tr("field.interests"), draft_.interests, problems_, "interests", lim::interests);
        text_field(tr("field.preferences"), draft_.preferences, problems_, "preferences", lim::preferences);
    } else {
        form_section(tr("customer.section_company"));
        text_field(tr("field.industry"), draft_.industry, problems_, "industry", lim::industry);
        choice_field(tr("field.company_size"), draft_.company_size, kCompanySizeChoices, problems_, "company_size");
        choice_field(tr("field.business_status"), draft_.business_status, kBusinessStatusChoices, problems_,
                     "business_status");
        choice_field(tr("field.credit_rating"), draft_.credit_rating, kCreditRatingChoices, problems_, "credit_rating");
        text_field(tr("field.trade_terms"), draft_.trade_terms, problems_, "trade_terms", lim::trade_terms);
    }
    form_section(tr("field.notes"));
    multiline_field(tr("field.notes"), draft_.notes, problems_, "notes", lim::notes);
    ImGui::EndDisabled();
    ImGui::EndChild();
}

void CustomerDetail::draw_form_buttons(AppContext& app) {
    const bool is_new = draft_.id.empty();
    const bool writable = may_write(app);
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
                                          trf("customer.delete_message",
                                              {stored_.name, std::to_string(contacts_of(app.db, stored_.id).size())}),
                                          tr("action.delete"));
        }
        ImGui::PopStyleColor();
    }
    if (!is_new) merge_.draw_button(app, stored_);
    if (!is_new && app.platform) {
        ImGui::SameLine();
        if (ImGui::Button(tr("sheet.print"))) {
            app.platform->print_html(customer_sheet_html(app, stored_));
            app.toasts.success(tr("sheet.sent"));
        }
    }
    if (merge_.draw(app, stored_)) open(app, std::string(stored_.id));  // the survivor, with what it gained
}

bool CustomerDetail::may_write(const AppContext& app) const {
    return draft_.id.empty() ? app.may("customers", "create")
                             : app.may_on_customer("customers", "edit", stored_.id, stored_.owner_id);
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
}

}  // namespace crm::ui
