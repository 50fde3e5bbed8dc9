# Emscripten half of the build: the browser client (crm.js + crm.wasm) and its static files.
set(IMGUI_DIR "${CRM_DEPS_DIR}/imgui")
set(SQLITE_DIR "${CRM_DEPS_DIR}/sqlite-amalgamation")
set(LZ4_DIR "${CRM_DEPS_DIR}/lz4/lib")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp" OR NOT EXISTS "${SQLITE_DIR}/sqlite3.c" OR NOT EXISTS "${LZ4_DIR}/lz4.c")
  message(FATAL_ERROR "Dear ImGui, SQLite or LZ4 sources missing under ${CRM_DEPS_DIR}: run ./crm bootstrap")
endif()

# --- LZ4, for the in-memory database's pages (core/packed_memory): its block format only.
add_library(lz4_wasm STATIC "${LZ4_DIR}/lz4.c")
target_include_directories(lz4_wasm SYSTEM PUBLIC "${LZ4_DIR}")
target_compile_options(lz4_wasm PRIVATE -w)
target_link_libraries(crm_core PUBLIC lz4_wasm)

# --- SQLite, compiled with the options the app needs --------------------------------------
# With it, memcmp eight bytes at a time instead of libc's byte loop (app/core/memcmp_wasm.c).
add_library(sqlite3_wasm STATIC "${SQLITE_DIR}/sqlite3.c" app/core/memcmp_wasm.c)
set_source_files_properties(app/core/memcmp_wasm.c PROPERTIES COMPILE_OPTIONS -fno-builtin)
target_include_directories(sqlite3_wasm SYSTEM PUBLIC "${SQLITE_DIR}")
include(cmake/sqlite_options.cmake)
target_compile_definitions(sqlite3_wasm PRIVATE ${CRM_SQLITE_CLIENT_OPTIONS})
target_compile_options(sqlite3_wasm PRIVATE -w)
target_link_libraries(crm_core PUBLIC sqlite3_wasm)
# nlohmann/json is header-only: use Debian's headers, through a folder that holds only them
# (all of /usr/include on the path would shadow Emscripten's libc headers).
set(CRM_JSON_INCLUDE "${CMAKE_BINARY_DIR}/json-include")
file(MAKE_DIRECTORY "${CRM_JSON_INCLUDE}")
file(CREATE_LINK /usr/include/nlohmann "${CRM_JSON_INCLUDE}/nlohmann" SYMBOLIC)
target_include_directories(crm_core SYSTEM PUBLIC "${CRM_JSON_INCLUDE}")

# --- Dear ImGui 1.86 with the test-engine hooks compiled in ---------------------------------
set(CRM_IMGUI_DEFINES IMGUI_ENABLE_TEST_ENGINE "IMGUI_USER_CONFIG=\"platform/crm_imconfig.h\"")
add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp" "${IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
  "${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends" "${IMGUI_DIR}/misc/cpp")
target_include_directories(imgui PUBLIC "${CMAKE_SOURCE_DIR}/app")
target_compile_definitions(imgui PUBLIC ${CRM_IMGUI_DEFINES})
target_compile_options(imgui PRIVATE -w)

# --- fonts, subset at build time from Debian's font packages -----------------------------
# Debian's python3 has Debian's fontTools (python3-fonttools); a pyenv python on PATH may not.
set(CRM_SYSTEM_PYTHON /usr/bin/python3)
set(CRM_FONT_DIR "${CMAKE_BINARY_DIR}/fonts")
# Every CJK character the app can draw from its own text: the demo word lists, the
# translations and the literals in the sources (e.g. the "市" and "号" of generated addresses).
file(GLOB_RECURSE CRM_FONT_TEXT_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/assets/demo/*.txt"
     "${CMAKE_SOURCE_DIR}/assets/i18n/*.json"
     "${CMAKE_SOURCE_DIR}/app/*.cpp" "${CMAKE_SOURCE_DIR}/app/*.hpp")
add_custom_command(
  OUTPUT "${CRM_FONT_DIR}/ui-latin.ttf" "${CRM_FONT_DIR}/ui-cjk.ttf" "${CRM_FONT_DIR}/ui-cjk-common.ttf"
  COMMAND "${CRM_SYSTEM_PYTHON}" "${CMAKE_SOURCE_DIR}/tools/subset_fonts.py" "${CRM_FONT_DIR}" ${CRM_FONT_TEXT_SOURCES}
  DEPENDS "${CMAKE_SOURCE_DIR}/tools/subset_fonts.py" ${CRM_FONT_TEXT_SOURCES}
  COMMENT "Subsetting UI fonts")
add_custom_target(crm_fonts DEPENDS "${CRM_FONT_DIR}/ui-latin.ttf" "${CRM_FONT_DIR}/ui-cjk.ttf"
                  "${CRM_FONT_DIR}/ui-cjk-common.ttf")

# --- the client ------------------------------------------------------------------------------
file(GLOB_RECURSE CRM_CLIENT_SOURCES CONFIGURE_DEPENDS app/ui/*.cpp app/platform/*.cpp)
add_executable(crm ${CRM_CLIENT_SOURCES})
add_dependencies(crm crm_fonts)
target_link_libraries(crm PRIVATE crm_core imgui)
target_compile_options(crm PRIVATE ${CRM_WARNINGS})
# Linear memory grows as the data needs, by a fifth at a time but at most 16 MB: it never
# shrinks, so a larger step is kept for good (Emscripten's default of 96 MB left the sandbox
# with 1.2 million activities at 859 MB where malloc held 748; with 16 MB, 823 MB).
set(CRM_WASM_MEMORY -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=4GB -sMEMORY_GROWTH_GEOMETRIC_CAP=16MB)
set(CRM_EXPORTS _main,_malloc,_free,_crm_items_json,_crm_query_json,_crm_frame_count,_crm_take_frame_times,_crm_has_unsaved_work,_crm_wake,_crm_set_pasted_text,_crm_ime_commit,_crm_common_font_arrived,_crm_glyphs_json,_crm_import_image,_crm_file_dropped,_crm_http_done,_crm_file_chosen)
target_link_options(crm PRIVATE
  -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  ${CRM_WASM_MEMORY}
  -sENVIRONMENT=web -sEXIT_RUNTIME=0
  -sEXPORTED_FUNCTIONS=${CRM_EXPORTS}
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
  "--embed-file=${CRM_FONT_DIR}/ui-latin.ttf@/fonts/ui-latin.ttf"
  "--embed-file=${CRM_FONT_DIR}/ui-cjk.ttf@/fonts/ui-cjk.ttf")
set_target_properties(crm PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${CRM_WWW_DIR}")

# The page and its scripts, copied next to crm.js, and the font fetched after the first frame.
file(GLOB CRM_SHELL_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/shell/*")
# Again whenever a shell file changes, not only when crm relinks (DEPENDS on the target is a
# dependency on its output file too).
set(CRM_WWW_STAMP "${CMAKE_BINARY_DIR}/www.stamp")
add_custom_command(
  OUTPUT "${CRM_WWW_STAMP}"
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CRM_SHELL_FILES} "${CRM_FONT_DIR}/ui-cjk-common.ttf" "${CRM_WWW_DIR}/"
  COMMAND "${CRM_SYSTEM_PYTHON}" "${CMAKE_SOURCE_DIR}/tools/write_manifest.py" "${CRM_WWW_DIR}"
  COMMAND ${CMAKE_COMMAND} -E touch "${CRM_WWW_STAMP}"
  DEPENDS crm ${CRM_SHELL_FILES} "${CRM_FONT_DIR}/ui-cjk-common.ttf" "${CMAKE_SOURCE_DIR}/tools/write_manifest.py"
  COMMENT "Writing the page, the manifest and compressed copies to ${CRM_WWW_DIR}")
add_custom_target(crm_www ALL DEPENDS "${CRM_WWW_STAMP}")

# --- the customers benchmark in WebAssembly (./crm bench): tests/bench/bench_customers.cpp, as
# the native crm_bench runs it, for node and for a page in headless Chromium
# (tests/bench/wasm_bench.mjs). Built on demand only: cmake --build build/wasm --target crm_bench_wasm
add_executable(crm_bench_wasm EXCLUDE_FROM_ALL tests/bench/bench_customers.cpp)
target_link_libraries(crm_bench_wasm PRIVATE crm_core)
target_compile_options(crm_bench_wasm PRIVATE ${CRM_WARNINGS})
target_link_options(crm_bench_wasm PRIVATE
  -sENVIRONMENT=node,web ${CRM_WASM_MEMORY} -sEXIT_RUNTIME=1)
set_target_properties(crm_bench_wasm PROPERTIES OUTPUT_NAME crm_bench SUFFIX ".js"
                      RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bench")
