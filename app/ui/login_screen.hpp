// The login screen of server mode: user, password, Log in. A missing field is marked under
// it; what the server answers (wrong password, too many attempts and the wait, no server)
// shows under the form.
#pragma once

#include <functional>
#include <string>

#include "core/result.hpp"
#include "ui/login_attempt.hpp"

namespace crm::ui {

class LoginScreen {
public:
    // Draws the form centred in the space left; `logged_in` runs when the server accepts it.
    void draw(ServerApi& api, const std::function<void(Session)>& logged_in);
    double redraw_in_seconds() const { return attempt_.redraw_in_seconds(); }
    // Forgets everything typed and any answer still on its way (after a log out).
    void reset();

private:
    void submit(ServerApi& api, const std::function<void(Session)>& logged_in);

    std::string user_, password_;
    Problems problems_;
    LoginAttempt attempt_;
    bool focus_user_ = true;
    float card_height_ = 0;
};

// A card `width` wide, centred in the space left in the current window, as tall as what was
// drawn in it last frame (`height` keeps that between frames). Pair with end_centered_card().
// Shared by the login screen and the lock panel.
void begin_centered_card(const char* id, float width, float& height);
void end_centered_card(float& height);

}  // namespace crm::ui
