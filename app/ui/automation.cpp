#include "ui/automation.hpp"

#include <imgui_internal.h>

#include <cstring>
#include <nlohmann/json.hpp>

namespace crm::automation {

namespace {

std::vector<Item> g_current;
std::vector<Item> g_last;

// "Save##customer" -> "Save"; "###id" -> "". A hidden label ("##Email") is reported by its
// hidden name: our form fields draw their caption beside the widget and pass it as "##Caption".
std::string visible_label(const char* label) {
    const char* hash = std::strstr(label, "##");
    if (!hash) return label;
    if (hash != label) return std::string(label, static_cast<size_t>(hash - label));
    const char* hidden = hash + 2;
    if (*hidden == '#') return {};
    return hidden;
}

bool clip_to_window(ImGuiContext* ctx, ImRect& rect) {
    if (ImGuiWindow* window = ctx->CurrentWindow) rect.ClipWithFull(window->ClipRect);
    return rect.GetWidth() > 0.5f && rect.GetHeight() > 0.5f;
}

}  // namespace

void install() { ImGui::GetCurrentContext()->TestEngineHookItems = true; }

void end_frame() {
    g_last.swap(g_current);
    g_current.clear();
}

namespace {

// Records the item just drawn under `label`: a text (no id) or a widget.
void record_last_item(std::string label, bool is_text) {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (!clip_to_window(ctx, rect)) return;
    g_current.push_back({is_text ? 0 : ImGui::GetItemID(), std::move(label),
                         ctx->CurrentWindow ? ctx->CurrentWindow->Name : "", rect.Min, rect.Max, is_text});
}

}  // namespace

void record_text(const char* text) { record_last_item(text, true); }

void record_label(const char* label) { record_last_item(label, false); }

void name_item(ImGuiID id, const char* label) {
    for (auto it = g_current.rbegin(); it != g_current.rend(); ++it) {
        if (it->id == id && !it->is_text) {
            it->label = visible_label(label);
            return;
        }
    }
}

const std::vector<Item>& last_frame() { return g_last; }

std::string last_frame_json() {
    nlohmann::json items = nlohmann::json::array();
    for (const Item& item : g_last) {
        if (item.label.empty()) continue;
        items.push_back({{"label", item.label},
                         {"id", item.id},
                         {"window", item.window},
                         {"text", item.is_text},
                         {"x", item.min.x},
                         {"y", item.min.y},
                         {"w", item.max.x - item.min.x},
                         {"h", item.max.y - item.min.y}});
    }
    return items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace crm::automation

//-----------------------------------------------------------------------------
// The hooks ImGui declares for IMGUI_ENABLE_TEST_ENGINE
//-----------------------------------------------------------------------------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    ImRect rect = bb;
    if (!crm::automation::clip_to_window(ctx, rect)) return;
    crm::automation::g_current.push_back(
        {id, {}, ctx->CurrentWindow ? ctx->CurrentWindow->Name : "", rect.Min, rect.Max, false});
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    if (!label) return;
    // ItemInfo follows the ItemAdd of the same item; search from the back.
    auto& items = crm::automation::g_current;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        if (it->id == id && !it->is_text) {
            it->label = crm::automation::visible_label(label);
            return;
        }
    }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (const auto& item : crm::automation::g_last)
        if (item.id == id && !item.label.empty()) return item.label.c_str();
    return nullptr;
}
