#include "domain/saved_filter.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <iterator>
#include <utility>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

using nlohmann::json;

// The filter's fields by their JSON names; also the only names query_from_json() accepts.
constexpr std::pair<const char*, std::string CustomerFilter::*> kFilterFields[] = {
    {"kind", &CustomerFilter::kind},         {"type", &CustomerFilter::type},
    {"level", &CustomerFilter::level},       {"lifecycle", &CustomerFilter::lifecycle},
    {"member_level", &CustomerFilter::member_level}, {"owner_id", &CustomerFilter::owner_id},
    {"city", &CustomerFilter::city},         {"tag", &CustomerFilter::tag},
    {"group_id", &CustomerFilter::group_id},
};

constexpr const char* kColumns =
    "id, name, list, query, owner_id, created_at, updated_at, updated_by, rev, deleted";

SavedFilter read_filter(const Stmt& s) {
    SavedFilter f;
    int i = 0;
    for (std::string* field : {&f.id, &f.name, &f.list, &f.query, &f.owner_id, &f.created_at, &f.updated_at,
                               &f.updated_by})
        *field = s.text(i++);
    f.rev = s.int64(i++);
    f.deleted = s.int64(i++) != 0;
    return f;
}

bool is_short_text(const json& value) {
    return value.is_string() && utf8_length(value.get_ref<const std::string&>()) <= saved_filter_limits::value;
}

// The search and filters of a query as JSON, from the filter's set values.
std::string query_json(const std::string& search, const json& filter) {
    json out = {{"filter", filter}};
    if (!trim(search).empty()) out["search"] = trim(search);
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Reads {"search": "...", "filter": {...}}: `set` takes each filter value by name and says
// whether the name is one the list has. False for anything else.
bool read_query_json(std::string_view text, std::string& search,
                     const std::function<bool(const std::string&, std::string)>& set) {
    const json parsed = json::parse(text, nullptr, false);
    if (!parsed.is_object()) return false;
    for (const auto& [key, value] : parsed.items()) {
        if (key == "search") {
            if (!is_short_text(value)) return false;
            search = value.get<std::string>();
        } else if (key == "filter") {
            if (!value.is_object()) return false;
            for (const auto& item : value.items()) {
                // (No structured binding: clang 14, the wasm build's, cannot capture one.)
                if (!is_short_text(item.value()) || !set(item.key(), item.value().get<std::string>())) return false;
            }
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string query_to_json(const CustomerQuery& query) {
    json filter = json::object();
    for (const auto& [name, member] : kFilterFields)
        if (!(query.filter.*member).empty()) filter[name] = query.filter.*member;
    return query_json(query.search, filter);
}

std::optional<CustomerQuery> query_from_json(std::string_view text, CustomerQuery query) {
    query.search.clear();
    query.filter = {};
    const bool read = read_query_json(text, query.search, [&query](const std::string& name, std::string value) {
        const auto* found = std::find_if(std::begin(kFilterFields), std::end(kFilterFields),
                                         [&name](const auto& field) { return name == field.first; });
        if (found == std::end(kFilterFields)) return false;
        query.filter.*(found->second) = std::move(value);
        return true;
    });
    if (!read) return std::nullopt;
    return query;
}

std::string query_to_json(const ListQuery& query) {
    json filter = json::object();
    for (const auto& entry : query.filter)
        if (!entry.second.empty()) filter[entry.first] = entry.second;
    return query_json(query.search, filter);
}

std::optional<ListQuery> query_from_json(std::string_view text, const ListSpec& spec, ListQuery query) {
    query.search.clear();
    query.filter.clear();
    const bool read = read_query_json(text, query.search, [&](const std::string& name, std::string value) {
        const bool known = std::any_of(spec.filters.begin(), spec.filters.end(),
                                       [&name](const ListFilter& filter) { return filter.key == name; });
        if (known) query.filter[name] = std::move(value);
        return known;
    });
    if (!read) return std::nullopt;
    return query;
}

Problems validate(const SavedFilter& filter) {
    Problems problems;
    Checker check(problems);
    check.text("name", filter.name, saved_filter_limits::name, true);
    check.one_of("list", filter.list, kFilterLists, false);
    // The query is checked against its own list's filters.
    const bool readable = filter.list == "contacts"     ? query_from_json(filter.query, contact_list(), {}).has_value()
                          : filter.list == "activities" ? query_from_json(filter.query, activity_list(), {}).has_value()
                                                        : query_from_json(filter.query, {}).has_value();
    if (filter.query.size() > saved_filter_limits::query || !readable) check.add("query", "invalid_format");
    return problems;
}

std::vector<SavedFilter> saved_filters_of(Db& db, std::string_view owner_id, std::string_view list) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM saved_filters WHERE owner_id = ?1 AND list = ?2 AND deleted = 0 ORDER BY name, id");
    stmt.bind_all(owner_id, list);
    std::vector<SavedFilter> out;
    while (stmt.step().value_or(false)) out.push_back(read_filter(stmt));
    return out;
}

Status save_filter(Db& db, SavedFilter& filter, std::string_view actor) {
    SavedFilter next = filter;
    trim_all({&next.name});
    if (Problems problems = validate(next); !problems.empty()) return Error::invalid(std::move(problems));
    const std::string now = iso_utc(now_ms());
    Tx tx(db);
    Stmt same = db.prepare(
        "SELECT id FROM saved_filters WHERE owner_id = ?1 AND list = ?2 AND name = ?3 AND deleted = 0 LIMIT 1");
    same.bind_all(actor, next.list, next.name);
    const bool replaces = same.step().value_or(false);
    next.id = replaces ? same.text(0) : new_id();
    same.reset();
    Stmt write = db.prepare(
        replaces ? "UPDATE saved_filters SET query = ?4, updated_at = ?6, updated_by = ?5 WHERE id = ?1"
                 : "INSERT INTO saved_filters (id, name, list, query, owner_id, created_at, updated_at, updated_by)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?5)");
    if (replaces) {
        write.bind(1, next.id).bind(4, next.query).bind(5, actor).bind(6, now);
    } else {
        write.bind_all(next.id, next.name, next.list, next.query, actor, now);
    }
    if (Status status = write.run(); !status) return status;
    if (Status status = tx.commit(); !status) return status;
    next.owner_id = std::string(actor);
    next.updated_at = now;
    next.updated_by = std::string(actor);
    filter = std::move(next);
    return {};
}

Status delete_saved_filter(Db& db, std::string_view id, std::string_view actor) {
    Stmt stmt = db.prepare(
        "UPDATE saved_filters SET deleted = 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1 AND deleted = 0");
    stmt.bind_all(id, iso_utc(now_ms()), actor);
    if (Status status = stmt.run(); !status) return status;
    if (db.changes() == 0) return Error{"not_found", "saved filter does not exist", {}};
    return {};
}

}  // namespace crm
