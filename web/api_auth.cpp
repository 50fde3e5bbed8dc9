// Logging in and out, who am I, and the directory of users to pick owners from.
//
//   POST /api/v1/login      {"user", "password"} -> {"token", "user", "expires_at"}
//   POST /api/v1/logout     (bearer) -> {}
//   GET  /api/v1/me         (bearer) -> {"user"}
//   GET  /api/v1/directory  (bearer) -> {"users": [{"id", "name", "team_id", "active"}],
//                                       "colleagues": [{"id", "name", "team_id"}], "teams": [{"id", "name"}]}
//
// Login answers 401 "bad_credentials" for a wrong user or password alike, 403 "inactive"
// for the right password of a deactivated user, 422 "invalid" for a blank field, and 429
// "too_many_attempts" with "retry_after" (in the error, and as Retry-After) when throttled.
//
// Password hashing is slow on purpose (tens of milliseconds and 64 MiB each), so a login
// holds the database only to read the hash and, once verified, to write the session: other
// requests are answered while the password is checked.
#include <cmath>
#include <memory>

#include "api.hpp"
#include "auth.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "login_throttle.hpp"
#include "server_options.hpp"
#include "storage.hpp"

namespace crm {

namespace {

struct LoginSettings {
    PasswordCost cost;
    int64_t session_ms;
};

void answer_bad_credentials(httplib::Response& response) {
    send_error(response, 401, "bad_credentials", "the user name or the password is wrong");
}

void login(Storage& storage, LoginThrottle& throttle, const LoginSettings& settings, const ApiRequest& request,
           httplib::Response& response) {
    std::optional<nlohmann::json> body = read_json_object(request, response);
    if (!body || !check_field_types(*body, {{"user", JsonType::string}, {"password", JsonType::string}}, response)) {
        return;
    }
    // Login names are lower case; people type "Admin" on a shared PC's keyboard anyway.
    const std::string user = ascii_lower(trim(optional_text(*body, "user").value_or("")));
    const std::string password = optional_text(*body, "password").value_or("");
    Problems missing;
    if (user.empty()) missing.push_back({"user", "required"});
    if (password.empty()) missing.push_back({"password", "required"});
    if (!missing.empty()) return send_invalid(response, missing);

    const std::string& address = request.http.remote_addr;
    if (const int64_t wait = throttle.seconds_to_wait(user, address); wait > 0) {
        response.set_header("Retry-After", std::to_string(wait));
        send_json(response, 429,
                  {{"error",
                    {{"code", "too_many_attempts"},
                     {"message", "too many failed logins; try again in " + std::to_string(wait) + " seconds"},
                     {"retry_after", wait}}}});
        return;
    }

    std::optional<Credentials> credentials = storage.with_db([&](Db& db) { return find_credentials(db, user); });
    const bool verified = credentials ? verify_password(credentials->password_hash, password)
                                      : (verify_password_of_nobody(password, settings.cost), false);
    if (!verified) {
        throttle.record_failure(user, address);
        return answer_bad_credentials(response);
    }
    throttle.record_success(user);
    // Only someone who knows the password learns that the account exists but is off.
    if (!credentials->active) {
        return send_error(response, 403, "inactive", "this account is deactivated; ask an administrator");
    }

    Result<nlohmann::json> logged_in = storage.with_db([&](Db& db) -> Result<nlohmann::json> {
        Result<Principal> principal = load_principal(db, user);  // deactivated a moment ago: unauthorized
        if (!principal) return principal.error();
        Result<Session> session = create_session(db, user, settings.session_ms);
        if (!session) return session.error();
        return nlohmann::json{{"token", session.value().token},
                              {"user", principal.value().to_json()},
                              {"expires_at", iso_utc(session.value().expires_at)}};
    });
    if (logged_in) return send_json(response, 200, logged_in.value());
    if (logged_in.error().code == "unauthorized") return answer_bad_credentials(response);
    send_error(response, 500, "internal", "cannot start the session: " + logged_in.error().message);
}

void logout(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    if (!authenticate_or_answer(storage, request.http, response)) return;
    const std::string token(bearer_token(request.http).value_or(""));
    Result<bool> ended = storage.with_db([&](Db& db) { return end_session(db, token); });
    if (!ended) return send_error(response, 500, "internal", "cannot end the session: " + ended.error().message);
    send_json(response, 200, nlohmann::json::object());
}

void me(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    std::optional<Principal> principal = authenticate_or_answer(storage, request.http, response);
    if (!principal) return;
    send_json(response, 200, {{"user", principal->to_json()}});
}

// Whom a user may pick as a record's owner, or see named as one: as far as they see
// customers. Also whom they may share a customer with. Deactivated users stay listed (marked), since they still own old records.
void directory(Storage& storage, const ApiRequest& request, httplib::Response& response) {
    std::optional<Principal> principal = authenticate_or_answer(storage, request.http, response);
    if (!principal) return;
    const Scope scope = principal->scope("customers", Action::view);
    const std::vector<UserRow> users = storage.with_db([](Db& db) { return list_users(db); });
    nlohmann::json listed = nlohmann::json::array();
    for (const UserRow& user : users) {
        const bool visible =
            user.id == principal->user_id || scope == Scope::all ||
            (scope == Scope::team && !principal->team_id.empty() && user.team_id == principal->team_id);
        if (!visible) continue;
        listed.push_back({{"id", user.id}, {"name", user.name}, {"team_id", user.team_id}, {"active", user.active}});
    }
    // Whom a customer may be shared with: every active colleague and every team, for those
    // who may edit a customer (names only; the server checks each share again).
    nlohmann::json colleagues = nlohmann::json::array(), teams = nlohmann::json::array();
    if (principal->scope("customers", Action::edit) != Scope::none) {
        for (const UserRow& user : users) {
            if (user.active && user.id != principal->user_id)
                colleagues.push_back({{"id", user.id}, {"name", user.name}, {"team_id", user.team_id}});
        }
        for (const TeamRow& team : storage.with_db([](Db& db) { return list_teams(db); }))
            teams.push_back({{"id", team.id}, {"name", team.name}});
    }
    send_json(response, 200, {{"users", std::move(listed)}, {"colleagues", std::move(colleagues)}, {"teams", std::move(teams)}});
}

}  // namespace

void add_auth_routes(ApiRouter& router, Storage& storage, const ServerOptions& options) {
    // Makes the hash that logins for unknown names verify against now, so that the first of
    // them does not take twice as long as a real login.
    verify_password_of_nobody("", options.password_cost);
    auto throttle = std::make_shared<LoginThrottle>(options.login_throttle_clock);
    const LoginSettings settings{options.password_cost, std::llround(options.session_hours * 3600.0 * 1000.0)};
    router.add("POST", "/api/v1/login",
               [&storage, throttle, settings](const ApiRequest& request, httplib::Response& response) {
                   login(storage, *throttle, settings, request, response);
               });
    router.add("POST", "/api/v1/logout", [&storage](const ApiRequest& request, httplib::Response& response) {
        logout(storage, request, response);
    });
    router.add("GET", "/api/v1/me",
               [&storage](const ApiRequest& request, httplib::Response& response) { me(storage, request, response); });
    router.add("GET", "/api/v1/directory", [&storage](const ApiRequest& request, httplib::Response& response) {
        directory(storage, request, response);
    });
}

}  // namespace crm
