#include "api.hpp"

#include <utility>

#include "core/result.hpp"
#include "request_body.hpp"

namespace crm {

bool is_api_path(std::string_view path) { return path.starts_with(kApiPrefix); }

void add_api_routes(ApiRouter& router, Storage& storage) { add_health_routes(router, storage); }

//-----------------------------------------------------------------------------
// [SECTION] Responses
//-----------------------------------------------------------------------------

void send_json(httplib::Response& response, int status, const nlohmann::json& body) {
    response.status = status;
    // error_handler_t::replace: a request path with invalid UTF-8, quoted in an error
    // message, must not turn the answer into an exception.
    response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                         "application/json; charset=utf-8");
    response.headers.erase("Cache-Control");
    response.set_header("Cache-Control", "no-store");
}

void send_error(httplib::Response& response, int status, std::string_view code, std::string_view message) {
    send_json(response, status, {{"error", {{"code", code}, {"message", message}}}});
}

//-----------------------------------------------------------------------------
// [SECTION] Routes
//-----------------------------------------------------------------------------

namespace {

constexpr std::string_view kRoutableMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

bool is_routable(std::string_view method) {
    for (std::string_view routable : kRoutableMethods)
        if (method == routable) return true;
    return false;
}

}  // namespace

void ApiRouter::add(const std::string& method, const std::string& path, ApiHandler handler) {
    CRM_CHECK(is_api_path(path), "API routes live under /api/: " + path);
    CRM_CHECK(is_routable(method), "no API routes for method " + method);
    const bool added = handlers_by_path_[path].emplace(method, std::move(handler)).second;
    CRM_CHECK(added, "route added twice: " + method + " " + path);
}

void ApiRouter::install(httplib::Server& http) const {
    const std::string everything_under_api = std::string(kApiPrefix) + ".*";
    auto without_body = [this](const httplib::Request& request, httplib::Response& response) {
        dispatch(ApiRequest{request, {}}, response);
    };
    // Methods that carry a body read it through a content reader (see request_body.hpp),
    // even when the path is unknown, so that the connection stays usable.
    auto with_body = [this](const httplib::Request& request, httplib::Response& response,
                            const httplib::ContentReader& reader) {
        RequestBody body = read_request_body(request, response, reader, kMaxRequestBodyBytes);
        switch (body.status) {
            case BodyStatus::too_large:
                send_error(response, 413, "payload_too_large",
                           "the request body is larger than " + std::to_string(kMaxRequestBodyBytes) + " bytes");
                return;
            case BodyStatus::unreadable:
                send_error(response, 400, "bad_request", "the request body could not be read");
                return;
            case BodyStatus::complete:
                dispatch(ApiRequest{request, std::move(body.bytes)}, response);
                return;
        }
    };
    http.Get(everything_under_api, without_body);  // httplib sends HEAD here too
    http.Options(everything_under_api, without_body);
    http.Post(everything_under_api, with_body);
    http.Put(everything_under_api, with_body);
    http.Patch(everything_under_api, with_body);
    http.Delete(everything_under_api, with_body);
}

void ApiRouter::dispatch(const ApiRequest& request, httplib::Response& response) const {
    const std::string& path = request.http.path;
    auto handlers = handlers_by_path_.find(path);
    if (handlers == handlers_by_path_.end()) {
        send_error(response, 404, "not_found", "there is no API endpoint " + path);
        return;
    }
    std::string_view method = request.http.method == "HEAD" ? std::string_view("GET") : request.http.method;
    if (auto handler = handlers->second.find(method); handler != handlers->second.end()) {
        handler->second(request, response);
        return;
    }
    std::string allowed;
    for (const auto& [allowed_method, unused] : handlers->second) {
        if (!allowed.empty()) allowed += ", ";
        allowed += allowed_method;
        if (allowed_method == "GET") allowed += ", HEAD";
    }
    response.set_header("Allow", allowed);
    send_error(response, 405, "method_not_allowed",
               request.http.method + " is not allowed on " + path + " (allowed: " + allowed + ")");
}

}  // namespace crm
