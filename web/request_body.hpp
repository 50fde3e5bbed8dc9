// Reading a request body with a size limit that holds however the body is sent.
//
// httplib 0.11 enforces set_payload_max_length() only for bodies that declare a
// Content-Length: a chunked body is read into memory whole, however long it is. Handlers
// registered with a content reader read the body here instead: at most max_bytes are kept,
// and the rest is read and dropped, so that the connection stays in step and the next
// request on it (keep-alive) still parses.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>

namespace crm {

// The largest request body the server reads, whatever the path (sync batches stay well below).
inline constexpr size_t kMaxRequestBodyBytes = 1024 * 1024;

enum class BodyStatus {
    complete,
    too_large,   // over max_bytes; drained, nothing kept
    unreadable,  // malformed, cut off, or multipart (which nothing here takes)
};

struct RequestBody {
    BodyStatus status = BodyStatus::complete;
    std::string bytes;
};

// `response` is where httplib notes a declared Content-Length over its limit (status 413).
RequestBody read_request_body(const httplib::Request& request, const httplib::Response& response,
                              const httplib::ContentReader& reader, size_t max_bytes);

}  // namespace crm
