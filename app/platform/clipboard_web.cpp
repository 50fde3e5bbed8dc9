#include "platform/clipboard_web.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <string>

#include "platform/frame_pacing.hpp"

namespace crm::platform {

namespace {

// What a paste gives (and what the app copied last, so copy then paste works even where
// the browser refuses to share the system clipboard).
std::string g_clipboard;

}  // namespace

}  // namespace crm::platform

extern "C" EMSCRIPTEN_KEEPALIVE void crm_set_pasted_text(const char* text) {
    crm::platform::g_clipboard = text;
    crm::platform::wake(crm::platform::kFramesAfterInput);
}

EM_JS(void, crm_js_write_clipboard, (const char* text), {
    const value = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).catch((e) => console.warn('copy to the clipboard refused: ' + e));
    }
});

EM_JS(void, crm_js_listen_for_paste, (), {
    window.addEventListener('paste', (event) => {
        const text = event.clipboardData ? event.clipboardData.getData('text/plain') : String();
        const size = lengthBytesUTF8(text) + 1;
        const pointer = _malloc(size);
        stringToUTF8(text, pointer, size);
        _crm_set_pasted_text(pointer);
        _free(pointer);
        event.preventDefault();
    }, true);
});

namespace crm::platform {

void install_clipboard() {
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = [](void*) -> const char* { return g_clipboard.c_str(); };
    io.SetClipboardTextFn = [](void*, const char* text) {
        g_clipboard = text;
        crm_js_write_clipboard(text);
    };
    crm_js_listen_for_paste();
}

}  // namespace crm::platform
