// Form fields with their caption on the left and their problems underneath, in red.
//
// Every field takes the record's Problems and the field name the domain's validate()
// uses ("email"), so an error lands next to the field that caused it. Captions are
// already translated (tr()). The widget's ImGui label is "##<caption>": tests find the
// field by the caption a person reads.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace crm::ui {

struct Choice {
    std::string_view value;  // what is stored
    const char* caption;     // translation key of what is shown
};

// Returns true when the value changed this frame.
bool text_field(const char* caption, std::string& value, const Problems& problems, const char* field,
                size_t max_chars, const char* hint = nullptr);
bool multiline_field(const char* caption, std::string& value, const Problems& problems, const char* field,
                     size_t max_chars, float lines = 3.0f);
bool choice_field(const char* caption, std::string& value, std::span<const Choice> choices, const Problems& problems,
                  const char* field);
bool check_field(const char* caption, bool& value);
// A text field that shows dots. Returns true when Enter was pressed in it (to submit the form).
bool password_field(const char* caption, std::string& value, const Problems& problems, const char* field);
// True when Enter was pressed in the text field just drawn (it leaves the field).
bool entered_in_last_field();

// A heading that starts a group of fields ("Organisation"), with a rule under it.
void form_section(const char* caption);

// A problem that belongs to no field of the form (a server's answer), in red under the form.
void form_error(const std::string& message);
// A line that explains a screen or a tab, muted and wrapped at the window's edge.
void form_note(const char* text);

// A choice among values that come with their own captions (records from the server: roles,
// teams), unlike Choice, whose captions are translation keys.
struct Option {
    std::string value;
    std::string caption;
};
bool option_field(const char* caption, std::string& value, std::span<const Option> options, const Problems& problems,
                  const char* field);

// ImGui::BeginCombo(), with the combo box labelled for tests (1.86 does not report it).
bool begin_combo(const char* label, const char* preview);

// The translated caption for a stored value, or the value itself when it is not in the list.
const char* caption_of(std::span<const Choice> choices, const std::string& value);

// Places the next item, `width` wide, on this line when it fits, else on the next one (a
// filter bar's fields flowing over as many lines as the window needs).
void flow_item(float width);
// A filter bar's caption and the width of the field after it, on this line when both fit,
// else on the next one; the field's width is set.
void flow_caption(const char* text, float field_width);

// Shows the problems of fields that have no widget on the form (e.g. "customer_id").
void form_problems(const Problems& problems, std::span<const char* const> fields);

}  // namespace crm::ui
