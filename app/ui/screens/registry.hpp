// The one place that lists the screens; the navigation sidebar is built from it.
#pragma once

#include <memory>
#include <vector>

#include "ui/screen.hpp"

namespace crm::ui {

// The screens this person may use: the administration screens only for those whose role
// administers everything (permissions admin/view = all). `session` is null in the sandbox.
std::vector<std::unique_ptr<Screen>> make_screens(const Session* session);

}  // namespace crm::ui
