#include "ui/screens/registry.hpp"

#include "ui/screens/customers.hpp"

namespace crm::ui {

std::vector<std::unique_ptr<Screen>> make_screens() {
    std::vector<std::unique_ptr<Screen>> screens;
    screens.push_back(std::make_unique<CustomersScreen>());
    return screens;
}

}  // namespace crm::ui
