// One POST /api/v1/login at a time, and what came of the last one: shared by the login
// screen and the lock panel, which both ask for a password.
#pragma once

#include <functional>
#include <string>

#include "ui/server_api.hpp"
#include "ui/session.hpp"

namespace crm::ui {

class LoginAttempt {
public:
    // Sends the login; `succeeded` gets the new session. The password is not kept.
    void start(ServerApi& api, const std::string& user, const std::string& password,
               std::function<void(Session)> succeeded);
    bool pending() const { return pending_; }
    // The server said "too many attempts" and its wait has not passed: no new attempt yet.
    bool waiting() const;
    // The failure to show under the form, "" when there is none. Wrong credentials are told
    // with `bad_credentials_key` (the lock panel knows the user, so it says "wrong password").
    // A wait counts down, so this is asked again each frame.
    std::string failure(const char* bad_credentials_key) const;
    // While a wait counts down, the next whole second; otherwise -1.
    double redraw_in_seconds() const;
    // Forgets the last failure and any reply still on its way.
    void clear();

private:
    CallbackGuard guard_;
    bool pending_ = false;
    std::string failure_code_;
    std::string failure_detail_;
    double retry_until_ = 0;  // ImGui time
};

}  // namespace crm::ui
