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

// A picker for any kind of file; the bytes go to crm_file_chosen with the request's number.
// The input joins the page until the choice is made, so a test (or a person's assistive tool)
// can find it; it is invisible.
EM_JS(void, crm_js_choose_file, (int request, const char* accept), {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(accept);
    input.style.display = 'none';
    input.dataset.crmPicker = String(request);
    document.body.appendChild(input);
    input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        input.remove();
        if (!file) return;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const pointer = _malloc(bytes.length || 1);
        HEAPU8.set(bytes, pointer);
        const nameSize = lengthBytesUTF8(file.name) + 1;
        const name = _malloc(nameSize);
        stringToUTF8(file.name, name, nameSize);
        _crm_file_chosen(request, name, pointer, bytes.length);
        _free(name);
        _free(pointer);
    });
    input.addEventListener('cancel', () => input.remove());
    input.click();
});

// The page goes into a new window through a Blob URL (no document.write into the opener's
// origin), prints from there, and the window closes after the dialog. A blocked pop-up
// falls back to a hidden frame in this page. window.crm.printed keeps the last page's HTML,
// so tests can read what would have been printed.
EM_JS(void, crm_js_print_html, (const char* html_pointer), {
    const html = UTF8ToString(html_pointer);
    if (window.crm) window.crm.printed = html;
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const target = window.open(url, '_blank');
    const printFrom = (view) => {
        view.focus();
        view.print();
    };
    if (target) {
        target.addEventListener('load', () => printFrom(target));
        target.addEventListener('afterprint', () => target.close());
    } else {
        const frame = document.createElement('iframe');
        frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
        frame.src = url;
        frame.addEventListener('load', () => printFrom(frame.contentWindow));
        document.body.appendChild(frame);
        setTimeout(() => frame.remove(), 600000);
    }
    setTimeout(() => URL.revokeObjectURL(url), 600000);
});

// mailto: and tel: hand over to another program; the page itself stays.
EM_JS(void, crm_js_open_url, (const char* url_pointer), {
    const url = UTF8ToString(url_pointer);
    if (!/^(mailto|tel):/i.test(url)) return;
    if (window.crm) window.crm.opened = (window.crm.opened || []).concat([url]);
    const link = document.createElement('a');
    link.href = url;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
});

// fetch() on the page's own origin. The answer comes back through crm_http_done between
// frames (a browser task), never during one. No answer within the timeout counts as no
// connection (status 0), so a server that hangs cannot leave a login waiting forever.
// The answer's bytes are copied into the heap as they came: a first sync brings 300 MB, and
// decoding them to a JS string and encoding them back cost 1.3 s of script in Chromium.
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
        const pointer = _malloc(answer.length + 1);
        HEAPU8.set(answer, pointer);
        _crm_http_done(request, status, pointer, answer.length);
        _free(pointer);
    };
    fetch(UTF8ToString(path), {
        method: UTF8ToString(method),
        headers,
        body: text.length > 0 ? text : undefined,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
    }).then((response) => response.arrayBuffer().then((answer) => finish(response.status, new Uint8Array(answer))))
      .catch(() => finish(0, new Uint8Array(0)));
});

namespace crm::platform {

namespace {

// Requests on their way, by the number the page hands back.
std::map<int, std::function<void(ui::HttpResponse)>> g_pending;
int g_next_request = 1;

// File pickers waiting for a choice, by the number the page hands back.
std::map<int, std::function<void(std::string, std::string)>> g_pickers;
int g_next_picker = 1;

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

void WebServices::choose_file(std::string accept, std::function<void(std::string, std::string)> done) {
    const int request = g_next_picker++;
    g_pickers.emplace(request, std::move(done));
    crm_js_choose_file(request, accept.c_str());
}

void WebServices::print_html(const std::string& html) { crm_js_print_html(html.c_str()); }

void WebServices::open_url(const std::string& url) { crm_js_open_url(url.c_str()); }

}  // namespace crm::platform

extern "C" EMSCRIPTEN_KEEPALIVE void crm_http_done(int request, int status, const char* body, size_t size) {
    auto found = crm::platform::g_pending.find(request);
    if (found == crm::platform::g_pending.end()) return;
    std::function<void(crm::ui::HttpResponse)> done = std::move(found->second);
    crm::platform::g_pending.erase(found);
    const int next_request = crm::platform::g_next_request;
    done(crm::ui::HttpResponse{status, std::string(body, size)});
    // Two frames show what the answer changed (the second settles any layout it moved). Not
    // the four that input gets. An answer that sent the next request at once (a first sync's
    // 100s of pages) draws one frame at most twice a second: in software GL (SwiftShader) a
    // frame costs 20 to 60 ms of the page's thread, a page's apply about 100 ms. The chain's
    // last answer draws its two at once.
    if (crm::platform::g_next_request != next_request) {
        crm::platform::wake_paced(1, 500);
    } else {
        crm::platform::wake(2);
    }
}

extern "C" EMSCRIPTEN_KEEPALIVE void crm_file_chosen(int request, const char* name, const char* bytes, size_t size) {
    auto found = crm::platform::g_pickers.find(request);
    if (found == crm::platform::g_pickers.end()) return;
    std::function<void(std::string, std::string)> done = std::move(found->second);
    crm::platform::g_pickers.erase(found);
    done(std::string(name), std::string(bytes, size));
    crm::platform::wake(crm::platform::kFramesAfterInput);
}
