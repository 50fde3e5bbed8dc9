#include <memory>
#include <vector>

#include "ui/screens/customer_activities_tab.hpp"
#include "ui/screens/customer_contacts_tab.hpp"
#include "ui/screens/customer_files_tab.hpp"
#include "ui/screens/customer_groups_tab.hpp"
#include "ui/screens/customer_notes_tab.hpp"
#include "ui/screens/customer_points_tab.hpp"
#include "ui/screens/customer_sharing_tab.hpp"
#include "ui/screens/customer_tab.hpp"

namespace crm::ui {

std::vector<std::unique_ptr<CustomerTab>> make_customer_tabs() {
    std::vector<std::unique_ptr<CustomerTab>> tabs;
    tabs.push_back(std::make_unique<CustomerContactsTab>());
    tabs.push_back(std::make_unique<CustomerActivitiesTab>());
    tabs.push_back(std::make_unique<CustomerPointsTab>());
    tabs.push_back(std::make_unique<CustomerFilesTab>());
    tabs.push_back(std::make_unique<CustomerNotesTab>());
    tabs.push_back(std::make_unique<CustomerGroupsTab>());
    tabs.push_back(std::make_unique<CustomerSharingTab>());
    return tabs;
}

}  // namespace crm::ui
