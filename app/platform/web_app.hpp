// The browser application: window, GL context, ImGui backends and the main loop.
#pragma once

#include "core/db.hpp"

namespace crm::platform {

// The app's database while it runs, for the bridge (window.crm.query); null before start.
Db* database();
int frame_count();
bool has_unsaved_work();

}  // namespace crm::platform
