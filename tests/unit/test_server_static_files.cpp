// The pure parts of the static file server (web/static_files.hpp): which file a URL names,
// its MIME type, and which precompressed sibling a request may receive.
#include <doctest/doctest.h>

#include <string>

#include "static_files.hpp"

namespace fs = std::filesystem;

namespace {

std::string encodings(std::string_view accept_encoding) {
    std::string names;
    for (const crm::Precompressed& encoding : crm::acceptable_precompressed(accept_encoding)) {
        if (!names.empty()) names += ",";
        names += encoding.content_encoding;
    }
    return names;
}

}  // namespace

TEST_CASE("static file server maps / and folder paths to index.html and other paths to files under the root") {
    const fs::path root = "/srv/www";
    CHECK(crm::static_file_path(root, "/") == fs::path("/srv/www/index.html"));
    CHECK(crm::static_file_path(root, "/docs/") == fs::path("/srv/www/docs/index.html"));
    CHECK(crm::static_file_path(root, "/crm.wasm") == fs::path("/srv/www/crm.wasm"));
    CHECK(crm::static_file_path(root, "/fonts/cjk.ttf") == fs::path("/srv/www/fonts/cjk.ttf"));
    CHECK(crm::static_file_path(root, "/name with space.txt") == fs::path("/srv/www/name with space.txt"));
}

TEST_CASE("static file server refuses '..', hidden segments, empty segments, backslashes, NUL and relative paths") {
    const fs::path root = "/srv/www";
    for (std::string_view path : {"/..", "/../etc/passwd", "/docs/../../etc/passwd", "/.git/config", "/./index.html",
                                  "//etc/passwd", "/docs//index.html", "/..\\secret", "/docs\\index.html", "",
                                  "index.html", "http://example.com/"}) {
        CAPTURE(path);
        CHECK_FALSE(crm::static_file_path(root, path).has_value());
    }
    CHECK_FALSE(crm::static_file_path(root, std::string_view("/index.html\0.txt", 16)).has_value());
}

TEST_CASE("static file server takes the MIME type from the extension, ignoring case") {
    CHECK(crm::mime_type("index.html") == "text/html; charset=utf-8");
    CHECK(crm::mime_type("crm.js") == "text/javascript");
    CHECK(crm::mime_type("crm.wasm") == "application/wasm");
    CHECK(crm::mime_type("style.css") == "text/css");
    CHECK(crm::mime_type("manifest.json") == "application/json");
    CHECK(crm::mime_type("logo.PNG") == "image/png");
    CHECK(crm::mime_type("icon.svg") == "image/svg+xml");
    CHECK(crm::mime_type("cjk.ttf") == "font/ttf");
    CHECK(crm::mime_type("favicon.ico") == "image/x-icon");
    CHECK(crm::mime_type("notes.txt") == "text/plain; charset=utf-8");
    CHECK(crm::mime_type("crm.js.br") == "application/octet-stream");
    CHECK(crm::mime_type("LICENSE") == "application/octet-stream");
}

TEST_CASE("static file server prefers brotli over gzip when Accept-Encoding allows both") {
    CHECK(encodings("gzip, deflate, br") == "br,gzip");
    CHECK(encodings("gzip;q=1.0, br;q=0.1") == "br,gzip");
    CHECK(encodings("br") == "br");
    CHECK(encodings("gzip") == "gzip");
    CHECK(encodings("") == "");
    CHECK(encodings("identity") == "");
}

TEST_CASE("static file server honours q=0, '*', x-gzip, upper case and malformed q-values in Accept-Encoding") {
    CHECK(encodings("br;q=0, gzip") == "gzip");
    CHECK(encodings("br, gzip;q=0.000") == "br");
    CHECK(encodings("*") == "br,gzip");
    CHECK(encodings("*;q=0") == "");
    CHECK(encodings("br;q=0, *") == "gzip");
    CHECK(encodings("x-gzip") == "gzip");
    CHECK(encodings(" GZIP ; Q=0.5 ") == "gzip");
    CHECK(encodings("br;q=high, gzip") == "gzip");
    CHECK(encodings(",,br,,") == "br");
}
