// The UI fonts, in two stages so that the first frame does not wait for Chinese:
//   start-up: DejaVu Sans (Latin) and a small CJK subset holding only the characters of the
//             translations and demo data, both embedded in crm.wasm (tools/subset_fonts.py);
//   common:   after the first frame, ui-cjk-common.ttf (GB2312's 6,763 hanzi, kana and the
//             start-up subset) is fetched and the atlas rebuilt with it, so names people type,
//             paste or import draw too.
// The atlas is rebuilt at the canvas's pixel ratio, so text stays sharp at any zoom, and is
// kept within WebGL's texture size limit: if the common font would exceed it, the start-up
// subset stays.
#pragma once

#include <string>

namespace crm::platform {

// Starts fetching the common CJK font; later frames see needs_rebuild().
void request_common_font();

// True when the atlas was built for another ratio or the common font has arrived since.
bool fonts_need_rebuild(float pixel_ratio);

// Builds the atlas at this ratio and uploads it (between frames).
void rebuild_fonts(float pixel_ratio);

// The GPU's copy of the atlas is gone (the WebGL context was lost): the next
// fonts_need_rebuild() says so.
void forget_font_texture();

// The characters of `utf8` the current atlas has no glyph for, and which stage it is at
// ("startup" or "common"): {"stage": ..., "missing": ...} for window.crm.glyphs().
std::string glyph_report_json(const char* utf8);

}  // namespace crm::platform
