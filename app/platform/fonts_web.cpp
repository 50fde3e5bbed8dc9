#include "platform/fonts_web.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "platform/frame_pacing.hpp"
#include "platform/renderer_web.hpp"
#include "platform/web_bridge.hpp"
#include "ui/theme.hpp"

namespace crm::platform {

namespace {

struct Fonts {
    std::vector<unsigned char> common;  // ui-cjk-common.ttf once it has arrived
    bool common_in_atlas = false;
    float ratio = 0;  // the ratio the atlas was built for
};

Fonts g_fonts;

// Latin-1, punctuation and arrows (what ui-latin.ttf holds); the CJK blocks and full-width
// forms for the merged CJK font, which only rasterises the glyphs its file has.
constexpr ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2030, 0x203A, 0x2190, 0x2193, 0x25B2, 0x25BC, 0};
constexpr ImWchar kCjkRanges[] = {0x2E80, 0x9FFF, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE30, 0xFE4F, 0xFF00, 0xFFEF, 0};

void add_fonts(float size, bool with_common) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig latin;
    latin.OversampleH = 2;
    if (!io.Fonts->AddFontFromFileTTF("/fonts/ui-latin.ttf", size, &latin, kLatinRanges)) {
        report_error("UI font missing: falling back to the built-in font");
        io.Fonts->AddFontDefault();
        return;
    }
    ImFontConfig cjk;
    cjk.MergeMode = true;
    cjk.OversampleH = 1;
    cjk.PixelSnapH = true;
    if (with_common) {
        cjk.FontDataOwnedByAtlas = false;  // g_fonts.common keeps the bytes
        io.Fonts->AddFontFromMemoryTTF(g_fonts.common.data(), static_cast<int>(g_fonts.common.size()), size, &cjk,
                                       kCjkRanges);
    } else {
        io.Fonts->AddFontFromFileTTF("/fonts/ui-cjk.ttf", size, &cjk, kCjkRanges);
    }
}

}  // namespace

bool fonts_need_rebuild(float pixel_ratio) {
    return pixel_ratio != g_fonts.ratio || (!g_fonts.common.empty() && !g_fonts.common_in_atlas);
}

void forget_font_texture() { g_fonts.ratio = 0; }

void rebuild_fonts(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    GLint max_texture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
    // A lost context reports none: take what every WebGL 2 has (2048), not zero, which would drop the
    // Chinese font for good as too big.
    if (max_texture <= 0) max_texture = 2048;
    const float size = std::round(ui::theme::kFontSize * pixel_ratio);
    bool with_common = !g_fonts.common.empty();
    add_fonts(size, with_common);
    io.Fonts->TexDesiredWidth = std::min(4096, static_cast<int>(max_texture));
    io.Fonts->Build();
    if (with_common && io.Fonts->TexHeight > max_texture) {
        // Too many glyphs at this size for this GPU: keep the start-up subset.
        report_error(("The Chinese font does not fit this GPU's textures at this zoom (" +
                      std::to_string(io.Fonts->TexWidth) + "x" + std::to_string(io.Fonts->TexHeight) + ", limit " +
                      std::to_string(max_texture) + "); only the app's own characters are drawn.")
                         .c_str());
        with_common = false;
        add_fonts(size, false);
        io.Fonts->Build();
    }
    renderer::upload_fonts();
    io.Fonts->ClearTexData();  // the GPU has the pixels; up to 40 MB of copies go
    g_fonts.ratio = pixel_ratio;
    g_fonts.common_in_atlas = with_common;
    if (!with_common) g_fonts.common.clear();  // too big here: not tried again every frame
}

std::string glyph_report_json(const char* utf8) {
    const ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    std::string missing;
    const char* end = utf8 + std::strlen(utf8);
    for (const char* p = utf8; p < end;) {
        unsigned int c = 0;
        p += std::max(1, ImTextCharFromUtf8(&c, p, end));
        if (c <= 0x20) continue;
        if (!font || c > IM_UNICODE_CODEPOINT_MAX || !font->FindGlyphNoFallback(static_cast<ImWchar>(c)))
            append_utf8(missing, c);
    }
    return nlohmann::json{{"stage", g_fonts.common_in_atlas ? "common" : "startup"}, {"missing", missing}}.dump();
}

}  // namespace crm::platform

extern "C" EMSCRIPTEN_KEEPALIVE void crm_common_font_arrived(unsigned char* bytes, int size) {
    crm::platform::g_fonts.common.assign(bytes, bytes + size);
    std::free(bytes);
    crm::platform::wake(crm::platform::kFramesAfterInput);
}

EM_JS(void, crm_js_fetch_common_font, (), {
    fetch('ui-cjk-common.ttf')
        .then((response) => {
            if (!response.ok) throw new Error('HTTP ' + response.status);
            return response.arrayBuffer();
        })
        .then((buffer) => {
            const bytes = new Uint8Array(buffer);
            const pointer = _malloc(bytes.length);
            HEAPU8.set(bytes, pointer);
            _crm_common_font_arrived(pointer, bytes.length);  // takes the memory
        })
        .catch((e) => console.warn('The Chinese font could not be loaded (' + e.message +
                                   '); only the characters of the app itself are drawn.'));
});

namespace crm::platform {

void request_common_font() { crm_js_fetch_common_font(); }

}  // namespace crm::platform
