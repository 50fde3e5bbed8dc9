// The browser application: window, GL context, ImGui backends and the main loop.
#pragma once

#include <vector>

#include "core/db.hpp"

namespace crm::platform {

// The app's database while it runs, for the bridge (window.crm.query); null before start.
Db* database();
int frame_count();
// The CPU time of each frame drawn since the last call (ms, oldest first; the last 1,000 at
// most), for benchmarks of typing and scrolling; the list starts again empty.
std::vector<double> take_frame_times();
bool has_unsaved_work();

}  // namespace crm::platform
