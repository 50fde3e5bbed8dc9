#include "ui/screens/activity_dialog.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/customer.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

namespace {

constexpr Choice kKindChoices[] = {{"call", "activity.kind.call"},   {"visit", "activity.kind.visit"},
                                   {"meeting", "activity.kind.meeting"}, {"email", "activity.kind.email"},
                                   {"sms", "activity.kind.sms"},     {"task", "activity.kind.task"},
                                   {"note", "activity.kind.note"}};

// What was typed, as the domain stores it: UTC where it reads as a local time, else as typed
// (validate() then names it), "" for nothing.
std::string utc_text(const std::string& typed) {
    std::optional<int64_t> ms = parse_local_minutes(trim(typed));
    return ms ? iso_utc(*ms) : trim(typed);
}

}  // namespace

std::span<const Choice> activity_kind_choices() { return kKindChoices; }

const char* activity_kind_caption(const std::string& kind) { return caption_of(kKindChoices, kind); }

std::string activity_when(const Activity& a) {
    return format_local_minutes(a.is_done() ? a.done_at : !a.planned_at.empty() ? a.planned_at : a.created_at);
}

ActivityState activity_state(const Activity& activity, int64_t now_ms) {
    if (activity.is_done()) return {tr("activity.state.done"), theme::kSuccess};
    std::optional<int64_t> planned = parse_iso_utc(activity.planned_at);
    if (planned && *planned < now_ms) return {tr("activity.state.overdue"), theme::kError};
    if (planned) return {tr("activity.state.planned"), theme::kAccent};
    return {tr("activity.state.noted"), theme::kMuted};
}

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

ActivityDialog::Draft ActivityDialog::draft_of(const Activity& activity) {
    return {activity, format_local_minutes(activity.planned_at), format_local_minutes(activity.done_at), activity.is_done()};
}

void ActivityDialog::open(Activity activity, std::string customer_name, std::string customer_owner,
                          std::vector<Contact> contacts) {
    if (activity.kind.empty()) activity.kind = "visit";
    stored_ = draft_of(activity);
    draft_ = stored_;
    customer_name_ = std::move(customer_name);
    customer_owner_ = std::move(customer_owner);
    contacts_ = std::move(contacts);
    batch_.clear();
    problems_.clear();
    failure_.clear();
    open_requested_ = true;
}

void ActivityDialog::open_stored(Db& db, const Activity& activity) {
    std::optional<Customer> customer = find_customer(db, activity.customer_id);
    if (!customer) return;
    open(activity, customer->name, customer->owner_id, contacts_of(db, customer->id));
}

void ActivityDialog::open_batch(std::vector<std::string> customer_ids) {
    open(Activity{}, {}, {}, {});
    batch_ = std::move(customer_ids);
}

bool ActivityDialog::has_unsaved_changes() const { return draft_ && *draft_ != stored_; }

Activity ActivityDialog::record_of(const Draft& draft) const {
    // A time left as it was shown keeps its stored value: the form shows minutes, and the
    // seconds of a time marked done elsewhere are not an edit to sync.
    auto time_of = [](const std::string& typed, const std::string& shown, const std::string& stored) {
        return typed == shown ? stored : utc_text(typed);
    };
    Activity record = draft.activity;
    record.planned_at = time_of(draft.planned_text, stored_.planned_text, stored_.activity.planned_at);
    record.done_at = draft.done ? time_of(draft.done_text, stored_.done_text, stored_.activity.done_at) : std::string();
    return record;
}

bool ActivityDialog::may_write(const AppContext& app) const {
    const bool is_new = stored_.activity.id.empty();
    return app.may_on_customer("activities", is_new ? "create" : "edit", stored_.activity.customer_id, customer_owner_);
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

ActivityDialog::Outcome ActivityDialog::draw(AppContext& app) {
    Outcome outcome = Outcome::none;
    const std::string popup = std::string(tr("activity.dialog_title")) + "###activity_dialog";
    // Open while there is a draft: also after something closed every popup (the idle lock).
    if (open_requested_ || (draft_ && !ImGui::IsPopupOpen(popup.c_str()))) {
        ImGui::OpenPopup(popup.c_str());
        open_requested_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // A fixed width and the height of what it holds: problems under the fields make it grow, and
    // the buttons stay in sight.
    const float width = ImGui::GetFontSize() * 34;
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, FLT_MAX));
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return outcome;
    if (!draft_ || close_requested_) {
        close_requested_ = false;
        draft_.reset();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return outcome;
    }
    const bool is_new = stored_.activity.id.empty();
    const std::string heading = !batch_.empty() ? trf("activity.batch_heading", {std::to_string(batch_.size())})
                                : is_new        ? trf("activity.new_at", {customer_name_})
                                                : trf("activity.at", {customer_name_});
    ImGui::TextColored(theme::kAccent, "%s", heading.c_str());
    automation::record_text(heading.c_str());
    ImGui::Spacing();
    ImGui::BeginDisabled(!may_write(app));
    draw_fields();
    ImGui::EndDisabled();
    draw_buttons(app, outcome);
    ImGui::EndPopup();
    return outcome;
}

void ActivityDialog::draw_fields() {
    namespace lim = activity_limits;
    Draft& d = *draft_;
    Activity& a = d.activity;
    choice_field(tr("field.activity_kind"), a.kind, kKindChoices, problems_, "kind");
    if (batch_.empty()) {
        std::vector<Option> contacts = {{"", tr("choice.none")}};
        for (const Contact& contact : contacts_) contacts.push_back({contact.id, contact.name});
        option_field(tr("field.contact"), a.contact_id, contacts, problems_, "contact_id");
    }
    text_field(tr("field.subject"), a.subject, problems_, "subject", lim::subject, tr("hint.activity_subject"));
    text_field(tr("field.planned_at"), d.planned_text, problems_, "planned_at", 16, "YYYY-MM-DD HH:MM");
    if (check_field(tr("field.done"), d.done) && d.done && trim(d.done_text).empty()) {
        d.done_text = format_local_minutes(now_ms());
    }
    if (d.done) text_field(tr("field.done_at"), d.done_text, problems_, "done_at", 16, "YYYY-MM-DD HH:MM");
    multiline_field(tr("field.outcome"), a.outcome, problems_, "outcome", lim::outcome, 2.0f);
    text_field(tr("field.next_step"), a.next_step, problems_, "next_step", lim::next_step);
    static const char* const kOtherFields[] = {"customer_id", "owner_id"};
    form_problems(problems_, kOtherFields);
    form_error(failure_);
}

void ActivityDialog::draw_buttons(AppContext& app, Outcome& outcome) {
    const bool is_new = stored_.activity.id.empty();
    const bool writable = may_write(app);
    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    ImGui::BeginDisabled(!writable);
    const std::string save_caption = batch_.empty() ? std::string(tr("activity.save"))
                                                    : trf("activity.log_batch", {std::to_string(batch_.size())});
    if (ImGui::Button(save_caption.c_str())) save(app, outcome);
    if (!is_new && !stored_.activity.is_done()) {
        ImGui::SameLine();
        if (ImGui::Button(tr("activity.mark_done"))) {
            draft_->done = true;
            if (trim(draft_->done_text).empty()) draft_->done_text = format_local_minutes(now_ms());
            save(app, outcome);
        }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    // Esc inside a text field only undoes that field's edit (ImGui); Esc elsewhere cancels.
    const bool escape = !ImGui::IsAnyItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    const std::string cancel = std::string(tr("action.cancel")) + "##activity";
    if (ImGui::Button(cancel.c_str()) || escape) {
        if (has_unsaved_changes()) {
            confirm_discard_.open(tr("confirm.discard_title"), tr("activity.discard_message"), tr("action.discard"));
        } else {
            close_requested_ = true;
        }
    }
    if (!is_new && app.may("activities", "delete", customer_owner_)) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
        if (ImGui::Button(tr("activity.delete"))) {
            confirm_delete_.open(tr("activity.delete_title"),
                                 trf("activity.delete_message", {stored_.activity.subject}), tr("action.delete"));
        }
        ImGui::PopStyleColor();
    }

    // The confirmations open on top of this dialog, so they are drawn inside it.
    if (confirm_discard_.draw() == ConfirmDialog::Answer::yes) close_requested_ = true;
    if (confirm_delete_.draw() == ConfirmDialog::Answer::yes) {
        if (Status status = delete_activity(app.db, stored_.activity.id, app.user); status) {
            app.toasts.success(trf("activity.deleted", {stored_.activity.subject}));
            ++app.data_version;
            close_requested_ = true;
            outcome = Outcome::deleted;
        } else {
            app.toasts.failure(trf("toast.delete_failed", {status.error().message}));
        }
    }
}

void ActivityDialog::save(AppContext& app, Outcome& outcome) {
    Activity record = record_of(*draft_);
    failure_.clear();
    Status status;
    if (!batch_.empty()) {
        Result<std::vector<std::string>> made = create_for_customers(app.db, record, batch_, app.user);
        if (made) app.toasts.success(trf("activity.logged_batch", {std::to_string(made.value().size())}));
        else status = made.error();
    } else {
        const bool is_new = record.id.empty();
        status = save_activity(app.db, record, app.user);
        if (status) app.toasts.success(trf(is_new ? "activity.logged" : "activity.saved", {record.subject}));
    }
    if (status) {
        problems_.clear();
        ++app.data_version;
        close_requested_ = true;
        outcome = Outcome::saved;
        return;
    }
    problems_ = status.error().fields;
    if (problems_.empty()) failure_ = trf("toast.save_failed", {status.error().message});
}

}  // namespace crm::ui
