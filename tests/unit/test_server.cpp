// The CRM server (web/server.hpp) in-process: a real Server on 127.0.0.1 with a free port,
// a temporary data file and a temporary www folder, talked to over HTTP.
//
// [SECTION] Fixture
// [SECTION] Health and API errors
// [SECTION] Request bodies
// [SECTION] Static files
// [SECTION] Demo data and lifecycle
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "domain/schema.hpp"
#include "request_body.hpp"
#include "server.hpp"

namespace fs = std::filesystem;

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Fixture
//-----------------------------------------------------------------------------

// A fresh folder under the system's temporary folder, removed with its contents.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "crm-server-test-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void write_file(const fs::path& path, std::string_view bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

// Real gzip and brotli bytes, made with the compressors inside httplib (the library the
// server links), so the client's decompression proves the server sent the sibling intact.
std::string compress(httplib::detail::compressor&& compressor, std::string_view plain) {
    std::string compressed;
    const bool ok = compressor.compress(plain.data(), plain.size(), true, [&](const char* data, size_t length) {
        compressed.append(data, length);
        return true;
    });
    REQUIRE(ok);
    return compressed;
}

const std::string kIndexHtml = "<!doctype html><title>CRM</title><p>index</p>\n";
const std::string kScript = "console.log('the CRM client, repeated to be worth compressing');\n"
                            "console.log('the CRM client, repeated to be worth compressing');\n";
const std::string kWasm("\0asm\1\0\0\0", 8);
const std::string kSecret = "not for the web\n";

// The www folder every test serves, beside a file outside it that must stay unreachable.
void write_site(const fs::path& folder) {
    write_file(folder / "www" / "index.html", kIndexHtml);
    write_file(folder / "www" / "crm.js", kScript);
    write_file(folder / "www" / "crm.js.br", compress(httplib::detail::brotli_compressor(), kScript));
    write_file(folder / "www" / "crm.js.gz", compress(httplib::detail::gzip_compressor(), kScript));
    write_file(folder / "www" / "crm.wasm", kWasm);
    write_file(folder / "www" / "style.css", "body { margin: 0 }\n");
    write_file(folder / "www" / "manifest.json", "{\"sizes\": {}}\n");
    write_file(folder / "www" / "font.ttf", "ttf");
    write_file(folder / "www" / "empty.txt", "");
    write_file(folder / "www" / "data.bin", "bytes");
    write_file(folder / "www" / "docs" / "index.html", "<p>docs</p>\n");
    write_file(folder / "www" / ".hidden", "hidden\n");
    write_file(folder / "secret.txt", kSecret);
}

crm::ServerOptions options_in(const TempDir& folder, bool seed_demo = false) {
    crm::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.data_path = (folder.path() / "server.sqlite").string();
    options.www_dir = (folder.path() / "www").string();
    options.seed_demo = seed_demo;
    // A server needs a first user to start (web/auth.hpp); the cheapest hashes keep tests fast.
    options.admin_password = "test-admin-password";
    options.password_cost = crm::PasswordCost::minimum;
    return options;
}

// A Server on a free port, answering on its own thread until destroyed.
class RunningServer {
public:
    explicit RunningServer(crm::ServerOptions options) {
        auto opened = crm::Server::open(std::move(options));
        REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
        server_ = std::move(opened).value();
        crm::Result<int> port = server_->bind();
        REQUIRE_MESSAGE(port.ok(), (port.ok() ? "" : port.error().message));
        port_ = port.value();
        thread_ = std::thread([this] { server_->run(); });
    }
    ~RunningServer() {
        server_->stop();
        thread_.join();
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    int port() const { return port_; }
    crm::Server& server() { return *server_; }

    // Paths go out exactly as written (no URL encoding), so tests can send "%2e%2e".
    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port_);
        client.set_url_encode(false);
        client.set_connection_timeout(5);
        client.set_read_timeout(5);
        return client;
    }

private:
    std::unique_ptr<crm::Server> server_;
    int port_ = 0;
    std::thread thread_;
};

// A site in a temporary folder, served.
struct ServedSite {
    TempDir folder;
    RunningServer server{(write_site(folder.path()), options_in(folder))};
};

// Sends `request` as raw bytes and returns everything the server answers before it closes
// the connection: for requests httplib::Client would not write.
std::string raw_exchange(int port, std::string_view request) {
    const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(socket_fd >= 0);
    timeval timeout{5, 0};
    setsockopt(socket_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(send(socket_fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::string answer;
    char buffer[4096];
    for (ssize_t got; (got = recv(socket_fd, buffer, sizeof buffer, 0)) > 0;) {
        answer.append(buffer, static_cast<size_t>(got));
    }
    close(socket_fd);
    return answer;
}

nlohmann::json json_body(const httplib::Result& result) { return nlohmann::json::parse(result->body); }

void check_json_error(const httplib::Result& result, int status, const std::string& code) {
    REQUIRE(result);
    CHECK(result->status == status);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(result->get_header_value("Cache-Control") == "no-store");
    const nlohmann::json body = json_body(result);
    CHECK(body["error"]["code"] == code);
    CHECK(body["error"]["message"].is_string());
    CHECK_FALSE(body["error"]["message"].get<std::string>().empty());
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Health and API errors
//-----------------------------------------------------------------------------

TEST_CASE("the server's health endpoint reports status, version, schema version, customers and time") {
    ServedSite site;
    httplib::Client client = site.server.client();
    httplib::Result result = client.Get("/api/v1/health");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(result->get_header_value("Cache-Control") == "no-store");
    const nlohmann::json health = json_body(result);
    CHECK(health["status"] == "ok");
    CHECK(health["version"] == "0.1.0");
    CHECK(health["schema_version"] == crm::schema_migrations().back().version);
    CHECK(health["customers"] == 0);  // no --demo
    const std::string time = health["time"];
    CHECK(std::regex_match(time, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
}

TEST_CASE("the server answers HEAD on the health endpoint with headers and no body") {
    ServedSite site;
    httplib::Result result = site.server.client().Head("/api/v1/health");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(result->body.empty());
}

TEST_CASE("the server answers an unknown /api/ path with 404 and a JSON error, whatever the method") {
    ServedSite site;
    httplib::Client client = site.server.client();
    check_json_error(client.Get("/api/v1/no-such-thing"), 404, "not_found");
    check_json_error(client.Get("/api/"), 404, "not_found");
    check_json_error(client.Post("/api/v2/sync", "{}", "application/json"), 404, "not_found");
    check_json_error(client.Delete("/api/v1/customers"), 404, "not_found");
}

TEST_CASE("the server answers a wrong method on a known API path with 405, Allow and a JSON error") {
    ServedSite site;
    httplib::Client client = site.server.client();
    httplib::Result post = client.Post("/api/v1/health", "{}", "application/json");
    check_json_error(post, 405, "method_not_allowed");
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
    check_json_error(client.Put("/api/v1/health", "{}", "application/json"), 405, "method_not_allowed");
    check_json_error(client.Options("/api/v1/health"), 405, "method_not_allowed");
}

TEST_CASE("the server turns an exception in an API handler into a 500 JSON error and keeps serving") {
    ServedSite site;
    auto throwing_handler = [](const crm::ApiRequest&, httplib::Response& response) {
        response.set_header("X-Half-Written", "yes");
        throw std::runtime_error("a bug in a handler (expected by this test)");
    };
    site.server.server().api().add("GET", "/api/v1/test-throws", throwing_handler);
    httplib::Client client = site.server.client();
    httplib::Result failed = client.Get("/api/v1/test-throws");
    check_json_error(failed, 500, "internal");
    CHECK_FALSE(failed->has_header("X-Half-Written"));
    httplib::Result health = client.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("the server answers concurrent API and static requests over its one database connection") {
    ServedSite site;
    std::atomic<int> answered{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) {
        clients.emplace_back([&] {
            httplib::Client client = site.server.client();
            for (int i = 0; i < 10; ++i) {
                httplib::Result health = client.Get("/api/v1/health");
                httplib::Result page = client.Get("/");
                if (health && health->status == 200 && page && page->status == 200) ++answered;
            }
        });
    }
    for (std::thread& client : clients) client.join();
    CHECK(answered == 80);
}

//-----------------------------------------------------------------------------
// [SECTION] Request bodies
//-----------------------------------------------------------------------------

TEST_CASE("the server refuses a request body over 1 MiB with 413 and a JSON error") {
    ServedSite site;
    httplib::Client client = site.server.client();
    const std::string too_large(crm::kMaxRequestBodyBytes + 1, 'x');
    check_json_error(client.Post("/api/v1/health", too_large, "application/json"), 413, "payload_too_large");
    // At the limit the body is read, and the route decides (here: wrong method).
    const std::string at_limit(crm::kMaxRequestBodyBytes, 'x');
    check_json_error(client.Post("/api/v1/health", at_limit, "application/json"), 405, "method_not_allowed");
}

TEST_CASE("the server refuses an oversized chunked request body with 413 and keeps the connection usable") {
    ServedSite site;
    httplib::Client client = site.server.client();
    client.set_keep_alive(true);
    // Without a length, httplib::Client sends the body in chunks: 2 MiB in 64 KiB pieces.
    const std::string piece(64 * 1024, 'x');
    size_t sent = 0;
    httplib::Result result = client.Post(
        "/api/v1/sync",
        [&](size_t, httplib::DataSink& sink) {
            if (sent < 2 * crm::kMaxRequestBodyBytes) {
                sent += piece.size();
                return sink.write(piece.data(), piece.size());
            }
            sink.done();
            return true;
        },
        "application/json");
    check_json_error(result, 413, "payload_too_large");
    httplib::Result next = client.Get("/api/v1/health");  // same connection
    REQUIRE(next);
    CHECK(next->status == 200);
}

TEST_CASE("the server answers a POST without Content-Length at once, as a request with no body") {
    ServedSite site;
    const auto start = std::chrono::steady_clock::now();
    const std::string answer =
        raw_exchange(site.server.port(), "POST /api/v1/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 405 "));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("the server answers methods other than GET and HEAD on static paths with 405") {
    ServedSite site;
    httplib::Result result = site.server.client().Post("/index.html", "x", "text/plain");
    REQUIRE(result);
    CHECK(result->status == 405);
    CHECK(result->get_header_value("Allow") == "GET, HEAD");
}

//-----------------------------------------------------------------------------
// [SECTION] Static files
//-----------------------------------------------------------------------------

TEST_CASE("the server sends index.html for / as UTF-8 HTML with Cache-Control no-cache") {
    ServedSite site;
    httplib::Client client = site.server.client();
    httplib::Result result = client.Get("/");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body == kIndexHtml);
    CHECK(result->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(result->get_header_value("Cache-Control") == "no-cache");

    httplib::Result folder = client.Get("/docs/");
    REQUIRE(folder);
    CHECK(folder->status == 200);
    CHECK(folder->body == "<p>docs</p>\n");
}

TEST_CASE("the server labels static files with the MIME type of their extension") {
    ServedSite site;
    httplib::Client client = site.server.client();
    const std::pair<const char*, const char*> expected[] = {
        {"/crm.wasm", "application/wasm"}, {"/crm.js", "text/javascript"},
        {"/style.css", "text/css"},        {"/manifest.json", "application/json"},
        {"/font.ttf", "font/ttf"},         {"/data.bin", "application/octet-stream"},
    };
    for (const auto& [path, type] : expected) {
        CAPTURE(path);
        httplib::Result result = client.Get(path);
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type") == type);
    }
    CHECK(client.Get("/crm.wasm")->body == kWasm);
}

TEST_CASE("the server sends an empty static file with Content-Length 0") {
    ServedSite site;
    httplib::Result result = site.server.client().Get("/empty.txt");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body.empty());
    CHECK(result->get_header_value("Content-Length") == "0");
    CHECK(result->get_header_value("Content-Type") == "text/plain; charset=utf-8");
}

TEST_CASE("the server answers HEAD for a static file with its headers and no body") {
    ServedSite site;
    httplib::Result result = site.server.client().Head("/crm.js");
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body.empty());
    CHECK(result->get_header_value("Content-Length") == std::to_string(kScript.size()));
    CHECK(result->get_header_value("Content-Type") == "text/javascript");
}

TEST_CASE("the server sends the brotli sibling when the request accepts br") {
    ServedSite site;
    httplib::Client client = site.server.client();
    client.set_decompress(false);
    httplib::Result raw = client.Get("/crm.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(raw);
    CHECK(raw->status == 200);
    CHECK(raw->get_header_value("Content-Encoding") == "br");
    CHECK(raw->get_header_value("Vary") == "Accept-Encoding");
    CHECK(raw->get_header_value("Content-Type") == "text/javascript");
    CHECK(raw->body == compress(httplib::detail::brotli_compressor(), kScript));

    client.set_decompress(true);
    httplib::Result decoded = client.Get("/crm.js", {{"Accept-Encoding", "br"}});
    REQUIRE(decoded);
    CHECK(decoded->body == kScript);
}

TEST_CASE("the server sends the gzip sibling when the request accepts gzip but not br") {
    ServedSite site;
    httplib::Client client = site.server.client();
    client.set_decompress(false);
    httplib::Result raw = client.Get("/crm.js", {{"Accept-Encoding", "gzip, deflate, br;q=0"}});
    REQUIRE(raw);
    CHECK(raw->get_header_value("Content-Encoding") == "gzip");
    CHECK(raw->get_header_value("Vary") == "Accept-Encoding");
    CHECK(raw->get_header_value("Content-Type") == "text/javascript");
    CHECK(raw->body == compress(httplib::detail::gzip_compressor(), kScript));

    client.set_decompress(true);
    httplib::Result decoded = client.Get("/crm.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(decoded);
    CHECK(decoded->body == kScript);
}

TEST_CASE("the server sends the plain file, still with Vary, when the request accepts neither br nor gzip") {
    ServedSite site;
    httplib::Client client = site.server.client();
    client.set_decompress(false);
    for (const char* accept : {"", "identity", "br;q=0, gzip;q=0", "deflate"}) {
        CAPTURE(accept);
        httplib::Result result = *accept ? client.Get("/crm.js", {{"Accept-Encoding", accept}}) : client.Get("/crm.js");
        REQUIRE(result);
        CHECK_FALSE(result->has_header("Content-Encoding"));
        CHECK(result->get_header_value("Vary") == "Accept-Encoding");
        CHECK(result->body == kScript);
    }
}

TEST_CASE("the server never compresses a static file itself") {
    ServedSite site;
    httplib::Client client = site.server.client();
    client.set_decompress(false);
    // index.html has no precompressed siblings; httplib on its own would gzip text/html.
    httplib::Result result = client.Get("/", {{"Accept-Encoding", "gzip, br"}});
    REQUIRE(result);
    CHECK_FALSE(result->has_header("Content-Encoding"));
    CHECK_FALSE(result->has_header("Vary"));
    CHECK(result->body == kIndexHtml);
}

TEST_CASE("the server answers path traversal attempts with 404 and never sends the file outside www") {
    ServedSite site;
    httplib::Client client = site.server.client();
    for (const char* path :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/docs/..%2f..%2fsecret.txt", "/docs/../../secret.txt",
          "//etc/passwd", "/%2fetc%2fpasswd", "/docs%5c..%5c..%5csecret.txt", "/index.html%00.txt", "/.hidden",
          "/docs/./index.html"}) {
        CAPTURE(path);
        httplib::Result result = client.Get(path);
        REQUIRE(result);
        CHECK(result->status == 404);
        CHECK(result->body.find(kSecret) == std::string::npos);
    }
    // The same over a raw socket, byte for byte as written.
    const std::string answer =
        raw_exchange(site.server.port(), "GET /../secret.txt HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 404 "));
    CHECK(answer.find(kSecret) == std::string::npos);
}

TEST_CASE("the server answers an unknown static file with a plain-text 404") {
    ServedSite site;
    httplib::Result result = site.server.client().Get("/no-such-file.js");
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(result->get_header_value("Content-Type") == "text/plain; charset=utf-8");
    CHECK(result->body == "Not found\n");
}

TEST_CASE("the server reads static files on every request, so a rebuild shows without a restart") {
    ServedSite site;
    httplib::Client client = site.server.client();
    REQUIRE(client.Get("/")->body == kIndexHtml);
    write_file(site.folder.path() / "www" / "index.html", "<p>rebuilt</p>\n");
    CHECK(client.Get("/")->body == "<p>rebuilt</p>\n");
}

TEST_CASE("the server answers a repeated request for an unchanged file with 304 and no body") {
    ServedSite site;
    httplib::Client client = site.server.client();
    client.set_decompress(false);
    httplib::Result first = client.Get("/crm.js", {{"Accept-Encoding", "br"}});
    REQUIRE(first);
    const std::string tag = first->get_header_value("ETag");
    REQUIRE_FALSE(tag.empty());
    httplib::Result again = client.Get("/crm.js", {{"Accept-Encoding", "br"}, {"If-None-Match", tag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    CHECK(again->get_header_value("ETag") == tag);

    // Another encoding is other bytes: another tag, and a full answer.
    httplib::Result gzip = client.Get("/crm.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", tag}});
    REQUIRE(gzip);
    CHECK(gzip->status == 200);
    CHECK(gzip->get_header_value("ETag") != tag);
}

TEST_CASE("the server's tag changes when a rebuild rewrites the file") {
    ServedSite site;
    httplib::Client client = site.server.client();
    httplib::Result first = client.Get("/");
    REQUIRE(first);
    const std::string tag = first->get_header_value("ETag");
    write_file(site.folder.path() / "www" / "index.html", "<p>rebuilt, and longer than before</p>\n");
    httplib::Result again = client.Get("/", {{"If-None-Match", tag}});
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(again->body == "<p>rebuilt, and longer than before</p>\n");
    CHECK(again->get_header_value("ETag") != tag);
}

//-----------------------------------------------------------------------------
// [SECTION] Demo data and lifecycle
//-----------------------------------------------------------------------------

TEST_CASE("the server seeds the demo customers with --demo once, and not again on the next start") {
    TempDir folder;
    write_site(folder.path());
    int64_t first_count = 0;
    {
        RunningServer server(options_in(folder, true));
        httplib::Result health = server.client().Get("/api/v1/health");
        REQUIRE(health);
        first_count = json_body(health)["customers"];
        CHECK(first_count > 0);
    }
    RunningServer again(options_in(folder, true));
    httplib::Result health = again.client().Get("/api/v1/health");
    REQUIRE(health);
    CHECK(json_body(health)["customers"] == first_count);
}

TEST_CASE("the server refuses to bind a port another server is listening on") {
    TempDir folder;
    write_site(folder.path());
    RunningServer first(options_in(folder));
    TempDir other_folder;
    crm::ServerOptions options = options_in(other_folder);
    options.port = first.port();
    auto second = crm::Server::open(options);
    REQUIRE(second.ok());
    CHECK_FALSE(second.value()->bind().ok());
}

TEST_CASE("the server stops cleanly when stop() comes before run(), and frees its port") {
    TempDir folder;
    auto opened = crm::Server::open(options_in(folder));
    REQUIRE(opened.ok());
    int port = 0;
    {
        std::unique_ptr<crm::Server> server = std::move(opened).value();
        port = server->bind().value();
        server->stop();
        CHECK(server->run());  // returns at once
    }
    crm::ServerOptions same_port = options_in(folder);
    same_port.port = port;
    auto reopened = crm::Server::open(same_port);
    REQUIRE(reopened.ok());
    CHECK(reopened.value()->bind().ok());
}

TEST_CASE("the server reports a data file it cannot open instead of starting") {
    TempDir folder;
    crm::ServerOptions options = options_in(folder);
    options.data_path = (folder.path() / "no-such-folder" / "server.sqlite").string();
    auto opened = crm::Server::open(options);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.find("no-such-folder") != std::string::npos);
}
