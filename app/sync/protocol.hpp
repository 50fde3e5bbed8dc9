// The sync protocol's messages (POST /api/v1/sync, docs/sync-protocol.md) as C++ values,
// with the JSON parsing both ends use: the server parses requests and trusts nothing in
// them, the client parses responses the same way.
//
// [SECTION] Request
// [SECTION] Response
//
// Parsing checks the shape of the whole message before anything is applied: a wrong type,
// an unknown table or field, or a field the client may not write anywhere in it makes the
// whole message a 400 that changes nothing. Whether a well-formed mutation is valid and
// allowed is decided later, one mutation at a time (web/sync_service).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "sync/tables.hpp"

namespace crm::sync {

inline constexpr int kSchemaVersion = 1;
inline constexpr size_t kMaxMutationsPerRequest = 1000;
inline constexpr int64_t kDefaultLimit = 500, kMaxLimit = 5000;

// Record ids are made on the client (UUIDv7 in this one); the server accepts any id of
// 1 to 64 letters, digits, '-' and '_', so that an id is always safe to log and to show.
bool is_record_id(std::string_view id);

//-----------------------------------------------------------------------------
// [SECTION] Request
//-----------------------------------------------------------------------------

struct Mutation {
    int64_t mid = 0;  // counts up by one per client, from 1
    const TableSpec* table = nullptr;
    std::string id;
    bool is_delete = false;                   // op "delete"; otherwise "upsert"
    nlohmann::json fields;                    // the fields the client changed, and only those
    std::map<std::string, int64_t> base;      // per field: the rev of the record the client edited
};

struct SyncRequest {
    std::string client_id;
    int64_t cursor = 0;
    std::string scope;  // the last answer's scope token ("" at first)
    int64_t limit = kDefaultLimit;
    std::vector<Mutation> mutations;
};

// Error codes: bad_json, bad_request (a missing or mistyped member; the message names it as
// a path, e.g. "mutations[2].fields.name must be a string"), unsupported_schema,
// unknown_table, unknown_field, read_only_field.
Result<SyncRequest> parse_request(std::string_view body);
nlohmann::json to_json(const SyncRequest& request);

//-----------------------------------------------------------------------------
// [SECTION] Response
//-----------------------------------------------------------------------------

struct MutationResult {
    int64_t mid = 0;
    std::string status;  // applied | conflict | rejected
    std::string code;    // why, when not simply applied: invalid, forbidden, not_found, deleted, ...
    std::string message;
    std::string field;  // the field a rejection is about, when there is one

    bool operator==(const MutationResult&) const = default;
};

// A pulled change. Its text (the id, the fields' text) lives in its SyncResponse.
struct Change {
    const TableSpec* table = nullptr;
    std::string_view id;
    int64_t seq = 0;
    bool deleted = false;
    std::span<const FieldValue> fields;  // one per field of the table, in its order
};

struct Removal {
    std::string table;
    std::string id;
};

// Holds the text its changes point into, so it moves but does not copy.
struct SyncResponse {
    SyncResponse() = default;
    SyncResponse(SyncResponse&&) = default;
    SyncResponse& operator=(SyncResponse&&) = default;
    SyncResponse(const SyncResponse&) = delete;
    SyncResponse& operator=(const SyncResponse&) = delete;

    std::vector<MutationResult> results;
    int64_t last_mid = 0;
    std::vector<Change> changes;
    std::vector<Removal> removals;
    int64_t cursor = 0;
    bool more = false;
    int64_t head = 0;  // the server's latest change number: how far a first sync has to go
    std::string scope;  // names what the user may see; the client sends it back with its cursor

    // The changes' ids and text values, unescaped, and their field values.
    std::vector<char> text;
    std::vector<FieldValue> values;
};

// Error code bad_response with what was wrong: a client applies nothing from such a message.
// Reads the answer as it goes (a SAX parse), building no JSON tree: a first sync brings 100s of
// answers of 3 MB, and the tree cost more than the rest of the parse. The whole answer is
// checked before any of it is returned.
Result<SyncResponse> parse_response(std::string_view body);

}  // namespace crm::sync
