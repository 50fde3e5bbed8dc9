// Sync: how this tab stands with the server (synced, changes waiting, offline, an error),
// the conflicts to review (someone else's later write replaced a value of yours, or yours
// replaced theirs), and the changes the server refused with its reasons. Server mode only.
#pragma once

#include <string>

#include "ui/screen.hpp"

namespace crm::ui {

class SyncScreen : public Screen {
public:
    const char* title_key() const override { return "nav.sync"; }
    void draw(AppContext& app) override;
    std::string status(AppContext& app) override;

private:
    void draw_conflicts(AppContext& app);
    void draw_refused(AppContext& app);
};

// The status bar's words for where sync stands ("All changes synced", "Changes not yet synced: 3
// synced", ...), shared by the status bar and this screen.
std::string describe_sync(const sync::SyncStatus& status);

}  // namespace crm::ui
