// Who is logged in and what they may do, as the server says at login (POST /api/v1/login).
//
// Permissions are a scope per module and action: customers/delete = own means "only the
// customers I own". The client uses them to hide what a person may not do; the server
// checks every request again and is the one that decides.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::ui {

enum class Scope { none, own, team, all };

// "none" | "own" | "team" | "all"; anything else is none (what is not understood is not allowed).
Scope parse_scope(std::string_view text);
const char* scope_name(Scope scope);

class Permissions {
public:
    // {"customers": {"view": "all", "delete": "none", ...}, "admin": {...}}
    static Permissions from_json(const nlohmann::json& json);
    nlohmann::json to_json() const;

    // none for a module or action the server did not list.
    Scope scope(std::string_view module, std::string_view action) const;
    void set(const std::string& module, const std::string& action, Scope scope);

    bool operator==(const Permissions&) const = default;

private:
    std::map<std::string, std::map<std::string, Scope, std::less<>>, std::less<>> scopes_;
};

struct SessionUser {
    std::string id, name, role, team_id;
    Permissions permissions;
};

// {"id", "name", "role", "team_id", "permissions"}; nullopt when the id is missing.
std::optional<SessionUser> parse_session_user(const nlohmann::json& json);

// Someone a customer may be shared with: a colleague (team_id their team) or a team (team_id empty).
struct ShareTarget {
    std::string id, name, team_id;
};

struct Session {
    std::string token;
    SessionUser user;
    std::string expires_at;
    // Each user's team (GET /api/v1/directory), for the "team" scope; empty until it arrives.
    std::map<std::string, std::string, std::less<>> team_of_user;
    // Whom a customer may be shared with (the directory's colleagues and teams), by id.
    std::vector<ShareTarget> colleagues, teams;

    // May this person do `action` in `module`, on a record owned by `owner_id`? Without an
    // owner (a button not about one record, a new record), any scope but none allows it.
    bool may(std::string_view module, std::string_view action, std::string_view owner_id = {}) const;
};

// The answer to a login: {"token", "user", "expires_at"}; nullopt when it lacks a token or user.
std::optional<Session> parse_login_answer(const nlohmann::json& json);

}  // namespace crm::ui
