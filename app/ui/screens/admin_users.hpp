// Administration ▸ Users: every user of the CRM on the server, and a form to add one or
// change one (name, role, team, active, a new password). The server checks each save and
// answers 422 with the fields at fault, which show under those fields.
#pragma once

#include <string>
#include <vector>

#include "ui/screens/admin_form.hpp"
#include "ui/screens/admin_records.hpp"
#include "ui/widgets/confirm.hpp"

namespace crm::ui {

class AdminUsersScreen : public Screen {
public:
    const char* title_key() const override { return "nav.users"; }
    const char* section_key() const override { return "nav.admin"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;
    bool has_unsaved_changes() const override { return form_.edited() || (form_.editing && !password_.empty()); }

private:
    void load(AppContext& app);
    void request_open(const AdminUser& user, bool is_new);
    void open(const AdminUser& user, bool is_new);
    void draw_table();
    void draw_form(AppContext& app);
    void save(AppContext& app);

    CallbackGuard guard_;
    bool requested_ = false;
    std::string load_error_;
    std::vector<AdminUser> users_;
    std::vector<Role> roles_;
    std::vector<Team> teams_;

    AdminForm<AdminUser> form_;
    std::string password_;  // a new password; empty keeps the stored one

    ConfirmDialog confirm_discard_;
    AdminUser pending_open_;
    bool pending_is_new_ = false;
};

}  // namespace crm::ui
