// The command line of crm_server: what it serves, from where, on which address.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth.hpp"
#include "core/result.hpp"
#include "login_throttle.hpp"

namespace crm {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: the system picks a free port (tests, scripts)
    std::string data_path = "crm-server.sqlite";
    std::string www_dir = "build/www";
    bool seed_demo = false;  // seed the demo dataset and the demo users into an empty database
    double session_hours = 12;  // how long a login lasts; fractions allowed
    // Creates the user "admin" with this password when the database has no users (and no
    // --demo). Empty: none given, and a database without users refuses to start.
    std::string admin_password;

    // Not flags: for tests only.
    PasswordCost password_cost = PasswordCost::interactive;
    LoginThrottle::Clock login_throttle_clock;  // empty: the system clock
};

inline constexpr double kMaxSessionHours = 24 * 366;
inline constexpr std::string_view kAdminPasswordVariable = "CRM_ADMIN_PASSWORD";

struct CommandLine {
    ServerOptions options;
    bool show_help = false;
};

// Parses the arguments after the program name. Takes "--port 8080" and "--port=8080".
// Errors (code "usage") name the flag at fault, for a one-line message on stderr.
// The admin password comes from --admin-password, else from the environment variable
// CRM_ADMIN_PASSWORD (which, unlike a flag, other users of the machine cannot see in ps).
Result<CommandLine> parse_command_line(const std::vector<std::string>& args);
// The same with the environment variable's value given (nullopt: not set), for tests.
Result<CommandLine> parse_command_line(const std::vector<std::string>& args,
                                       std::optional<std::string_view> admin_password_variable);

std::string usage_text();

}  // namespace crm
