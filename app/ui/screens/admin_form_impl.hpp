// The template half of admin_form.hpp (included at its end).
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

template <class Record>
void AdminForm<Record>::draw_heading(const char* new_key, const std::string& name) const {
    const char* heading = is_new ? tr(new_key) : name.c_str();
    ImGui::TextColored(theme::kAccent, "%s", heading);
    automation::record_text(heading);
    ImGui::Spacing();
}

template <class Record>
bool AdminForm<Record>::draw_buttons(const char* create_key, bool allowed, bool changed) {
    ImGui::Spacing();
    ImGui::SetCursorPosX(theme::form_label_width());
    ImGui::BeginDisabled(saving || !allowed || !changed);
    const bool pressed = ImGui::Button(tr(is_new ? create_key : "action.save"));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr(is_new ? "action.cancel" : "action.revert"))) {
        if (is_new) editing = false;
        else open(stored, false);
    }
    return pressed;
}

template <class Record>
void AdminForm<Record>::draw_problems(std::initializer_list<std::string_view> shown_fields) const {
    for (const FieldError& problem : problems) {
        bool shown = false;
        for (std::string_view field : shown_fields) shown |= problem.field == field;
        if (!shown) form_error(problem.field + ": " + describe_problem(problem));
    }
    if (!problems.empty()) form_error(tr("form.not_saved"));
    form_error(save_error);
}

template <class Record>
void AdminForm<Record>::post(AppContext& app, const CallbackGuard& guard, std::string path,
                             const nlohmann::json& body, const char* created_key, const char* saved_key,
                             std::function<void()> saved) {
    if (!app.api) return;
    saving = true;
    const bool was_new = is_new;
    app.api->post(std::move(path), body,
                  guard.wrap([this, &app, was_new, created_key, saved_key, saved = std::move(saved)](const ApiReply& reply) {
                      saving = false;
                      if (reply.ok()) {
                          app.toasts.success(trf(was_new ? created_key : saved_key, {draft.name}));
                          stored = draft;
                          is_new = false;
                          saved();
                      } else if (!reply.fields.empty()) {
                          problems = reply.fields;
                      } else {
                          save_error = trf("toast.save_failed", {describe_failure(reply)});
                      }
                  }));
    // Leave the field being typed in, so that it shows what was sent.
    ImGui::ClearActiveID();
}

}  // namespace crm::ui
