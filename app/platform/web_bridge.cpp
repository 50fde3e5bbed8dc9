// Exports for window.crm (shell/loader.js wraps them):
//   crm_items_json()      the last frame's items, framebuffer pixels (the page converts to CSS pixels)
//   crm_query_json(sql)   {"rows": [...]} or {"error": {"code", "message"}}; writes are refused
//   crm_frame_count()     frames drawn so far
//   crm_take_frame_times() [ms, ...]: the CPU time of each frame since the last call
//   crm_has_unsaved_work() 1 when closing the page would lose work (the page asks first)
//   crm_glyphs_json(text) {"stage": "startup"|"common", "missing": chars the atlas cannot draw}
#include "platform/web_bridge.hpp"

#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <utility>

#include "core/query_json.hpp"
#include "platform/fonts_web.hpp"
#include "platform/web_app.hpp"
#include "ui/automation.hpp"

EM_JS(void, crm_js_set_ready, (), {
    if (window.crm) window.crm.ready = true;
});

EM_JS(void, crm_js_fail, (const char* message), {
    const text = UTF8ToString(message);
    console.error(text);
    if (window.crm) window.crm.fail(text);
});

EM_JS(void, crm_js_report_error, (const char* message), {
    const text = UTF8ToString(message);
    console.error(text);
    if (window.crm) window.crm.errors.push(text);
});

namespace crm {

void report_assert(const char* expression, const char* file, int line) {
    // An assertion that fails every frame is reported once, not sixty times a second.
    static std::set<std::pair<std::string, int>> reported;
    if (!reported.emplace(file, line).second) return;
    std::string message = std::string("Assertion failed: ") + expression + " at " + file + ":" + std::to_string(line);
    platform::report_error(message.c_str());
}

namespace platform {

void set_ready() { crm_js_set_ready(); }
void report_error(const char* message) { crm_js_report_error(message); }
void fail(const char* message) { crm_js_fail(message); }

}  // namespace platform
}  // namespace crm

namespace {
// The returned strings live until the next call; the page copies them at once.
std::string g_answer;
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* crm_items_json() {
    g_answer = crm::automation::last_frame_json();
    return g_answer.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* crm_query_json(const char* sql) {
    crm::Db* db = crm::platform::database();
    if (!db) {
        g_answer = R"({"error":{"code":"not_ready","message":"the database is not open yet"}})";
        return g_answer.c_str();
    }
    crm::Result<nlohmann::json> result = crm::query_readonly(*db, sql);
    nlohmann::json answer = result ? std::move(result).value()
                                   : nlohmann::json{{"error", {{"code", result.error().code},
                                                               {"message", result.error().message}}}};
    g_answer = answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_answer.c_str();
}

EMSCRIPTEN_KEEPALIVE int crm_frame_count() { return crm::platform::frame_count(); }

EMSCRIPTEN_KEEPALIVE const char* crm_take_frame_times() {
    g_answer = nlohmann::json(crm::platform::take_frame_times()).dump();
    return g_answer.c_str();
}

EMSCRIPTEN_KEEPALIVE int crm_has_unsaved_work() { return crm::platform::has_unsaved_work() ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE const char* crm_glyphs_json(const char* text) {
    g_answer = crm::platform::glyph_report_json(text);
    return g_answer.c_str();
}
}
