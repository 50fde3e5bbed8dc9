// Short confirmations ("Customer saved") shown in the status bar for a few seconds.
#pragma once

#include <string>

namespace crm::ui {

class Toasts {
public:
    void success(std::string message) { show(std::move(message), false); }
    void failure(std::string message) { show(std::move(message), true); }
    // Draws the current message, if it has not expired, at the cursor.
    void draw();
    // Seconds until the current message expires (and must be drawn away), or -1.
    double seconds_left() const;

private:
    void show(std::string message, bool is_error);
    std::string message_;
    bool is_error_ = false;
    double until_ = 0;
};

}  // namespace crm::ui
