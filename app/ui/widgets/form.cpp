#include "ui/widgets/form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

namespace {

const FieldError* problem_for(const Problems& problems, const char* field) {
    for (const FieldError& problem : problems)
        if (problem.field == field) return &problem;
    return nullptr;
}

// Caption column, then the widget filling the rest of the line.
void begin_field(const char* caption, bool has_error) {
    ImGui::AlignTextToFramePadding();
    if (has_error) ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextUnformatted(caption);
    if (has_error) ImGui::PopStyleColor();
    ImGui::SameLine(theme::form_label_width());
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (has_error) ImGui::PushStyleColor(ImGuiCol_Border, theme::kError);
}

void end_field(const FieldError* problem) {
    if (!problem) return;
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX(theme::form_label_width());
    std::string message = describe_problem(*problem);
    ImGui::TextColored(theme::kError, "%s", message.c_str());
    automation::record_text(message.c_str());
}

std::string hidden_label(const char* caption) { return std::string("##") + caption; }

// Stops typing at the field's limit instead of letting a person type what cannot be saved.
struct LimitState {
    size_t max_chars;
};

int limit_callback(ImGuiInputTextCallbackData* data) {
    auto* limit = static_cast<LimitState*>(data->UserData);
    // Called after every edit, typed or pasted: cut what goes beyond the limit.
    if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
        size_t chars = 0;
        int i = 0;
        for (; i < data->BufTextLen; ++i) {
            if ((static_cast<unsigned char>(data->Buf[i]) & 0xC0) != 0x80 && ++chars > limit->max_chars) break;
        }
        if (i < data->BufTextLen) data->DeleteChars(i, data->BufTextLen - i);
    }
    return 0;
}

}  // namespace

bool text_field(const char* caption, std::string& value, const Problems& problems, const char* field,
                size_t max_chars, const char* hint) {
    const FieldError* problem = problem_for(problems, field);
    begin_field(caption, problem != nullptr);
    LimitState limit{max_chars};
    std::string label = hidden_label(caption);
    bool changed = hint ? ImGui::InputTextWithHint(label.c_str(), hint, &value, ImGuiInputTextFlags_CallbackEdit,
                                                   limit_callback, &limit)
                        : ImGui::InputText(label.c_str(), &value, ImGuiInputTextFlags_CallbackEdit, limit_callback,
                                           &limit);
    end_field(problem);
    return changed;
}

bool multiline_field(const char* caption, std::string& value, const Problems& problems, const char* field,
                     size_t max_chars, float lines) {
    const FieldError* problem = problem_for(problems, field);
    begin_field(caption, problem != nullptr);
    LimitState limit{max_chars};
    std::string label = hidden_label(caption);
    bool changed = ImGui::InputTextMultiline(label.c_str(), &value,
                                             ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * lines +
                                                                  ImGui::GetStyle().FramePadding.y * 2),
                                             ImGuiInputTextFlags_CallbackEdit, limit_callback, &limit);
    end_field(problem);
    return changed;
}

const char* caption_of(std::span<const Choice> choices, const std::string& value) {
    for (const Choice& choice : choices)
        if (choice.value == value) return tr(choice.caption);
    return value.c_str();
}

bool choice_field(const char* caption, std::string& value, std::span<const Choice> choices, const Problems& problems,
                  const char* field) {
    const FieldError* problem = problem_for(problems, field);
    begin_field(caption, problem != nullptr);
    bool changed = false;
    std::string label = hidden_label(caption);
    if (begin_combo(label.c_str(), caption_of(choices, value))) {
        for (const Choice& choice : choices) {
            bool selected = choice.value == value;
            if (ImGui::Selectable(tr(choice.caption), selected)) {
                value = std::string(choice.value);
                changed = true;
            }
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    end_field(problem);
    return changed;
}

bool option_field(const char* caption, std::string& value, std::span<const Option> options, const Problems& problems,
                  const char* field) {
    const FieldError* problem = problem_for(problems, field);
    begin_field(caption, problem != nullptr);
    bool changed = false;
    const char* preview = value.c_str();
    for (const Option& option : options)
        if (option.value == value) preview = option.caption.c_str();
    std::string label = hidden_label(caption);
    if (begin_combo(label.c_str(), preview)) {
        for (const Option& option : options) {
            const bool selected = option.value == value;
            ImGui::PushID(option.value.c_str());
            if (ImGui::Selectable(option.caption.c_str(), selected)) {
                value = option.value;
                changed = true;
            }
            ImGui::PopID();
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    end_field(problem);
    return changed;
}

bool begin_combo(const char* label, const char* preview) {
    const ImGuiID id = ImGui::GetID(label);
    const bool open = ImGui::BeginCombo(label, preview);
    automation::name_item(id, label);
    return open;
}

bool check_field(const char* caption, bool& value) {
    ImGui::SetCursorPosX(theme::form_label_width());
    return ImGui::Checkbox(caption, &value);
}

bool password_field(const char* caption, std::string& value, const Problems& problems, const char* field) {
    const FieldError* problem = problem_for(problems, field);
    begin_field(caption, problem != nullptr);
    std::string label = hidden_label(caption);
    ImGui::InputText(label.c_str(), &value, ImGuiInputTextFlags_Password);
    const bool entered = entered_in_last_field();
    end_field(problem);
    return entered;
}

bool entered_in_last_field() {
    return ImGui::IsItemDeactivated() && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

void form_error(const std::string& message) {
    if (message.empty()) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme::kError, "%s", message.c_str());
    ImGui::PopTextWrapPos();
    automation::record_text(message.c_str());
}

void form_note(const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme::kMuted, "%s", text);
    ImGui::PopTextWrapPos();
    automation::record_text(text);
}

void form_problems(const Problems& problems, std::span<const char* const> fields) {
    for (const char* field : fields) {
        if (const FieldError* problem = problem_for(problems, field)) {
            std::string message = std::string(tr(std::string("field.") + field)) + ": " + describe_problem(*problem);
            ImGui::TextColored(theme::kError, "%s", message.c_str());
            automation::record_text(message.c_str());
        }
    }
}

void form_section(const char* caption) {
    ImGui::Spacing();
    ImGui::TextColored(theme::kAccent, "%s", caption);
    automation::record_text(caption);
    ImGui::Separator();
}

void flow_item(float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine(0, style.ItemSpacing.x * 3);
    if (ImGui::GetCursorScreenPos().x + width > line_end) ImGui::NewLine();
}

void flow_caption(const char* text, float field_width) {
    flow_item(ImGui::CalcTextSize(text).x + ImGui::GetStyle().ItemSpacing.x + field_width);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field_width);
}

}  // namespace crm::ui
