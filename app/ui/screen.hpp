// The shape every screen shares: a struct holding the screen's state and a draw().
// Screens are registered in one place (ui/screens/registry.cpp), which builds the
// navigation; a new module adds a file there, not a rewrite of the frame.
#pragma once

#include <string>

#include "core/db.hpp"
#include "ui/shortcuts.hpp"
#include "ui/widgets/toast.hpp"

namespace crm::ui {

// What every screen may use: the database, who is working, and the shared status line.
struct AppContext {
    Db& db;
    std::string user;
    Toasts& toasts;
    // Bumped after every write, so lists know to reload what they show.
    int64_t data_version = 0;
    // The keyboard shortcut pressed this frame, for the current screen to act on.
    Shortcut shortcut = Shortcut::none;
};

class Screen {
public:
    virtual ~Screen() = default;
    // Translation key of the screen's name in the navigation ("nav.customers").
    virtual const char* title_key() const = 0;
    // Draws inside the content area the frame gives it.
    virtual void draw(AppContext& app) = 0;
    // One line for the status bar ("1,234 customers"), empty when there is nothing to say.
    virtual std::string status(AppContext&) { return {}; }
    // True while a form holds edits that are not saved.
    virtual bool has_unsaved_changes() const { return false; }
};

}  // namespace crm::ui
