// The browser client's static files (index.html, crm.js, crm.wasm, fonts...), served from
// the --www folder.
//
// [SECTION] Paths and types
// [SECTION] Precompressed siblings
// [SECTION] Routes
//
// Files are read on every request, so a rebuild shows up on the next reload without a
// restart. The build writes name.br and name.gz beside each compressible file
// (tools/write_manifest.py); the server sends one of those when the request accepts it and
// never compresses anything itself. Everything is Cache-Control: no-cache until the file
// names carry content hashes.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Paths and types
//-----------------------------------------------------------------------------

// The file under `root` that a (decoded) URL path names; "/" and "/folder/" name index.html.
// nullopt for anything that could leave the folder or reach a hidden file: a segment that is
// empty ("//etc") or starts with '.' (".." and ".git"), a backslash, a NUL.
std::optional<std::filesystem::path> static_file_path(const std::filesystem::path& root, std::string_view url_path);

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view mime_type(const std::filesystem::path& file);

//-----------------------------------------------------------------------------
// [SECTION] Precompressed siblings
//-----------------------------------------------------------------------------

struct Precompressed {
    std::string_view content_encoding;  // "br", "gzip"
    std::string_view suffix;            // ".br", ".gz"
};

// The precompressed encodings an Accept-Encoding header allows, best first: brotli, then
// gzip. An encoding is allowed when the header lists it (or "*") with a q-value above 0.
std::vector<Precompressed> acceptable_precompressed(std::string_view accept_encoding);

//-----------------------------------------------------------------------------
// [SECTION] Routes
//-----------------------------------------------------------------------------

// GET and HEAD for every path (add after the API's routes: this matches everything);
// other methods get 405.
void add_static_file_routes(httplib::Server& http, std::filesystem::path root);

}  // namespace crm
