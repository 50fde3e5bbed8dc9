#include "platform/ime_web.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h>

#include <cmath>

#include "platform/frame_pacing.hpp"

extern "C" EMSCRIPTEN_KEEPALIVE void crm_ime_commit(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    crm::platform::wake(crm::platform::kFramesAfterInput);
}

EM_JS(void, crm_js_ime_install, (), {
    const ime = document.createElement('input');
    ime.id = 'ime';
    ime.type = 'text';
    ime.hidden = true;
    ime.autocomplete = 'off';
    ime.spellcheck = false;
    ime.setAttribute('autocapitalize', 'off');
    ime.setAttribute('autocorrect', 'off');
    ime.setAttribute('aria-label', 'Text entry');
    document.body.appendChild(ime);
    const measure = document.createElement('canvas').getContext('2d');
    let composing = false;

    // The composition grows over the field as it is typed.
    function fit() {
        measure.font = getComputedStyle(ime).font;
        ime.style.width = Math.ceil(measure.measureText(ime.value).width + 4) + 'px';
    }
    function commit() {
        const text = ime.value;
        ime.value = String();
        ime.classList.remove('composing');
        fit();
        if (text.length === 0) return;
        const size = lengthBytesUTF8(text) + 1;
        const pointer = _malloc(size);
        stringToUTF8(text, pointer, size);
        _crm_ime_commit(pointer);
        _free(pointer);
    }
    ime.addEventListener('compositionstart', () => { composing = true; ime.classList.add('composing'); });
    ime.addEventListener('compositionupdate', () => requestAnimationFrame(fit));
    ime.addEventListener('compositionend', () => { composing = false; commit(); });
    // The input's own undo would bring back text already handed to ImGui, which has its own.
    ime.addEventListener('beforeinput', (event) => {
        if (event.inputType.startsWith('history')) event.preventDefault();
    });
    ime.addEventListener('input', (event) => {
        if (composing || event.isComposing) { fit(); return; }
        commit();
    });
    ime.addEventListener('blur', () => { if (!composing) ime.value = String(); });

    Module.crmIme = {
        focused() { return document.activeElement === ime; },
        // x, y: the caret line's top-left, height: the line's; framebuffer pixels.
        place(active, x, y, height) {
            const canvas = Module.canvas;
            if (!active) {
                if (document.activeElement === ime) canvas.focus({ preventScroll: true });
                ime.hidden = true;
                return;
            }
            const rect = canvas.getBoundingClientRect();
            const scale = rect.height / canvas.height;
            ime.style.left = (rect.left + x * rect.width / canvas.width) + 'px';
            ime.style.top = (rect.top + y * scale) + 'px';
            ime.style.height = (height * scale) + 'px';
            ime.style.fontSize = Math.round(height * scale * 0.8) + 'px';
            ime.hidden = false;
            if (document.activeElement !== ime) ime.focus({ preventScroll: true });
        },
    };
});

EM_JS(int, crm_js_ime_focused, (), { return Module.crmIme.focused() ? 1 : 0; });

EM_JS(void, crm_js_ime_place, (int active, float x, float y, float height),
      { Module.crmIme.place(active !== 0, x, y, height); });

namespace crm::platform {

namespace {

struct Placement {
    bool active = false;
    ImVec2 caret{-1, -1};
    float height = 0;
    bool operator==(const Placement& other) const {
        return active == other.active && caret.x == other.caret.x && caret.y == other.caret.y && height == other.height;
    }
};

Placement g_placed;

void on_char(GLFWwindow* window, unsigned int codepoint) {
    if (crm_js_ime_focused()) return;  // #ime's input event brings this character
    ImGui_ImplGlfw_CharCallback(window, codepoint);
    wake(kFramesAfterInput);
}

}  // namespace

void install_ime() {
    crm_js_ime_install();
    glfwSetCharCallback(glfwGetCurrentContext(), on_char);
}

void place_ime() {
    const ImGuiContext& g = *GImGui;
    Placement now;
    // What the frame just drawn asked for: an active, editable text field and its caret.
    now.active = g.WantTextInputNextFrame == 1 && g.PlatformImePos.x > 1.0f;
    if (now.active) {
        now.caret = ImVec2(std::round(g.PlatformImePos.x), std::round(g.PlatformImePos.y));
        now.height = g.FontSize;
    }
    if (now == g_placed) return;
    g_placed = now;
    crm_js_ime_place(now.active ? 1 : 0, now.caret.x, now.caret.y, now.height);
}

}  // namespace crm::platform
