#include "ui/screens/customer_groups_tab.hpp"

#include <cfloat>

#include <imgui.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

std::string CustomerGroupsTab::title() const {
    return entries_.empty() ? tr("group.tab") : trf("group.tab_count", {std::to_string(entries_.size())});
}

void CustomerGroupsTab::load(AppContext& app, const Customer& customer) {
    entries_ = customer.id.empty() ? std::vector<CustomerGroupEntry>{} : groups_of(app.db, customer.id);
    groups_ = list_groups(app.db);
}

void CustomerGroupsTab::clear() {
    editing_.reset();
    edit_problems_.clear();
    deleting_.clear();
    entries_.clear();
    groups_.clear();
    group_id_.clear();
    new_name_.clear();
    problems_.clear();
}

void CustomerGroupsTab::draw(AppContext& app, const Customer& customer) {
    const bool manage = app.may_on_customer("customers", "edit", customer.id, customer.owner_id);
    form_note(tr("group.explain"));
    ImGui::Spacing();
    if (manage) draw_form(app, customer);
    ImGui::Spacing();
    draw_list(app, customer, manage);
    ImGui::Spacing();
    draw_all_groups(app, customer);
    if (confirm_delete_.draw() == ConfirmDialog::Answer::yes && !deleting_.empty()) {
        if (Status status = remove_group(app.db, deleting_, app.user); !status) {
            app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        } else {
            app.toasts.success(tr("group.deleted"));
            ++app.data_version;
            if (editing_ && editing_->id == deleting_) editing_.reset();
            load(app, customer);
        }
        deleting_.clear();
    }
}

void CustomerGroupsTab::draw_all_groups(AppContext& app, const Customer& customer) {
    if (groups_.empty()) return;
    form_section(trf("group.all_heading", {std::to_string(groups_.size())}).c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("all_groups", 4, flags)) return;
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::TableSetupColumn(tr("group.column.name"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(tr("group.column.members"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("group.column.by"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    const float actions = ImGui::CalcTextSize(tr("group.rename")).x + ImGui::CalcTextSize(tr("group.delete")).x +
                          style.FramePadding.x * 4 + style.ItemSpacing.x;
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, actions);
    table_headers_row();
    for (const GroupSummary& summary : groups_) {
        const CustomerGroup& group = summary.group;
        ImGui::TableNextRow();
        wrapped_text_cell(group.name);
        wrapped_text_cell(std::to_string(summary.members));
        wrapped_text_cell(group.owner_id);
        ImGui::TableNextColumn();
        ImGui::PushID(group.id.c_str());
        // A group is its maker's to rename and delete, or of whoever manages them.
        if (app.may("customers", "edit", group.owner_id)) {
            if (ImGui::SmallButton((std::string(tr("group.rename")) + "##" + group.name).c_str())) {
                editing_ = group;
                edit_problems_.clear();
                open_editor_ = true;
            }
            automation::record_label(trf("group.rename_named", {group.name}).c_str());
        }
        if (app.may("customers", "delete", group.owner_id)) {
            ImGui::SameLine();
            if (ImGui::SmallButton((std::string(tr("group.delete")) + "##" + group.name).c_str())) {
                deleting_ = group.id;
                confirm_delete_.open(tr("group.delete_title"),
                                     trf("group.delete_message", {group.name, std::to_string(summary.members)}),
                                     tr("group.delete"));
            }
            automation::record_label(trf("group.delete_named", {group.name}).c_str());
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (editing_) draw_editor(app, customer);
}

// A dialog over the tab: the list of groups may reach below the fold, the dialog does not.
void CustomerGroupsTab::draw_editor(AppContext& app, const Customer& customer) {
    const std::string popup = std::string(tr("group.rename_title")) + "###group_editor";
    if (open_editor_) {
        ImGui::OpenPopup(popup.c_str());
        open_editor_ = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // As wide as set, as tall as what it holds.
    const float width = ImGui::GetFontSize() * 32;
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, FLT_MAX));
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        editing_.reset();  // closed some other way
        return;
    }
    text_field(tr("group.field.name"), editing_->name, edit_problems_, "name", group_limits::name);
    multiline_field(tr("group.column.description"), editing_->description, edit_problems_, "description",
                    group_limits::description, 2.0f);
    ImGui::SetCursorPosX(theme::form_label_width());
    if (ImGui::Button(tr("action.save"))) {
        if (Status saved = save_group(app.db, *editing_, app.user); !saved) {
            edit_problems_ = saved.error().fields;
            if (edit_problems_.empty()) app.toasts.failure(trf("toast.save_failed", {saved.error().message}));
        } else {
            app.toasts.success(trf("group.renamed", {editing_->name}));
            editing_.reset();
            ++app.data_version;
            load(app, customer);
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (ImGui::Button(tr("action.cancel")) || escape) {
        editing_.reset();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void CustomerGroupsTab::draw_form(AppContext& app, const Customer& customer) {
    form_section(tr("group.add_heading"));
    std::vector<Option> options;
    for (const GroupSummary& summary : groups_) {
        bool joined = false;
        for (const CustomerGroupEntry& entry : entries_) joined = joined || entry.group.id == summary.group.id;
        if (!joined) options.push_back({summary.group.id, summary.group.name});
    }
    if (options.empty()) {
        ImGui::SetCursorPosX(theme::form_label_width());
        form_note(groups_.empty() ? tr("group.no_groups_yet") : tr("group.in_every_group"));
    } else {
        option_field(tr("group.field.group"), group_id_, options, problems_, "group_id");
        ImGui::SetCursorPosX(theme::form_label_width());
        ImGui::BeginDisabled(group_id_.empty());
        if (ImGui::Button(tr("group.add"))) add(app, customer);
        ImGui::EndDisabled();
    }
    // A new group, named here: made and the customer put in it, in one step.
    if (app.may("customers", "create")) {
        text_field(tr("group.field.new_name"), new_name_, problems_, "name", group_limits::name,
                   tr("group.new_name_hint"));
        const bool entered = entered_in_last_field();
        ImGui::SetCursorPosX(theme::form_label_width());
        if (ImGui::Button(tr("group.create")) || (entered && !new_name_.empty())) create_and_add(app, customer);
    }
    static const char* const kOtherFields[] = {"customer_id", "description"};
    form_problems(problems_, kOtherFields);
}

void CustomerGroupsTab::add(AppContext& app, const Customer& customer) {
    std::string name;
    for (const GroupSummary& summary : groups_)
        if (summary.group.id == group_id_) name = summary.group.name;
    Result<std::string> added = add_to_group(app.db, customer.id, group_id_, app.user);
    if (!added) {
        problems_ = added.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {added.error().message}));
        return;
    }
    app.toasts.success(trf("group.added", {customer.name, name}));
    ++app.data_version;
    group_id_.clear();
    problems_.clear();
    load(app, customer);
}

void CustomerGroupsTab::create_and_add(AppContext& app, const Customer& customer) {
    CustomerGroup group;
    group.name = new_name_;
    // The group and the membership in one transaction: a failed membership leaves no group.
    Tx tx(app.db);
    if (Status saved = save_group(app.db, group, app.user); !saved) {
        problems_ = saved.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {saved.error().message}));
        return;
    }
    Result<std::string> added = add_to_group(app.db, customer.id, group.id, app.user);
    if (!added) {
        problems_ = added.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {added.error().message}));
        return;
    }
    if (Status committed = tx.commit(); !committed) {
        app.toasts.failure(trf("toast.save_failed", {committed.error().message}));
        return;
    }
    app.toasts.success(trf("group.created", {group.name, customer.name}));
    ++app.data_version;
    new_name_.clear();
    problems_.clear();
    load(app, customer);
}

void CustomerGroupsTab::draw_list(AppContext& app, const Customer& customer, bool manage) {
    if (entries_.empty()) {
        form_note(tr("group.none"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("customer_groups", manage ? 4 : 3, flags)) return;
    ImGui::TableSetupColumn(tr("group.column.name"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(tr("group.column.description"), ImGuiTableColumnFlags_WidthStretch, 2.5f);
    ImGui::TableSetupColumn(tr("group.column.members"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    if (manage) {
        const float actions = ImGui::CalcTextSize(tr("group.remove")).x + ImGui::GetStyle().FramePadding.x * 3;
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, actions);
    }
    table_headers_row();
    std::string left;
    for (const CustomerGroupEntry& entry : entries_) {
        ImGui::TableNextRow();
        wrapped_text_cell(entry.group.name);
        wrapped_text_cell(entry.group.description);
        int64_t members = 0;
        for (const GroupSummary& summary : groups_)
            if (summary.group.id == entry.group.id) members = summary.members;
        wrapped_text_cell(std::to_string(members));
        if (!manage) continue;
        ImGui::TableNextColumn();
        ImGui::PushID(entry.membership_id.c_str());
        // Labelled by the group, so a test (and a screen reader) tells the buttons apart.
        if (ImGui::SmallButton((std::string(tr("group.remove")) + "##" + entry.group.name).c_str())) {
            left = entry.membership_id;
        }
        automation::record_label(trf("group.remove_named", {entry.group.name}).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (left.empty()) return;
    if (Status status = remove_from_group(app.db, left, app.user); !status) {
        app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        return;
    }
    app.toasts.success(trf("group.removed", {customer.name}));
    ++app.data_version;
    load(app, customer);
}

}  // namespace crm::ui
