// The dialog that logs or edits an activity, shared by the customer's Activities tab, the
// calendar, my day and the batch for many customers: kind, contact, subject, planned time,
// done, outcome and next step, with problems next to their fields (domain validate()).
//
// Times are typed as "YYYY-MM-DD HH:MM" in the user's zone and stored in UTC. Text that is
// not such a time goes to validate() as it is, which names it (time_format) at its field.
#pragma once

#include <imgui.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "ui/screen.hpp"
#include "ui/widgets/confirm.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

class ActivityDialog {
public:
    // What the dialog did this frame, for the caller to reload what it shows.
    enum class Outcome { none, saved, deleted };

    // Opens on `activity` (an empty id: a new one) at the customer `customer_name` with its contacts.
    // `customer_owner` is whose the activity is for permissions: its customer's owner.
    void open(Activity activity, std::string customer_name, std::string customer_owner, std::vector<Contact> contacts);
    // Opens a stored activity with its customer and contacts read from the database (the
    // calendar and my day, which list activities of many customers).
    void open_stored(Db& db, const Activity& activity);
    // Opens a new activity for each of `customer_ids` at once (no contact: each is one customer's).
    void open_batch(std::vector<std::string> customer_ids);
    bool is_open() const { return draft_.has_value(); }
    // True while the dialog holds edits that are not saved.
    bool has_unsaved_changes() const;
    void close() { draft_.reset(); }

    // Call every frame, inside the window the dialog was opened from.
    Outcome draw(AppContext& app);

private:
    struct Draft {
        Activity activity;
        std::string planned_text, done_text;
        bool done = false;
        bool operator==(const Draft&) const = default;
    };
    static Draft draft_of(const Activity& activity);
    // The record the form stands for: times in UTC where they parse, as typed where they do not.
    Activity record_of(const Draft& draft) const;
    bool may_write(const AppContext& app) const;
    void draw_fields();
    void draw_buttons(AppContext& app, Outcome& outcome);
    void save(AppContext& app, Outcome& outcome);

    std::optional<Draft> draft_;
    Draft stored_;
    std::string customer_name_, customer_owner_;
    std::vector<Contact> contacts_;
    std::vector<std::string> batch_;  // the customers of a batch; empty for one activity
    Problems problems_;
    std::string failure_;  // a problem of the batch (which customer) or of the database
    bool open_requested_ = false;
    bool close_requested_ = false;
    ConfirmDialog confirm_delete_;
    ConfirmDialog confirm_discard_;
};

// The kinds with their captions' translation keys, for a filter.
std::span<const Choice> activity_kind_choices();
// A kind's caption in the current language ("visit" -> "Visit" / "拜访").
const char* activity_kind_caption(const std::string& kind);
// Where an activity stands on a timeline, in the user's zone: when it was done, else when it
// is planned, else (a note) when it was written.
std::string activity_when(const Activity& activity);
// "Done", "Overdue" or "Planned", with its colour, for the lists.
struct ActivityState {
    const char* caption;
    ImVec4 colour;
};
ActivityState activity_state(const Activity& activity, int64_t now_ms);

}  // namespace crm::ui
