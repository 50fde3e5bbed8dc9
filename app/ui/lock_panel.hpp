// The idle lock: after some minutes without input the workspace is hidden behind this
// panel (the user's name, a password field, Unlock, Log out). The right password, checked
// by the server with a new login, unlocks with everything as it was: the screens and their
// unsaved forms were only hidden. The same panel asks again when the server ends the session.
#pragma once

#include <functional>
#include <string>

#include "ui/login_attempt.hpp"

namespace crm::ui {

class LockPanel {
public:
    enum class Reason { idle, session_expired };
    enum class Action { none, log_out };

    void open(Reason reason);
    // Draws the panel in the space left; `unlocked` runs when the server accepts the password.
    Action draw(ServerApi& api, const SessionUser& user, const std::function<void(Session)>& unlocked);
    double redraw_in_seconds() const { return attempt_.redraw_in_seconds(); }

private:
    Reason reason_ = Reason::idle;
    std::string password_;
    Problems problems_;
    LoginAttempt attempt_;
    bool focus_password_ = false;
    float card_height_ = 0;
};

}  // namespace crm::ui
