// The application frame: top bar, navigation sidebar, the current screen, status bar.
// Platform-free: the platform layer owns the window and calls draw() once per frame.
#pragma once

#include <memory>
#include <vector>

#include "ui/screen.hpp"
#include "ui/widgets/toast.hpp"

namespace crm::ui {

class App {
public:
    App(Db& db, std::string user);
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

private:
    void draw_top_bar();
    void draw_language_switch();
    void draw_sidebar();
    void draw_status_bar(Screen& screen);

    Toasts toasts_;
    AppContext context_;
    std::vector<std::unique_ptr<Screen>> screens_;
    size_t current_ = 0;
    int frames_drawn_ = 0;
};

}  // namespace crm::ui
