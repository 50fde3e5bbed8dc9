#include "ui/screens/admin_form.hpp"

namespace crm::ui {

AdminToolbar draw_admin_toolbar(const AppContext& app, const char* new_key, const std::string& load_error) {
    AdminToolbar pressed;
    ImGui::BeginDisabled(!app.may("admin", "edit"));
    pressed.create = ImGui::Button(tr(new_key));
    ImGui::EndDisabled();
    ImGui::SameLine();
    pressed.reload = ImGui::Button(tr("action.reload"));
    form_error(load_error);
    return pressed;
}

void fetch_admin_list(AppContext& app, const CallbackGuard& guard, std::string path, std::string* error,
                      std::function<void(const nlohmann::json&)> loaded) {
    if (!app.api) return;
    app.api->get(std::move(path), guard.wrap([error, loaded = std::move(loaded)](const ApiReply& reply) {
        if (error) *error = reply.ok() ? std::string() : describe_failure(reply);
        if (reply.ok()) loaded(reply.body);
    }));
}

}  // namespace crm::ui
