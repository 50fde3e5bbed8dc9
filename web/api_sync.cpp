// POST /api/v1/sync: one call pushes the client's mutations and pulls the changes it may see
// (docs/sync-protocol.md; the work is in sync_service).
#include "api.hpp"
#include "auth.hpp"
#include "storage.hpp"
#include "sync/protocol.hpp"
#include "sync_service.hpp"

namespace crm {

void add_sync_routes(ApiRouter& router, Storage& storage) {
    router.add("POST", "/api/v1/sync", [&storage](const ApiRequest& request, httplib::Response& response) {
        std::optional<Principal> user = authenticate_or_answer(storage, request.http, response);
        if (!user) return;
        // The whole message is checked before anything is applied: a malformed one changes nothing.
        Result<sync::SyncRequest> parsed = sync::parse_request(request.body);
        if (!parsed) {
            send_error(response, 400, parsed.error().code, parsed.error().message);
            return;
        }
        SyncOutcome outcome = storage.with_db([&](Db& db) { return handle_sync(db, *user, parsed.value()); });
        // Written as text by the service (a first sync's answer is megabytes of changes).
        response.status = outcome.status;
        response.set_content(std::move(outcome.body), "application/json; charset=utf-8");
        response.set_header("Cache-Control", "no-store");
    });
}

}  // namespace crm
