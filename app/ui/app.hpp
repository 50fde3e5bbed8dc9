// The application frame: top bar, navigation sidebar, the current screen, status bar.
// Platform-free: the platform layer owns the window and calls draw() once per frame.
#pragma once

#include <memory>
#include <vector>

#include "ui/platform_services.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/confirm.hpp"
#include "ui/widgets/toast.hpp"

namespace crm::ui {

class App {
public:
    // The app owns the database: importing an image replaces it, and the screens with it.
    App(Db db, std::string user, PlatformServices& platform);
    // Draws one frame into the whole display.
    void draw();
    // True once the first screen has been drawn with its data loaded.
    bool ready() const { return frames_drawn_ >= 2; }
    // True when closing the page would lose work: anything written to the in-memory
    // database this session (until sync lands, it lives only here), or an unsaved form.
    bool has_unsaved_work() const;
    // When the frame must be drawn again without any input (a message expiring), in
    // seconds from now; -1 when only input changes what is shown.
    double redraw_in_seconds() const { return toasts_.seconds_left(); }

    Db& db() { return db_; }
    // Replaces every record with an exported image's (after the person confirmed and chose
    // the file). A file that is not a CRM database changes nothing and says why.
    void import_image(const std::string& bytes);

private:
    void draw_top_bar();
    void draw_language_switch();
    void draw_database_menu();
    void export_image();
    void draw_sidebar();
    void draw_status_bar(Screen& screen);

    Db db_;
    PlatformServices& platform_;
    Toasts toasts_;
    AppContext context_;
    ConfirmDialog confirm_import_;
    std::vector<std::unique_ptr<Screen>> screens_;
    size_t current_ = 0;
    int frames_drawn_ = 0;
};

}  // namespace crm::ui
