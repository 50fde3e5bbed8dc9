// Sync integration tests: the real server (web/) on loopback and native clients built from
// app/sync, each client an in-memory CRM database like the browser's.
//
//     SyncServer server;                       // demo data and users, on a free port
//     SyncTestClient sales1(server, "sales1");  // logs in, attaches the outbox
//     sales1.sync();                            // pushes and pulls until caught up
//     edit_customer(sales1, id, {{"city", "Ningbo"}});
//
// The server runs in this process on its own thread, over a file in a temporary folder, so a
// test can stop it and open the same file again (a restart).
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/db.hpp"
#include "server.hpp"
#include "support.hpp"
#include "sync/client.hpp"

namespace crm::test {

class TempFolder {
public:
    TempFolder();
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct SyncServerOptions {
    bool demo = true;  // the demo dataset and the demo users (password demo123)
};

class SyncServer {
public:
    explicit SyncServer(SyncServerOptions options = {});
    ~SyncServer();
    SyncServer(const SyncServer&) = delete;
    SyncServer& operator=(const SyncServer&) = delete;

    int port() const { return port_; }
    httplib::Client http() const;
    // Stops answering (requests in flight are answered first) and opens the same file again
    // on a new port, as a restarted process would.
    void restart();
    void stop();
    // A second connection to the server's file (WAL lets it read beside the server; a write
    // waits for the server's transaction), for checking what the server stored.
    Db open_db() const;
    std::string data_path() const { return (folder_.path() / "server.sqlite").string(); }

private:
    void start();

    TempFolder folder_;
    SyncServerOptions options_;
    std::unique_ptr<Server> server_;
    std::thread thread_;
    int port_ = 0;
};

// Logs in and returns the token; fails the test when login fails.
std::string login(SyncServer& server, const std::string& user, const std::string& password = "demo123");

class SyncTestClient {
public:
    SyncTestClient(SyncServer& server, std::string user, std::string password = "demo123");

    Db& db() { return db_; }
    sync::SyncClient& engine() { return *engine_; }
    const std::string& user() const { return user_; }
    const std::string& token() const { return token_; }

    // One request and its answer. nullopt when the connection failed (nothing applied).
    std::optional<sync::Applied> round(int64_t limit = 500, size_t max_mutations = 500);
    // Rounds until the outbox is empty and the server has nothing more; fails the test after
    // `max_rounds`.
    void sync(int64_t limit = 500, int max_rounds = 10000);
    // Sends the next request and throws the answer away, as a dropped connection would.
    void push_and_lose_response(int64_t limit = 500);

    httplib::Result post(const std::string& path, const std::string& body);

private:
    SyncServer& server_;
    std::string user_;
    std::string token_;
    Db db_;
    std::optional<sync::SyncClient> engine_;
};

// A hand-written sync request of one mutation (numbered `mid`), as a hostile or broken client
// would send it as `client_id`; the answer, which must be a 200.
nlohmann::json push_one(SyncTestClient& client, const std::string& client_id, nlohmann::json mutation,
                        int64_t mid = 1);

// The rows of the synced tables as "table/id -> JSON of every field, rev and deleted", for
// comparing two databases.
using Snapshot = std::map<std::string, std::string>;
Snapshot snapshot(Db& db);

// Local edits as a person makes them, through the domain's own save functions, so that the
// outbox triggers see exactly what the forms write. Return the record's id.
std::string create_customer(SyncTestClient& client, const std::string& name, const std::string& owner = {});
void edit_customer(SyncTestClient& client, const std::string& id, const std::map<std::string, std::string>& fields);
std::string create_contact(SyncTestClient& client, const std::string& customer_id, const std::string& name);
// A demo customer owned by `owner` on the server.
std::string server_customer_of(SyncServer& server, const std::string& owner);
std::string customer_field(Db& db, const std::string& id, const std::string& field);

}  // namespace crm::test
