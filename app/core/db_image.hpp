// The whole database as one file image (the SQLite file format, openable by the sqlite3
// command-line tool), for exporting and importing on purpose: the client's database lives
// in memory and nothing is written to the browser's storage unless a person asks.
#pragma once

#include <string>
#include <string_view>

#include "core/db.hpp"

namespace crm {

// The bytes of the "main" database, as sqlite3_serialize writes them.
Result<std::string> export_image(Db& db);

// A new in-memory database holding `bytes`. Refuses anything that is not an intact SQLite
// database (code "not_a_database"); the caller checks it is the right kind of database.
Result<Db> import_image(std::string_view bytes);

}  // namespace crm
