// crm_server: parses the flags, opens the database, prints the address it listens on (one
// line, for scripts and tests to read the port) and serves until SIGINT or SIGTERM.
//
// Exit codes: 0 stopped by a signal, 1 could not start or the listener failed, 2 bad flags.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "server.hpp"
#include "server_options.hpp"

namespace {

int fail(const std::string& message, int exit_code) {
    std::fprintf(stderr, "crm_server: %s\n", message.c_str());
    return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    crm::Result<crm::CommandLine> command_line = crm::parse_command_line(args);
    if (!command_line) return fail(command_line.error().message + "\nRun crm_server --help for the options.", 2);
    if (command_line.value().show_help) {
        std::fputs(crm::usage_text().c_str(), stdout);
        return 0;
    }
    const crm::ServerOptions& options = command_line.value().options;

    // Block the stop signals before any thread starts, so that every thread httplib makes
    // inherits the mask and only the waiter below receives them: a signal handler could
    // not safely call Server::stop().
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::error_code error;
    if (!std::filesystem::is_directory(options.www_dir, error)) {
        std::fprintf(stderr, "crm_server: warning: %s is not a folder; only the API answers until it exists\n",
                     options.www_dir.c_str());
    }

    crm::Result<std::unique_ptr<crm::Server>> opened = crm::Server::open(options);
    if (!opened) return fail(opened.error().message, 1);
    crm::Server& server = *opened.value();
    if (crm::Result<int> port = server.bind(); !port) return fail(port.error().message, 1);

    std::printf("CRM server listening on %s\n", server.url().c_str());
    std::fflush(stdout);

    std::thread signal_waiter([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        server.stop();
    });
    const bool stopped_by_signal = server.run();
    // When the listener failed on its own the waiter is still waiting: wake it the same way.
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
    if (!stopped_by_signal) return fail("the listening socket failed", 1);
    return 0;
}
