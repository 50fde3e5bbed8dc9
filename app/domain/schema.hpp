// The CRM's schema: one list of numbered migrations shared by the client's in-memory
// database and the server's file, so both sides always agree on tables and columns.
//
// Every synced table carries the sync columns from DESIGN.md: id (UUIDv7 made on the
// client), rev (server change number, 0 while only local), created_at, updated_at,
// updated_by, owner_id, deleted (a tombstone; sync never removes rows).
#pragma once

#include <span>

#include "core/migrations.hpp"

namespace crm {

std::span<const Migration> schema_migrations();

// Opens (or creates) a database and brings it to the latest schema.
Result<Db> open_crm_database(const std::string& path);

// A CRM database from an exported image (core/db_image), brought to the latest schema.
// Refuses files that are not databases, databases of something else (code
// "not_a_crm_database"), and databases from a newer build ("schema_too_new").
Result<Db> import_crm_image(std::string_view bytes);

}  // namespace crm
