#include "platform/services_web.hpp"

#include <emscripten.h>

#include <map>

#include "platform/frame_pacing.hpp"

EM_JS(void, crm_js_download, (const char* name, const char* bytes, size_t size, const char* mime), {
    const data = HEAPU8.slice(bytes, bytes + size);
    const url = URL.createObjectURL(new Blob([data], { type: UTF8ToString(mime) }));
    const link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
});

// The picker opens within the click's user activation (the frame after it); the chosen
// file's bytes go to crm_import_image between frames.
EM_JS(void, crm_js_choose_database_file, (), {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3';
    input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const pointer = _malloc(bytes.length || 1);
        HEAPU8.set(bytes, pointer);
        _crm_import_image(pointer, bytes.length);
        _free(pointer);
    });
    input.click();
});

// fetch() on the page's own origin. The answer comes back through crm_http_done between
// frames (a browser task), never during one. No answer within the timeout counts as no
// connection (status 0), so a server that hangs cannot leave a login waiting forever.
EM_JS(void, crm_js_http, (int request, const char* method, const char* path, const char* body, const char* token), {
    const headers = { 'Accept': 'application/json' };
    const text = UTF8ToString(body);
    if (text.length > 0) headers['Content-Type'] = 'application/json';
    const bearer = UTF8ToString(token);
    if (bearer.length > 0) headers['Authorization'] = 'Bearer ' + bearer;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 15000);
    const finish = (status, answer) => {
        clearTimeout(timer);
        const size = lengthBytesUTF8(answer) + 1;
        const pointer = _malloc(size);
        stringToUTF8(answer, pointer, size);
        _crm_http_done(request, status, pointer);
        _free(pointer);
    };
    fetch(UTF8ToString(path), {
        method: UTF8ToString(method),
        headers,
        body: text.length > 0 ? text : undefined,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
    }).then((response) => response.text().then((answer) => finish(response.status, answer)))
      .catch(() => finish(0, String()));
});

namespace crm::platform {

namespace {

// Requests on their way, by the number the page hands back.
std::map<int, std::function<void(ui::HttpResponse)>> g_pending;
int g_next_request = 1;

}  // namespace

void WebServices::http(std::string method, std::string path, std::string body, std::string bearer_token,
                       std::function<void(ui::HttpResponse)> done) {
    const int request = g_next_request++;
    g_pending.emplace(request, std::move(done));
    crm_js_http(request, method.c_str(), path.c_str(), body.c_str(), bearer_token.c_str());
}

void WebServices::download(const std::string& file_name, const std::string& bytes, const char* mime_type) {
    crm_js_download(file_name.c_str(), bytes.data(), bytes.size(), mime_type);
}

void WebServices::choose_database_file() { crm_js_choose_database_file(); }

}  // namespace crm::platform

extern "C" EMSCRIPTEN_KEEPALIVE void crm_http_done(int request, int status, const char* body) {
    auto found = crm::platform::g_pending.find(request);
    if (found == crm::platform::g_pending.end()) return;
    std::function<void(crm::ui::HttpResponse)> done = std::move(found->second);
    crm::platform::g_pending.erase(found);
    done(crm::ui::HttpResponse{status, body});
    // Two frames show what the answer changed (the second settles any layout it moved). Not
    // the four that input gets: a first sync answers 100s of times, and each frame costs.
    crm::platform::wake(2);
}
