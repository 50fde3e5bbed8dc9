#include "ui/screens/saved_filter_picker.hpp"

#include <imgui.h>

#include <utility>

#include "ui/i18n.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

std::optional<std::string> SavedFilterPicker::draw(AppContext& app, const std::function<std::string()>& current,
                                                   bool anything_set) {
    if (saved_version_ != app.data_version) {
        saved_ = saved_filters_of(app.db, app.user, list_);
        saved_version_ = app.data_version;
    }
    const SavedFilter* applied = nullptr;
    for (const SavedFilter& f : saved_)
        if (f.id == applied_id_) applied = &f;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("filters.saved"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    std::optional<std::string> picked;
    const std::string label = std::string("##") + tr("filters.saved");
    const char* preview = applied ? applied->name.c_str() : saved_.empty() ? tr("filters.none_saved") : "";
    if (begin_combo(label.c_str(), preview)) {
        for (const SavedFilter& f : saved_) {
            ImGui::PushID(f.id.c_str());
            if (ImGui::Selectable(f.name.c_str(), &f == applied)) {
                picked = f.query;
                applied_id_ = f.id;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!app.may("saved_filters", "create") || !anything_set);
    if (ImGui::Button(tr("filters.save_as"))) {
        save_name_ = applied ? applied->name : std::string();
        save_problems_.clear();
        open_save_popup_ = true;
    }
    ImGui::EndDisabled();
    if (applied && !picked) {
        ImGui::SameLine();
        const std::string remove = trf("filters.delete_saved", {applied->name});
        if (ImGui::Button(remove.c_str())) {
            const std::string name = applied->name;
            if (Status status = delete_saved_filter(app.db, applied->id, app.user); !status) {
                app.toasts.failure(status.error().message);
            } else {
                app.toasts.success(trf("filters.deleted", {name}));
                applied_id_.clear();
                ++app.data_version;
            }
        }
    }
    draw_save_popup(app, current);
    return picked;
}

void SavedFilterPicker::draw_save_popup(AppContext& app, const std::function<std::string()>& current) {
    const char* title = tr("filters.save_title");
    if (std::exchange(open_save_popup_, false)) ImGui::OpenPopup(title);
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(tr("filters.save_hint"));
    text_field(tr("filters.name"), save_name_, save_problems_, "name", saved_filter_limits::name);
    const bool entered = entered_in_last_field();
    if (ImGui::Button(tr("action.save")) || entered) {
        SavedFilter filter;
        filter.name = save_name_;
        filter.list = list_;
        filter.query = current();
        if (Status status = save_filter(app.db, filter, app.user); !status) {
            save_problems_ = status.error().fields;
            if (save_problems_.empty()) app.toasts.failure(status.error().message);
        } else {
            app.toasts.success(trf("filters.saved_as", {filter.name}));
            applied_id_ = filter.id;
            ++app.data_version;
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("action.cancel"))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace crm::ui
