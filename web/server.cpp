#include "server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <thread>
#include <utility>

#include "auth.hpp"
#include "request_body.hpp"
#include "static_files.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Errors httplib answers on its own
//-----------------------------------------------------------------------------

namespace {

struct HttpError {
    int status;
    std::string_view code;
    std::string_view message;
};

constexpr HttpError kHttpErrors[] = {
    {400, "bad_request", "the request is malformed"},
    {404, "not_found", "not found"},
    {413, "payload_too_large", "the request body is too large"},
    {414, "uri_too_long", "the request URI is too long"},
    {416, "range_not_satisfiable", "the requested range cannot be satisfied"},
    {500, "internal", "internal server error"},
};

HttpError describe_error(int status) {
    for (const HttpError& error : kHttpErrors)
        if (error.status == status) return error;
    return {status, "error", "the request failed"};
}

void send_error_body(const httplib::Request& request, httplib::Response& response, int status) {
    const HttpError error = describe_error(status);
    if (is_api_path(request.path)) {
        send_error(response, status, error.code, error.message);
    } else {
        response.status = status;
        response.set_content(std::to_string(status) + " " + std::string(error.message) + "\n",
                             "text/plain; charset=utf-8");
    }
}

// httplib calls this for every answer with status >= 400, also the ones a handler wrote
// in full; it only fills the empty ones (a malformed request, a method httplib does not
// route). "Handled" makes httplib set Content-Length for the body written here.
httplib::Server::HandlerResponse fill_empty_error(const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty() || response.content_provider_) return httplib::Server::HandlerResponse::Unhandled;
    send_error_body(request, response, response.status);
    return httplib::Server::HandlerResponse::Handled;
}

// A handler that throws has a bug: log it, answer 500, and keep serving.
void answer_exception(const httplib::Request& request, httplib::Response& response, std::exception_ptr exception) {
    std::string what = "unknown exception";
    try {
        std::rethrow_exception(exception);
    } catch (const std::exception& error) {
        what = error.what();
    } catch (...) {
    }
    std::fprintf(stderr, "crm_server: %s %s failed: %s\n", request.method.c_str(), request.path.c_str(), what.c_str());
    // Drop whatever the handler wrote before it threw.
    response.headers.clear();
    response.body.clear();
    send_error_body(request, response, 500);
}

// httplib's default also sets SO_REUSEPORT, which lets a second crm_server bind the same
// port without an error and take half of the connections. SO_REUSEADDR alone still allows
// a restart while old connections linger in TIME_WAIT.
void reuse_address_only(socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Server
//-----------------------------------------------------------------------------

namespace {

// Nobody can log in to a server without users, and nothing may invent a password for the
// first one: it comes from --demo (the demo users, whose password README.md publishes) or
// from the person starting the server.
Status ensure_users(Db& db, const ServerOptions& options) {
    if (any_users(db)) return {};
    if (options.seed_demo) return seed_demo_users(db, options.password_cost);
    if (options.admin_password.empty()) {
        return Error{"no_users",
                     "the database has no users: give the password of the first user, \"admin\", with "
                     "--admin-password PASSWORD or the environment variable " +
                         std::string(kAdminPasswordVariable) + " (or start with --demo for the demo users)",
                     {}};
    }
    Status created =
        create_user(db, {"admin", "Administrator", "admin", "", options.admin_password, true}, options.password_cost);
    if (!created && created.error().code == "invalid") {
        return Error{"invalid",
                     "the admin password must be at least " + std::to_string(kMinPasswordChars) +
                         " characters (and at most " + std::to_string(kMaxPasswordBytes) + " bytes)",
                     {}};
    }
    return created;
}

}  // namespace

Result<std::unique_ptr<Server>> Server::open(ServerOptions options) {
    Result<std::unique_ptr<Storage>> storage = Storage::open(options.data_path);
    if (!storage) {
        return Error{storage.error().code, "cannot open the database: " + storage.error().message, {}};
    }
    if (options.seed_demo) {
        if (Result<bool> seeded = storage.value()->seed_demo_data_if_empty(); !seeded) {
            return Error{seeded.error().code, "cannot seed the demo data: " + seeded.error().message, {}};
        }
    }
    if (Status users = storage.value()->with_db([&](Db& db) { return ensure_users(db, options); }); !users) {
        return Error{users.error().code, "cannot start: " + users.error().message, {}};
    }
    return std::unique_ptr<Server>(new Server(std::move(options), std::move(storage).value()));
}

Server::Server(ServerOptions options, std::unique_ptr<Storage> storage)
    : options_(std::move(options)), storage_(std::move(storage)) {
    http_.set_payload_max_length(kMaxRequestBodyBytes);
    // Answers go out at once: with Nagle's algorithm a response written in two parts (headers,
    // then body) waits for the client's delayed ACK, ~40 ms per request on keep-alive.
    http_.set_tcp_nodelay(true);
    http_.set_socket_options(reuse_address_only);
    http_.set_error_handler(httplib::Server::HandlerWithResponse(fill_empty_error));
    http_.set_exception_handler(answer_exception);
    // httplib's default pool has as many threads as cores, and each keep-alive connection
    // holds its thread while it stays open: 20 browser tabs syncing would leave the 21st
    // waiting. Idle connections cost a thread each, not CPU.
    http_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    add_api_routes(api_, *storage_, options_);
    api_.install(http_);
    add_static_file_routes(http_, options_.www_dir);  // last: it matches every path
}

Server::~Server() {
    if (!listened_) http_.close_socket_never_listened_on();
}

void Server::Http::close_socket_never_listened_on() {
    const socket_t socket = svr_sock_.exchange(INVALID_SOCKET);
    if (socket != INVALID_SOCKET) close(socket);
}

Result<int> Server::bind() {
    const int port = options_.port == 0 ? http_.bind_to_any_port(options_.host)
                                        : (http_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port < 0) {
        return Error{"bind",
                     "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                         " (the port is taken, or the address is not one of this machine's)",
                     {}};
    }
    port_ = port;
    return port;
}

bool Server::run() {
    run_entered_ = true;
    bool stopped_cleanly = true;
    if (!stop_requested_) {
        listened_ = true;
        stopped_cleanly = http_.listen_after_bind();
    }
    run_finished_ = true;
    return stopped_cleanly;
}

void Server::stop() {
    if (stop_requested_.exchange(true)) return;
    // httplib's stop() does nothing until listen_after_bind() has marked the server as
    // running. If run() has passed its check of stop_requested_ but is not listening yet,
    // wait for it to get there (or to give up); if it has not reached the check, it will
    // see the request and return at once.
    while (run_entered_ && !run_finished_ && !http_.is_running()) std::this_thread::yield();
    http_.stop();
}

std::string Server::url() const {
    // An IPv6 literal needs brackets in a URL.
    const bool ipv6 = options_.host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + options_.host + "]" : options_.host) + ":" + std::to_string(port_);
}

}  // namespace crm
