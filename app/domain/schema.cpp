#include "domain/schema.hpp"

#include "core/db_image.hpp"

namespace crm {

namespace {

// Never edit a migration that has shipped: add a new one.
const Migration kMigrations[] = {
    {1, "customers and contacts", R"sql(
CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('company', 'person')),
    name        TEXT NOT NULL,
    code        TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL DEFAULT '',
    industry    TEXT NOT NULL DEFAULT '',
    province    TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    -- What the list's search box looks in, lower-cased once on write: one instr() per row
    -- is several times faster than five LIKEs (tests/bench). char(31), the unit separator,
    -- keeps a search from matching across two fields. Derived, so never synced.
    search_text TEXT GENERATED ALWAYS AS (lower(name || char(31) || code || char(31) || phone || char(31) ||
                                               email || char(31) || city)) STORED
);
-- A customer code is unique among live customers, ignoring case; a deleted customer's
-- code may be reused.
CREATE UNIQUE INDEX customers_code ON customers (code COLLATE NOCASE) WHERE code <> '' AND deleted = 0;
-- The customer list's default order (find_customer_rowids: name COLLATE NOCASE, then rowid)
-- reads straight from this index: its collation must match the ORDER BY's, and equal
-- names are kept in rowid order, so no sort is needed.
CREATE INDEX customers_name ON customers (name COLLATE NOCASE, search_text) WHERE deleted = 0;
CREATE INDEX customers_owner ON customers (owner_id) WHERE deleted = 0;

CREATE TABLE contacts (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    mobile      TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    birthday    TEXT NOT NULL DEFAULT '',
    is_primary  INTEGER NOT NULL DEFAULT 0,
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_customer ON contacts (customer_id) WHERE deleted = 0;
)sql"},
    {2, "sync conflicts", R"sql(
-- Where two people changed the same field while apart, sync keeps the later accepted write
-- and records the value it replaced here, for the two of them to review (sync/tables).
-- Values are kept as the JSON text of the field's value.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY,
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    kept_value  TEXT NOT NULL,
    other_value TEXT NOT NULL,
    kept_by     TEXT NOT NULL,
    other_by    TEXT NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0,
    resolved_by TEXT NOT NULL DEFAULT '',
    resolved_at TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conflicts_open ON conflicts (created_at) WHERE resolved = 0 AND deleted = 0;
)sql"},
    {3, "customer 360: profile fields, contact roles and preferences", R"sql(
-- Both kinds of customer: where they are in their life with us, how they came, their
-- membership and tags (a comma-separated list, searched with instr()).
ALTER TABLE customers ADD COLUMN lifecycle       TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN source          TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN member_level    TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN tags            TEXT NOT NULL DEFAULT '';
-- Organisations.
ALTER TABLE customers ADD COLUMN company_size    TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN business_status TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN credit_rating   TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN trade_terms     TEXT NOT NULL DEFAULT '';
-- Persons.
ALTER TABLE customers ADD COLUMN gender          TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN birthday        TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN family          TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN occupation      TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN employer        TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN income_band     TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN interests       TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN preferences     TEXT NOT NULL DEFAULT '';

-- A contact's part in the buying decision, how they like to be reached, and what they do
-- not want: every mailing, export and batch action honours the four opt-outs.
ALTER TABLE contacts ADD COLUMN role              TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN preferred_channel TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN anniversary       TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN address           TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN no_email          INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN no_sms            INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN no_call           INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN no_mail           INTEGER NOT NULL DEFAULT 0;
)sql"},
    {4, "activities: calls, visits, meetings, tasks and notes about a customer", R"sql(
-- What was done with a customer, or is planned (活动). Times are UTC ISO-8601 text as
-- iso_utc() writes it, so they sort as text; '' for none. done_at '' means not done yet.
CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    contact_id  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'meeting', 'email', 'sms', 'task', 'note')),
    subject     TEXT NOT NULL,
    planned_at  TEXT NOT NULL DEFAULT '',
    done_at     TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL DEFAULT '',
    next_step   TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    -- Where the activity stands on a timeline or calendar: when it was done, else when it is
    -- planned, else (a note) when it was written. Derived, so never synced.
    at          TEXT GENERATED ALWAYS AS (coalesce(nullif(done_at, ''), nullif(planned_at, ''), created_at)) STORED
);
-- A customer's timeline (newest first, ties by id) and its last contact read backwards along
-- this index, with no sort.
CREATE INDEX activities_customer ON activities (customer_id, at, id) WHERE deleted = 0;
-- A calendar's days: one person's activities, or everyone's.
CREATE INDEX activities_owner_at ON activities (owner_id, at) WHERE deleted = 0;
CREATE INDEX activities_at ON activities (at) WHERE deleted = 0;
-- "My day": what a person still has to do, in planned order.
CREATE INDEX activities_open ON activities (owner_id, planned_at) WHERE deleted = 0 AND done_at = '' AND planned_at <> '';
)sql"},
    {5, "member points ledger; visit plans per customer level", R"sql(
-- Points (客户积分) are a ledger, never a stored balance: the balance is the sum of a
-- customer's entries, so two clients adding entries while apart both count once synced.
-- points is always positive for earn and redeem (a redeem subtracts it) and signed for
-- an adjust (a correction).
CREATE TABLE points_ledger (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    kind        TEXT NOT NULL,
    points      INTEGER NOT NULL DEFAULT 0,
    reason      TEXT NOT NULL DEFAULT '',
    occurred_at TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX points_ledger_customer ON points_ledger (customer_id, occurred_at) WHERE deleted = 0;

-- How often each customer level is to be contacted (客户维护规范 / 回访间隔), in days.
-- Local to this database, not synced: each desk sets its own plan on the Reminders screen.
CREATE TABLE visit_plans (
    level TEXT PRIMARY KEY,
    days  INTEGER NOT NULL CHECK (days > 0)
) WITHOUT ROWID;
INSERT INTO visit_plans (level, days) VALUES ('A', 14), ('B', 30), ('C', 90), ('D', 180);
)sql"},
    {6, "duplicate check: match keys of names, phones and emails", R"sql(
-- The duplicate check (domain/duplicates) looks customers up by these keys. They are computed
-- by functions every connection registers (core/normalize, Db::open), so whatever writes a
-- row (a form, an import, sync on either end) keeps them right. VIRTUAL: ALTER TABLE cannot
-- add a STORED column, and the indexes keep the values anyway; never synced (derived).
ALTER TABLE customers ADD COLUMN name_key TEXT GENERATED ALWAYS AS (crm_name_key(name)) VIRTUAL;
ALTER TABLE customers ADD COLUMN reversed_name_key TEXT GENERATED ALWAYS AS (crm_reversed_name_key(name)) VIRTUAL;
ALTER TABLE customers ADD COLUMN phone_key TEXT GENERATED ALWAYS AS (crm_phone_key(phone)) VIRTUAL;
ALTER TABLE customers ADD COLUMN email_key TEXT GENERATED ALWAYS AS (crm_email_key(email)) VIRTUAL;
CREATE INDEX customers_name_key ON customers (name_key) WHERE deleted = 0;
CREATE INDEX customers_reversed_name_key ON customers (reversed_name_key) WHERE deleted = 0;
CREATE INDEX customers_phone_key ON customers (phone_key) WHERE deleted = 0 AND phone_key <> '';
CREATE INDEX customers_email_key ON customers (email_key) WHERE deleted = 0 AND email_key <> '';

-- A contact's numbers and address point at their customer: the same person calling from the
-- same mobile is the same customer, whatever name was typed.
ALTER TABLE contacts ADD COLUMN phone_key TEXT GENERATED ALWAYS AS (crm_phone_key(phone)) VIRTUAL;
ALTER TABLE contacts ADD COLUMN mobile_key TEXT GENERATED ALWAYS AS (crm_phone_key(mobile)) VIRTUAL;
ALTER TABLE contacts ADD COLUMN email_key TEXT GENERATED ALWAYS AS (crm_email_key(email)) VIRTUAL;
CREATE INDEX contacts_phone_key ON contacts (phone_key) WHERE deleted = 0 AND phone_key <> '';
CREATE INDEX contacts_mobile_key ON contacts (mobile_key) WHERE deleted = 0 AND mobile_key <> '';
CREATE INDEX contacts_email_key ON contacts (email_key) WHERE deleted = 0 AND email_key <> '';
)sql"},
    {7, "saved filters: a person's named list views", R"sql(
-- A person's named filters of a list (domain/saved_filter); query is JSON of the search and
-- filters. Synced, and only ever its owner's.
CREATE TABLE saved_filters (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    list        TEXT NOT NULL DEFAULT 'customers',
    query       TEXT NOT NULL DEFAULT '{}',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX saved_filters_owner ON saved_filters (owner_id, list, name) WHERE deleted = 0;
)sql"},
    {8, "user settings: a person's list layouts and last screen", R"sql(
-- A person's own settings (domain/user_settings): name 'layout' (the lists' column widths,
-- order and sort) or 'last_screen'. Synced, and only ever its owner's.
CREATE TABLE user_settings (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX user_settings_owner ON user_settings (owner_id, name, updated_at) WHERE deleted = 0;
)sql"},
    {9, "the deleted customers, found without a scan", R"sql(
-- The contacts and activities lists leave out the records of deleted customers
-- (domain/record_list): these few are found here rather than by looking up every record's
-- customer.
CREATE INDEX customers_deleted ON customers (id) WHERE deleted <> 0;
)sql"},
    {10, "sharing a customer with named users or teams", R"sql(
-- A customer shared (domain/customer_share) with one user or one team, beyond what their
-- role's scope shows them; access read or edit. Synced as a child of its customer.
CREATE TABLE customer_shares (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    user_id     TEXT NOT NULL DEFAULT '',
    team_id     TEXT NOT NULL DEFAULT '',
    access      TEXT NOT NULL DEFAULT 'read',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_shares_customer ON customer_shares (customer_id) WHERE deleted = 0;
-- The server finds what is shared with a user or a team for every pull.
CREATE INDEX customer_shares_user ON customer_shares (user_id, customer_id) WHERE deleted = 0 AND user_id <> '';
CREATE INDEX customer_shares_team ON customer_shares (team_id, customer_id) WHERE deleted = 0 AND team_id <> '';
)sql"},
    {11, "customer groups: named groups and the customers in them", R"sql(
-- A named group of customers (domain/customer_group): a trade show's visitors, this year's key
-- accounts. Everyone who sees customers sees every group's name; a customer is in any number
-- of groups, one membership row each, synced as a child of the customer (so who sees the
-- customer sees its memberships). A deleted group's memberships stay, and count for nothing.
CREATE TABLE customer_groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_groups_name ON customer_groups (name COLLATE NOCASE) WHERE deleted = 0;
CREATE TABLE customer_group_members (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    group_id    TEXT NOT NULL REFERENCES customer_groups (id),
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_group_members_customer ON customer_group_members (customer_id) WHERE deleted = 0;
-- The list's group filter reads a group's customers from here.
CREATE INDEX customer_group_members_group ON customer_group_members (group_id, customer_id) WHERE deleted = 0;
)sql"},
    {12, "files kept with a customer", R"sql(
-- A file attached to a customer (domain/customer_file): its bytes base64 in content, size the
-- decoded length. Synced as a child of its customer; a removed file's content is dropped.
CREATE TABLE customer_files (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    mime_type   TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    content     TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_files_customer ON customer_files (customer_id, created_at) WHERE deleted = 0;
)sql"},
    {13, "activities: 'at' computed, not stored; one time index for everyone's calendar and each person's", R"sql(
-- At 1,000,000 activities every byte of a row counts (tests/bench/RESULTS.md): 'at' repeated
-- a time already in the row (24 bytes), and activities_owner_at (owner_id, at) repeated what
-- activities_at holds. 'at' is now VIRTUAL (still indexed, so still read from the indexes), and
-- one index on (at, owner_id) serves everyone's calendar and, checking owner_id in the index
-- before any row is read, one person's. A generated column cannot change its kind in place:
-- the table is made again, as SQLite's ALTER TABLE documentation describes. Nothing refers to
-- activities, and the sync triggers are made again by the client after the migrations.
CREATE TABLE activities_new (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    contact_id  TEXT NOT NULL DEFAULT '',
    -- Spelled out rather than IN (...): SQLite checks an IN list of more than two values against
    -- a temporary B-tree it builds for every execution of an INSERT or UPDATE, a tenth of the
    -- time of writing an activity (tests/bench/RESULTS.md).
    kind        TEXT NOT NULL CHECK (kind = 'call' OR kind = 'visit' OR kind = 'meeting' OR kind = 'email' OR kind = 'sms'
                                     OR kind = 'task' OR kind = 'note'),
    subject     TEXT NOT NULL,
    planned_at  TEXT NOT NULL DEFAULT '',
    done_at     TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL DEFAULT '',
    next_step   TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    rev         INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    -- Where the activity stands on a timeline or calendar: when it was done, else when it is
    -- planned, else (a note) when it was written. Derived, so never synced.
    at          TEXT GENERATED ALWAYS AS (coalesce(nullif(done_at, ''), nullif(planned_at, ''), created_at)) VIRTUAL
);
INSERT INTO activities_new (rowid, id, customer_id, contact_id, kind, subject, planned_at, done_at, outcome, next_step,
                            owner_id, created_at, updated_at, updated_by, rev, deleted)
    SELECT rowid, id, customer_id, contact_id, kind, subject, planned_at, done_at, outcome, next_step,
           owner_id, created_at, updated_at, updated_by, rev, deleted FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
-- A customer's timeline (newest first, ties by id) and its last contact read backwards along
-- this index, with no sort.
CREATE INDEX activities_customer ON activities (customer_id, at, id) WHERE deleted = 0;
-- A calendar's days: everyone's activities, or one person's.
CREATE INDEX activities_at ON activities (at, owner_id) WHERE deleted = 0;
-- "My day": what a person still has to do, in planned order.
CREATE INDEX activities_open ON activities (owner_id, planned_at) WHERE deleted = 0 AND done_at = '' AND planned_at <> '';
)sql"},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

Result<Db> open_crm_database(const std::string& path) {
    Result<Db> db = Db::open(path);
    if (!db) return db;
    if (Result<int> version = migrate(db.value(), schema_migrations()); !version) return version.error();
    return db;
}

Result<Db> import_crm_image(std::string_view bytes) {
    Result<Db> db = import_image(bytes);
    if (!db) return db;
    // An image from this CRM has at least the first migration's tables and a schema version.
    Stmt tables = db.value().prepare(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('customers', 'contacts')");
    Result<bool> row = tables.step();
    if (!row || !row.value() || tables.int64(0) != 2 || schema_version(db.value()) < 1) {
        return Error{"not_a_crm_database", "the file is a SQLite database, but not one of this CRM", {}};
    }
    if (Result<int> version = migrate(db.value(), schema_migrations()); !version) return version.error();
    return db;
}

}  // namespace crm
