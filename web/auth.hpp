// Who may do what on the server: users, teams, roles with their grants, passwords and
// login sessions, and the Principal that every authenticated request runs as.
//
// [SECTION] Permissions
// [SECTION] Principal
// [SECTION] Schema
// [SECTION] Passwords
// [SECTION] Sessions
// [SECTION] Users, teams and roles (the admin API's data)
// [SECTION] Demo users
//
// A role grants, per module and action, a Scope: which records the action reaches. Grants
// are read fresh on every request, so an admin's change applies to the next request of
// everyone with that role, without logging anybody out.
//
// Passwords are Argon2id hashes (libsodium's crypto_pwhash_str); the hash string carries its
// own cost, so a hash made at one cost verifies whatever the server's cost is now. Session
// tokens are 32 random bytes sent as hex; the database keeps only their hash, so a copy of
// the file does not let anyone log in.
#pragma once

#include <httplib.h>

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "core/migrations.hpp"

namespace crm {

class Storage;

//-----------------------------------------------------------------------------
// [SECTION] Permissions
//-----------------------------------------------------------------------------

enum class Action { view, create, edit, remove, export_data };  // JSON names: view, create, edit, delete, export
enum class Scope { none, own, team, all };                      // JSON names: none, own, team, all

inline constexpr std::string_view kModules[] = {"customers", "contacts", "activities", "points", "saved_filters",
                                               "admin"};
// The user_settings table's module: scope own for every action and everyone, fixed here, not
// granted by roles (Principal::scope), so no role can be given anyone else's.
inline constexpr std::string_view kPersonalModule = "user_settings";
inline constexpr std::string_view kActionNames[] = {"view", "create", "edit", "delete", "export"};
inline constexpr std::string_view kScopeNames[] = {"none", "own", "team", "all"};
inline constexpr size_t kActionCount = std::size(kActionNames);

std::string_view action_name(Action action);
std::string_view scope_name(Scope scope);
std::optional<Action> parse_action(std::string_view name);
std::optional<Scope> parse_scope(std::string_view name);
bool is_module(std::string_view name);

//-----------------------------------------------------------------------------
// [SECTION] Principal
//-----------------------------------------------------------------------------

using Grants = std::map<std::string, std::array<Scope, kActionCount>, std::less<>>;

struct Principal {
    std::string user_id;  // the login name; records' owner_id holds it too ("sales1", "agent1", ...)
    std::string name;     // display name
    std::string role;     // admin | manager | sales | service | marketing | agent, or one an admin added
    std::string team_id;  // "" when in no team
    Grants grants;        // module -> scope per Action (indexed by the Action's value)

    // Scope::none when the role grants nothing for the module and action.
    Scope scope(std::string_view module, Action action) const;
    // {"id","name","role","team_id","permissions":{module:{action:scope}}} with every module
    // of kModules and every action, "none" included, so a client never guesses a default.
    nlohmann::json to_json() const;
};

// The principal behind "Authorization: Bearer <token>". Error code "unauthorized" for a
// missing, malformed, unknown or expired token, or a deactivated user. One indexed lookup
// of the token's hash plus the user's row and grants: cheap enough for every request.
Result<Principal> authenticate(Db& db, const httplib::Request& request);
// The user with their role's grants as they are now. Error "unauthorized" for an unknown
// or deactivated user.
Result<Principal> load_principal(Db& db, std::string_view user_id);
// "" for no team and for an unknown user.
std::string team_of(Db& db, std::string_view user_id);

// The token of "Authorization: Bearer <token>" (scheme in any case); nullopt without one.
std::optional<std::string_view> bearer_token(const httplib::Request& request);

// For handlers: authenticates through `storage` and, when that fails, answers 401 (code
// "unauthorized", with WWW-Authenticate: Bearer) and returns nullopt.
std::optional<Principal> authenticate_or_answer(Storage& storage, const httplib::Request& request,
                                                httplib::Response& response);

//-----------------------------------------------------------------------------
// [SECTION] Schema
//-----------------------------------------------------------------------------

// The "auth" migration chain: users, teams, roles (with the default ones and their grants),
// role_grants and sessions. Idempotent; Storage::open applies it.
std::span<const Migration> auth_migrations();
Result<int> migrate_auth_schema(Db& db);

//-----------------------------------------------------------------------------
// [SECTION] Passwords
//-----------------------------------------------------------------------------

// interactive: libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE (64 MiB), for real use.
// minimum: OPSLIMIT/MEMLIMIT_MIN, only so that tests stay fast; never for real passwords.
enum class PasswordCost { interactive, minimum };

inline constexpr size_t kMinPasswordChars = 6;
inline constexpr size_t kMaxPasswordBytes = 1024;  // hashing is slow by design: no megabyte passwords

// The crypto_pwhash_str string. At most a few hashes or verifications run at once, however
// many requests arrive together: each one takes the cost's memory (64 MiB when interactive).
Result<std::string> hash_password(std::string_view password, PasswordCost cost);
bool verify_password(const std::string& hash, std::string_view password);
// Verifies against a hash of this cost that no password matches: a login for an unknown
// user takes as long as one for a known user, so the time does not tell who exists. The
// hash is made on the first call (add_auth_routes makes that call at start).
void verify_password_of_nobody(std::string_view password, PasswordCost cost);
// Adds the "password" problem, if any: required, invalid_utf8, too_short, too_long.
void check_password(std::string_view password, Problems& problems);

//-----------------------------------------------------------------------------
// [SECTION] Sessions
//-----------------------------------------------------------------------------

struct Session {
    std::string token;   // 64 hex digits; only the caller ever sees it
    int64_t expires_at;  // epoch ms
};

// Also deletes every expired session, so the table holds only live ones.
Result<Session> create_session(Db& db, std::string_view user_id, int64_t lifetime_ms);
// Ends the session of a token; true when there was one.
Result<bool> end_session(Db& db, std::string_view token);
Status end_sessions_of(Db& db, std::string_view user_id);

//-----------------------------------------------------------------------------
// [SECTION] Users, teams and roles (the admin API's data)
//-----------------------------------------------------------------------------

// Field problem codes: required, too_short / too_long (limit), format, unknown_role,
// unknown_team, unknown_module, unknown_action, unknown_scope, self, last_admin.
inline constexpr size_t kMinIdChars = 2;
inline constexpr size_t kMaxIdChars = 32;
inline constexpr size_t kMaxNameChars = 100;

// Login names, team ids and role ids: lower-case [a-z0-9._-], 2 to 32 characters.
bool is_valid_id(std::string_view id);

struct UserRow {
    std::string id, name, role, team_id;
    bool active = true;
};

// For tests and demo seeding: a user with a password hash, validated like the admin API's.
struct NewUser {
    std::string id, name, role, team_id, password;
    bool active = true;
};
Status create_user(Db& db, const NewUser& user, PasswordCost cost);

// The admin API's create-or-update: fields left nullopt keep their value (an update) or
// are required (a create: name, role and password_hash). `actor` is the admin making the
// change, who may not deactivate themself. Changing the password or deactivating ends the
// user's sessions. `problems` found before (the password's, checked before it was hashed)
// are reported with the rest. A change that would take away the last active admin is
// refused ("last_admin"). Errors: "invalid" with field problems; "db". True when it created.
struct UserChange {
    std::string id;
    std::optional<std::string> name, role, team_id;
    std::optional<bool> active;
    std::optional<std::string> password_hash;  // already hashed: hashing is slow, keep it outside the lock
};
Result<bool> save_user(Db& db, const UserChange& change, std::string_view actor, Problems problems = {});
std::vector<UserRow> list_users(Db& db);
std::optional<UserRow> find_user(Db& db, std::string_view id);
// The stored hash and active flag for a login; nullopt for an unknown user.
struct Credentials {
    std::string password_hash;
    bool active = false;
};
std::optional<Credentials> find_credentials(Db& db, std::string_view user_id);
bool any_users(Db& db);
// The users who may administer: active, with a role granting edit on "admin" at scope all.
int64_t count_active_admins(Db& db);

struct TeamRow {
    std::string id, name;
};
std::vector<TeamRow> list_teams(Db& db);
Result<bool> save_team(Db& db, const TeamRow& team);  // true when it created

struct RoleRow {
    std::string id, name;
    Grants grants;
};
std::vector<RoleRow> list_roles(Db& db);
// Creates a role or replaces its name (when given) and grants (when given: every grant of
// the role is replaced, modules left out become none). Refuses to take away the last
// active admin (as save_user does: "last_admin").
// `problems` are those found while reading the grants (unknown module, action, scope).
struct RoleChange {
    std::string id;
    std::optional<std::string> name;
    std::optional<Grants> grants;
};
Result<bool> save_role(Db& db, const RoleChange& change, Problems problems = {});
nlohmann::json grants_to_json(const Grants& grants);

//-----------------------------------------------------------------------------
// [SECTION] Demo users
//-----------------------------------------------------------------------------

// The demo users (README "Demo users"), all with password "demo123". Only into a database
// without users.
Status seed_demo_users(Db& db, PasswordCost cost);
inline constexpr std::string_view kDemoPassword = "demo123";

}  // namespace crm
