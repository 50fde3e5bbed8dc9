// Colours and sizes shared by every screen, and the style set-up for a given pixel ratio.
#pragma once

#include <imgui.h>

namespace crm::ui::theme {

inline const ImVec4 kError{0.78f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kSuccess{0.10f, 0.50f, 0.20f, 1.0f};
inline const ImVec4 kMuted{0.42f, 0.45f, 0.50f, 1.0f};
inline const ImVec4 kAccent{0.16f, 0.38f, 0.72f, 1.0f};
// Behind dark text, for what must not be overlooked (the sandbox's banner).
inline const ImVec4 kWarning{1.00f, 0.82f, 0.35f, 1.0f};

// Base font size in CSS pixels; multiplied by devicePixelRatio for the atlas.
inline constexpr float kFontSize = 15.0f;

// Light business style, every size scaled by `scale` (devicePixelRatio).
void apply_style(float scale);

// Width of the caption column of a form, scaled.
float form_label_width();

}  // namespace crm::ui::theme
