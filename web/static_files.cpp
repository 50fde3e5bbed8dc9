#include "static_files.hpp"

#include <charconv>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>

#include "core/text.hpp"
#include "request_body.hpp"

namespace crm {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTextType = "text/plain; charset=utf-8";

constexpr Precompressed kPrecompressed[] = {{"br", ".br"}, {"gzip", ".gz"}};  // best first

struct MimeType {
    std::string_view extension;
    std::string_view type;
};

constexpr MimeType kMimeTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript"},
    {".wasm", "application/wasm"},  // required by WebAssembly.instantiateStreaming
    {".css", "text/css"},
    {".json", "application/json"},
    {".png", "image/png"},
    {".svg", "image/svg+xml"},
    {".ttf", "font/ttf"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Paths and types
//-----------------------------------------------------------------------------

std::optional<fs::path> static_file_path(const fs::path& root, std::string_view url_path) {
    if (!url_path.starts_with('/')) return std::nullopt;
    if (url_path.find('\\') != std::string_view::npos || url_path.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }
    fs::path file = root;
    std::string_view rest = url_path.substr(1);
    while (!rest.empty()) {
        const size_t slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        if (segment.empty() || segment.front() == '.') return std::nullopt;
        file /= segment;
        if (slash == std::string_view::npos) return file;
        rest.remove_prefix(slash + 1);
    }
    return file / "index.html";
}

std::string_view mime_type(const fs::path& file) {
    const std::string extension = ascii_lower(file.extension().string());
    for (const MimeType& mime : kMimeTypes)
        if (extension == mime.extension) return mime.type;
    return "application/octet-stream";
}

//-----------------------------------------------------------------------------
// [SECTION] Precompressed siblings
//-----------------------------------------------------------------------------

namespace {

struct AcceptedCoding {
    std::string name;  // lower case
    double quality = 1;
};

// "br;q=1.0, gzip;q=0.5, *;q=0" -> {br 1}, {gzip 0.5}, {* 0}. A q-value that does not
// parse counts as 0: sending the plain file is never wrong.
std::vector<AcceptedCoding> parse_accept_encoding(std::string_view header) {
    std::vector<AcceptedCoding> codings;
    while (!header.empty()) {
        const size_t comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);

        const size_t semicolon = item.find(';');
        AcceptedCoding coding{ascii_lower(trim(item.substr(0, semicolon))), 1};
        if (coding.name.empty()) continue;
        if (semicolon != std::string_view::npos) {
            const std::string parameter = ascii_lower(trim(item.substr(semicolon + 1)));
            if (parameter.starts_with("q=")) {
                const char* begin = parameter.data() + 2;
                const char* end = parameter.data() + parameter.size();
                auto [stop, error] = std::from_chars(begin, end, coding.quality);
                if (error != std::errc() || stop != end) coding.quality = 0;
            }
        }
        codings.push_back(std::move(coding));
    }
    return codings;
}

bool names_encoding(std::string_view coding, const Precompressed& encoding) {
    // RFC 9110 asks servers to take the old "x-gzip" as "gzip".
    return coding == encoding.content_encoding || (encoding.content_encoding == "gzip" && coding == "x-gzip");
}

}  // namespace

std::vector<Precompressed> acceptable_precompressed(std::string_view accept_encoding) {
    const std::vector<AcceptedCoding> codings = parse_accept_encoding(accept_encoding);
    std::vector<Precompressed> acceptable;
    for (const Precompressed& encoding : kPrecompressed) {
        std::optional<double> named, wildcard;
        for (const AcceptedCoding& coding : codings) {
            if (names_encoding(coding.name, encoding)) named = coding.quality;
            if (coding.name == "*") wildcard = coding.quality;
        }
        if (named.value_or(wildcard.value_or(0)) > 0) acceptable.push_back(encoding);
    }
    return acceptable;
}

//-----------------------------------------------------------------------------
// [SECTION] Routes
//-----------------------------------------------------------------------------

namespace {

fs::path with_suffix(fs::path file, std::string_view suffix) {
    file += suffix;
    return file;
}

bool is_file(const fs::path& path) {
    std::error_code error;  // a path too long or not readable is simply not there
    return fs::is_regular_file(path, error);
}

std::optional<std::string> read_regular_file(const fs::path& path) {
    if (!is_file(path)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(bytes).str();
}

// httplib 0.11 compresses a response body itself when its type looks like text and the
// request accepts gzip or br, even when Content-Encoding is already set: a precompressed
// file would be compressed twice. It leaves content providers alone, so every static
// answer goes through one. The status stays unset for a file, so that httplib answers a
// Range request with 206.
void send_bytes(httplib::Response& response, std::string bytes, std::string_view type) {
    if (bytes.empty()) {  // set_content_provider() refuses a length of 0; nothing to compress
        response.set_content(std::string(), std::string(type));
        return;
    }
    auto shared = std::make_shared<const std::string>(std::move(bytes));
    response.set_content_provider(shared->size(), std::string(type),
                                  [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                                      return sink.write(shared->data() + offset, length);
                                  });
}

void send_text(httplib::Response& response, int status, std::string text) {
    response.status = status;
    send_bytes(response, std::move(text), kTextType);
}

// A validator for the exact bytes sent: size and modification time of the file chosen
// (plain or precompressed), so a rebuild changes it. "no-cache" makes the browser ask each
// time; the answer is then a 304 without a body instead of the whole crm.wasm again.
std::optional<std::string> entity_tag(const fs::path& path, std::string_view encoding) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) return std::nullopt;
    const auto modified = fs::last_write_time(path, error);
    if (error) return std::nullopt;
    // Appended, not "literal" + string: GCC 12 -O3 warns falsely (-Wrestrict) on that.
    std::string tag = "\"";
    tag.append(std::to_string(size)).append("-").append(std::to_string(modified.time_since_epoch().count()));
    if (!encoding.empty()) tag.append("-").append(encoding);
    return tag.append("\"");
}

void serve_static_file(const fs::path& root, const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-cache");
    const std::optional<fs::path> file = static_file_path(root, request.path);
    if (!file || !is_file(*file)) return send_text(response, 404, "Not found\n");

    // A cache must key on Accept-Encoding wherever the answer depends on it, the plain
    // answer included, or it could hand brotli to a client that asked for none.
    for (const Precompressed& encoding : kPrecompressed) {
        if (is_file(with_suffix(*file, encoding.suffix))) {
            response.set_header("Vary", "Accept-Encoding");
            break;
        }
    }

    fs::path chosen = *file;
    std::string_view content_encoding;
    for (const Precompressed& encoding : acceptable_precompressed(request.get_header_value("Accept-Encoding"))) {
        if (fs::path variant = with_suffix(*file, encoding.suffix); is_file(variant)) {
            chosen = std::move(variant);
            content_encoding = encoding.content_encoding;
            break;
        }
    }
    if (!content_encoding.empty()) response.set_header("Content-Encoding", std::string(content_encoding));
    if (std::optional<std::string> tag = entity_tag(chosen, content_encoding)) {
        response.set_header("ETag", *tag);
        if (request.get_header_value("If-None-Match") == *tag) {
            response.status = 304;
            return;
        }
    }
    std::optional<std::string> bytes = read_regular_file(chosen);
    if (!bytes) return send_text(response, 404, "Not found\n");  // deleted by a rebuild a moment ago
    send_bytes(response, std::move(*bytes), mime_type(*file));
}

// The static site only answers GET and HEAD. The body of any other request is still read
// (within the limit) so that the connection stays usable.
void refuse_method(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader) {
    switch (read_request_body(request, response, reader, kMaxRequestBodyBytes).status) {
        case BodyStatus::too_large: return send_text(response, 413, "Request body too large\n");
        case BodyStatus::unreadable: return send_text(response, 400, "Bad request\n");
        case BodyStatus::complete:
            response.set_header("Allow", "GET, HEAD");
            return send_text(response, 405, "Method not allowed\n");
    }
}

}  // namespace

void add_static_file_routes(httplib::Server& http, fs::path root) {
    const std::string every_path = "/.*";
    http.Get(every_path, [root = std::move(root)](const httplib::Request& request, httplib::Response& response) {
        serve_static_file(root, request, response);
    });
    http.Post(every_path, refuse_method);
    http.Put(every_path, refuse_method);
    http.Patch(every_path, refuse_method);
    http.Delete(every_path, refuse_method);
}

}  // namespace crm
