#include "ui/screens/customer_filters.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <span>
#include <optional>
#include <string>
#include <utility>

#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

namespace {

// A combo of the stored values, "Any" first; the choices' own "(none)" is no filter here.
void choice_filter(const char* caption_key, std::string& value, std::span<const Choice> choices) {
    const char* text = tr(caption_key);
    flow_caption(text, ImGui::GetFontSize() * 8);
    const std::string label = std::string("##") + text;
    if (begin_combo(label.c_str(), value.empty() ? tr("filters.any") : caption_of(choices, value))) {
        if (ImGui::Selectable(tr("filters.any"), value.empty())) value.clear();
        for (const Choice& choice : choices) {
            if (choice.value.empty()) continue;
            if (ImGui::Selectable(tr(choice.caption), choice.value == value)) value = std::string(choice.value);
        }
        ImGui::EndCombo();
    }
}

void text_filter(const char* caption_key, std::string& value) {
    const char* text = tr(caption_key);
    flow_caption(text, ImGui::GetFontSize() * 7);
    const std::string label = std::string("##") + text;
    ImGui::InputText(label.c_str(), &value);
    automation::record_label(text);
}

}  // namespace

int filters_set(const CustomerFilter& f) {
    int set = 0;
    for (const std::string* value : {&f.kind, &f.type, &f.level, &f.lifecycle, &f.member_level, &f.owner_id, &f.city,
                                     &f.tag, &f.group_id})
        set += value->empty() ? 0 : 1;
    return set;
}

void CustomerFilterBar::draw_toggle(const CustomerFilter& filter) {
    const int set = filters_set(filter);
    const std::string text = set == 0 ? std::string(tr("filters.button")) : trf("filters.button_set", {std::to_string(set)});
    const std::string label = text + "###filters";
    if (ImGui::Button(label.c_str())) open_ = !open_;
}

void CustomerFilterBar::owner_filter(AppContext& app, std::string& owner) {
    if (owners_version_ != app.data_version) {
        owners_ = customer_owners(app.db);
        groups_ = list_groups(app.db);
        owners_version_ = app.data_version;
    }
    const char* text = tr("field.owner_id");
    flow_caption(text, ImGui::GetFontSize() * 7);
    const std::string label = std::string("##") + text;
    if (begin_combo(label.c_str(), owner.empty() ? tr("filters.any") : owner.c_str())) {
        if (ImGui::Selectable(tr("filters.any"), owner.empty())) owner.clear();
        for (const std::string& candidate : owners_) {
            if (ImGui::Selectable(candidate.c_str(), candidate == owner)) owner = candidate;
        }
        ImGui::EndCombo();
    }
}

// After owner_filter(), which reads the groups.
void CustomerFilterBar::group_filter(AppContext&, std::string& group_id) {
    const char* text = tr("filters.group");
    flow_caption(text, ImGui::GetFontSize() * 12);
    const std::string label = std::string("##") + text;
    std::string preview = tr("filters.any");
    for (const GroupSummary& summary : groups_)
        if (summary.group.id == group_id) preview = summary.group.name;
    if (begin_combo(label.c_str(), preview.c_str())) {
        if (ImGui::Selectable(tr("filters.any"), group_id.empty())) group_id.clear();
        for (const GroupSummary& summary : groups_) {
            const std::string option = summary.group.name + " (" + std::to_string(summary.members) + ")##" + summary.group.id;
            if (ImGui::Selectable(option.c_str(), summary.group.id == group_id)) group_id = summary.group.id;
        }
        ImGui::EndCombo();
    }
}

bool CustomerFilterBar::draw(AppContext& app, CustomerQuery& query) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float height = ImGui::GetFrameHeight() * 3 + style.ItemSpacing.y * 2 + style.WindowPadding.y * 2;
    ImGui::BeginChild("customer_filters", ImVec2(0, height), true);
    CustomerFilter& filter = query.filter;
    const bool anything_set = !filter.empty() || !trim(query.search).empty();
    bool picked = false;
    if (std::optional<std::string> json = saved_.draw(app, [&query] { return query_to_json(query); }, anything_set)) {
        if (std::optional<CustomerQuery> read = query_from_json(*json, query)) {
            query = std::move(*read);
            picked = true;
        } else {
            saved_.forget();
        }
    }
    const CustomerFilter as_picked = filter;
    ImGui::Dummy(ImVec2(0, 0));  // the first flow_item() starts from a line of its own
    choice_filter("field.kind", filter.kind, kKindChoices);
    choice_filter("field.type", filter.type, kTypeChoices);
    choice_filter("field.level", filter.level, kLevelChoices);
    choice_filter("field.lifecycle", filter.lifecycle, kLifecycleChoices);
    choice_filter("field.member_level", filter.member_level, kMemberLevelChoices);
    owner_filter(app, filter.owner_id);
    text_filter("field.city", filter.city);
    text_filter("filters.tag", filter.tag);
    group_filter(app, filter.group_id);
    flow_item(ImGui::CalcTextSize(tr("filters.clear")).x + style.FramePadding.x * 2);
    ImGui::BeginDisabled(filter.empty());
    if (ImGui::Button(tr("filters.clear"))) filter = {};
    ImGui::EndDisabled();
    ImGui::EndChild();
    // A filter changed by hand is no longer the saved one picked.
    if (filter != as_picked) saved_.forget();
    return picked || filter != as_picked;
}

}  // namespace crm::ui
