# Native half of the build: server, unit tests, tools; and the client as an external project.
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(doctest REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)  # password hashes, session tokens
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)  # the in-memory database's pages (core/packed_memory)

if(CRM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

target_link_libraries(crm_core PUBLIC SQLite::SQLite3 nlohmann_json::nlohmann_json PkgConfig::LZ4)
# The sources were compiled before this file added the sanitizer flags to the directory.
if(CRM_SANITIZE)
  target_compile_options(crm_core PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
endif()

# --- server ---------------------------------------------------------------------------
file(GLOB CRM_SERVER_SOURCES CONFIGURE_DEPENDS web/*.cpp)
list(FILTER CRM_SERVER_SOURCES EXCLUDE REGEX "/main\\.cpp$")
add_library(crm_server_lib STATIC ${CRM_SERVER_SOURCES})
target_include_directories(crm_server_lib PUBLIC web)
target_link_libraries(crm_server_lib PUBLIC crm_core PkgConfig::HTTPLIB PkgConfig::SODIUM Threads::Threads)
target_compile_options(crm_server_lib PRIVATE ${CRM_WARNINGS})

add_executable(crm_server web/main.cpp)
target_link_libraries(crm_server PRIVATE crm_server_lib)
target_compile_options(crm_server PRIVATE ${CRM_WARNINGS})

# --- unit tests -------------------------------------------------------------------------
enable_testing()
file(GLOB CRM_UNIT_TESTS CONFIGURE_DEPENDS tests/unit/*.cpp)
# app/core/memcmp_wasm.c is the wasm build's memcmp; natively only its test uses it (as crm_memcmp).
add_library(crm_memcmp_wasm STATIC app/core/memcmp_wasm.c)
add_executable(crm_unit_tests ${CRM_UNIT_TESTS})
target_link_libraries(crm_unit_tests PRIVATE crm_core crm_server_lib crm_memcmp_wasm doctest::doctest)
target_include_directories(crm_unit_tests PRIVATE tests)  # tests/support.hpp
target_compile_options(crm_unit_tests PRIVATE ${CRM_WARNINGS})
add_test(NAME unit COMMAND crm_unit_tests)

# --- sync integration tests: the real server on loopback and native clients from app/sync ---
file(GLOB CRM_SYNC_TESTS CONFIGURE_DEPENDS tests/sync/*.cpp)
add_executable(crm_sync_tests ${CRM_SYNC_TESTS})
target_link_libraries(crm_sync_tests PRIVATE crm_core crm_server_lib doctest::doctest)
target_include_directories(crm_sync_tests PRIVATE tests)  # tests/support.hpp
target_compile_options(crm_sync_tests PRIVATE ${CRM_WARNINGS})
add_test(NAME sync COMMAND crm_sync_tests)

# --- the browser client, built by Emscripten from this same CMakeLists.txt -------------------
if(CRM_BUILD_CLIENT)
  include(ExternalProject)
  find_program(EMCMAKE emcmake REQUIRED)
  set(CRM_WASM_BUILD_TYPE "Release" CACHE STRING "Build type of the wasm client")
  # Debian's emcc needs Debian's node modules (acorn) on NODE_PATH.
  set(CRM_EMENV ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  ExternalProject_Add(client
    SOURCE_DIR "${CMAKE_SOURCE_DIR}"
    BINARY_DIR "${CMAKE_SOURCE_DIR}/build/wasm"
    CONFIGURE_COMMAND ${CRM_EMENV} ${EMCMAKE} ${CMAKE_COMMAND} -S <SOURCE_DIR> -B <BINARY_DIR> -G ${CMAKE_GENERATOR}
        -DCMAKE_BUILD_TYPE=${CRM_WASM_BUILD_TYPE} "-DCRM_DEPS_DIR=${CRM_DEPS_DIR}" "-DCRM_WWW_DIR=${CRM_WWW_DIR}"
    BUILD_COMMAND ${CRM_EMENV} ${CMAKE_COMMAND} --build <BINARY_DIR>
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)
endif()

# --- benchmarks (./crm bench) ---------------------------------------------------------------
add_executable(crm_bench tests/bench/bench_customers.cpp)
# The client's SQLite (same amalgamation, same options) rather than Debian's library, so that
# the figures set beside the wasm build's compare the same SQLite: its object file is part of
# the executable, whose symbols come before any shared library's, so Debian's, which crm_core
# brings, is left unused. (Not in the sanitizer build: nobody benchmarks that one.)
set(CRM_SQLITE_AMALGAMATION "${CRM_DEPS_DIR}/sqlite-amalgamation/sqlite3.c")
if(EXISTS "${CRM_SQLITE_AMALGAMATION}" AND NOT CRM_SANITIZE)
  include(cmake/sqlite_options.cmake)
  add_library(sqlite3_client_options OBJECT "${CRM_SQLITE_AMALGAMATION}")
  target_compile_definitions(sqlite3_client_options PRIVATE ${CRM_SQLITE_CLIENT_OPTIONS})
  target_compile_options(sqlite3_client_options PRIVATE -w)
  target_sources(crm_bench PRIVATE $<TARGET_OBJECTS:sqlite3_client_options>)
endif()
target_link_libraries(crm_bench PRIVATE crm_core)
target_compile_options(crm_bench PRIVATE ${CRM_WARNINGS})
add_executable(crm_bench_sync tests/bench/bench_sync.cpp)
target_link_libraries(crm_bench_sync PRIVATE crm_core crm_server_lib)
target_compile_options(crm_bench_sync PRIVATE ${CRM_WARNINGS})

# --- native UI tests: the real screens driven by label, no window, no GPU -----------------
set(IMGUI_DIR "${CRM_DEPS_DIR}/imgui")
if(EXISTS "${IMGUI_DIR}/imgui.cpp")
  add_library(imgui_native STATIC
    "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
    "${IMGUI_DIR}/imgui_widgets.cpp" "${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
  target_include_directories(imgui_native SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/misc/cpp")
  target_include_directories(imgui_native PUBLIC "${CMAKE_SOURCE_DIR}/app")
  target_compile_definitions(imgui_native PUBLIC IMGUI_ENABLE_TEST_ENGINE "IMGUI_USER_CONFIG=\"platform/crm_imconfig.h\"")
  target_compile_options(imgui_native PRIVATE -w)

  file(GLOB_RECURSE CRM_UI_SOURCES CONFIGURE_DEPENDS app/ui/*.cpp)
  file(GLOB CRM_UI_TESTS CONFIGURE_DEPENDS tests/ui/*.cpp)
  add_executable(crm_ui_tests ${CRM_UI_SOURCES} ${CRM_UI_TESTS})
  target_link_libraries(crm_ui_tests PRIVATE crm_core imgui_native doctest::doctest)
  target_include_directories(crm_ui_tests PRIVATE tests)  # tests/support.hpp
  target_compile_definitions(crm_ui_tests PRIVATE "CRM_SOURCE_DIR=\"${CMAKE_SOURCE_DIR}\"")
  target_compile_options(crm_ui_tests PRIVATE ${CRM_WARNINGS})
  add_test(NAME ui COMMAND crm_ui_tests)
else()
  message(WARNING "Dear ImGui sources missing under ${CRM_DEPS_DIR}: the native UI tests are not built (./crm bootstrap)")
endif()
