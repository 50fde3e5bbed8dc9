// Talking to the CRM's server (web/): JSON requests through the platform's http(), replies
// parsed once, errors in the server's one envelope:
//   {"error": {"code", "message", "fields": [{"field", "code"}]}, "retry_after": seconds}
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"
#include "ui/platform_services.hpp"

namespace crm::ui {

struct ApiReply {
    int status = 0;       // 0: the server could not be reached
    nlohmann::json body;  // the parsed body; null when empty or not JSON
    // For a failed request: the server's error code, or "unreachable" (status 0) or
    // "server" (a failure without the envelope, e.g. a proxy's 502 page).
    std::string error_code;
    std::string error_message;
    Problems fields;       // a 422's problems, each with the field it belongs to
    int retry_after = 0;   // a 429's wait in seconds

    bool ok() const { return status >= 200 && status < 300; }
};

ApiReply parse_reply(const HttpResponse& response);

// A failed reply in words for the person: no server, not allowed, or the server's message.
std::string describe_failure(const ApiReply& reply);

// Hands out callbacks that do nothing once their owner is gone: a reply can arrive after
// the screen that asked for it was rebuilt (log out, import) or the session it belonged to ended.
class CallbackGuard {
public:
    template <class F>
    auto wrap(F f) const {
        return [alive = std::weak_ptr<char>(alive_), f = std::move(f)](auto&&... args) {
            if (auto keep = alive.lock()) f(std::forward<decltype(args)>(args)...);
        };
    }
    // Every callback handed out so far is forgotten.
    void reset() { alive_ = std::make_shared<char>(); }

private:
    std::shared_ptr<char> alive_ = std::make_shared<char>();
};

class ServerApi {
public:
    explicit ServerApi(PlatformServices& platform) : platform_(platform) {}

    // The bearer token sent with every request; empty: none (login, health).
    void set_token(std::string token) { token_ = std::move(token); }
    const std::string& token() const { return token_; }
    // Called when the server answers 401 to a request that carried a token: the session
    // expired or was ended elsewhere.
    void on_unauthorized(std::function<void()> handler) { unauthorized_ = std::move(handler); }

    // `body` null sends no body (GET). `with_token` false sends no token (login).
    void send(std::string method, std::string path, const nlohmann::json& body,
              std::function<void(const ApiReply&)> done, bool with_token = true);
    void get(std::string path, std::function<void(const ApiReply&)> done) {
        send("GET", std::move(path), nullptr, std::move(done));
    }
    void post(std::string path, const nlohmann::json& body, std::function<void(const ApiReply&)> done) {
        send("POST", std::move(path), body, std::move(done));
    }

private:
    PlatformServices& platform_;
    std::string token_;
    std::function<void()> unauthorized_;
};

}  // namespace crm::ui
