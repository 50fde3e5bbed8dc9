#include "ui/screens/customer_sharing_tab.hpp"

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

constexpr Choice kAccessChoices[] = {{"read", "share.access.read"}, {"edit", "share.access.edit"}};

const ShareTarget* find_target(const std::vector<ShareTarget>& targets, const std::string& id) {
    for (const ShareTarget& target : targets)
        if (target.id == id) return &target;
    return nullptr;
}

}  // namespace

std::string CustomerSharingTab::title() const {
    return shares_.empty() ? tr("share.tab") : trf("share.tab_count", {std::to_string(shares_.size())});
}

void CustomerSharingTab::load(AppContext& app, const Customer& customer) {
    shares_ = customer.id.empty() ? std::vector<CustomerShare>{} : shares_of(app.db, customer.id);
}

void CustomerSharingTab::clear() {
    shares_.clear();
    target_.clear();
    access_ = "read";
    problems_.clear();
}

std::string CustomerSharingTab::target_name(const AppContext& app, const CustomerShare& share) const {
    if (!share.team_id.empty()) {
        const ShareTarget* team = app.session ? find_target(app.session->teams, share.team_id) : nullptr;
        return trf("share.team_name", {team ? team->name : share.team_id});
    }
    if (app.session && share.user_id == app.session->user.id) return trf("share.you", {app.session->user.name});
    const ShareTarget* user = app.session ? find_target(app.session->colleagues, share.user_id) : nullptr;
    return user ? user->name + " (" + share.user_id + ")" : share.user_id;
}

void CustomerSharingTab::draw(AppContext& app, const Customer& customer) {
    // Sharing is changing who sees the customer: it takes one's own rights over it.
    const bool manage = app.may("customers", "edit", customer.owner_id);
    form_note(tr("share.explain"));
    ImGui::Spacing();
    if (manage) draw_form(app, customer);
    else {
        form_note(tr("share.not_yours"));
    }
    ImGui::Spacing();
    draw_list(app, customer, manage);
}

void CustomerSharingTab::draw_form(AppContext& app, const Customer& customer) {
    form_section(tr("share.add_heading"));
    std::vector<Option> options;
    for (const ShareTarget& user : app.session->colleagues) {
        if (user.id == customer.owner_id) continue;  // the owner sees it anyway
        options.push_back({"user:" + user.id, user.name + " (" + user.id + ")"});
    }
    for (const ShareTarget& team : app.session->teams) options.push_back({"team:" + team.id, trf("share.team_name", {team.name})});
    option_field(tr("share.field.target"), target_, options, problems_, "target");
    choice_field(tr("share.field.access"), access_, kAccessChoices, problems_, "access");
    static const char* const kOtherFields[] = {"customer_id"};
    form_problems(problems_, kOtherFields);
    ImGui::SetCursorPosX(theme::form_label_width());
    if (ImGui::Button(tr("share.add"))) share(app, customer);
}

void CustomerSharingTab::share(AppContext& app, const Customer& customer) {
    CustomerShare share;
    share.customer_id = customer.id;
    share.access = access_;
    if (target_.starts_with("user:")) share.user_id = target_.substr(5);
    else if (target_.starts_with("team:")) share.team_id = target_.substr(5);
    Status status = save_share(app.db, share, app.user);
    if (!status) {
        problems_ = status.error().fields;
        // The form has one field for whom: the user's or the team's problem is shown there.
        for (FieldError& problem : problems_)
            if (problem.field == "user_id" || problem.field == "team_id") problem.field = "target";
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        return;
    }
    app.toasts.success(trf("share.added", {customer.name, target_name(app, share)}));
    ++app.data_version;
    target_.clear();
    access_ = "read";  // the least, each time: giving edits is a choice made for each share
    problems_.clear();
    load(app, customer);
}

void CustomerSharingTab::draw_list(AppContext& app, const Customer& customer, bool manage) {
    if (shares_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("share.none"));
        automation::record_text(tr("share.none"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("customer_shares", manage ? 4 : 3, flags)) return;
    ImGui::TableSetupColumn(tr("share.column.with"), ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableSetupColumn(tr("share.column.access"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("share.column.by"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    if (manage) ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.0f);
    table_headers_row();
    std::string ended;
    for (const CustomerShare& share : shares_) {
        ImGui::TableNextRow();
        const std::string name = target_name(app, share);
        text_cell(name);
        text_cell(caption_of(kAccessChoices, share.access));
        text_cell(share.owner_id);
        if (!manage) continue;
        ImGui::TableNextColumn();
        ImGui::PushID(share.id.c_str());
        // Labelled by whom it ends, so a test (and a screen reader) tells the buttons apart.
        if (ImGui::SmallButton((std::string(tr("share.remove")) + "##" + name).c_str())) ended = share.id;
        automation::record_label(trf("share.remove_named", {name}).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (ended.empty()) return;
    if (Status status = remove_share(app.db, ended, app.user); !status) {
        app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        return;
    }
    app.toasts.success(tr("share.removed"));
    ++app.data_version;
    load(app, customer);
}

}  // namespace crm::ui
