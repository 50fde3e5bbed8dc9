#include "sync/protocol.hpp"

namespace crm::sync {

namespace {

using nlohmann::json;

Error bad_request(const std::string& message) { return Error{"bad_request", message, {}}; }

// Reads an integer member that must be there (or, with `fallback`, may be missing).
Result<int64_t> integer_member(const json& object, const char* name, const std::string& path, int64_t minimum,
                               std::optional<int64_t> fallback = std::nullopt) {
    auto it = object.find(name);
    if (it == object.end()) {
        if (fallback) return *fallback;
        return bad_request(path + name + " is missing");
    }
    if (!it->is_number_integer()) return bad_request(path + name + " must be an integer");
    const int64_t value = it->get<int64_t>();
    if (value < minimum) return bad_request(path + name + " must be at least " + std::to_string(minimum));
    return value;
}

Result<std::string> string_member(const json& object, const char* name, const std::string& path) {
    auto it = object.find(name);
    if (it == object.end()) return bad_request(path + name + " is missing");
    if (!it->is_string()) return bad_request(path + name + " must be a string");
    return it->get<std::string>();
}

Result<Mutation> parse_mutation(const json& item, const std::string& path) {
    if (!item.is_object()) return bad_request(path + " must be an object");
    Mutation mutation;
    Result<int64_t> mid = integer_member(item, "mid", path + ".", 1);
    if (!mid) return mid.error();
    mutation.mid = mid.value();

    Result<std::string> table = string_member(item, "table", path + ".");
    if (!table) return table.error();
    mutation.table = find_table(table.value());
    if (!mutation.table) return Error{"unknown_table", path + ".table: no table named \"" + table.value() + "\"", {}};

    Result<std::string> id = string_member(item, "id", path + ".");
    if (!id) return id.error();
    if (!is_record_id(id.value())) return bad_request(path + ".id must be 1 to 64 letters, digits, '-' or '_'");
    mutation.id = std::move(id).value();

    Result<std::string> op = string_member(item, "op", path + ".");
    if (!op) return op.error();
    if (op.value() != "upsert" && op.value() != "delete") return bad_request(path + ".op must be \"upsert\" or \"delete\"");
    mutation.is_delete = op.value() == "delete";

    mutation.fields = json::object();
    if (auto fields = item.find("fields"); fields != item.end()) {
        if (!fields->is_object()) return bad_request(path + ".fields must be an object");
        for (const auto& [name, value] : fields->items()) {
            const FieldSpec* field = mutation.table->field(name);
            const std::string where = path + ".fields." + name;
            if (!field) return Error{"unknown_field", where + ": " + std::string(mutation.table->name) + " has no such field", {}};
            if (!field->writable) return Error{"read_only_field", where + " is set by the server", {}};
            if (!has_field_type(*field, value)) {
                switch (field->type) {
                    case FieldType::text: return bad_request(where + " must be a string");
                    case FieldType::boolean: return bad_request(where + " must be true or false");
                    case FieldType::integer: return bad_request(where + " must be an integer (no fraction, no quotes)");
                }
            }
        }
        mutation.fields = *fields;
    } else if (!mutation.is_delete) {
        return bad_request(path + ".fields is missing");
    }

    if (auto base = item.find("base"); base != item.end()) {
        if (!base->is_object()) return bad_request(path + ".base must be an object");
        for (const auto& [name, value] : base->items()) {
            const std::string where = path + ".base." + name;
            if (!mutation.table->field(name)) return Error{"unknown_field", where + ": no such field", {}};
            if (!value.is_number_integer() || value.get<int64_t>() < 0) {
                return bad_request(where + " must be a change number (an integer, 0 or more)");
            }
            mutation.base[name] = value.get<int64_t>();
        }
    }
    return mutation;
}

}  // namespace

bool is_record_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Request
//-----------------------------------------------------------------------------

Result<SyncRequest> parse_request(std::string_view body) {
    const json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded()) return Error{"bad_json", "the body is not valid JSON", {}};
    if (!message.is_object()) return bad_request("the body must be a JSON object");

    Result<int64_t> schema = integer_member(message, "schema_version", "", 0);
    if (!schema) return schema.error();
    if (schema.value() != kSchemaVersion) {
        return Error{"unsupported_schema",
                     "schema_version " + std::to_string(schema.value()) + " is not supported (this server speaks " +
                         std::to_string(kSchemaVersion) + ")",
                     {}};
    }
    SyncRequest request;
    Result<std::string> client_id = string_member(message, "client_id", "");
    if (!client_id) return client_id.error();
    if (!is_record_id(client_id.value())) return bad_request("client_id must be 1 to 64 letters, digits, '-' or '_'");
    request.client_id = std::move(client_id).value();

    Result<int64_t> cursor = integer_member(message, "cursor", "", 0);
    if (!cursor) return cursor.error();
    request.cursor = cursor.value();
    if (auto scope = message.find("scope"); scope != message.end()) {
        if (!scope->is_string() || scope->get_ref<const std::string&>().size() > 64) {
            return bad_request("scope must be the string the last answer gave");
        }
        request.scope = scope->get<std::string>();
    }
    Result<int64_t> limit = integer_member(message, "limit", "", 1, kDefaultLimit);
    if (!limit) return limit.error();
    request.limit = std::min(limit.value(), kMaxLimit);

    auto mutations = message.find("mutations");
    if (mutations != message.end()) {
        if (!mutations->is_array()) return bad_request("mutations must be an array");
        if (mutations->size() > kMaxMutationsPerRequest) {
            return bad_request("at most " + std::to_string(kMaxMutationsPerRequest) + " mutations per request");
        }
        for (size_t i = 0; i < mutations->size(); ++i) {
            Result<Mutation> mutation = parse_mutation((*mutations)[i], "mutations[" + std::to_string(i) + "]");
            if (!mutation) return mutation.error();
            // Written as a subtraction: mid + 1 could overflow.
            if (!request.mutations.empty() && mutation.value().mid - 1 != request.mutations.back().mid) {
                return bad_request("mutations[" + std::to_string(i) + "].mid must follow the one before it by 1");
            }
            request.mutations.push_back(std::move(mutation).value());
        }
    }
    return request;
}

json to_json(const SyncRequest& request) {
    json mutations = json::array();
    for (const Mutation& m : request.mutations) {
        json base = json::object();
        for (const auto& [field, rev] : m.base) base[field] = rev;
        mutations.push_back({{"mid", m.mid},
                             {"table", m.table ? std::string(m.table->name) : std::string()},
                             {"id", m.id},
                             {"op", m.is_delete ? "delete" : "upsert"},
                             {"fields", m.fields},
                             {"base", base}});
    }
    return {{"schema_version", kSchemaVersion},
            {"client_id", request.client_id},
            {"cursor", request.cursor},
            {"scope", request.scope},
            {"limit", request.limit},
            {"mutations", mutations}};
}

//-----------------------------------------------------------------------------
// [SECTION] Response
//-----------------------------------------------------------------------------

// Written without exceptions: the wasm build cannot catch them (Emscripten's default), so
// every member is looked at before it is read.
Result<SyncResponse> parse_response(std::string_view body) {
    json message = json::parse(body, nullptr, false);
    auto bad = [](const std::string& what) { return Error{"bad_response", "the server's answer is malformed: " + what, {}}; };
    if (message.is_discarded() || !message.is_object()) return bad("not a JSON object");
    auto get = [](json& object, const char* name) -> json* {
        if (!object.is_object()) return nullptr;
        auto it = object.find(name);
        return it == object.end() ? nullptr : &*it;
    };
    auto is_int = [](const json* value) { return value && value->is_number_integer(); };
    auto is_str = [](const json* value) { return value && value->is_string(); };
    auto str = [](const json* value) { return value->get<std::string>(); };

    SyncResponse response;
    json *results = get(message, "results"), *changes = get(message, "changes"), *removals = get(message, "removals"),
         *last_mid = get(message, "last_mid"), *cursor = get(message, "cursor"), *more = get(message, "more"),
         *head = get(message, "head");
    if (!results || !results->is_array() || !changes || !changes->is_array() || !removals || !removals->is_array() ||
        !is_int(last_mid) || !is_int(cursor) || !more || !more->is_boolean()) {
        return bad("results, changes, removals, last_mid, cursor and more are required");
    }
    for (json& r : *results) {
        json *mid = get(r, "mid"), *status = get(r, "status");
        if (!is_int(mid) || !is_str(status)) return bad("a result needs mid and status");
        MutationResult result;
        result.mid = mid->get<int64_t>();
        result.status = str(status);
        for (auto [name, target] : {std::pair{"code", &result.code}, {"message", &result.message}, {"field", &result.field}}) {
            if (json* value = get(r, name); is_str(value)) *target = str(value);
        }
        response.results.push_back(std::move(result));
    }
    response.changes.reserve(changes->size());
    for (json& c : *changes) {
        json *table_name = get(c, "table"), *id = get(c, "id"), *seq = get(c, "seq"), *deleted = get(c, "deleted"),
             *fields = get(c, "fields");
        if (!is_str(table_name) || !is_str(id) || !is_int(seq) || !deleted || !deleted->is_boolean() || !fields ||
            !fields->is_object()) {
            return bad("a change needs table, id, seq, deleted and fields");
        }
        const TableSpec* table = find_table(str(table_name));
        if (!table || !is_record_id(str(id))) return bad("a change names an unknown table or a bad id");
        for (const auto& [name, value] : fields->items()) {
            const FieldSpec* field = table->field(name);
            if (!field || !has_field_type(*field, value)) return bad("change field " + str(table_name) + "." + name);
        }
        response.changes.push_back({str(table_name), str(id), seq->get<int64_t>(), deleted->get<bool>(), std::move(*fields)});
    }
    for (json& r : *removals) {
        json *table = get(r, "table"), *id = get(r, "id");
        if (!is_str(table) || !is_str(id) || !find_table(str(table)) || !is_record_id(str(id))) {
            return bad("a removal needs a known table and an id");
        }
        response.removals.push_back({str(table), str(id)});
    }
    response.last_mid = last_mid->get<int64_t>();
    response.cursor = cursor->get<int64_t>();
    response.more = more->get<bool>();
    response.head = is_int(head) ? head->get<int64_t>() : response.cursor;
    if (json* scope = get(message, "scope"); is_str(scope)) response.scope = str(scope);
    return response;
}

}  // namespace crm::sync
