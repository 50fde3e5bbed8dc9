#include "server_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "version.hpp"

namespace crm {

namespace {

Error usage_error(std::string message) { return Error{"usage", std::move(message), {}}; }

std::optional<int> parse_port(std::string_view text) {
    int port = -1;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) return std::nullopt;
    return port;
}

std::optional<double> parse_hours(std::string_view text) {
    double hours = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), hours);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(hours) || hours <= 0 ||
        hours > kMaxSessionHours) {
        return std::nullopt;
    }
    return hours;
}

std::string format_hours(double hours) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", hours);
    return text;
}

constexpr std::string_view kValueFlags[] = {"--host", "--port",          "--data",
                                            "--www",  "--session-hours", "--admin-password"};

bool takes_value(std::string_view flag) {
    for (std::string_view known : kValueFlags)
        if (flag == known) return true;
    return false;
}

}  // namespace

Result<CommandLine> parse_command_line(const std::vector<std::string>& args) {
    const char* variable = std::getenv(std::string(kAdminPasswordVariable).c_str());
    return parse_command_line(args, variable ? std::optional<std::string_view>(variable) : std::nullopt);
}

Result<CommandLine> parse_command_line(const std::vector<std::string>& args,
                                       std::optional<std::string_view> admin_password_variable) {
    CommandLine line;
    ServerOptions& options = line.options;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "--help" || arg == "-h") {
            line.show_help = true;
            return line;
        }
        if (arg == "--demo") {
            options.seed_demo = true;
            continue;
        }
        if (!arg.starts_with("--")) return usage_error("unexpected argument '" + std::string(arg) + "'");

        // Every other flag takes a value, either after '=' or as the next argument.
        std::string_view flag = arg;
        std::optional<std::string> value;
        if (size_t equals = arg.find('='); equals != std::string_view::npos) {
            flag = arg.substr(0, equals);
            value = std::string(arg.substr(equals + 1));
        }
        if (!takes_value(flag)) return usage_error("unknown option '" + std::string(flag) + "'");
        if (!value) {
            if (i + 1 == args.size()) return usage_error(std::string(flag) + " needs a value");
            value = args[++i];
        }
        if (value->empty()) return usage_error(std::string(flag) + " needs a value");

        if (flag == "--host") {
            options.host = *value;
        } else if (flag == "--port") {
            std::optional<int> port = parse_port(*value);
            if (!port) return usage_error("--port must be a number from 0 to 65535, not '" + *value + "'");
            options.port = *port;
        } else if (flag == "--data") {
            options.data_path = *value;
        } else if (flag == "--www") {
            options.www_dir = *value;
        } else if (flag == "--session-hours") {
            std::optional<double> hours = parse_hours(*value);
            if (!hours) {
                return usage_error("--session-hours must be a number of hours above 0 and at most " +
                                   std::to_string(static_cast<int>(kMaxSessionHours)) + ", not '" + *value + "'");
            }
            options.session_hours = *hours;
        } else {
            options.admin_password = *value;
        }
    }
    if (options.admin_password.empty() && admin_password_variable) options.admin_password = *admin_password_variable;
    return line;
}

std::string usage_text() {
    const ServerOptions defaults;
    return std::string("crm_server ") + kServerVersion +
           ": the CRM's sync server and the web server for its browser client.\n"
           "\n"
           "Usage: crm_server [options]\n"
           "  --host ADDRESS  address to listen on (default " + defaults.host + ")\n"
           "  --port NUMBER   port to listen on; 0 picks a free one (default " + std::to_string(defaults.port) + ")\n"
           "  --data FILE     the server's SQLite database, created when missing (default " + defaults.data_path + ")\n"
           "  --www FOLDER    static files of the browser client (default " + defaults.www_dir + ")\n"
           "  --demo          fill an empty database with the demo dataset and the demo users\n"
           "                  (password demo123; see README.md)\n"
           "  --session-hours HOURS\n"
           "                  how long a login lasts; fractions allowed (default " +
           format_hours(defaults.session_hours) + ")\n"
           "  --admin-password PASSWORD\n"
           "                  when the database has no users (and no --demo), create the user\n"
           "                  \"admin\" with this password; or set CRM_ADMIN_PASSWORD instead,\n"
           "                  which other users of the machine cannot see\n"
           "  --help          show this text\n"
           "\n"
           "On start it prints one line, \"CRM server listening on http://HOST:PORT\".\n"
           "SIGINT or SIGTERM stops it; it exits 0 after the requests in flight are answered.\n";
}

}  // namespace crm
