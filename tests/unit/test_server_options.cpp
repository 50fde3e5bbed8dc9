// crm_server's command line (web/server_options.hpp).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server_options.hpp"

namespace {

crm::Result<crm::CommandLine> parse(std::vector<std::string> args) { return crm::parse_command_line(args); }

std::string error_of(std::vector<std::string> args) {
    crm::Result<crm::CommandLine> line = parse(std::move(args));
    REQUIRE_FALSE(line.ok());
    CHECK(line.error().code == "usage");
    return line.error().message;
}

}  // namespace

TEST_CASE("crm_server flags default to 127.0.0.1:8080, crm-server.sqlite and build/www without demo data") {
    crm::Result<crm::CommandLine> line = parse({});
    REQUIRE(line.ok());
    const crm::ServerOptions& options = line.value().options;
    CHECK(options.host == "127.0.0.1");
    CHECK(options.port == 8080);
    CHECK(options.data_path == "crm-server.sqlite");
    CHECK(options.www_dir == "build/www");
    CHECK_FALSE(options.seed_demo);
    CHECK_FALSE(line.value().show_help);
}

TEST_CASE("crm_server flags take their value after a space or after '='") {
    crm::Result<crm::CommandLine> line =
        parse({"--host", "0.0.0.0", "--port=0", "--data", "/tmp/crm.sqlite", "--www=/srv/www", "--demo"});
    REQUIRE(line.ok());
    const crm::ServerOptions& options = line.value().options;
    CHECK(options.host == "0.0.0.0");
    CHECK(options.port == 0);
    CHECK(options.data_path == "/tmp/crm.sqlite");
    CHECK(options.www_dir == "/srv/www");
    CHECK(options.seed_demo);
}

TEST_CASE("crm_server --help asks for the usage text, which names every flag") {
    crm::Result<crm::CommandLine> line = parse({"--port", "9000", "--help"});
    REQUIRE(line.ok());
    CHECK(line.value().show_help);
    const std::string usage = crm::usage_text();
    for (const char* flag : {"--host", "--port", "--data", "--www", "--demo", "--help"}) {
        CAPTURE(flag);
        CHECK(usage.find(flag) != std::string::npos);
    }
}

TEST_CASE("crm_server refuses unknown flags, missing values, stray arguments and bad ports") {
    CHECK(error_of({"--verbose"}).find("--verbose") != std::string::npos);
    CHECK(error_of({"--port"}).find("--port needs a value") != std::string::npos);
    CHECK(error_of({"--data="}).find("--data needs a value") != std::string::npos);
    CHECK(error_of({"serve"}).find("serve") != std::string::npos);
    CHECK(error_of({"--demo=yes"}).find("--demo") != std::string::npos);
    for (const char* port : {"http", "-1", "65536", "80x", "8o80", ""}) {
        CAPTURE(port);
        CHECK(error_of({"--port", port}).find("--port") != std::string::npos);
    }
}

TEST_CASE("crm_server --session-hours takes a positive number of hours, fractions included") {
    CHECK(parse({}).value().options.session_hours == 12);
    CHECK(parse({"--session-hours", "8"}).value().options.session_hours == 8);
    CHECK(parse({"--session-hours=0.25"}).value().options.session_hours == 0.25);
    for (const char* hours : {"0", "-1", "twelve", "12h", "nan", "inf", "9000"}) {
        CAPTURE(hours);
        CHECK(error_of({"--session-hours", hours}).find("--session-hours") != std::string::npos);
    }
}

TEST_CASE("crm_server takes the admin password from --admin-password, else from CRM_ADMIN_PASSWORD") {
    auto admin_password = [](std::vector<std::string> args, std::optional<std::string_view> variable) {
        crm::Result<crm::CommandLine> line = crm::parse_command_line(args, variable);
        REQUIRE(line.ok());
        return line.value().options.admin_password;
    };
    CHECK(admin_password({}, std::nullopt) == "");
    CHECK(admin_password({"--admin-password", "s3cret!"}, std::nullopt) == "s3cret!");
    CHECK(admin_password({}, "from-env") == "from-env");
    CHECK(admin_password({"--admin-password=flag-wins"}, "from-env") == "flag-wins");
    CHECK(error_of({"--admin-password"}).find("--admin-password needs a value") != std::string::npos);
    const std::string usage = crm::usage_text();
    for (const char* text : {"--session-hours", "--admin-password", "CRM_ADMIN_PASSWORD"}) {
        CAPTURE(text);
        CHECK(usage.find(text) != std::string::npos);
    }
}

TEST_CASE("crm_server options hash passwords at the interactive cost unless a test asks otherwise") {
    CHECK(parse({}).value().options.password_cost == crm::PasswordCost::interactive);
}
