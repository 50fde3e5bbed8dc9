#include "ui/screens/group_batch_dialog.hpp"

#include <cfloat>

#include <imgui.h>

#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

void GroupBatchDialog::open(std::vector<std::string> customer_ids) {
    customer_ids_ = std::move(customer_ids);
    group_id_.clear();
    message_.clear();
    problems_.clear();
    groups_.clear();
    open_ = requested_ = true;
}

bool GroupBatchDialog::draw(AppContext& app) {
    const std::string popup = std::string(tr("group.batch_title")) + "###group_batch_dialog";
    if (requested_ || (open_ && !ImGui::IsPopupOpen(popup.c_str()))) {
        ImGui::OpenPopup(popup.c_str());
        requested_ = false;
        groups_ = list_groups(app.db);
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    // As wide as set, as tall as what it holds.
    const float width = ImGui::GetFontSize() * 32;
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, FLT_MAX));
    if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
    const std::string heading = trf("group.batch_heading", {group_digits(customer_ids_.size())});
    ImGui::TextColored(theme::kAccent, "%s", heading.c_str());
    automation::record_text(heading.c_str());
    ImGui::Spacing();
    bool added = false;
    if (groups_.empty()) {
        form_note(tr("group.batch_no_groups"));
    } else {
        std::vector<Option> options;
        for (const GroupSummary& summary : groups_) options.push_back({summary.group.id, summary.group.name});
        option_field(tr("group.field.group"), group_id_, options, problems_, "group_id");
        ImGui::SetCursorPosX(theme::form_label_width());
        ImGui::BeginDisabled(group_id_.empty());
        if (ImGui::Button(tr("group.add"))) {
            add(app);
            added = message_.size() > 0 && problems_.empty();
        }
        ImGui::EndDisabled();
    }
    if (!message_.empty()) {
        ImGui::Spacing();
        form_note(message_.c_str());
    }
    ImGui::Spacing();
    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    if (ImGui::Button(tr("outreach.close")) || escape) {
        open_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return added;
}

void GroupBatchDialog::add(AppContext& app) {
    // Only the customers this person may change: the others are counted and left as they are.
    std::vector<std::string> allowed;
    int64_t not_allowed = 0;
    Stmt owner = app.db.prepare("SELECT owner_id FROM customers WHERE id = ?1");
    for (const std::string& id : customer_ids_) {
        owner.reset();
        owner.bind(1, id);
        const std::string owner_id = owner.step().value_or(false) ? owner.text(0) : std::string();
        if (app.may_on_customer("customers", "edit", id, owner_id)) allowed.push_back(id);
        else ++not_allowed;
    }
    std::string name;
    for (const GroupSummary& summary : groups_)
        if (summary.group.id == group_id_) name = summary.group.name;
    Result<GroupBatchResult> result = add_many_to_group(app.db, allowed, group_id_, app.user);
    if (!result) {
        problems_ = result.error().fields;
        message_ = problems_.empty() ? trf("toast.save_failed", {result.error().message}) : std::string();
        return;
    }
    problems_.clear();
    const GroupBatchResult& r = result.value();
    message_ = trf("group.batch_added", {group_digits(static_cast<uint64_t>(r.added)), name});
    if (r.already > 0) message_ += trf("group.batch_already", {group_digits(static_cast<uint64_t>(r.already))});
    if (not_allowed + r.gone > 0) {
        message_ += trf("group.batch_left_out", {group_digits(static_cast<uint64_t>(not_allowed + r.gone))});
    }
    if (r.added > 0) {
        ++app.data_version;
        groups_ = list_groups(app.db);
    }
}

}  // namespace crm::ui
