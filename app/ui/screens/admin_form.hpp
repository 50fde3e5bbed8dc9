// What the administration screens share: a toolbar (New, Reload, a load error), and a
// record open in a form, new or stored, that is saved by POSTing it to the server, which
// answers 422 with the fields at fault. The screens draw their own fields between
// draw_heading() and draw_buttons().
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "ui/screen.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

// "New …" (only for those who may edit administration) and "Reload", with what went wrong
// loading underneath. Returns which was pressed.
struct AdminToolbar {
    bool create = false, reload = false;
};
AdminToolbar draw_admin_toolbar(const AppContext& app, const char* new_key, const std::string& load_error);

// GETs `path`; `loaded` gets the body, or `error` (when not null; it must outlive the
// request, as the screen's members do) says why there is none.
void fetch_admin_list(AppContext& app, const CallbackGuard& guard, std::string path, std::string* error,
                      std::function<void(const nlohmann::json&)> loaded);

template <class Record>
struct AdminForm {
    bool editing = false, is_new = false, saving = false;
    Record draft, stored;
    Problems problems;
    std::string save_error;

    void open(const Record& record, bool as_new) {
        editing = true;
        is_new = as_new;
        draft = stored = record;
        problems.clear();
        save_error.clear();
    }
    bool edited() const { return editing && !(draft == stored); }

    // The form's heading: "New …" or the stored record's name.
    void draw_heading(const char* new_key, const std::string& name) const;
    // Create/Save and Cancel/Revert; Save is enabled when `allowed` and something changed.
    // Returns true when Save or Create was pressed.
    bool draw_buttons(const char* create_key, bool allowed, bool changed);
    // Problems of fields the form does not show (a newer server's), the "not saved" line and a
    // failure that belongs to no field.
    void draw_problems(std::initializer_list<std::string_view> shown_fields) const;

    // Checks `required` fields (field name, value) and, for a new record, that the id is not
    // taken; true when there is no problem and the record can be sent.
    bool check(std::initializer_list<std::pair<const char*, const std::string*>> required, bool id_taken) {
        problems.clear();
        save_error.clear();
        for (const auto& [field, value] : required)
            if (value->empty()) problems.push_back({field, "required", 0});
        // The server creates or changes by id: a "new" record with a taken id would change that one.
        if (is_new && id_taken) problems.push_back({"id", "duplicate", 0});
        return problems.empty();
    }

    // POSTs `body`; on success the toast, the form now shows the stored record, `saved()`
    // runs (reload the list); a 422's problems go under their fields.
    void post(AppContext& app, const CallbackGuard& guard, std::string path, const nlohmann::json& body,
              const char* created_key, const char* saved_key, std::function<void()> saved);
};

}  // namespace crm::ui

#include "ui/screens/admin_form_impl.hpp"
