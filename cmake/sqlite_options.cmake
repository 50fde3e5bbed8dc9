# The compile-time options of the client's SQLite (the amalgamation from tools/bootstrap.sh).
# The wasm client is built with them, and so is the native benchmark's own copy, so that the
# benchmark's wasm/native ratios compare the same SQLite.
set(CRM_SQLITE_CLIENT_OPTIONS
  SQLITE_THREADSAFE=0            # one thread: the browser's main loop
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_ENABLE_FTS5
  SQLITE_ENABLE_MATH_FUNCTIONS
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_DQS=0                   # "text" is an identifier, never a string literal
  SQLITE_TEMP_STORE=3            # temporary tables in memory: there is no disk
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_LIKE_DOESNT_MATCH_BLOBS)
