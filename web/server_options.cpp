#include "server_options.hpp"

#include <charconv>
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

}  // namespace

Result<CommandLine> parse_command_line(const std::vector<std::string>& args) {
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
        if (flag != "--host" && flag != "--port" && flag != "--data" && flag != "--www") {
            return usage_error("unknown option '" + std::string(flag) + "'");
        }
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
        } else {
            options.www_dir = *value;
        }
    }
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
           "  --demo          fill an empty database with the demo dataset\n"
           "  --help          show this text\n"
           "\n"
           "On start it prints one line, \"CRM server listening on http://HOST:PORT\".\n"
           "SIGINT or SIGTERM stops it; it exits 0 after the requests in flight are answered.\n";
}

}  // namespace crm
