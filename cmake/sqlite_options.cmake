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
  # Temporary files by default (PRAGMA temp_store may say otherwise), in Emscripten's in-memory
  # file system in the browser: with temp_store in memory, SQLite's sorter keeps every record of
  # a CREATE INDEX or large ORDER BY in its own allocation on one list, and sorting it took twice
  # as long as sorting runs of cache_size and merging them (1.4 s against 0.7 s for an index of
  # 1.2 M activity times; tests/bench/RESULTS.md). Small temporary tables stay in the page cache.
  SQLITE_TEMP_STORE=1
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_LIKE_DOESNT_MATCH_BLOBS)
