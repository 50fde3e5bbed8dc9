// The server process killed (SIGKILL, no chance to finish anything) while a client's push is
// on the wire, then started again on the same file: the client retries, and every change it
// made is on the server exactly once.
#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "domain/customer.hpp"
#include "harness.hpp"

extern char** environ;

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

std::filesystem::path server_binary() {
    // crm_server is built beside this test binary.
    return std::filesystem::read_symlink("/proc/self/exe").parent_path() / "crm_server";
}

// crm_server as its own process, with the demo data, on a free port.
class ServerProcess {
public:
    explicit ServerProcess(const std::string& data_path) {
        int out[2];
        REQUIRE(pipe(out) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const std::string binary = server_binary().string();
        std::vector<std::string> args = {binary, "--port", "0", "--demo", "--data", data_path, "--www", "/nonexistent"};
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        // "CRM server listening on http://127.0.0.1:PORT"
        FILE* stream = fdopen(out[0], "r");
        char line[256] = {};
        REQUIRE(fgets(line, sizeof line, stream) != nullptr);
        fclose(stream);
        const std::string text(line);
        const size_t colon = text.rfind(':');
        REQUIRE(colon != std::string::npos);
        port_ = std::stoi(text.substr(colon + 1));
    }
    ~ServerProcess() { kill_now(); }
    void kill_now() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    int port() const { return port_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

httplib::Client client_for(int port) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(60);
    return client;
}

std::string login_to(int port) {
    httplib::Result r = client_for(port).Post("/api/v1/login", json{{"user", "sales1"}, {"password", "demo123"}}.dump(),
                                              "application/json");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return json::parse(r->body)["token"].get<std::string>();
}

}  // namespace

TEST_CASE("the server killed mid-sync and started again: nothing lost, nothing doubled") {
    REQUIRE(std::filesystem::exists(server_binary()));
    TempFolder folder;
    const std::string data = (folder.path() / "server.sqlite").string();
    Db db = fresh_crm_db();
    Result<sync::SyncClient> attached = sync::SyncClient::attach(db, "sales1");
    REQUIRE_OK(attached);
    sync::SyncClient& client = attached.value();

    std::mt19937 rng(7);
    int created = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
        CAPTURE(attempt);
        ServerProcess server(data);
        const std::string token = login_to(server.port());
        for (int i = 0; i < 150; ++i, ++created) {
            Customer c;
            c.name = "Killed Mid Sync " + std::to_string(created);
            REQUIRE_OK(save_customer(db, c, "sales1"));
        }
        // Push on another thread; kill the server somewhere between sending and answering.
        const std::string body = client.next_request_body(500, 500);
        std::optional<std::string> answer;
        std::thread push([&] {
            httplib::Result r = client_for(server.port())
                                    .Post("/api/v1/sync", {{"Authorization", "Bearer " + token}}, body, "application/json");
            if (r && r->status == 200) answer = r->body;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 60)(rng)));
        server.kill_now();
        push.join();
        if (answer) REQUIRE_OK(client.apply_response(*answer));  // the answer made it out before the kill
    }

    ServerProcess server(data);
    const std::string token = login_to(server.port());
    for (int round = 0; round < 100; ++round) {
        httplib::Result r = client_for(server.port())
                                .Post("/api/v1/sync", {{"Authorization", "Bearer " + token}}, client.next_request_body(2000, 500),
                                      "application/json");
        REQUIRE(r);
        CAPTURE(r->body);
        REQUIRE(r->status == 200);
        Result<sync::Applied> applied = client.apply_response(r->body);
        REQUIRE_OK(applied);
        if (!applied.value().more && client.pending() == 0) break;
    }
    CHECK(client.pending() == 0);
    Db server_db = [&] {
        Result<Db> opened = Db::open(data);
        REQUIRE_OK(opened);
        return std::move(opened).value();
    }();
    CHECK(scalar(server_db, "SELECT count(*) FROM customers WHERE name LIKE 'Killed Mid Sync %'") == created);
    CHECK(scalar(server_db, "SELECT count(DISTINCT name) FROM customers WHERE name LIKE 'Killed Mid Sync %'") == created);
    Stmt check = server_db.prepare("PRAGMA quick_check");
    REQUIRE(check.step().value());
    CHECK(check.text(0) == "ok");
    CHECK(scalar(db, "SELECT count(*) FROM customers WHERE name LIKE 'Killed Mid Sync %'") == created);
}
