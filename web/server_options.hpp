// The command line of crm_server: what it serves, from where, on which address.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace crm {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: the system picks a free port (tests, scripts)
    std::string data_path = "crm-server.sqlite";
    std::string www_dir = "build/www";
    bool seed_demo = false;  // seed the demo dataset into an empty customers table
};

struct CommandLine {
    ServerOptions options;
    bool show_help = false;
};

// Parses the arguments after the program name. Takes "--port 8080" and "--port=8080".
// Errors (code "usage") name the flag at fault, for a one-line message on stderr.
Result<CommandLine> parse_command_line(const std::vector<std::string>& args);

std::string usage_text();

}  // namespace crm
