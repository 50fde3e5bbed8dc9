// Administration ▸ Teams: the teams users belong to (the "team" scope of permissions), with
// a form to add one or rename one.
#pragma once

#include <string>
#include <vector>

#include "ui/screens/admin_form.hpp"
#include "ui/screens/admin_records.hpp"

namespace crm::ui {

class AdminTeamsScreen : public Screen {
public:
    const char* title_key() const override { return "nav.teams"; }
    const char* section_key() const override { return "nav.admin"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override { return form_.edited(); }

private:
    void load(AppContext& app);
    void draw_form(AppContext& app);
    void save(AppContext& app);

    CallbackGuard guard_;
    bool requested_ = false;
    std::string load_error_;
    std::vector<Team> teams_;
    AdminForm<Team> form_;
};

}  // namespace crm::ui
