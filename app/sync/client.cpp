#include "sync/client.hpp"

#include <map>
#include <span>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/migrations.hpp"

namespace crm::sync {

namespace {

using nlohmann::json;

// Never edit a migration that has shipped: add a new one.
const Migration kClientMigrations[] = {
    {1, "sync outbox", R"sql(
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    fields     TEXT NOT NULL,  -- JSON object of the changed fields
    base_rev   INTEGER NOT NULL  -- the record's rev when it was edited: what the edit was based on
);
CREATE INDEX sync_outbox_record ON sync_outbox (table_name, record_id);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value ANY) WITHOUT ROWID;
CREATE TABLE sync_rejections (
    mid        INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    field      TEXT NOT NULL,
    at         TEXT NOT NULL,
    fields     TEXT NOT NULL DEFAULT '{}'
);
)sql"},
};

std::string state_text(Db& db, std::string_view key) {
    Stmt stmt = db.prepare("SELECT value FROM sync_state WHERE key = ?1");
    stmt.bind(1, key);
    return stmt.step().value_or(false) ? stmt.text(0) : std::string();
}

int64_t state_int(Db& db, std::string_view key) {
    Stmt stmt = db.prepare("SELECT value FROM sync_state WHERE key = ?1");
    stmt.bind(1, key);
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

template <class Value>
Status set_state(Db& db, std::string_view key, const Value& value) {
    Stmt stmt = db.prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)");
    stmt.bind_all(key, value);
    return stmt.run();
}

// JSON for a column's value inside a trigger: booleans are stored as 0/1 but travel as
// true/false; integers travel as JSON integers whatever a column was given (the cast keeps
// a stray text or real value from going out as a string or a float the server refuses).
std::string json_value(const FieldSpec& field, const std::string& row) {
    const std::string column = row + "." + std::string(field.name);
    switch (field.type) {
        case FieldType::text: return column;
        case FieldType::boolean: return "json(CASE WHEN " + column + " THEN 'true' ELSE 'false' END)";
        case FieldType::integer: return "CAST(" + column + " AS INTEGER)";
    }
    return column;
}

// The TEMP triggers that copy local edits of `table` into the outbox. TEMP: they belong to
// this connection, so an exported image carries none, and the server's database has none.
std::string trigger_sql(const TableSpec& table) {
    const std::string name(table.name);
    std::string object = "json_object(", changed, unchanged_paths;
    bool first = true;
    for (const FieldSpec& field : table.fields) {
        if (!field.writable) continue;
        const std::string f(field.name);
        object += std::string(first ? "" : ", ") + "'" + f + "', " + json_value(field, "NEW");
        changed += std::string(first ? "" : " OR ") + "NEW." + f + " IS NOT OLD." + f;
        // json_remove() drops the unchanged fields; '$.~' names no field, so it removes nothing.
        unchanged_paths += ", CASE WHEN NEW." + f + " IS OLD." + f + " THEN '$." + f + "' ELSE '$.~' END";
        first = false;
    }
    object += ")";
    const std::string quiet = "(SELECT applying FROM sync_flags) = 0";
    const std::string insert = "INSERT INTO sync_outbox (table_name, record_id, op, fields, base_rev) VALUES ('" + name + "', NEW.id, ";
    return "CREATE TEMP TRIGGER sync_" + name + "_insert AFTER INSERT ON main." + name + " WHEN " + quiet +
           " AND NEW.deleted = 0 BEGIN " + insert + "'upsert', " + object + ", 0); END;\n" +
           "CREATE TEMP TRIGGER sync_" + name + "_update AFTER UPDATE ON main." + name + " WHEN " + quiet +
           " AND OLD.deleted = 0 AND NEW.deleted = 0 AND (" + changed + ") BEGIN " + insert + "'upsert', json_remove(" +
           object + unchanged_paths + "), OLD.rev); END;\n" + "CREATE TEMP TRIGGER sync_" + name +
           "_delete AFTER UPDATE ON main." + name + " WHEN " + quiet +
           " AND OLD.deleted = 0 AND NEW.deleted = 1 BEGIN " + insert + "'delete', '{}', OLD.rev); END;\n";
}

Status install_triggers(Db& db) {
    std::string sql =
        "CREATE TEMP TABLE IF NOT EXISTS sync_flags (applying INTEGER NOT NULL);\n"
        "DELETE FROM sync_flags; INSERT INTO sync_flags (applying) VALUES (0);\n";
    for (const TableSpec& table : tables()) {
        const std::string name(table.name);
        sql += "DROP TRIGGER IF EXISTS temp.sync_" + name + "_insert; DROP TRIGGER IF EXISTS temp.sync_" + name +
               "_update; DROP TRIGGER IF EXISTS temp.sync_" + name + "_delete;\n";
        sql += trigger_sql(table);
    }
    return db.exec(sql);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Outbox
//-----------------------------------------------------------------------------

Result<SyncClient> SyncClient::attach(Db& db, std::string_view user_id) {
    if (Result<int> version = migrate(db, kClientMigrations, "sync_client"); !version) return version.error();
    if (Status s = install_triggers(db); !s) return s.error();
    std::string client_id = state_text(db, "client_id");
    if (!client_id.empty()) {
        if (state_text(db, "user_id") != user_id) {
            return Error{"another_user", "this database's unsynced changes belong to another user", {}};
        }
        return SyncClient(db, std::move(client_id), state_int(db, "mid_base"));
    }
    // A new client: its first mutation is mid 1, whatever the outbox numbered before.
    Tx tx(db);
    Stmt high = db.prepare("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'sync_outbox'");
    const int64_t mid_base = high.step().value_or(false) ? high.int64(0) : 0;
    client_id = new_id();
    for (Status s : {set_state(db, "client_id", client_id), set_state(db, "user_id", std::string(user_id)),
                     set_state(db, "mid_base", mid_base), set_state(db, "cursor", int64_t{0})}) {
        if (!s) return s.error();
    }
    // Rows from before this client id (none, after a fresh login) would never be sent.
    if (Status s = db.exec("DELETE FROM sync_outbox"); !s) return s.error();
    if (Status s = tx.commit(); !s) return s.error();
    return SyncClient(db, std::move(client_id), mid_base);
}

int64_t SyncClient::cursor() { return state_int(*db_, "cursor"); }

std::string SyncClient::scope() { return state_text(*db_, "scope"); }

int64_t SyncClient::pending() {
    Stmt stmt = db_->prepare("SELECT count(*) FROM sync_outbox");
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

std::vector<Rejection> SyncClient::rejections() {
    Stmt stmt = db_->prepare(
        "SELECT mid, table_name, record_id, code, message, field, at, fields FROM sync_rejections ORDER BY mid");
    std::vector<Rejection> out;
    while (stmt.step().value_or(false)) {
        out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), stmt.text(5), stmt.text(6),
                       stmt.text(7)});
    }
    return out;
}

int64_t SyncClient::rejection_count() {
    Stmt stmt = db_->prepare("SELECT count(*) FROM sync_rejections");
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

Status SyncClient::dismiss_rejections() { return db_->exec("DELETE FROM sync_rejections"); }

//-----------------------------------------------------------------------------
// [SECTION] Requests and responses
//-----------------------------------------------------------------------------

SyncRequest SyncClient::next_request(int64_t limit, size_t max_mutations) {
    constexpr size_t kMaxBytes = 512 * 1024;  // well under the server's 1 MiB body limit
    SyncRequest request;
    request.client_id = client_id_;
    request.cursor = cursor();
    request.scope = state_text(*db_, "scope");
    request.limit = limit;
    Stmt stmt = db_->prepare(
        "SELECT seq, table_name, record_id, op, fields, base_rev FROM sync_outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    stmt.bind_all(mid_base_, static_cast<int64_t>(max_mutations));
    size_t bytes = 0;
    while (stmt.step().value_or(false)) {
        const std::string fields_text = stmt.text(4);
        if (!request.mutations.empty() && bytes + fields_text.size() > kMaxBytes) break;
        bytes += fields_text.size() + 200;
        Mutation m;
        m.mid = stmt.int64(0) - mid_base_;
        m.table = find_table(stmt.text(1));
        CRM_CHECK(m.table != nullptr, "the outbox names a synced table");
        m.id = stmt.text(2);
        m.is_delete = stmt.text(3) == "delete";
        m.fields = json::parse(fields_text, nullptr, false);
        if (!m.fields.is_object()) m.fields = json::object();
        for (const auto& item : m.fields.items()) m.base[item.key()] = stmt.int64(5);
        request.mutations.push_back(std::move(m));
    }
    return request;
}

std::string SyncClient::next_request_body(int64_t limit, size_t max_mutations) {
    return to_json(next_request(limit, max_mutations)).dump();
}

std::string SyncClient::request_after_body(const SyncResponse& answer, int64_t limit) const {
    SyncRequest request;
    request.client_id = client_id_;
    request.cursor = answer.cursor;
    request.scope = answer.scope;
    request.limit = limit;
    return to_json(request).dump();
}

Result<Applied> SyncClient::apply_response(std::string_view body) {
    Result<SyncResponse> parsed = parse_response(body);
    if (!parsed) return parsed.error();
    return apply(parsed.value());
}

Result<Applied> SyncClient::apply(const SyncResponse& response) {
    Db& db = *db_;
    Applied applied;
    applied.more = response.more;
    applied.head = response.head;

    // Pages arrive in change order, not in parent-before-child order: a contact may come a
    // page before its customer. Foreign keys are checked again once sync has caught up
    // (PRAGMA foreign_key_check in the tests); here they would refuse a correct page.
    ForeignKeysOff unchecked(db);

    Tx tx(db);
    if (Status s = db.exec("UPDATE sync_flags SET applying = 1"); !s) return s.error();

    // Rejections first, while their outbox rows still say what they were about.
    const std::string now = iso_utc(now_ms());
    for (const MutationResult& r : response.results) {
        if (r.status == "conflict") ++applied.conflicts;
        if (r.status != "rejected") continue;
        ++applied.rejected;
        Stmt keep = db.prepare(
            "INSERT OR REPLACE INTO sync_rejections (mid, table_name, record_id, code, message, field, at, fields) "
            "SELECT ?1, table_name, record_id, ?3, ?4, ?5, ?6, fields FROM sync_outbox WHERE seq = ?2");
        keep.bind_all(r.mid, mid_base_ + r.mid, r.code, r.message, r.field, now);
        if (Status s = keep.run(); !s) return s.error();
    }
    Stmt acked = db.prepare("DELETE FROM sync_outbox WHERE seq <= ?1");
    acked.bind(1, mid_base_ + response.last_mid);
    if (Status s = acked.run(); !s) return s.error();
    applied.acknowledged = db.changes();

    std::map<std::string, Stmt, std::less<>> removers;  // one statement per table: a rights cut removes 1,000s
    for (const Removal& removal : response.removals) {
        auto remover = removers.find(removal.table);
        if (remover == removers.end()) {
            // The table name was checked against the synced tables by parse_response.
            remover = removers.emplace(removal.table, db.prepare("DELETE FROM " + removal.table + " WHERE id = ?1")).first;
        }
        remover->second.reset();
        remover->second.bind(1, removal.id);
        if (Status s = remover->second.run(); !s) return s.error();
        ++applied.removals;
    }

    RecordWriter writer(db);
    Stmt pending_of = db.prepare("SELECT op, fields FROM sync_outbox WHERE table_name = ?1 AND record_id = ?2");
    // A first sync has nothing waiting to go out: no need to look for it 100,000 times.
    const bool outbox_empty = pending() == 0;
    std::vector<FieldValue> kept;  // a change less the fields with unsynced local edits
    for (const Change& change : response.changes) {
        const TableSpec& table = *change.table;
        std::span<const FieldValue> fields = change.fields;
        if (!outbox_empty) {
            bool deleted_here = false;
            kept.assign(change.fields.begin(), change.fields.end());
            pending_of.reset();
            pending_of.bind_all(table.name, change.id);
            while (pending_of.step().value_or(false)) {
                if (pending_of.text(0) == "delete") deleted_here = true;
                const json edited = json::parse(pending_of.text(1), nullptr, false);
                if (!edited.is_object()) continue;
                for (const auto& item : edited.items()) {
                    if (const size_t index = table.field_index(item.key()); index < kept.size())
                        kept[index].kind = FieldValue::Kind::absent;
                }
            }
            pending_of.reset();
            // A local delete on its way wins over a remote edit; a remote delete wins over
            // local edits (the server will refuse them as "deleted").
            if (deleted_here && !change.deleted) continue;
            if (!change.deleted) fields = kept;
        }
        Status written = writer.write(table, change.id, fields, change.seq, change.deleted);
        if (!written && written.error().code == "unique" && table.name == "customers") {
            // The server's customer holds a code a local, unsynced one also took: the server's
            // copy is the truth; the local one's code goes, and the server will tell its
            // creator why when that edit arrives (duplicate).
            const FieldValue& code_value = change.fields[table.field_index("code")];
            Stmt clear = db.prepare(
                "UPDATE customers SET code = '' WHERE code = ?1 COLLATE NOCASE AND id <> ?2 AND deleted = 0");
            clear.bind_all(code_value.text, change.id);
            if (Status s = clear.run(); !s) return s.error();
            written = writer.write(table, change.id, fields, change.seq, change.deleted);
        }
        if (!written) return written.error();
        ++applied.changes;
    }

    // The cursor and the view it was pulled under go together (docs/sync-protocol.md).
    if (Status s = set_state(db, "cursor", response.cursor); !s) return s.error();
    if (Status s = set_state(db, "scope", response.scope); !s) return s.error();
    if (Status s = db.exec("UPDATE sync_flags SET applying = 0"); !s) return s.error();
    if (Status s = tx.commit(); !s) return s.error();
    return applied;
}

}  // namespace crm::sync
