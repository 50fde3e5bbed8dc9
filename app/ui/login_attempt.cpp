#include "ui/login_attempt.hpp"

#include <imgui.h>

#include <cmath>

#include "ui/i18n.hpp"

namespace crm::ui {

void LoginAttempt::start(ServerApi& api, const std::string& user, const std::string& password,
                         std::function<void(Session)> succeeded) {
    if (pending_ || waiting()) return;
    pending_ = true;
    failure_code_.clear();
    // A login never carries a token: at the lock panel the old one may have expired.
    api.send("POST", "/api/v1/login", {{"user", user}, {"password", password}},
             guard_.wrap([this, succeeded = std::move(succeeded)](const ApiReply& reply) {
                 pending_ = false;
                 if (reply.ok()) {
                     if (std::optional<Session> session = parse_login_answer(reply.body)) {
                         succeeded(std::move(*session));
                         return;
                     }
                     failure_code_ = "bad_answer";
                     return;
                 }
                 failure_code_ = reply.error_code;
                 failure_detail_ = reply.error_message;
                 if (reply.status == 429) {
                     failure_code_ = "too_many_attempts";
                     retry_until_ = ImGui::GetTime() + std::max(1, reply.retry_after);
                 }
             }),
             false);
}

bool LoginAttempt::waiting() const {
    return failure_code_ == "too_many_attempts" && ImGui::GetTime() < retry_until_;
}

std::string LoginAttempt::failure(const char* bad_credentials_key) const {
    if (failure_code_.empty()) return {};
    if (failure_code_ == "bad_credentials") return tr(bad_credentials_key);
    if (failure_code_ == "too_many_attempts") {
        if (!waiting()) return {};
        const auto seconds = static_cast<long>(std::ceil(retry_until_ - ImGui::GetTime()));
        return trf("login.too_many_attempts", {std::to_string(seconds)});
    }
    if (failure_code_ == "unreachable") return tr("login.unreachable");
    return trf("login.server_error", {failure_detail_.empty() ? failure_code_ : failure_detail_});
}

double LoginAttempt::redraw_in_seconds() const {
    if (!waiting()) return -1;
    const double left = retry_until_ - ImGui::GetTime();
    const double to_next_second = left - std::floor(left);
    return to_next_second > 0.01 ? to_next_second : 1.0;
}

void LoginAttempt::clear() {
    guard_.reset();
    pending_ = false;
    failure_code_.clear();
    failure_detail_.clear();
    retry_until_ = 0;
}

}  // namespace crm::ui
