#include "sync_service.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "domain/customer_share.hpp"
#include "sync_pull.hpp"
#include "sync_scope.hpp"

namespace crm {

namespace {

using nlohmann::json;
using sync::Change;
using sync::FieldSpec;
using sync::FieldType;
using sync::Mutation;
using sync::MutationResult;
using sync::Ownership;
using sync::Removal;
using sync::StoredRecord;
using sync::TableSpec;

//-----------------------------------------------------------------------------
// [SECTION] Bookkeeping schema
//-----------------------------------------------------------------------------

// Never edit a migration that has shipped: add a new one.
const Migration kSyncMigrations[] = {
    {1, "sync bookkeeping", R"sql(
CREATE TABLE sync_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
INSERT INTO sync_counter (id, seq) VALUES (1, 0);
CREATE TABLE sync_clients (
    client_id  TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    last_mid   INTEGER NOT NULL DEFAULT 0,
    scope_key  TEXT NOT NULL DEFAULT '',  -- the view the client's cursor was pulled under
    sent_scope_key TEXT NOT NULL DEFAULT '',  -- a newer view an answer announced, until the client confirms it
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_results (
    client_id TEXT NOT NULL,
    mid       INTEGER NOT NULL,
    status    TEXT NOT NULL,
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    field     TEXT NOT NULL,
    PRIMARY KEY (client_id, mid)
) WITHOUT ROWID;
-- Only fields changed after the record's insert have a row: until then a field's change
-- number is the record's first one, which every editor has seen.
CREATE TABLE field_revs (
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    rev        INTEGER NOT NULL,
    client_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    PRIMARY KEY (table_name, record_id, field)
) WITHOUT ROWID;
CREATE TABLE scope_exits (
    seq        INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    old_owner  TEXT NOT NULL,
    PRIMARY KEY (seq, table_name, record_id)
) WITHOUT ROWID;
-- Pulls read each table in change order.
CREATE INDEX customers_rev ON customers (rev);
CREATE INDEX contacts_rev ON contacts (rev);
CREATE INDEX conflicts_rev ON conflicts (rev);
)sql"},
    {2, "activities pulled in change order", R"sql(
CREATE INDEX activities_rev ON activities (rev);
)sql"},
    {3, "points ledger pulls", R"sql(
CREATE INDEX points_ledger_rev ON points_ledger (rev);
)sql"},
    {4, "saved filters pulls", R"sql(
CREATE INDEX saved_filters_rev ON saved_filters (rev);
)sql"},
    {5, "user settings pulls", R"sql(
CREATE INDEX user_settings_rev ON user_settings (rev);
)sql"},
    {6, "customer shares pulls", R"sql(
CREATE INDEX customer_shares_rev ON customer_shares (rev);
)sql"},
    {7, "customer groups pulls", R"sql(
CREATE INDEX customer_groups_rev ON customer_groups (rev);
CREATE INDEX customer_group_members_rev ON customer_group_members (rev);
)sql"},
    {8, "customer files pulls", R"sql(
CREATE INDEX customer_files_rev ON customer_files (rev);
)sql"},
};

int64_t next_seq(Db& db) {
    Stmt stmt = db.prepare("UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq");
    Result<bool> row = stmt.step();
    CRM_CHECK(row.ok() && row.value(), "sync_counter has its row");
    return stmt.int64(0);
}

//-----------------------------------------------------------------------------
// [SECTION] Applying one mutation
//-----------------------------------------------------------------------------

MutationResult rejected(const Mutation& m, std::string code, std::string message, std::string field = {}) {
    return {m.mid, "rejected", std::move(code), std::move(message), std::move(field)};
}

// What one request's mutations share.
struct ApplyContext {
    Db& db;
    const Principal& user;
    const std::string& client_id;
    std::string now;
    sync::RecordWriter writer;
};

Status record_field_rev(ApplyContext& c, const TableSpec& table, std::string_view id, std::string_view field,
                        int64_t rev) {
    Stmt stmt = c.db.prepare(
        "INSERT INTO field_revs (table_name, record_id, field, rev, client_id, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT DO UPDATE SET rev = excluded.rev, client_id = excluded.client_id, user_id = excluded.user_id");
    stmt.bind_all(table.name, id, field, rev, c.client_id, c.user.user_id);
    return stmt.run();
}

Status record_scope_exit(Db& db, int64_t seq, const TableSpec& table, std::string_view id, std::string_view old_owner) {
    Stmt stmt = db.prepare("INSERT INTO scope_exits (seq, table_name, record_id, old_owner) VALUES (?1, ?2, ?3, ?4)");
    stmt.bind_all(seq, table.name, id, old_owner);
    return stmt.run();
}

// The rows of `child` that hang off the record `parent_id`: live ones, or tombstones too.
std::vector<std::string> child_ids(Db& db, const TableSpec& child, std::string_view parent_id, bool with_tombstones = false) {
    Stmt stmt = db.prepare("SELECT id FROM " + std::string(child.name) + " WHERE " + std::string(child.parent_column) +
                           (with_tombstones ? " = ?1 ORDER BY id" : " = ?1 AND deleted = 0 ORDER BY id"));
    stmt.bind(1, parent_id);
    std::vector<std::string> ids;
    while (stmt.step().value_or(false)) ids.push_back(stmt.text(0));
    return ids;
}

void stamp(ApplyContext& c, json& fields) {
    if (fields.contains("updated_at")) fields["updated_at"] = c.now;
    if (fields.contains("updated_by")) fields["updated_by"] = c.user.user_id;
}

// Tombstones a record and everything hanging off it, each with its own change number.
Status tombstone(ApplyContext& c, const TableSpec& table, std::string_view id, StoredRecord record) {
    for (std::string_view child_name : table.children) {
        // A deleted customer's shares stay: they are how its sharees see that it is gone.
        if (child_name == "customer_shares") continue;
        const TableSpec* child = sync::find_table(child_name);
        for (const std::string& child_id : child_ids(c.db, *child, id)) {
            std::optional<StoredRecord> row = sync::read_record(c.db, *child, child_id);
            if (row) {
                if (Status s = tombstone(c, *child, child_id, std::move(*row)); !s) return s;
            }
        }
    }
    stamp(c, record.fields);
    if (record.fields.contains("is_primary")) record.fields["is_primary"] = false;
    if (record.fields.contains("content")) record.fields["content"] = "";  // a removed file's bytes go with it
    return c.writer.write(table, id, record.fields, next_seq(c.db), true);
}

// After a record changed owner: everything hanging off it moves with it, so each child gets
// a new change number (the new owner's users pull it) and a scope exit (the old owner's users
// drop it).
// Conflicts about a record follow it too: they show its values.
Status move_conflicts_of(ApplyContext& c, const TableSpec& table, std::string_view id, const std::string& old_owner) {
    const TableSpec* conflicts = sync::find_table("conflicts");
    Stmt find = c.db.prepare("SELECT id FROM conflicts WHERE table_name = ?1 AND record_id = ?2");
    find.bind_all(table.name, id);
    std::vector<std::string> ids;
    while (find.step().value_or(false)) ids.push_back(find.text(0));
    for (const std::string& conflict_id : ids) {
        const int64_t seq = next_seq(c.db);
        Stmt bump = c.db.prepare("UPDATE conflicts SET rev = ?2 WHERE id = ?1");
        bump.bind_all(conflict_id, seq);
        if (Status s = bump.run(); !s) return s;
        if (Status s = record_scope_exit(c.db, seq, *conflicts, conflict_id, old_owner); !s) return s;
    }
    return {};
}

Status follow_owner_change(ApplyContext& c, const TableSpec& table, std::string_view id, int64_t seq,
                           const std::string& old_owner) {
    if (Status s = record_scope_exit(c.db, seq, table, id, old_owner); !s) return s;
    if (Status s = move_conflicts_of(c, table, id, old_owner); !s) return s;
    for (std::string_view child_name : table.children) {
        const TableSpec* child = sync::find_table(child_name);
        // Tombstones too: the old owner's clients hold them, and must drop them.
        for (const std::string& child_id : child_ids(c.db, *child, id, true)) {
            const int64_t child_seq = next_seq(c.db);
            Stmt bump = c.db.prepare("UPDATE " + std::string(child->name) + " SET rev = ?2 WHERE id = ?1");
            bump.bind_all(child_id, child_seq);
            if (Status s = bump.run(); !s) return s;
            if (Status s = record_scope_exit(c.db, child_seq, *child, child_id, old_owner); !s) return s;
            if (Status s = move_conflicts_of(c, *child, child_id, old_owner); !s) return s;
        }
    }
    return {};
}

// A customer has at most one primary contact: making one primary clears the others, as the
// domain's save_contact does on the client.
Status clear_other_primaries(ApplyContext& c, const TableSpec& table, std::string_view id, const json& fields) {
    if (table.name != "contacts" || !fields.value("is_primary", false)) return {};
    Stmt others = c.db.prepare(
        "SELECT id FROM contacts WHERE customer_id = ?1 AND id <> ?2 AND is_primary = 1 AND deleted = 0");
    others.bind_all(fields.value("customer_id", ""), id);
    std::vector<std::string> ids;
    while (others.step().value_or(false)) ids.push_back(others.text(0));
    for (const std::string& other : ids) {
        std::optional<StoredRecord> row = sync::read_record(c.db, table, other);
        if (!row) continue;
        row->fields["is_primary"] = false;
        stamp(c, row->fields);
        const int64_t seq = next_seq(c.db);
        if (Status s = c.writer.write(table, other, row->fields, seq, false); !s) return s;
        if (Status s = record_field_rev(c, table, other, "is_primary", seq); !s) return s;
    }
    return {};
}

struct FieldRev {
    int64_t rev = 0;
    std::string client_id, user_id;
};

std::optional<FieldRev> field_rev(Db& db, const TableSpec& table, std::string_view id, std::string_view field) {
    Stmt stmt = db.prepare("SELECT rev, client_id, user_id FROM field_revs WHERE table_name = ?1 AND record_id = ?2 AND field = ?3");
    stmt.bind_all(table.name, id, field);
    if (!stmt.step().value_or(false)) return std::nullopt;
    return FieldRev{stmt.int64(0), stmt.text(1), stmt.text(2)};
}

Status write_conflict(ApplyContext& c, const TableSpec& table, std::string_view id, std::string_view field,
                      const json& kept, const json& other, const std::string& other_by) {
    const TableSpec* conflicts = sync::find_table("conflicts");
    json record = sync::default_record(*conflicts);
    record["table_name"] = table.name;
    record["record_id"] = id;
    record["field"] = field;
    record["kept_value"] = kept.dump();
    record["other_value"] = other.dump();
    record["kept_by"] = c.user.user_id;
    record["other_by"] = other_by;
    record["owner_id"] = other_by;
    record["created_at"] = c.now;
    stamp(c, record);
    return c.writer.write(*conflicts, new_id(), record, next_seq(c.db), false);
}

Result<MutationResult> resolve_conflict(ApplyContext& c, const Mutation& m) {
    std::optional<StoredRecord> conflict = sync::read_record(c.db, *m.table, m.id);
    if (!conflict || conflict->deleted) return rejected(m, "not_found", "there is no such conflict");
    const json& f = conflict->fields;
    if (f["kept_by"] != c.user.user_id && f["other_by"] != c.user.user_id) {
        return rejected(m, "forbidden", "only the two people a conflict concerns may resolve it");
    }
    if (m.is_delete) return rejected(m, "forbidden", "a conflict is resolved, not deleted");
    json fields = conflict->fields;
    if (m.fields.value("resolved", false) && !fields["resolved"].get<bool>()) {
        fields["resolved"] = true;
        fields["resolved_by"] = c.user.user_id;
        fields["resolved_at"] = c.now;
        stamp(c, fields);
        if (Status s = c.writer.write(*m.table, m.id, fields, next_seq(c.db), false); !s) return s.error();
    }
    return MutationResult{m.mid, "applied", "", "", ""};
}

std::string describe(const Problems& problems) {
    std::string message;
    for (const FieldError& p : problems) {
        if (!message.empty()) message += "; ";
        message += p.field + ": " + p.code;
        if (p.limit) message += " (" + std::to_string(p.limit) + ")";
    }
    return message;
}

// The id of the customer a record is about (see customer_column); "" for other tables.
std::string customer_of(const TableSpec& table, std::string_view id, const json& record) {
    const std::string_view column = customer_column(table);
    if (column.empty()) return {};
    if (column == "id") return std::string(id);
    auto it = record.find(std::string(column));
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Sharing a customer is changing who may see it; putting it in a group or taking it out, and
// attaching a file, is changing the customer: all take the right to edit it. Removing a file
// is deleting (see may_act).
Action action_on(const TableSpec& table, Action action) {
    if (table.name == "customer_files") return action == Action::remove ? action : Action::edit;
    const bool edits_customer = table.name == "customer_shares" || table.name == "customer_group_members";
    return edits_customer ? Action::edit : action;
}

// May the user `action` a record whose access owner is `owner`: through their role's scope,
// or, to edit or create (which filing in a group and attaching a file count as, both ways:
// action_on), through an edit share of the record's customer (never a share itself: only
// those whose own rights cover a customer share it further).
bool may_act(ApplyContext& c, const TableSpec& table, Action action, std::string_view id, const json& record,
             std::string_view owner) {
    // A file's bytes go for good when it is removed: that takes the right to delete over the
    // customer, except for one's own attachment, taken back with the right to edit it.
    if (table.name == "customer_files" && action == Action::remove) {
        if (covers(c.db, c.user, c.user.scope(std::string(table.module), Action::remove), owner)) return true;
        if (record.value("owner_id", "") != c.user.user_id) return false;
        action = Action::edit;
    }
    const Action effective = action_on(table, action);
    const Scope scope = c.user.scope(std::string(table.module), effective);
    if (covers(c.db, c.user, scope, owner)) return true;
    if (scope == Scope::none || (effective != Action::edit && effective != Action::create)) return false;
    if (table.name == "customer_shares") return false;
    const std::string customer = customer_of(table, id, record);
    return !customer.empty() && shared_access(c.db, customer, c.user.user_id, c.user.team_id) == ShareAccess::edit;
}

// The user or team a share names must exist (the domain cannot know: the client has no list
// of users); a deactivated user may not be given new sight.
std::optional<std::string> share_target_problem(Db& db, const json& record) {
    const std::string user_id = record.value("user_id", ""), team_id = record.value("team_id", "");
    if (!user_id.empty()) {
        // The owner sees the customer anyway; a share with them would outlive its reassignment.
        Stmt owner = db.prepare("SELECT owner_id FROM customers WHERE id = ?1");
        owner.bind(1, record.value("customer_id", ""));
        if (owner.step().value_or(false) && owner.text(0) == user_id) return "user_id";
        Stmt stmt = db.prepare("SELECT active FROM users WHERE id = ?1");
        stmt.bind(1, user_id);
        if (!stmt.step().value_or(false)) return "user_id";
        return stmt.boolean(0) ? std::nullopt : std::optional<std::string>("user_id");
    }
    Stmt stmt = db.prepare("SELECT 1 FROM teams WHERE id = ?1");
    stmt.bind(1, team_id);
    return stmt.step().value_or(false) ? std::nullopt : std::optional<std::string>("team_id");
}

// After a share began, ended or moved to someone else: the customer and everything hanging
// off it get new change numbers (whoever it is shared with now pulls them), with a scope exit
// for whoever it was shared with before (their clients drop what they no longer see).
Status follow_share_change(ApplyContext& c, std::string_view customer_id, const std::string& old_target) {
    const TableSpec& customers = *sync::find_table("customers");
    const int64_t seq = next_seq(c.db);
    Stmt bump = c.db.prepare("UPDATE customers SET rev = ?2 WHERE id = ?1");
    bump.bind_all(customer_id, seq);
    if (Status s = bump.run(); !s) return s;
    return follow_owner_change(c, customers, customer_id, seq, old_target);
}

// A customer given to someone else: the shares its old owner's side made end with it (as
// manual shares do in most CRMs); the new owner shares it anew if they want to.
Status end_shares_of(ApplyContext& c, std::string_view customer_id) {
    const TableSpec& shares = *sync::find_table("customer_shares");
    for (const std::string& id : child_ids(c.db, shares, customer_id)) {
        std::optional<StoredRecord> share = sync::read_record(c.db, shares, id);
        if (!share) continue;
        const std::string target =
            share_exit_marker(share->fields.value("user_id", ""), share->fields.value("team_id", ""));
        if (Status s = tombstone(c, shares, id, std::move(*share)); !s) return s;
        if (Status s = follow_share_change(c, customer_id, target); !s) return s;
    }
    return {};
}

Result<MutationResult> apply_mutation(ApplyContext& c, const Mutation& m) {
    const TableSpec& table = *m.table;
    if (table.ownership == Ownership::conflict_parties) return resolve_conflict(c, m);
    std::optional<StoredRecord> current = sync::read_record(c.db, table, m.id);
    const std::string module(table.module);
    const bool is_share = table.name == "customer_shares";

    if (m.is_delete) {
        if (!current) return rejected(m, "not_found", std::string(table.name) + " " + m.id + " does not exist");
        if (current->deleted) return MutationResult{m.mid, "applied", "", "", ""};  // already gone: same outcome
        const std::string owner = sync::access_owner(c.db, table, current->fields);
        if (!may_act(c, table, Action::remove, m.id, current->fields, owner)) {
            return rejected(m, "forbidden", "you may not delete this record");
        }
        const json fields = current->fields;
        if (Status s = tombstone(c, table, m.id, std::move(*current)); !s) return s.error();
        if (is_share) {
            const std::string target = share_exit_marker(fields.value("user_id", ""), fields.value("team_id", ""));
            if (Status s = follow_share_change(c, fields.value("customer_id", ""), target); !s) return s.error();
        }
        return MutationResult{m.mid, "applied", "", "", ""};
    }

    if (current && current->deleted) {
        // Rights first: whether a record the user may not touch exists is not theirs to learn.
        if (!may_act(c, table, Action::edit, m.id, current->fields, sync::access_owner(c.db, table, current->fields))) {
            return rejected(m, "forbidden", "you may not change this record");
        }
        return rejected(m, "deleted", "the record was deleted by someone else; the change was not applied");
    }
    // The record as it will be: the stored one (or the defaults) with the sent fields over it.
    // Stored exactly as sent (once valid): were the server to normalise a value, the client
    // that sent it would keep its own version, and the two would differ for good.
    json record = current ? current->fields : sync::default_record(table);
    for (const auto& [name, value] : m.fields.items()) record[name] = value;
    if (!current) {
        if (record.contains("owner_id") && (record["owner_id"] == "" || !table.field("owner_id")->writable)) {
            record["owner_id"] = c.user.user_id;
        }
        record["created_at"] = c.now;
    }
    stamp(c, record);

    const std::string new_owner = sync::access_owner(c.db, table, record);
    if (current) {
        const std::string old_owner = sync::access_owner(c.db, table, current->fields);
        if (!may_act(c, table, Action::edit, m.id, current->fields, old_owner)) {
            return rejected(m, "forbidden", "you may not change this record");
        }
        // Giving a record to someone else, or moving it to another customer, takes rights of
        // one's own over both ends: a share does not reach that far.
        const Scope edit = c.user.scope(module, action_on(table, Action::edit));
        const bool moves = new_owner != old_owner ||
                           customer_of(table, m.id, record) != customer_of(table, m.id, current->fields);
        if (moves && (!covers(c.db, c.user, edit, old_owner) || !covers(c.db, c.user, edit, new_owner))) {
            return rejected(m, "forbidden", "you may not give this record to " + new_owner,
                            table.ownership == Ownership::parent ? std::string(table.parent_column) : "owner_id");
        }
        if (table.name == "customer_files") {
            for (const char* field : {"name", "mime_type", "size", "content"}) {
                if (record[field] != current->fields[field]) {
                    return rejected(m, "invalid", "a file stays as it was attached; attach the new one instead", field);
                }
            }
        }
        if (is_share && (record["user_id"] != current->fields["user_id"] || record["team_id"] != current->fields["team_id"])) {
            return rejected(m, "invalid", "a share names the same user or team for good; end it and share anew",
                            "user_id");
        }
    } else if (!may_act(c, table, Action::create, m.id, record, new_owner)) {
        return rejected(m, "forbidden", "you may not create this record" +
                                            (new_owner.empty() ? std::string() : " for " + new_owner));
    }
    if (table.validate) {
        if (Problems problems = table.validate(c.db, m.id, record); !problems.empty()) {
            return rejected(m, "invalid", describe(problems), problems.front().field);
        }
    }
    if (is_share) {
        if (std::optional<std::string> field = share_target_problem(c.db, record)) {
            return rejected(m, "invalid", *field + ": not_found", *field);
        }
    }

    // Per-field merge: a field someone else wrote after the rev this client edited is a
    // conflict. This write still wins (the later accepted write), and the value it replaces is
    // kept in a conflict record for the two writers.
    MutationResult result{m.mid, "applied", "", "", ""};
    const int64_t seq = next_seq(c.db);
    std::vector<std::string> changed;
    for (const auto& [name, value] : m.fields.items()) {
        if (current && current->fields[name] == record[name]) continue;
        changed.push_back(name);
        if (!current) continue;
        auto base = m.base.find(name);
        std::optional<FieldRev> last = field_rev(c.db, table, m.id, name);
        if (base != m.base.end() && last && last->rev > base->second && last->client_id != c.client_id) {
            if (Status s = write_conflict(c, table, m.id, name, record[name], current->fields[name], last->user_id); !s) {
                return s.error();
            }
            result.status = "conflict";
            result.code = "conflict";
            result.field = name;
            result.message = "someone else changed " + name + " after you; your value was kept and theirs recorded";
        }
    }
    if (current && changed.empty()) return result;  // nothing to write: no new change number wasted on readers

    if (Status s = c.writer.write(table, m.id, record, seq, false); !s) {
        if (s.error().code == "unique") return rejected(m, "invalid", "code: duplicate", "code");
        return s.error();
    }
    if (current) {
        for (const std::string& name : changed) {
            if (Status s = record_field_rev(c, table, m.id, name, seq); !s) return s.error();
        }
        const std::string old_owner = sync::access_owner(c.db, table, current->fields);
        if (old_owner != new_owner) {
            if (Status s = follow_owner_change(c, table, m.id, seq, old_owner); !s) return s.error();
            if (table.name == "customers") {
                if (Status s = end_shares_of(c, m.id); !s) return s.error();
            }
        }
    }
    // A new share, or one a merge moved to the surviving customer: its user or team now sees
    // that customer.
    if (is_share && (!current || record["customer_id"] != current->fields["customer_id"])) {
        const std::string target = share_exit_marker(record.value("user_id", ""), record.value("team_id", ""));
        if (Status s = follow_share_change(c, record.value("customer_id", ""), target); !s) return s.error();
        // Moved (a merge): the customer it left is no longer shared with them.
        if (current) {
            if (Status s = follow_share_change(c, current->fields.value("customer_id", ""), target); !s) return s.error();
        }
    }
    if (Status s = clear_other_primaries(c, table, m.id, record); !s) return s.error();
    return result;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Bookkeeping schema
//-----------------------------------------------------------------------------

std::span<const Migration> sync_server_migrations() { return kSyncMigrations; }

int64_t sync_head(Db& db) {
    Stmt stmt = db.prepare("SELECT seq FROM sync_counter WHERE id = 1");
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

Status prepare_sync_storage(Db& db) {
    if (Result<int> version = migrate(db, kSyncMigrations, "sync"); !version) return version.error();
    Tx tx(db);
    for (const TableSpec& table : sync::tables()) {
        Stmt unnumbered = db.prepare("SELECT id FROM " + std::string(table.name) + " WHERE rev = 0 ORDER BY rowid");
        std::vector<std::string> ids;
        while (unnumbered.step().value_or(false)) ids.push_back(unnumbered.text(0));
        Stmt number = db.prepare("UPDATE " + std::string(table.name) + " SET rev = ?2 WHERE id = ?1");
        for (const std::string& id : ids) {
            number.reset();
            number.bind_all(id, next_seq(db));
            if (Status s = number.run(); !s) return s;
        }
    }
    return tx.commit();
}

//-----------------------------------------------------------------------------
// [SECTION] Handling one request
//-----------------------------------------------------------------------------

SyncOutcome handle_sync(Db& db, const Principal& user, const sync::SyncRequest& request) {
    auto fail = [](int status, const char* code, const std::string& message) {
        return SyncOutcome{status, json{{"error", {{"code", code}, {"message", message}}}}.dump()};
    };
    auto db_failure = [&](const Error& error) { return fail(500, "internal", "the database failed: " + error.message); };
    Tx tx(db);

    // The client's state; a client id belongs to the user who first synced with it.
    int64_t last_mid = 0;
    std::string scope_key, sent_scope_key;
    {
        Stmt stmt = db.prepare("SELECT user_id, last_mid, scope_key, sent_scope_key FROM sync_clients WHERE client_id = ?1");
        stmt.bind(1, request.client_id);
        Result<bool> row = stmt.step();
        if (!row) return db_failure(row.error());
        if (row.value()) {
            if (stmt.text(0) != user.user_id) {
                return fail(403, "forbidden", "this client_id belongs to another user; a new login needs a new client_id");
            }
            last_mid = stmt.int64(1);
            scope_key = stmt.text(2);
            sent_scope_key = stmt.text(3);
        } else {
            Stmt insert = db.prepare("INSERT INTO sync_clients (client_id, user_id, created_at) VALUES (?1, ?2, ?3)");
            insert.bind_all(request.client_id, user.user_id, iso_utc(now_ms()));
            if (Status s = insert.run(); !s) return db_failure(s.error());
        }
    }
    for (const Mutation& m : request.mutations) {
        if (m.mid <= last_mid) continue;
        if (m.mid != last_mid + 1) {
            return fail(409, "mid_gap",
                        "expected mid " + std::to_string(last_mid + 1) + " next, got " + std::to_string(m.mid) +
                            ": a mutation is missing; nothing was applied");
        }
        break;
    }

    // Push: each mutation on its own, in a savepoint, so a rejected one leaves no trace and
    // never stops the ones after it.
    ApplyContext context{db, user, request.client_id, iso_utc(now_ms()), sync::RecordWriter(db)};
    sync::SyncResponse response;
    std::vector<std::pair<const TableSpec*, std::string>> refresh;  // rejected: send the server's version back
    const int64_t first_mid = last_mid;
    for (const Mutation& m : request.mutations) {
        if (m.mid <= first_mid) {
            // Seen before (a retry after a lost response): same answer, nothing applied again.
            Stmt seen = db.prepare("SELECT status, code, message, field FROM sync_results WHERE client_id = ?1 AND mid = ?2");
            seen.bind_all(request.client_id, m.mid);
            if (seen.step().value_or(false)) {
                response.results.push_back({m.mid, seen.text(0), seen.text(1), seen.text(2), seen.text(3)});
                // The client still holds its refused version: send the server's again.
                if (seen.text(0) == "rejected") refresh.emplace_back(m.table, m.id);
            } else {
                response.results.push_back({m.mid, "applied", "", "", ""});
            }
            continue;
        }
        Result<MutationResult> result = [&]() -> Result<MutationResult> {
            Tx savepoint(db);
            Result<MutationResult> applied = apply_mutation(context, m);
            if (!applied || applied.value().status == "rejected") return applied;  // savepoint rolls back
            if (Status s = savepoint.commit(); !s) return s.error();
            return applied;
        }();
        if (!result) return db_failure(result.error());
        const MutationResult& r = result.value();
        if (r.status != "applied") {
            Stmt keep = db.prepare(
                "INSERT OR REPLACE INTO sync_results (client_id, mid, status, code, message, field) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            keep.bind_all(request.client_id, r.mid, r.status, r.code, r.message, r.field);
            if (Status s = keep.run(); !s) return db_failure(s.error());
        }
        if (r.status == "rejected") refresh.emplace_back(m.table, m.id);
        response.results.push_back(r);
        last_mid = m.mid;
    }

    // Pull. A change of what the user may see since this client's last pull (their role, their
    // team, a colleague joining or leaving it): what they may no longer see is removed, and the
    // pull starts again from 0 to bring what they now may. The server keeps the old view until
    // the client sends back the new view's token with a later request, so an answer lost on
    // the way is simply computed again.
    ViewScope scope = ViewScope::of(db, user);
    const std::string new_key = scope.key(), token = scope_token(new_key);
    int64_t cursor = request.cursor;
    // The view the client's data was pulled under: the one an answer announced if the
    // client has sent its token back (it applied that answer), else the confirmed one.
    const std::string client_key =
        !sent_scope_key.empty() && request.scope == scope_token(sent_scope_key) ? sent_scope_key : scope_key;
    std::string kept_key = client_key, sent_key;
    std::vector<Removal> rights_removals;
    if (client_key.empty() || client_key == new_key || cursor == 0) {
        kept_key = new_key;
    } else {
        if (std::optional<ViewScope> before = ViewScope::from_key(client_key)) {
            if (Status s = lost_by_rights(db, *before, scope, cursor, rights_removals); !s) return db_failure(s.error());
            // And what left the old view meanwhile (a share ended, a customer given away): the
            // pull from 0 below reads no scope exits, and today's data no longer shows it was seen.
            if (Status s = removed_by_exits(db, *before, scope, cursor, sync_head(db), rights_removals); !s) {
                return db_failure(s.error());
            }
        }
        cursor = 0;
        sent_key = new_key;
    }
    if (last_mid != first_mid || kept_key != scope_key || sent_key != sent_scope_key) {
        Stmt save = db.prepare(
            "UPDATE sync_clients SET last_mid = ?2, scope_key = ?3, sent_scope_key = ?4 WHERE client_id = ?1");
        save.bind_all(request.client_id, last_mid, kept_key, sent_key);
        if (Status s = save.run(); !s) return db_failure(s.error());
        // Answers older than this are never asked for again once the client has moved on.
        Stmt prune = db.prepare("DELETE FROM sync_results WHERE client_id = ?1 AND mid < ?2");
        prune.bind_all(request.client_id, last_mid - 10000);
        if (Status s = prune.run(); !s) return db_failure(s.error());
    }
    response.scope = token;

    Result<Page> page = pull(db, scope, cursor, request.limit);
    if (!page) return db_failure(page.error());
    std::vector<PulledRow>& rows = page.value().rows;
    response.removals = std::move(rights_removals);
    for (Removal& r : page.value().removals) response.removals.push_back(std::move(r));
    // A rejected mutation's record as the server has it, so the client drops its own version.
    for (const auto& [table, id] : refresh) {
        const bool in_page = std::any_of(rows.begin(), rows.end(),
                                         [&](const PulledRow& r) { return r.table == table->name && r.id == id; });
        if (in_page) continue;
        Stmt stored = db.prepare(sync::select_columns(*table) + " WHERE id = ?1");
        stored.bind(1, id);
        if (stored.step().value_or(false) && is_visible(db, scope, *table, id)) {
            rows.push_back(pulled_row(*table, stored));
        } else {
            response.removals.push_back({std::string(table->name), id});
        }
    }
    response.last_mid = last_mid;
    response.cursor = page.value().cursor;
    response.more = page.value().more;
    response.head = sync_head(db);
    if (Status s = tx.commit(); !s) return db_failure(s.error());
    return {200, answer_body(response, rows)};
}

}  // namespace crm
