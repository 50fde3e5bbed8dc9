// Administration ▸ Roles: what each role may do, as a matrix of modules (rows) by actions
// (columns), each cell a scope: none, own records, the team's, all. The modules, actions
// and scopes are the server's lists (GET /api/v1/admin/roles), so a module the server adds
// shows up here without a client change.
#pragma once

#include <string>
#include <vector>

#include "ui/screens/admin_form.hpp"
#include "ui/screens/admin_records.hpp"

namespace crm::ui {

class AdminRolesScreen : public Screen {
public:
    const char* title_key() const override { return "nav.roles"; }
    const char* section_key() const override { return "nav.admin"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override { return form_.edited(); }

private:
    void load(AppContext& app);
    void draw_form(AppContext& app);
    void draw_matrix(bool editable);
    void save(AppContext& app);

    CallbackGuard guard_;
    bool requested_ = false;
    std::string load_error_;
    std::vector<Role> roles_;
    PermissionGrid grid_;
    AdminForm<Role> form_;
};

}  // namespace crm::ui
