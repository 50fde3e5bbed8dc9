#include "auth.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <semaphore>
#include <thread>

#include "api.hpp"
#include "core/clock.hpp"
#include "core/migrations.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"
#include "storage.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Permissions
//-----------------------------------------------------------------------------

std::string_view action_name(Action action) { return kActionNames[static_cast<size_t>(action)]; }
std::string_view scope_name(Scope scope) { return kScopeNames[static_cast<size_t>(scope)]; }

std::optional<Action> parse_action(std::string_view name) {
    for (size_t i = 0; i < std::size(kActionNames); ++i)
        if (kActionNames[i] == name) return static_cast<Action>(i);
    return std::nullopt;
}

std::optional<Scope> parse_scope(std::string_view name) {
    for (size_t i = 0; i < std::size(kScopeNames); ++i)
        if (kScopeNames[i] == name) return static_cast<Scope>(i);
    return std::nullopt;
}

bool is_module(std::string_view name) {
    return std::find(std::begin(kModules), std::end(kModules), name) != std::end(kModules);
}

nlohmann::json grants_to_json(const Grants& grants) {
    nlohmann::json permissions = nlohmann::json::object();
    for (std::string_view module : kModules) {
        nlohmann::json actions = nlohmann::json::object();
        auto granted = grants.find(module);
        for (size_t i = 0; i < kActionCount; ++i) {
            const Scope scope = granted == grants.end() ? Scope::none : granted->second[i];
            actions[std::string(kActionNames[i])] = scope_name(scope);
        }
        permissions[std::string(module)] = std::move(actions);
    }
    return permissions;
}

namespace {

// A statement's next row; a failed step ends the rows like the last one (the reads here
// are simple lookups whose only failure is a broken database, which the next write reports).
bool next_row(Stmt& stmt) {
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

// Grants as role_grants stores them: one row per granted (module, action); none is no row.
Grants read_grants(Db& db, std::string_view role) {
    Grants grants;
    Stmt stmt = db.prepare("SELECT module, action, scope FROM role_grants WHERE role = ?1");
    stmt.bind(1, role);
    while (next_row(stmt)) {
        std::optional<Action> action = parse_action(stmt.text(1));
        std::optional<Scope> scope = parse_scope(stmt.text(2));
        if (!action || !scope) continue;  // the CHECK constraints make this unreachable
        auto [entry, inserted] = grants.try_emplace(stmt.text(0));
        if (inserted) entry->second.fill(Scope::none);
        entry->second[static_cast<size_t>(*action)] = *scope;
    }
    return grants;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Principal
//-----------------------------------------------------------------------------

Scope Principal::scope(std::string_view module, Action action) const {
    // A person's own settings (list layouts, the last screen) are theirs to read and write and
    // nobody else's, whatever their role: not a module a role grants (kPersonalModule).
    if (module == kPersonalModule) return Scope::own;
    auto granted = grants.find(module);
    return granted == grants.end() ? Scope::none : granted->second[static_cast<size_t>(action)];
}

nlohmann::json Principal::to_json() const {
    return {
        {"id", user_id}, {"name", name}, {"role", role}, {"team_id", team_id}, {"permissions", grants_to_json(grants)}};
}

namespace {

Error unauthorized(std::string message) { return Error{"unauthorized", std::move(message), {}}; }

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenHashBytes = crypto_generichash_BYTES;  // 32

using TokenHash = std::array<unsigned char, kTokenHashBytes>;

void ensure_sodium() {
    static const int initialised = sodium_init();  // 0 first time, 1 after; -1 is fatal
    CRM_CHECK(initialised >= 0, "libsodium failed to initialise");
}

TokenHash hash_token(const unsigned char* token) {
    TokenHash hash{};
    crypto_generichash(hash.data(), hash.size(), token, kTokenBytes, nullptr, 0);
    return hash;
}

// nullopt unless `text` is exactly 64 hex digits.
std::optional<TokenHash> hash_of_hex_token(std::string_view text) {
    if (text.size() != kTokenBytes * 2) return std::nullopt;
    ensure_sodium();
    std::array<unsigned char, kTokenBytes> token{};
    size_t length = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(token.data(), token.size(), text.data(), text.size(), nullptr, &length, &end) != 0 ||
        length != kTokenBytes || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return hash_token(token.data());
}

// Stmt binds text and numbers; the hash is a BLOB so that it compares byte for byte.
void bind_blob(Stmt& stmt, int index, const TokenHash& hash) {
    const int rc =
        sqlite3_bind_blob(stmt.handle(), index, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
    CRM_CHECK(rc == SQLITE_OK, "binding a token hash failed");
}

}  // namespace

std::optional<std::string_view> bearer_token(const httplib::Request& request) {
    auto header = request.headers.find("Authorization");
    if (header == request.headers.end()) return std::nullopt;
    std::string_view value = header->second;
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() < kScheme.size() || ascii_lower(value.substr(0, kScheme.size())) != kScheme) return std::nullopt;
    value.remove_prefix(kScheme.size());
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ')
        value.remove_suffix(1);
    return value;
}

Result<Principal> load_principal(Db& db, std::string_view user_id) {
    Principal principal;
    {
        Stmt stmt = db.prepare("SELECT id, name, role, team_id, active FROM users WHERE id = ?1");
        stmt.bind(1, user_id);
        Result<bool> row = stmt.step();
        if (!row) return row.error();
        if (!row.value()) return unauthorized("there is no user " + std::string(user_id));
        if (!stmt.boolean(4)) return unauthorized("user " + std::string(user_id) + " is deactivated");
        principal.user_id = stmt.text(0);
        principal.name = stmt.text(1);
        principal.role = stmt.text(2);
        principal.team_id = stmt.text(3);
    }
    principal.grants = read_grants(db, principal.role);
    return principal;
}

Result<Principal> authenticate(Db& db, const httplib::Request& request) {
    std::optional<std::string_view> token = bearer_token(request);
    if (!token) return unauthorized("log in first: the request has no Authorization: Bearer token");
    std::optional<TokenHash> hash = hash_of_hex_token(*token);
    if (!hash) return unauthorized("the bearer token is malformed");
    Stmt stmt = db.prepare("SELECT user_id, expires_at FROM sessions WHERE token_hash = ?1");
    bind_blob(stmt, 1, *hash);
    Result<bool> row = stmt.step();
    if (!row) return row.error();
    if (!row.value()) return unauthorized("the session has ended; log in again");
    if (stmt.int64(1) <= now_ms()) return unauthorized("the session has expired; log in again");
    return load_principal(db, stmt.text(0));
}

std::string team_of(Db& db, std::string_view user_id) {
    Stmt stmt = db.prepare("SELECT team_id FROM users WHERE id = ?1");
    stmt.bind(1, user_id);
    return next_row(stmt) ? stmt.text(0) : std::string();
}

std::optional<Principal> authenticate_or_answer(Storage& storage, const httplib::Request& request,
                                                httplib::Response& response) {
    Result<Principal> principal = storage.with_db([&](Db& db) { return authenticate(db, request); });
    if (principal) return std::move(principal).value();
    // A database failure is no reason to send the user to the login screen.
    if (principal.error().code != "unauthorized") {
        send_error(response, 500, "internal", "cannot check the session: " + principal.error().message);
        return std::nullopt;
    }
    response.set_header("WWW-Authenticate", "Bearer");
    send_error(response, 401, "unauthorized", principal.error().message);
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] Schema
//-----------------------------------------------------------------------------

namespace {

// Default roles. Only admin has the "admin" module. The grants follow the issue: managers
// run everything in the three data modules; sales see their team and change their own;
// service works on everything but deletes and exports nothing; marketing sees and exports
// everything and changes its own; agents only ever see their own customers.
constexpr Migration kAuthMigrations[] = {
    {1, "users, teams, roles, grants and sessions", R"sql(
CREATE TABLE roles (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE role_grants (
    role   TEXT NOT NULL REFERENCES roles (id),
    module TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('view', 'create', 'edit', 'delete', 'export')),
    scope  TEXT NOT NULL CHECK (scope IN ('own', 'team', 'all')),
    PRIMARY KEY (role, module, action)
) WITHOUT ROWID;

CREATE TABLE teams (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;

-- team_id is '' for no team, so it cannot reference teams; the admin API checks it.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL REFERENCES roles (id),
    team_id       TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX users_by_team ON users (team_id);

-- Times in epoch ms: authenticate() compares expires_at on every request.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

INSERT INTO roles (id, name) VALUES
    ('admin', 'Administrator'), ('manager', 'Manager'), ('sales', 'Sales'),
    ('service', 'Service'), ('marketing', 'Marketing'), ('agent', 'Agent');

WITH modules (module) AS (VALUES ('customers'), ('contacts'), ('activities'), ('admin')),
     actions (action) AS (VALUES ('view'), ('create'), ('edit'), ('delete'), ('export'))
INSERT INTO role_grants (role, module, action, scope)
SELECT 'admin', module, action, 'all' FROM modules, actions;

WITH data_modules (module) AS (VALUES ('customers'), ('contacts'), ('activities')),
     defaults (role, action, scope) AS (VALUES
        ('manager', 'view', 'all'), ('manager', 'create', 'all'), ('manager', 'edit', 'all'),
        ('manager', 'delete', 'all'), ('manager', 'export', 'all'),
        ('sales', 'view', 'team'), ('sales', 'create', 'own'), ('sales', 'edit', 'own'),
        ('sales', 'delete', 'own'), ('sales', 'export', 'own'),
        ('service', 'view', 'all'), ('service', 'create', 'all'), ('service', 'edit', 'all'),
        ('marketing', 'view', 'all'), ('marketing', 'export', 'all'),
        ('marketing', 'create', 'own'), ('marketing', 'edit', 'own'),
        ('agent', 'view', 'own'), ('agent', 'create', 'own'), ('agent', 'edit', 'own'))
INSERT INTO role_grants (role, module, action, scope)
SELECT role, module, action, scope FROM defaults, data_modules;
)sql"},
    // Member points: every role gets what it has for contacts, the other records that hang
    // off a customer (an agent sees and adds points of their own customers only).
    {2, "points module", R"sql(
INSERT OR IGNORE INTO role_grants (role, module, action, scope)
SELECT role, 'points', action, scope FROM role_grants WHERE module = 'contacts';
)sql"},
    // Saved filters: everyone keeps their own, and nobody sees anyone else's.
    {3, "saved filters module", R"sql(
WITH actions (action) AS (VALUES ('view'), ('create'), ('edit'), ('delete'))
INSERT OR IGNORE INTO role_grants (role, module, action, scope)
SELECT id, 'saved_filters', action, 'own' FROM roles, actions;
)sql"},
};

}  // namespace

std::span<const Migration> auth_migrations() { return kAuthMigrations; }

Result<int> migrate_auth_schema(Db& db) { return migrate(db, auth_migrations(), "auth"); }

//-----------------------------------------------------------------------------
// [SECTION] Passwords
//-----------------------------------------------------------------------------

namespace {

// Each hash or verification holds the cost's memory (64 MiB when interactive) for its
// whole run: a burst of logins on all of httplib's threads at once could take gigabytes.
// The others wait their turn; with as many at once as cores, the waiting costs no speed.
std::counting_semaphore<>& password_slots() {
    static std::counting_semaphore<> slots(std::max<std::ptrdiff_t>(2, std::thread::hardware_concurrency()));
    return slots;
}

class PasswordSlot {
public:
    PasswordSlot() { password_slots().acquire(); }
    ~PasswordSlot() { password_slots().release(); }
    PasswordSlot(const PasswordSlot&) = delete;
    PasswordSlot& operator=(const PasswordSlot&) = delete;
};

}  // namespace

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
    ensure_sodium();
    const bool minimum = cost == PasswordCost::minimum;
    const unsigned long long ops = minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const size_t memory = minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char hash[crypto_pwhash_STRBYTES];
    PasswordSlot slot;
    if (crypto_pwhash_str(hash, password.data(), password.size(), ops, memory) != 0) {
        return Error{"password_hash", "hashing the password failed (out of memory)", {}};
    }
    return std::string(hash);
}

bool verify_password(const std::string& hash, std::string_view password) {
    ensure_sodium();
    PasswordSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_password_of_nobody(std::string_view password, PasswordCost cost) {
    // Made once per cost, on first use, from a password nobody types.
    constexpr std::string_view kNobodys = "no user has this password";
    if (cost == PasswordCost::minimum) {
        static const std::string minimum = hash_password(kNobodys, PasswordCost::minimum).value();
        verify_password(minimum, password);
    } else {
        static const std::string interactive = hash_password(kNobodys, PasswordCost::interactive).value();
        verify_password(interactive, password);
    }
}

void check_password(std::string_view password, Problems& problems) {
    if (password.empty()) {
        problems.push_back({"password", "required"});
    } else if (!is_valid_utf8(password)) {
        problems.push_back({"password", "invalid_utf8"});
    } else if (utf8_length(password) < kMinPasswordChars) {
        problems.push_back({"password", "too_short", static_cast<int>(kMinPasswordChars)});
    } else if (password.size() > kMaxPasswordBytes) {
        problems.push_back({"password", "too_long", static_cast<int>(kMaxPasswordBytes)});
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Sessions
//-----------------------------------------------------------------------------

Result<Session> create_session(Db& db, std::string_view user_id, int64_t lifetime_ms) {
    ensure_sodium();
    std::array<unsigned char, kTokenBytes> token{};
    randombytes_buf(token.data(), token.size());
    char hex[kTokenBytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, token.data(), token.size());

    const int64_t now = now_ms();
    Session session{hex, now + lifetime_ms};
    Tx tx(db);
    Stmt expired = db.prepare("DELETE FROM sessions WHERE expires_at <= ?1");
    expired.bind(1, now);
    if (Status status = expired.run(); !status) return status.error();
    Stmt insert =
        db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)");
    bind_blob(insert, 1, hash_token(token.data()));
    insert.bind(2, user_id).bind(3, now).bind(4, session.expires_at);
    if (Status status = insert.run(); !status) return status.error();
    if (Status status = tx.commit(); !status) return status.error();
    return session;
}

Result<bool> end_session(Db& db, std::string_view token) {
    std::optional<TokenHash> hash = hash_of_hex_token(token);
    if (!hash) return false;
    Stmt stmt = db.prepare("DELETE FROM sessions WHERE token_hash = ?1");
    bind_blob(stmt, 1, *hash);
    if (Status status = stmt.run(); !status) return status.error();
    return db.changes() > 0;
}

Status end_sessions_of(Db& db, std::string_view user_id) {
    Stmt stmt = db.prepare("DELETE FROM sessions WHERE user_id = ?1");
    stmt.bind(1, user_id);
    return stmt.run();
}

//-----------------------------------------------------------------------------
// [SECTION] Users, teams and roles (the admin API's data)
//-----------------------------------------------------------------------------

bool is_valid_id(std::string_view id) {
    if (id.size() < kMinIdChars || id.size() > kMaxIdChars) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

namespace {

bool has_problem(const Problems& problems, std::string_view field) {
    return std::any_of(problems.begin(), problems.end(), [&](const FieldError& p) { return p.field == field; });
}

void check_id(std::string_view id, Problems& problems) {
    if (id.empty()) {
        problems.push_back({"id", "required"});
    } else if (id.size() > kMaxIdChars) {
        problems.push_back({"id", "too_long", static_cast<int>(kMaxIdChars)});
    } else if (!is_valid_id(id)) {
        problems.push_back({"id", "format"});
    }
}

// A name is required on create; on update it may be left out, but not blanked.
void check_name(const std::optional<std::string>& name, bool creating, Problems& problems) {
    if (!name) {
        if (creating) problems.push_back({"name", "required"});
        return;
    }
    Checker(problems).text("name", *name, kMaxNameChars, true);
}

bool role_exists(Db& db, std::string_view id) { return row_exists(db, "SELECT 1 FROM roles WHERE id = ?1", id); }
bool team_exists(Db& db, std::string_view id) { return row_exists(db, "SELECT 1 FROM teams WHERE id = ?1", id); }

UserRow read_user(const Stmt& stmt) {
    return {stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.boolean(4)};
}

constexpr std::string_view kUserColumns = "SELECT id, name, role, team_id, active FROM users";

}  // namespace

std::vector<UserRow> list_users(Db& db) {
    std::vector<UserRow> users;
    Stmt stmt = db.prepare(std::string(kUserColumns) + " ORDER BY id");
    while (next_row(stmt))
        users.push_back(read_user(stmt));
    return users;
}

std::optional<UserRow> find_user(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string(kUserColumns) + " WHERE id = ?1");
    stmt.bind(1, id);
    if (!next_row(stmt)) return std::nullopt;
    return read_user(stmt);
}

std::optional<Credentials> find_credentials(Db& db, std::string_view user_id) {
    Stmt stmt = db.prepare("SELECT password_hash, active FROM users WHERE id = ?1");
    stmt.bind(1, user_id);
    if (!next_row(stmt)) return std::nullopt;
    return Credentials{stmt.text(0), stmt.boolean(1)};
}

bool any_users(Db& db) {
    Stmt stmt = db.prepare("SELECT 1 FROM users LIMIT 1");
    return next_row(stmt);
}

int64_t count_active_admins(Db& db) {
    Stmt stmt = db.prepare(
        "SELECT count(*) FROM users JOIN role_grants ON role_grants.role = users.role "
        "WHERE users.active = 1 AND role_grants.module = 'admin' AND role_grants.action = 'edit' "
        "AND role_grants.scope = 'all'");
    return next_row(stmt) ? stmt.int64(0) : 0;
}

Result<bool> save_user(Db& db, const UserChange& change, std::string_view actor, Problems problems) {
    std::optional<UserRow> existing = find_user(db, change.id);
    const bool creating = !existing;
    check_id(change.id, problems);
    check_name(change.name, creating, problems);
    if (!change.role) {
        if (creating) problems.push_back({"role", "required"});
    } else if (!role_exists(db, *change.role)) {
        problems.push_back({"role", change.role->empty() ? "required" : "unknown_role"});
    }
    if (change.team_id && !change.team_id->empty() && !team_exists(db, *change.team_id)) {
        problems.push_back({"team_id", "unknown_team"});
    }
    if (creating && !change.password_hash && !has_problem(problems, "password")) {
        problems.push_back({"password", "required"});
    }
    if (change.active == false && change.id == actor) problems.push_back({"active", "self"});
    if (!problems.empty()) return Error::invalid(std::move(problems));

    UserRow user = existing.value_or(UserRow{change.id, "", "", "", true});
    if (change.name) user.name = trim(*change.name);
    if (change.role) user.role = *change.role;
    if (change.team_id) user.team_id = *change.team_id;
    if (change.active) user.active = *change.active;

    const std::string now = iso_utc(now_ms());
    Tx tx(db);
    const int64_t admins_before = count_active_admins(db);
    if (creating) {
        Stmt insert = db.prepare(
            "INSERT INTO users (id, name, role, team_id, active, password_hash, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
        insert.bind_all(user.id, user.name, user.role, user.team_id, user.active, *change.password_hash, now);
        if (Status status = insert.run(); !status) return status.error();
    } else {
        Stmt update = db.prepare(
            "UPDATE users SET name = ?2, role = ?3, team_id = ?4, active = ?5, "
            "password_hash = coalesce(?6, password_hash), updated_at = ?7 WHERE id = ?1");
        update.bind_all(user.id, user.name, user.role, user.team_id, user.active);
        if (change.password_hash) {
            update.bind(6, *change.password_hash);
        } else {
            update.bind_null(6);
        }
        update.bind(7, now);
        if (Status status = update.run(); !status) return status.error();
        // A new password or a deactivation locks out whoever holds the old sessions.
        if (change.password_hash || !user.active) {
            if (Status status = end_sessions_of(db, user.id); !status) return status.error();
        }
    }
    if (admins_before > 0 && count_active_admins(db) == 0) {
        return Error::invalid({{change.active == false ? "active" : "role", "last_admin"}});
    }
    if (Status status = tx.commit(); !status) return status.error();
    return creating;
}

Status create_user(Db& db, const NewUser& user, PasswordCost cost) {
    Problems problems;
    check_password(user.password, problems);
    std::optional<std::string> hash;
    if (problems.empty()) {
        Result<std::string> hashed = hash_password(user.password, cost);
        if (!hashed) return hashed.error();
        hash = std::move(hashed).value();
    }
    UserChange change{user.id, user.name, user.role, user.team_id, user.active, std::move(hash)};
    Result<bool> saved = save_user(db, change, "", std::move(problems));
    if (!saved) return saved.error();
    if (!saved.value()) return Error{"duplicate", "user " + user.id + " already exists", {}};
    return {};
}

std::vector<TeamRow> list_teams(Db& db) {
    std::vector<TeamRow> teams;
    Stmt stmt = db.prepare("SELECT id, name FROM teams ORDER BY id");
    while (next_row(stmt))
        teams.push_back({stmt.text(0), stmt.text(1)});
    return teams;
}

Result<bool> save_team(Db& db, const TeamRow& team) {
    Problems problems;
    check_id(team.id, problems);
    check_name(team.name, true, problems);
    if (!problems.empty()) return Error::invalid(std::move(problems));
    const bool creating = !team_exists(db, team.id);
    Stmt stmt =
        db.prepare("INSERT INTO teams (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = excluded.name");
    stmt.bind_all(team.id, trim(team.name));
    if (Status status = stmt.run(); !status) return status.error();
    return creating;
}

std::vector<RoleRow> list_roles(Db& db) {
    std::vector<RoleRow> roles;
    Stmt stmt = db.prepare("SELECT id, name FROM roles ORDER BY id");
    while (next_row(stmt))
        roles.push_back({stmt.text(0), stmt.text(1), {}});
    for (RoleRow& role : roles)
        role.grants = read_grants(db, role.id);
    return roles;
}

Result<bool> save_role(Db& db, const RoleChange& change, Problems problems) {
    const bool creating = !role_exists(db, change.id);
    check_id(change.id, problems);
    check_name(change.name, creating, problems);
    if (!problems.empty()) return Error::invalid(std::move(problems));

    Tx tx(db);
    const int64_t admins_before = count_active_admins(db);
    if (creating || change.name) {
        Stmt stmt = db.prepare(
            "INSERT INTO roles (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = excluded.name");
        stmt.bind_all(change.id, trim(*change.name));
        if (Status status = stmt.run(); !status) return status.error();
    }
    if (change.grants) {
        Stmt clear = db.prepare("DELETE FROM role_grants WHERE role = ?1");
        clear.bind(1, change.id);
        if (Status status = clear.run(); !status) return status.error();
        Stmt insert = db.prepare("INSERT INTO role_grants (role, module, action, scope) VALUES (?1, ?2, ?3, ?4)");
        for (const auto& [module, scopes] : *change.grants) {
            for (size_t i = 0; i < kActionCount; ++i) {
                if (scopes[i] == Scope::none) continue;
                insert.reset();
                insert.bind_all(change.id, module, kActionNames[i], scope_name(scopes[i]));
                if (Status status = insert.run(); !status) return status.error();
            }
        }
    }
    if (admins_before > 0 && count_active_admins(db) == 0) return Error::invalid({{"permissions", "last_admin"}});
    if (Status status = tx.commit(); !status) return status.error();
    return creating;
}

//-----------------------------------------------------------------------------
// [SECTION] Demo users
//-----------------------------------------------------------------------------

Status seed_demo_users(Db& db, PasswordCost cost) {
    struct DemoUser {
        const char *id, *name, *role, *team;
    };
    static constexpr DemoUser kDemoUsers[] = {
        {"admin", "Administrator", "admin", ""},           {"manager", "Mia Manager", "manager", "sales"},
        {"sales1", "Sam Sales", "sales", "sales"},         {"sales2", "Sally Sales", "sales", "sales"},
        {"service1", "Sue Service", "service", "service"}, {"agent1", "Alex Agent", "agent", "agents"},
        {"agent2", "Ada Agent", "agent", "agents"},
    };
    if (any_users(db)) return Error{"not_empty", "the database already has users", {}};
    // One hash for all: seven interactive hashes would add a second to the first start,
    // and the salt only matters between different passwords.
    Result<std::string> hash = hash_password(kDemoPassword, cost);
    if (!hash) return hash.error();
    Tx tx(db);
    for (const TeamRow& team :
         {TeamRow{"sales", "Sales"}, TeamRow{"service", "Service"}, TeamRow{"agents", "Agents"}}) {
        if (Result<bool> saved = save_team(db, team); !saved) return saved.error();
    }
    for (const DemoUser& user : kDemoUsers) {
        Result<bool> saved = save_user(db, {user.id, user.name, user.role, user.team, true, hash.value()}, "");
        if (!saved) return saved.error();
    }
    return tx.commit();
}

}  // namespace crm
