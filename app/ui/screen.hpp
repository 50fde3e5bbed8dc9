// The shape every screen shares: a struct holding the screen's state and a draw().
// Screens are registered in one place (ui/screens/registry.cpp), which builds the
// navigation; a new module adds a file there, not a rewrite of the frame.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "domain/customer_share.hpp"
#include "sync/session.hpp"
#include "ui/platform_services.hpp"
#include "ui/server_api.hpp"
#include "ui/session.hpp"
#include "ui/shortcuts.hpp"
#include "ui/widgets/toast.hpp"

namespace crm::ui {

// What every screen may use: the database, who is working, and the shared status line.
struct AppContext {
    Db& db;
    std::string user;  // the user id written to updated_by and owner_id
    Toasts& toasts;
    // The logged-in session in server mode; null in the sandbox, where everything is allowed.
    const Session* session = nullptr;
    // The server, for screens that talk to it directly (administration); null in the sandbox.
    ServerApi* api = nullptr;
    // Sync with the server while someone is logged in; null in the sandbox.
    sync::SyncSession* sync = nullptr;
    // Files, printing and links through the browser (set by the app; a fake in tests).
    PlatformServices* platform = nullptr;
    // Bumped after every write, so lists know to reload what they show.
    int64_t data_version = 0;
    // The keyboard shortcut pressed this frame, for the current screen to act on.
    Shortcut shortcut = Shortcut::none;
    // A customer another screen asked to show (a reminder's Open): the app switches to the
    // customers screen, which opens it and clears this.
    std::string open_customer_id{};
    // A screen works through a long task a slice per frame (an import, whose transaction
    // stays open between frames): frames follow each other at once, and sync waits, as its
    // writes would land in that transaction.
    bool long_task_running = false;
    // A screen works a slice per frame at something that holds nothing open (a list reading
    // its search texts): it sets this every frame it wants the next one at once.
    bool wants_next_frame = false;

    // What the customers list shows: its search box and its rows, in order. The customers
    // screen keeps it current and bumps `version` when it changes; the sandbox's training
    // panel reads it ("find a customer by phone" is about what the list shows).
    struct CustomerListState {
        std::string search;
        std::vector<int64_t> rowids;
        int64_t version = 0;
    } customer_list{};

    // May the person do `action` in `module` (on a record owned by `owner_id`)? Screens hide
    // or disable what this denies; the server checks again whatever they send.
    bool may(std::string_view module, std::string_view action, std::string_view owner_id = {}) const {
        return !session || session->may(module, action, owner_id);
    }
    // As may(), for a record about the customer `customer_id` owned by `owner_id`: an edit share
    // of that customer (domain/customer_share) also lets its user or team edit and create there.
    bool may_on_customer(std::string_view module, std::string_view action, std::string_view customer_id,
                         std::string_view owner_id) const {
        if (may(module, action, owner_id)) return true;
        if ((action != "edit" && action != "create") || !may(module, action)) return false;
        return shared_access(db, customer_id, session->user.id, session->user.team_id) == ShareAccess::edit;
    }
    // What a share gives this person on the customer; none in the sandbox.
    ShareAccess share_of(std::string_view customer_id) const {
        return session ? shared_access(db, customer_id, session->user.id, session->user.team_id) : ShareAccess::none;
    }
};

class Screen {
public:
    virtual ~Screen() = default;
    // Translation key of the screen's name in the navigation ("nav.customers").
    virtual const char* title_key() const = 0;
    // Translation key of the sidebar heading the screen sits under ("nav.admin"); null: none.
    virtual const char* section_key() const { return nullptr; }
    // Draws inside the content area the frame gives it.
    virtual void draw(AppContext& app) = 0;
    // One line for the status bar ("1,234 customers"), empty when there is nothing to say.
    virtual std::string status(AppContext&) { return {}; }
    // True while a form holds edits that are not saved.
    virtual bool has_unsaved_changes() const { return false; }
    // A file dropped onto the page for this screen; false when it cannot take one now.
    virtual bool take_file(std::string /*name*/, const std::string& /*bytes*/) { return false; }
};

// A screen's id in the person's settings ("customers", "my_day"): its title key without "nav.".
inline std::string screen_id(const Screen& screen) {
    std::string_view key = screen.title_key();
    if (key.starts_with("nav.")) key.remove_prefix(4);
    return std::string(key);
}

}  // namespace crm::ui
