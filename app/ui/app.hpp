// The application frame: top bar, navigation sidebar, the current screen, status bar; and
// the session around it. Platform-free: the platform layer owns the window and calls
// draw() once per frame.
//
// Two modes, settled at start (app_session.cpp):
//   server  - the page's server answered GET /api/v1/health: a login screen, then the
//             workspace on an empty in-memory database that sync fills; logging out wipes
//             it; an idle lock hides the workspace after some minutes without input.
//   sandbox - ?sandbox=1, or no server (static hosting): local demo data, no login; a banner
//             says nothing is saved, Reset makes the demo data afresh, and a training panel
//             of guided tasks ticks off what the trainee does (ui/training_panel).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "domain/demo_data.hpp"
#include "sync/session.hpp"
#include "ui/idle_timer.hpp"
#include "ui/lock_panel.hpp"
#include "ui/login_screen.hpp"
#include "ui/platform_services.hpp"
#include "ui/screen.hpp"
#include "ui/server_api.hpp"
#include "ui/session.hpp"
#include "ui/training_panel.hpp"
#include "ui/widgets/confirm.hpp"
#include "ui/widgets/toast.hpp"

namespace crm::ui {

struct AppOptions {
    // Go straight to the sandbox without asking for a server (?sandbox=1).
    bool sandbox = false;
    // Lock the screen after this long without input (?idle_minutes=N).
    double idle_minutes = 15;
    // The demo data's size when the sandbox opens (?customers=N, ?activities=N); Reset offers others.
    DemoOptions sandbox_data;
    // Makes the sandbox's database: the demo data of the given size. Called when the app
    // settles on the sandbox and on every Reset.
    std::function<Db(const DemoOptions&)> open_sandbox;
    // Whether the sandbox keeps its data in compact memory (core/packed_memory) was chosen
    // (?memory=compact or ?memory=uncompressed, which set it): otherwise it follows the size
    // of the data, compact above `compact_memory_above` (domain/demo_data), and so does the
    // Reset dialog's checkbox until the person clicks it.
    bool memory_chosen = false;
    int64_t compact_memory_above = kCompactMemoryAdvisedAbove;
};

// A new, empty in-memory CRM database (the schema, no records).
Db empty_crm_database();

class App {
public:
    enum class Mode { starting, sandbox, server };

    // The app owns the database: importing an image or logging out replaces it, and the screens with it.
    App(AppOptions options, PlatformServices& platform);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Draws one frame into the whole display.
    void draw();
    // True once the first screen (the workspace, or the login screen) has been drawn.
    bool ready() const { return mode_ != Mode::starting && frames_since_start_ >= 2; }
    // True when closing the page would lose work: an unsaved form; in the sandbox anything
    // written this session; logged in, changes the server has not acknowledged yet.
    bool has_unsaved_work() const;
    // When the frame must be drawn again without any input (a message expiring, the idle
    // lock, a countdown), in seconds from now; -1 when only input changes what is shown.
    double redraw_in_seconds() const;

    Db& db() { return db_; }
    Mode mode() const { return mode_; }
    // The logged-in session; null in the sandbox and before login.
    const Session* session() const { return session_ ? &*session_ : nullptr; }
    bool locked() const { return locked_; }

    // Replaces every record with an exported image's (after the person confirmed and chose
    // the file). A file that is not a CRM database changes nothing and says why.
    void import_image(const std::string& bytes);
    // A file dropped onto the page: a database image asks before it replaces the sandbox's
    // records; anything else goes to the Import customers screen, as if chosen there.
    void file_dropped(std::string name, std::string bytes);
    // The sandbox only: replaces every record with freshly generated demo data (as at the
    // start), goes back to the first screen and starts the training over.
    void reset_sandbox();
    // Ends the session: tells the server, wipes the database and everything of the user,
    // and goes back to the login screen.
    void log_out();

private:
    // [SECTION] Hooks for the sync engine (app_session.cpp)
    // After login: the token and user are known (session()), the database is empty and the
    // screens are built. Sync starts here: the first pull fills the database.
    void on_session_started();
    // Before log out wipes the database, while the token still works: stop syncing.
    void on_session_ending();

    // app_session.cpp
    void check_server();
    void settle(Mode mode);
    void start_session(Session session);
    void unlock(Session session);
    void lock(LockPanel::Reason reason);
    void request_log_out();
    void fetch_directory();
    void update_idle_lock();

    // Runs sync's schedule for this frame and notices local edits (app_session.cpp).
    void update_sync();

    // app.cpp
    void reset_database(Db db);
    void rebuild_screens();
    void draw_starting();
    void draw_login();
    void draw_lock();
    void draw_workspace();
    void draw_top_bar();
    void draw_sandbox_controls();
    void update_user_settings();
    void forget_user_settings();
    void draw_reset_size();
    static std::string memory_note(Db& db);
    void draw_language_switch();
    void draw_database_menu();
    void export_image();
    void draw_sidebar();
    void draw_status_bar(Screen& screen);
    void draw_sync_status(bool after_text);

    AppOptions options_;
    PlatformServices& platform_;
    ServerApi api_;
    CallbackGuard session_guard_;  // replies that belong to the current session
    Db db_;
    Toasts toasts_;
    AppContext context_;
    Mode mode_ = Mode::starting;
    std::optional<Session> session_;
    LoginScreen login_;
    LockPanel lock_panel_;
    IdleTimer idle_;
    bool locked_ = false;
    bool close_popups_ = false;  // the workspace's dialogs close while it is hidden
    std::unique_ptr<sync::SyncSession> sync_;
    sync::SyncStatus sync_status_;     // this frame's, for the status bar and has_unsaved_work()
    int64_t seen_data_version_ = 0;    // context_.data_version when sync last looked
    int64_t seen_sync_version_ = 0;    // sync_->data_version() when its changes were last shown
    double last_reload_ = 0;           // when sync last made the lists reload
    ConfirmDialog confirm_import_;
    ConfirmDialog confirm_dropped_image_;
    std::string dropped_image_;  // its bytes, until the person answers
    ConfirmDialog confirm_log_out_;
    ConfirmDialog confirm_reset_;
    TrainingPanel training_;
    DemoOptions reset_size_;         // the demo data's size the Reset dialog shows
    bool reset_compact_ = false;     // and whether it is kept in compact memory (core/packed_memory)
    bool reset_compact_clicked_ = false;  // the person chose that in the dialog
    std::string reset_memory_note_;  // what the data takes in memory when the dialog opened
    bool user_settings_applied_ = false;  // the person's layout loaded, after the first sync
    std::string stored_screen_;            // the last_screen setting as stored
    std::vector<std::unique_ptr<Screen>> screens_;
    size_t current_ = 0;
    int frames_since_start_ = 0;
};

}  // namespace crm::ui
