// The CRM server: the JSON API under /api/ and the browser client's static files, over one
// SQLite file. main.cpp runs one from the command line; tests run one in-process:
//
//     auto server = Server::open({.port = 0, .data_path = file, .www_dir = folder});
//     int port = server.value()->bind().value();
//     std::thread thread([&] { server.value()->run(); });
//     ... httplib::Client client("127.0.0.1", port) ...
//     server.value()->stop();
//     thread.join();
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>

#include "api.hpp"
#include "core/result.hpp"
#include "server_options.hpp"
#include "storage.hpp"

namespace crm {

class Server {
public:
    // Opens the data file (applying the migrations), seeds the demo dataset when
    // options.seed_demo asks and the database has no customers, and sets up the routes.
    // A database without users gets the demo users (seed_demo) or the user "admin" with
    // options.admin_password; with neither, open() fails and says how to give a password.
    // Nothing listens until bind().
    static Result<std::unique_ptr<Server>> open(ServerOptions options);

    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the listening socket and returns its port: the one the system picked when
    // options.port is 0. Fails when the port is taken or the host is not ours.
    Result<int> bind();

    // Answers requests until stop(); call after bind(). True when it ended through stop(),
    // false when the listening socket failed.
    bool run();

    // Makes run() return once the requests in flight are answered. Safe from any thread,
    // before run() starts or while it runs; does not wait for run() to return.
    void stop();

    // "http://127.0.0.1:8080" once bound.
    std::string url() const;

    // For routes added after open() (tests); add them before run().
    ApiRouter& api() { return api_; }

private:
    // httplib::Server closes its listening socket only when stop() finds it listening; one
    // that was bound but never listened on (a start cancelled by stop()) would hold the port
    // until the process exits.
    class Http : public httplib::Server {
    public:
        void close_socket_never_listened_on();
    };

    Server(ServerOptions options, std::unique_ptr<Storage> storage);

    ServerOptions options_;
    std::unique_ptr<Storage> storage_;
    ApiRouter api_;  // before http_: httplib's routes call into it until http_ is gone
    Http http_;
    int port_ = 0;
    bool listened_ = false;
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> run_entered_{false};
    std::atomic<bool> run_finished_{false};
};

}  // namespace crm
