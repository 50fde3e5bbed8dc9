#include "platform/services_web.hpp"

#include <emscripten.h>

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

namespace crm::platform {

void WebServices::download(const std::string& file_name, const std::string& bytes, const char* mime_type) {
    crm_js_download(file_name.c_str(), bytes.data(), bytes.size(), mime_type);
}

void WebServices::choose_database_file() { crm_js_choose_database_file(); }

}  // namespace crm::platform
