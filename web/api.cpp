#include "api.hpp"

#include <utility>

#include "core/result.hpp"
#include "request_body.hpp"
#include "server_options.hpp"

namespace crm {

bool is_api_path(std::string_view path) { return path.starts_with(kApiPrefix); }

void add_api_routes(ApiRouter& router, Storage& storage, const ServerOptions& options) {
    add_health_routes(router, storage);
    add_auth_routes(router, storage, options);
    add_admin_routes(router, storage, options);
    add_sync_routes(router, storage);
}

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

void send_invalid(httplib::Response& response, const Problems& problems) {
    nlohmann::json fields = nlohmann::json::array();
    std::string message = "invalid input:";
    for (const FieldError& problem : problems) {
        nlohmann::json field = {{"field", problem.field}, {"code", problem.code}};
        if (problem.limit != 0) field["limit"] = problem.limit;
        fields.push_back(std::move(field));
        message += " " + problem.field + " (" + problem.code + ")";
    }
    send_json(response, 422, {{"error", {{"code", "invalid"}, {"message", message}, {"fields", std::move(fields)}}}});
}

//-----------------------------------------------------------------------------
// [SECTION] Request bodies
//-----------------------------------------------------------------------------

std::optional<nlohmann::json> read_json_object(const ApiRequest& request, httplib::Response& response) {
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        send_error(response, 400, "bad_request", "the request body is not valid JSON");
        return std::nullopt;
    }
    if (!body.is_object()) {
        send_error(response, 400, "bad_request", "the request body must be a JSON object");
        return std::nullopt;
    }
    return body;
}

namespace {

bool has_type(const nlohmann::json& value, JsonType type) {
    switch (type) {
        case JsonType::string: return value.is_string();
        case JsonType::boolean: return value.is_boolean();
        case JsonType::number: return value.is_number();
        case JsonType::object: return value.is_object();
        case JsonType::array: return value.is_array();
    }
    return false;
}

std::string_view type_name(JsonType type) {
    switch (type) {
        case JsonType::string: return "a string";
        case JsonType::boolean: return "true or false";
        case JsonType::number: return "a number";
        case JsonType::object: return "an object";
        case JsonType::array: return "an array";
    }
    return "";
}

const nlohmann::json* present_field(const nlohmann::json& object, std::string_view field) {
    auto found = object.find(field);
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

}  // namespace

bool check_field_types(const nlohmann::json& object, std::initializer_list<FieldType> fields,
                       httplib::Response& response) {
    for (const FieldType& field : fields) {
        const nlohmann::json* value = present_field(object, field.name);
        if (value && !has_type(*value, field.type)) {
            // Appended, not "literal" + string: GCC 12 -O3 warns falsely (-Wrestrict) on that.
            std::string message = "\"";
            message.append(field.name).append("\" must be ").append(type_name(field.type));
            send_error(response, 400, "bad_request", message);
            return false;
        }
    }
    return true;
}

std::optional<std::string> optional_text(const nlohmann::json& object, std::string_view field) {
    const nlohmann::json* value = present_field(object, field);
    return value ? std::optional<std::string>(value->get<std::string>()) : std::nullopt;
}

std::optional<bool> optional_flag(const nlohmann::json& object, std::string_view field) {
    const nlohmann::json* value = present_field(object, field);
    return value ? std::optional<bool>(value->get<bool>()) : std::nullopt;
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
