// GET /api/v1/health: is the server up, which version and schema, how much data.
// For monitoring, deploy scripts and the browser tests; it needs no login.
#include "api.hpp"
#include "core/clock.hpp"
#include "core/migrations.hpp"
#include "domain/customer.hpp"
#include "storage.hpp"
#include "version.hpp"

namespace crm {

void add_health_routes(ApiRouter& router, Storage& storage) {
    router.add("GET", "/api/v1/health", [&storage](const ApiRequest&, httplib::Response& response) {
        nlohmann::json health = storage.with_db([](Db& db) {
            return nlohmann::json{{"schema_version", schema_version(db)}, {"customers", count_customers(db)}};
        });
        health["status"] = "ok";
        health["version"] = kServerVersion;
        health["time"] = iso_utc(now_ms());
        send_json(response, 200, health);
    });
}

}  // namespace crm
