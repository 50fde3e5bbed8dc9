// The one place that lists the screens; the navigation sidebar is built from it.
#pragma once

#include <memory>
#include <vector>

#include "ui/screen.hpp"

namespace crm::ui {

std::vector<std::unique_ptr<Screen>> make_screens();

}  // namespace crm::ui
