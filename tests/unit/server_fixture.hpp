// A real Server in-process for the API tests (test_api_*.cpp): a temporary data file, a
// free port, fast password hashes, and a client that logs in and sends its bearer token.
//
//     TestServer server;                                  // user "admin", kAdminPassword
//     ApiClient admin = server.login("admin", kAdminPassword);
//     httplib::Result users = admin.get("/api/v1/admin/users");
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

#include "server.hpp"

namespace crm::test {

inline constexpr const char* kAdminPassword = "admin-password";

// A fresh folder under the system's temporary folder, removed with its contents.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "crm-api-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Options for a server in `folder` on a free port whose first user is "admin" with
// kAdminPassword. PasswordCost::minimum keeps each hash at a millisecond, even under ASan.
inline ServerOptions test_server_options(const TempDir& folder) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.data_path = (folder.path() / "server.sqlite").string();
    options.www_dir = (folder.path() / "www").string();
    options.admin_password = kAdminPassword;
    options.password_cost = PasswordCost::minimum;
    return options;
}

inline nlohmann::json json_of(const httplib::Result& result) {
    REQUIRE(result);
    nlohmann::json body = nlohmann::json::parse(result->body, nullptr, false);
    INFO(result->body);
    REQUIRE_FALSE(body.is_discarded());
    return body;
}

// The error code of a JSON error answer, after checking its status.
inline std::string error_code(const httplib::Result& result, int status) {
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == status);
    return json_of(result)["error"].value("code", "");
}

// A client for one server, with the bearer token of a login when it has one.
class ApiClient {
public:
    ApiClient(int port, std::string token) : client_("127.0.0.1", port), token_(std::move(token)) {
        client_.set_connection_timeout(5);
        client_.set_read_timeout(5);
    }

    httplib::Result get(const std::string& path) { return client_.Get(path.c_str(), headers()); }
    httplib::Result post(const std::string& path, const nlohmann::json& body) { return post_text(path, body.dump()); }
    httplib::Result post_text(const std::string& path, const std::string& body) {
        return client_.Post(path.c_str(), headers(), body, "application/json");
    }

    const std::string& token() const { return token_; }
    httplib::Client& http() { return client_; }

private:
    httplib::Headers headers() const {
        if (token_.empty()) return {};
        return {{"Authorization", "Bearer " + token_}};
    }

    httplib::Client client_;
    std::string token_;
};

// A Server answering on its own thread until destroyed.
class TestServer {
public:
    // Options whose data file lives elsewhere (a test that restarts a server on one file).
    explicit TestServer(ServerOptions options) { start(std::move(options)); }
    TestServer() { start(test_server_options(folder_)); }
    ~TestServer() {
        server_->stop();
        thread_.join();
    }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    int port() const { return port_; }

    ApiClient anonymous() const { return ApiClient(port_, ""); }

    httplib::Result try_login(const std::string& user, const std::string& password) const {
        return anonymous().post("/api/v1/login", {{"user", user}, {"password", password}});
    }

    // Logs in, requiring success.
    ApiClient login(const std::string& user, const std::string& password) const {
        httplib::Result result = try_login(user, password);
        REQUIRE(result);
        INFO(result->body);
        REQUIRE(result->status == 200);
        return ApiClient(port_, json_of(result)["token"].get<std::string>());
    }

private:
    void start(ServerOptions options) {
        auto opened = Server::open(std::move(options));
        REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
        server_ = std::move(opened).value();
        Result<int> port = server_->bind();
        REQUIRE_MESSAGE(port.ok(), (port.ok() ? "" : port.error().message));
        port_ = port.value();
        thread_ = std::thread([this] { server_->run(); });
    }

    TempDir folder_;
    std::unique_ptr<Server> server_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace crm::test
