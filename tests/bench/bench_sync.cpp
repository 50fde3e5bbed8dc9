// Benchmarks of sync on loopback, natively: the first sync of a large database (100,000
// customers with their contacts) into an empty client, and the requests per second the
// endpoint sustains with 20 clients pushing small batches at once.
//
//   build/native/crm_bench_sync [customers] [repeats] [seconds]   (./crm bench runs it)
//   build/native/crm_bench_sync --seed-only FILE CUSTOMERS         (a server database to try by hand)
//
// CRM_BENCH_COMPACT=1 in the environment keeps the clients' databases in compact memory
// (core/packed_memory); the server's are files either way.
//
// Medians of repeated runs; nothing asserts a time.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/packed_memory.hpp"
#include "domain/customer.hpp"
#include "domain/demo_data.hpp"
#include "domain/schema.hpp"
#include "server.hpp"
#include "sync/client.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
namespace fs = std::filesystem;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

long peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "crm_bench_sync: %s\n", what.c_str());
    std::exit(1);
}

class BenchServer {
public:
    BenchServer(const std::string& data_path) {
        crm::ServerOptions options;
        options.port = 0;
        options.data_path = data_path;
        options.www_dir = "/nonexistent";
        options.seed_demo = true;  // the demo users; the customers are already there
        options.password_cost = crm::PasswordCost::minimum;
        auto opened = crm::Server::open(std::move(options));
        if (!opened) die(opened.error().message);
        server_ = std::move(opened).value();
        auto port = server_->bind();
        if (!port) die(port.error().message);
        port_ = port.value();
        thread_ = std::thread([this] { server_->run(); });
    }
    ~BenchServer() {
        server_->stop();
        thread_.join();
    }
    int port() const { return port_; }

private:
    std::unique_ptr<crm::Server> server_;
    std::thread thread_;
    int port_ = 0;
};

std::string login(int port, const std::string& user) {
    httplib::Client http("127.0.0.1", port);
    auto r = http.Post("/api/v1/login", json{{"user", user}, {"password", "demo123"}}.dump(), "application/json");
    if (!r || r->status != 200) die("login failed for " + user);
    return json::parse(r->body)["token"].get<std::string>();
}

void seed(const std::string& path, int customers) {
    auto db = crm::open_crm_database(path);
    if (!db) die(db.error().message);
    static const char* const kOwners[] = {"sales1", "sales2", "agent1", "agent2", "manager", "service1"};
    crm::DemoOptions options;
    options.customers = customers;
    options.owners = kOwners;
    options.owner_count = 6;
    if (auto s = crm::seed_demo_data(db.value(), options); !s) die(s.error().message);
}

struct FirstSync {
    double ms;
    double apply_ms;
    int rounds;
    size_t bytes;
    int64_t rows;
};

FirstSync first_sync(int port, const std::string& token, int64_t page) {
    auto db = crm::open_crm_database(":memory:");
    if (!db) die(db.error().message);
    auto client = crm::sync::SyncClient::attach(db.value(), "manager");
    if (!client) die(client.error().message);
    httplib::Client http("127.0.0.1", port);
    http.set_read_timeout(120);
    http.set_tcp_nodelay(true);
    FirstSync result{0, 0, 0, 0, 0};
    const auto start = Clock::now();
    for (;;) {
        auto r = http.Post("/api/v1/sync", {{"Authorization", "Bearer " + token}}, client.value().next_request_body(page),
                           "application/json");
        if (!r || r->status != 200) die("sync failed");
        result.bytes += r->body.size();
        ++result.rounds;
        const auto apply_start = Clock::now();
        auto applied = client.value().apply_response(r->body);
        result.apply_ms += ms_since(apply_start);
        if (!applied) die(applied.error().message);
        result.rows += applied.value().changes;
        if (!applied.value().more) break;
    }
    result.ms = ms_since(start);
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    // For the browser half (tests/bench/sync_browser.mjs): only make a server database.
    if (argc == 4 && std::string(argv[1]) == "--seed-only") {
        seed(argv[2], std::atoi(argv[3]));
        return 0;
    }
    const int customers = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    const int seconds = argc > 3 ? std::atoi(argv[3]) : 10;
    if (const char* compact = std::getenv("CRM_BENCH_COMPACT"); compact && std::string(compact) == "1") {
        crm::set_compact_memory(true);
    }
    const fs::path folder = fs::temp_directory_path() / ("crm-bench-sync-" + std::to_string(getpid()));
    fs::create_directories(folder);

    std::printf("sync benchmark: loopback, native (%s), %u hardware threads\n\n", __VERSION__,
                std::thread::hardware_concurrency());

    // --- first sync ----------------------------------------------------------------------
    {
        const std::string path = (folder / "big.sqlite").string();
        auto seed_start = Clock::now();
        seed(path, customers);
        const double seed_ms = ms_since(seed_start);
        auto open_start = Clock::now();
        BenchServer server(path);
        std::printf("server database: %d customers seeded in %.0f ms; numbered for sync at start in %.0f ms\n\n", customers,
                    seed_ms, ms_since(open_start));
        const std::string token = login(server.port(), "manager");
        std::printf("| %-40s | %10s | %-22s | %7s | %9s | %s\n", "first sync, empty client, manager", "median ms",
                    "min .. max ms", "rounds", "MB", "rows, client apply ms");
        std::printf("|%s|%s|%s|%s|%s|------\n", std::string(42, '-').c_str(), std::string(12, '-').c_str(),
                    std::string(24, '-').c_str(), std::string(9, '-').c_str(), std::string(11, '-').c_str());
        for (int64_t page : {1000, 2000, 5000}) {
            std::vector<FirstSync> runs;
            for (int i = 0; i < repeats; ++i) runs.push_back(first_sync(server.port(), token, page));
            std::sort(runs.begin(), runs.end(), [](const FirstSync& a, const FirstSync& b) { return a.ms < b.ms; });
            const FirstSync& median = runs[runs.size() / 2];
            std::printf("| %-40s | %10.0f | %9.0f .. %-9.0f | %7d | %9.1f | %lld, %.0f\n",
                        ("pages of " + std::to_string(page) + " changes").c_str(), median.ms, runs.front().ms,
                        runs.back().ms, median.rounds, static_cast<double>(median.bytes) / 1e6,
                        static_cast<long long>(median.rows), median.apply_ms);
        }
    }

    // --- requests per second, 20 clients ---------------------------------------------------
    {
        const std::string path = (folder / "small.sqlite").string();
        seed(path, 200);
        BenchServer server(path);
        constexpr int kClients = 20;
        const char* users[] = {"sales1", "sales2", "agent1", "agent2", "manager", "service1", "admin"};
        std::vector<std::string> tokens;
        for (int i = 0; i < kClients; ++i) tokens.push_back(login(server.port(), users[i % 7]));

        std::printf("\n| %-40s | %10s | %10s | %10s | %s\n", "20 clients, 1 new customer per request", "requests",
                    "req/s", "p50 ms", "p95 ms, errors");
        std::printf("|%s|%s|%s|%s|------\n", std::string(42, '-').c_str(), std::string(12, '-').c_str(),
                    std::string(12, '-').c_str(), std::string(12, '-').c_str());
        for (int run = 0; run < repeats; ++run) {
            std::atomic<bool> stop{false};
            std::atomic<int> errors{0};
            std::vector<std::vector<double>> latencies(kClients);
            std::vector<std::thread> threads;
            for (int i = 0; i < kClients; ++i) {
                threads.emplace_back([&, i] {
                    auto db = crm::open_crm_database(":memory:");
                    auto client = crm::sync::SyncClient::attach(db.value(), users[i % 7]);
                    httplib::Client http("127.0.0.1", server.port());
                    http.set_keep_alive(true);
                    http.set_tcp_nodelay(true);  // as browsers do
                    http.set_read_timeout(30);
                    // Catch up first (not measured), then one small batch per request.
                    for (;;) {
                        auto r = http.Post("/api/v1/sync", {{"Authorization", "Bearer " + tokens[static_cast<size_t>(i)]}},
                                           client.value().next_request_body(5000), "application/json");
                        if (!r || r->status != 200 || !client.value().apply_response(r->body)) {
                            ++errors;
                            return;
                        }
                        if (!json::parse(r->body)["more"].get<bool>()) break;
                    }
                    int n = 0;
                    while (!stop) {
                        crm::Customer c;
                        c.name = "Bench " + std::to_string(i) + "-" + std::to_string(n++);
                        (void)crm::save_customer(db.value(), c, users[i % 7]);
                        const auto start = Clock::now();
                        auto r = http.Post("/api/v1/sync", {{"Authorization", "Bearer " + tokens[static_cast<size_t>(i)]}},
                                           client.value().next_request_body(500), "application/json");
                        if (!r || r->status != 200 || !client.value().apply_response(r->body)) {
                            ++errors;
                            continue;
                        }
                        latencies[static_cast<size_t>(i)].push_back(ms_since(start));
                    }
                });
            }
            // Let every client catch up, then count for `seconds`.
            std::this_thread::sleep_for(std::chrono::seconds(2));
            size_t before = 0;
            for (auto& l : latencies) before += l.size();
            const auto start = Clock::now();
            std::this_thread::sleep_for(std::chrono::seconds(seconds));
            size_t after = 0;
            for (auto& l : latencies) after += l.size();
            const double elapsed = ms_since(start) / 1000;
            stop = true;
            for (auto& t : threads) t.join();
            std::vector<double> all;
            for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
            std::sort(all.begin(), all.end());
            std::printf("| %-40s | %10zu | %10.0f | %10.2f | %.2f, %d\n", ("run " + std::to_string(run + 1)).c_str(),
                        after - before, static_cast<double>(after - before) / elapsed, all[all.size() / 2],
                        all[all.size() * 95 / 100], errors.load());
        }
    }
    std::printf("\npeak resident memory: %ld MB\n", peak_rss_mb());
    fs::remove_all(folder);
    return 0;
}
