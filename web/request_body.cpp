#include "request_body.hpp"

namespace crm {

RequestBody read_request_body(const httplib::Request& request, const httplib::Response& response,
                              const httplib::ContentReader& reader, size_t max_bytes) {
    RequestBody body;
    // RFC 9112 6.3: a request with neither Content-Length nor Transfer-Encoding has no body.
    // httplib 0.11 would wait for more until its read timeout (5 s) and then fail.
    if (!request.has_header("Content-Length") && !request.has_header("Transfer-Encoding")) return body;
    // Always answers true: refusing the data would leave the rest of it on the connection.
    auto keep_within_limit = [&](const char* data, size_t length) {
        if (body.status != BodyStatus::complete) return true;
        if (length > max_bytes - body.bytes.size()) {
            body.status = BodyStatus::too_large;
            body.bytes = std::string();
            return true;
        }
        body.bytes.append(data, length);
        return true;
    };
    // httplib's plain reader cannot read multipart bodies (it calls a part-header callback
    // it was never given); its multipart reader drains them, and the body is refused.
    const bool multipart = request.is_multipart_form_data();
    const bool read = multipart ? reader([](const httplib::MultipartFormData&) { return true; }, keep_within_limit)
                                : reader(keep_within_limit);
    if (!read) {
        body.status = response.status == 413 ? BodyStatus::too_large : BodyStatus::unreadable;
    } else if (multipart && body.status == BodyStatus::complete) {
        body.status = BodyStatus::unreadable;
    }
    if (body.status != BodyStatus::complete) body.bytes = std::string();
    return body;
}

}  // namespace crm
