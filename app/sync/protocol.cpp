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

namespace {

// A value as the answer gave it, before the place it is in decides whether it fits.
struct Scalar {
    enum class Kind { null, text, boolean, integer, other } kind = Kind::null;  // other: a float, a huge integer
    bool boolean = false;
    int64_t integer = 0;
    std::string_view text;
};

// Reads a sync answer as nlohmann's SAX parser walks it. Every container it opens is one of the
// answer's places (the top object, results and one result, changes, one change and its fields,
// removals and one removal) or one it skips (a member it does not know). A change is checked
// when it closes, whatever the order of its members. The first problem stops the parse.
// Written without exceptions: the wasm build cannot catch them (Emscripten's default).
class ResponseReader {
public:
    using string_t = json::string_t;

    ResponseReader(SyncResponse& out, size_t body_size) : out_(out) {
        // Unescaped text is never longer than the JSON it came from, so the text never moves
        // and the views into it stay valid.
        out_.text.reserve(body_size);
    }

    const std::string& error() const { return error_; }
    bool finished() const { return finished_; }
    // The changes' views of their field values, once every value is in place.
    void point_changes_at_values() {
        for (size_t i = 0; i < out_.changes.size(); ++i) {
            out_.changes[i].fields = {out_.values.data() + first_value_[i], out_.changes[i].table->fields.size()};
        }
    }

    bool null() { return scalar({}); }
    bool boolean(bool value) { return scalar({Scalar::Kind::boolean, value, 0, {}}); }
    bool number_integer(json::number_integer_t value) { return scalar({Scalar::Kind::integer, false, value, {}}); }
    bool number_unsigned(json::number_unsigned_t value) {
        if (value > static_cast<uint64_t>(INT64_MAX)) return scalar({Scalar::Kind::other, false, 0, {}});
        return scalar({Scalar::Kind::integer, false, static_cast<int64_t>(value), {}});
    }
    bool number_float(json::number_float_t, const string_t&) { return scalar({Scalar::Kind::other, false, 0, {}}); }
    bool string(string_t& value) {
        if (skip_depth_ > 0) return true;
        return scalar({Scalar::Kind::text, false, 0, keep(value)});
    }
    bool binary(json::binary_t&) { return scalar({Scalar::Kind::other, false, 0, {}}); }
    bool start_object(size_t) { return open(false); }
    bool start_array(size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(string_t& name) {
        if (skip_depth_ > 0) return true;
        if (places_.back() == Place::fields) {
            field_name_ = keep(name);
        } else {
            member_ = name;
        }
        return true;
    }
    bool parse_error(size_t, const std::string&, const json::exception&) { return fail("not valid JSON"); }

private:
    enum class Place { top, results, result, changes, change, fields, removals, removal };

    static constexpr const char* kTopMembers = "results, changes, removals, last_mid, cursor and more are required";
    static constexpr const char* kResultMembers = "a result needs mid and status";
    static constexpr const char* kChangeMembers = "a change needs table, id, seq, deleted and fields";
    static constexpr const char* kRemovalMembers = "a removal needs a known table and an id";

    bool fail(std::string message) {
        if (error_.empty()) error_ = std::move(message);
        return false;
    }

    std::string_view keep(const string_t& value) {
        const size_t start = out_.text.size();
        CRM_CHECK(start + value.size() <= out_.text.capacity(), "sync answer: text outgrew its answer");
        out_.text.insert(out_.text.end(), value.begin(), value.end());
        return {out_.text.data() + start, value.size()};
    }

    bool scalar(const Scalar& value) {
        if (skip_depth_ > 0) return true;
        if (places_.empty()) return fail("not a JSON object");
        const bool is_text = value.kind == Scalar::Kind::text, is_int = value.kind == Scalar::Kind::integer;
        switch (places_.back()) {
            case Place::top:
                if (member_ == "last_mid" || member_ == "cursor") {
                    if (!is_int) return fail(kTopMembers);
                    (member_ == "cursor" ? out_.cursor : out_.last_mid) = value.integer;
                    (member_ == "cursor" ? seen_cursor_ : seen_last_mid_) = true;
                } else if (member_ == "more") {
                    if (value.kind != Scalar::Kind::boolean) return fail(kTopMembers);
                    out_.more = value.boolean;
                    seen_more_ = true;
                } else if (member_ == "head") {
                    if (is_int) {
                        out_.head = value.integer;
                        seen_head_ = true;
                    }
                } else if (member_ == "scope") {
                    if (is_text) out_.scope = value.text;
                } else if (member_ == "results" || member_ == "changes" || member_ == "removals") {
                    return fail(kTopMembers);
                }
                return true;
            case Place::results: return fail(kResultMembers);
            case Place::changes: return fail(kChangeMembers);
            case Place::removals: return fail(kRemovalMembers);
            case Place::result:
                if (member_ == "mid") {
                    if (!is_int) return fail(kResultMembers);
                    result_.mid = value.integer;
                    result_has_mid_ = true;
                } else if (member_ == "status") {
                    if (!is_text) return fail(kResultMembers);
                    result_.status = value.text;
                    result_has_status_ = true;
                } else if (is_text && member_ == "code") {
                    result_.code = value.text;
                } else if (is_text && member_ == "message") {
                    result_.message = value.text;
                } else if (is_text && member_ == "field") {
                    result_.field = value.text;
                }
                return true;
            case Place::change:
                if (member_ == "table") {
                    draft_.table = is_text ? value.text : std::string_view();
                    draft_.wrong |= !is_text;
                } else if (member_ == "id") {
                    draft_.id = is_text ? value.text : std::string_view();
                    draft_.wrong |= !is_text;
                } else if (member_ == "seq") {
                    draft_.seq = value.integer;
                    draft_.has_seq = is_int;
                    draft_.wrong |= !is_int;
                } else if (member_ == "deleted") {
                    draft_.deleted = value.boolean;
                    draft_.has_deleted = value.kind == Scalar::Kind::boolean;
                    draft_.wrong |= !draft_.has_deleted;
                } else if (member_ == "fields") {
                    draft_.wrong = true;
                }
                return true;
            case Place::fields: draft_.given.emplace_back(field_name_, value); return true;
            case Place::removal:
                if (member_ == "table" || member_ == "id") {
                    if (!is_text) return fail(kRemovalMembers);
                    (member_ == "table" ? removal_.table : removal_.id) = value.text;
                }
                return true;
        }
        return true;
    }

    bool open(bool is_array) {
        if (skip_depth_ > 0) {
            ++skip_depth_;
            return true;
        }
        if (places_.empty()) {
            if (is_array) return fail("not a JSON object");
            places_.push_back(Place::top);
            return true;
        }
        auto enter = [&](Place place) {
            places_.push_back(place);
            return true;
        };
        auto skip = [&] {
            skip_depth_ = 1;
            return true;
        };
        switch (places_.back()) {
            case Place::top:
                if (member_ == "results" || member_ == "changes" || member_ == "removals") {
                    if (!is_array) return fail(kTopMembers);
                    if (member_ == "results") {
                        seen_results_ = true;
                        return enter(Place::results);
                    }
                    if (member_ == "changes") {
                        seen_changes_ = true;
                        return enter(Place::changes);
                    }
                    seen_removals_ = true;
                    return enter(Place::removals);
                }
                if (member_ == "last_mid" || member_ == "cursor" || member_ == "more") return fail(kTopMembers);
                return skip();
            case Place::results:
                if (is_array) return fail(kResultMembers);
                result_ = {};
                result_has_mid_ = result_has_status_ = false;
                return enter(Place::result);
            case Place::changes:
                if (is_array) return fail(kChangeMembers);
                draft_.clear();
                return enter(Place::change);
            case Place::removals:
                if (is_array) return fail(kRemovalMembers);
                removal_ = {};
                return enter(Place::removal);
            case Place::result:
                if (member_ == "mid" || member_ == "status") return fail(kResultMembers);
                return skip();
            case Place::change:
                if (member_ == "fields" && !is_array) {
                    draft_.has_fields = true;
                    return enter(Place::fields);
                }
                if (member_ == "table" || member_ == "id" || member_ == "seq" || member_ == "deleted" || member_ == "fields") {
                    draft_.wrong = true;
                }
                return skip();
            case Place::fields:
                draft_.given.emplace_back(field_name_, Scalar{Scalar::Kind::other, false, 0, {}});
                return skip();
            case Place::removal:
                if (member_ == "table" || member_ == "id") return fail(kRemovalMembers);
                return skip();
        }
        return skip();
    }

    bool close() {
        if (skip_depth_ > 0) {
            --skip_depth_;
            return true;
        }
        const Place place = places_.back();
        places_.pop_back();
        switch (place) {
            case Place::top:
                if (!seen_results_ || !seen_changes_ || !seen_removals_ || !seen_last_mid_ || !seen_cursor_ || !seen_more_) {
                    return fail(kTopMembers);
                }
                if (!seen_head_) out_.head = out_.cursor;
                finished_ = true;
                return true;
            case Place::result:
                if (!result_has_mid_ || !result_has_status_) return fail(kResultMembers);
                out_.results.push_back(std::move(result_));
                return true;
            case Place::change: return finish_change();
            case Place::removal:
                if (!find_table(removal_.table) || !is_record_id(removal_.id)) return fail(kRemovalMembers);
                out_.removals.push_back(std::move(removal_));
                return true;
            case Place::results:
            case Place::changes:
            case Place::removals:
            case Place::fields: return true;
        }
        return true;
    }

    bool finish_change() {
        if (draft_.table.data() == nullptr || draft_.id.data() == nullptr || !draft_.has_seq || !draft_.has_deleted ||
            !draft_.has_fields || draft_.wrong) {
            return fail(kChangeMembers);
        }
        const TableSpec* table = find_table(draft_.table);
        if (!table || !is_record_id(draft_.id)) return fail("a change names an unknown table or a bad id");
        const size_t first = out_.values.size(), count = table->fields.size();
        out_.values.resize(first + count);
        size_t next = 0;  // the server sends the fields in the table's order: try the next one first
        for (const auto& [name, value] : draft_.given) {
            const size_t index = next < count && table->fields[next].name == name ? next : table->field_index(name);
            const FieldType type = index < count ? table->fields[index].type : FieldType::text;
            const bool fits = index < count && ((type == FieldType::text && value.kind == Scalar::Kind::text) ||
                                                (type == FieldType::boolean && value.kind == Scalar::Kind::boolean) ||
                                                (type == FieldType::integer && value.kind == Scalar::Kind::integer));
            if (!fits) return fail("change field " + std::string(draft_.table) + "." + std::string(name));
            out_.values[first + index] = {type == FieldType::text      ? FieldValue::Kind::text
                                          : type == FieldType::boolean ? FieldValue::Kind::boolean
                                                                       : FieldValue::Kind::integer,
                                          value.boolean, value.integer, value.text};
            next = index + 1;
        }
        out_.changes.push_back({table, draft_.id, draft_.seq, draft_.deleted, {}});
        first_value_.push_back(first);
        return true;
    }

    // The change being read, its members as they came.
    struct Draft {
        std::string_view table, id;  // data() == nullptr: not given
        int64_t seq = 0;
        bool deleted = false, has_seq = false, has_deleted = false, has_fields = false, wrong = false;
        std::vector<std::pair<std::string_view, Scalar>> given;  // the fields, by name

        void clear() {
            table = id = {};
            seq = 0;
            deleted = has_seq = has_deleted = has_fields = wrong = false;
            given.clear();  // keeps its room for the next change
        }
    };

    SyncResponse& out_;
    std::string error_;
    bool finished_ = false;
    std::vector<Place> places_;
    int skip_depth_ = 0;         // > 0: inside a container being skipped, this deep
    std::string member_;         // the member being read, outside fields
    std::string_view field_name_;
    bool seen_results_ = false, seen_changes_ = false, seen_removals_ = false, seen_last_mid_ = false,
         seen_cursor_ = false, seen_more_ = false, seen_head_ = false;
    MutationResult result_;
    bool result_has_mid_ = false, result_has_status_ = false;
    Draft draft_;
    std::vector<size_t> first_value_;  // per change: where its values start in out_.values
    Removal removal_;
};

}  // namespace

Result<SyncResponse> parse_response(std::string_view body) {
    SyncResponse response;
    ResponseReader reader(response, body.size());
    const bool parsed = json::sax_parse(body, &reader);
    if (!parsed || !reader.finished()) {
        const std::string what = reader.error().empty() ? std::string("not a JSON object") : reader.error();
        return Error{"bad_response", "the server's answer is malformed: " + what, {}};
    }
    reader.point_changes_at_values();
    return response;
}

}  // namespace crm::sync
