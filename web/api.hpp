// The JSON API under /api/: a router that every endpoint file adds its routes to, and the
// one shape every answer has.
//
// [SECTION] Responses
// [SECTION] Request bodies
// [SECTION] Routes
// [SECTION] Endpoints
//
// Every answer is JSON (application/json; charset=utf-8) with Cache-Control: no-store: the
// data belongs to one user and changes with every sync, so no browser or proxy may keep a
// copy. Errors are {"error": {"code": "...", "message": "..."}}: the code is stable, for
// programs; the message is English, for people and logs.
#pragma once

#include <httplib.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace crm {

class Storage;
struct ServerOptions;

inline constexpr std::string_view kApiPrefix = "/api/";

bool is_api_path(std::string_view path);

//-----------------------------------------------------------------------------
// [SECTION] Responses
//-----------------------------------------------------------------------------

void send_json(httplib::Response& response, int status, const nlohmann::json& body);
void send_error(httplib::Response& response, int status, std::string_view code, std::string_view message);
// 422 {"error": {"code": "invalid", "message", "fields": [{"field", "code", "limit"?}]}}: input
// a person can correct, each problem next to its field (the codes of core/result.hpp).
void send_invalid(httplib::Response& response, const Problems& problems);

//-----------------------------------------------------------------------------
// [SECTION] Request bodies
//-----------------------------------------------------------------------------

struct ApiRequest;

// The body as a JSON object; otherwise answers 400 (code "bad_request") and returns nullopt.
std::optional<nlohmann::json> read_json_object(const ApiRequest& request, httplib::Response& response);

enum class JsonType { string, boolean, number, object, array };

struct FieldType {
    std::string_view name;
    JsonType type;
};

// True when every named field is absent, null or of its type. Otherwise answers 400 naming
// the first field at fault: a wrong type is a client's bug, not a slip a person corrects.
bool check_field_types(const nlohmann::json& object, std::initializer_list<FieldType> fields,
                       httplib::Response& response);

// A field that check_field_types accepted; nullopt when absent or null.
std::optional<std::string> optional_text(const nlohmann::json& object, std::string_view field);
std::optional<bool> optional_flag(const nlohmann::json& object, std::string_view field);

//-----------------------------------------------------------------------------
// [SECTION] Routes
//-----------------------------------------------------------------------------

struct ApiRequest {
    const httplib::Request& http;
    std::string body;  // the whole body (at most kMaxRequestBodyBytes); empty for GET
};

using ApiHandler = std::function<void(const ApiRequest& request, httplib::Response& response)>;

// Routes are exact paths; the router answers 404 for a path it does not know and 405 (with
// Allow) for a known path asked with another method. Add every route before the server runs.
class ApiRouter {
public:
    // `method` is GET, POST, PUT, PATCH or DELETE; a GET route answers HEAD too.
    void add(const std::string& method, const std::string& path, ApiHandler handler);

    // Sends every request under /api/ to dispatch(). httplib tries patterns in the order
    // they were added, so install the router before any catch-all outside /api/.
    // The router must outlive `http`.
    void install(httplib::Server& http) const;

    void dispatch(const ApiRequest& request, httplib::Response& response) const;

private:
    std::map<std::string, std::map<std::string, ApiHandler, std::less<>>, std::less<>> handlers_by_path_;
};

//-----------------------------------------------------------------------------
// [SECTION] Endpoints
//-----------------------------------------------------------------------------

// One file per endpoint, api_<name>.cpp, each adding its routes; add_api_routes() calls them all.
void add_api_routes(ApiRouter& router, Storage& storage, const ServerOptions& options);

void add_health_routes(ApiRouter& router, Storage& storage);                              // api_health.cpp
void add_auth_routes(ApiRouter& router, Storage& storage, const ServerOptions& options);   // api_auth.cpp
void add_admin_routes(ApiRouter& router, Storage& storage, const ServerOptions& options);  // api_admin.cpp
void add_sync_routes(ApiRouter& router, Storage& storage);                                // api_sync.cpp

}  // namespace crm
