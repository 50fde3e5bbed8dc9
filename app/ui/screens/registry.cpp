#include "ui/screens/registry.hpp"

#include "ui/screens/admin_roles.hpp"
#include "ui/screens/admin_teams.hpp"
#include "ui/screens/activities_list.hpp"
#include "ui/screens/admin_users.hpp"
#include "ui/screens/calendar.hpp"
#include "ui/screens/contacts_list.hpp"
#include "ui/screens/customer_import_screen.hpp"
#include "ui/screens/customers.hpp"
#include "ui/screens/my_day.hpp"
#include "ui/screens/reminders.hpp"
#include "ui/screens/sync_screen.hpp"

namespace crm::ui {

std::vector<std::unique_ptr<Screen>> make_screens(const Session* session) {
    std::vector<std::unique_ptr<Screen>> screens;
    screens.push_back(std::make_unique<CustomersScreen>());
    if (!session || session->user.permissions.scope("contacts", "view") != Scope::none)
        screens.push_back(std::make_unique<ContactsListScreen>());
    if (!session || session->may("customers", "create")) screens.push_back(std::make_unique<CustomerImportScreen>());
    if (!session || session->user.permissions.scope("activities", "view") != Scope::none) {
        screens.push_back(std::make_unique<ActivitiesListScreen>());
        screens.push_back(std::make_unique<MyDayScreen>());
        screens.push_back(std::make_unique<CalendarScreen>());
    }
    screens.push_back(std::make_unique<RemindersScreen>());
    if (session) screens.push_back(std::make_unique<SyncScreen>());
    if (session && session->user.permissions.scope("admin", "view") == Scope::all) {
        screens.push_back(std::make_unique<AdminUsersScreen>());
        screens.push_back(std::make_unique<AdminTeamsScreen>());
        screens.push_back(std::make_unique<AdminRolesScreen>());
    }
    return screens;
}

}  // namespace crm::ui
