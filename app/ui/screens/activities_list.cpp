#include "ui/screens/activities_list.hpp"

#include "core/clock.hpp"
#include "ui/i18n.hpp"

namespace crm::ui {

namespace {

// Pairs with domain activity_list()'s columns.
constexpr RecordListScreen::Column kColumns[] = {
    {"lists.when", 1.3f},           {"field.activity_kind", 0.8f}, {"field.subject", 2.4f},
    {"field.customer_id", 2.0f},    {"field.contact_id", 1.2f},    {"lists.status", 0.8f},
    {"field.outcome", 2.0f, true},  {"field.next_step", 1.6f, true}, {"field.owner_id", 0.9f},
};

constexpr Choice kStatusChoices[] = {{"planned", "activity.state.planned"},
                                     {"done", "activity.state.done"},
                                     {"overdue", "activity.state.overdue"}};

}  // namespace

ActivitiesListScreen::ActivitiesListScreen()
    : RecordListScreen(activity_list(), kColumns, "activities", "activities", "lists.search_hint.activities") {}

std::string ActivitiesListScreen::cell_text(const ListRow& row, size_t column) const {
    const std::string& value = row.cells[column];
    const std::string_view key = spec_.columns[column].key;
    if (key == "at") return format_local_minutes(value);
    if (key == "kind") return activity_kind_caption(value);
    if (key == "status") {
        if (value != "planned") return value.empty() ? std::string() : tr("activity.state.done");
        const std::optional<int64_t> at = parse_iso_utc(row.cells[0]);  // planned_at, while not done
        return tr(at && *at < now_ms() ? "activity.state.overdue" : "activity.state.planned");
    }
    return value;
}

bool ActivitiesListScreen::draw_filters(AppContext& app) {
    if (owners_version_ != app.data_version) {
        owners_ = list_values(app.db, spec_, "owner_id");
        owners_version_ = app.data_version;
    }
    bool changed = choice_filter("field.activity_kind", "kind", activity_kind_choices());
    changed |= choice_filter("lists.status", "status", kStatusChoices);
    changed |= value_filter("field.owner_id", "owner_id", owners_);
    changed |= text_filter("lists.from", "from", "YYYY-MM-DD");
    changed |= text_filter("lists.to", "to", "YYYY-MM-DD");
    return changed;
}

void ActivitiesListScreen::open_row(AppContext& app, const ListRow& row) {
    if (std::optional<Activity> activity = find_activity(app.db, row.id)) dialog_.open_stored(app.db, *activity);
}

void ActivitiesListScreen::draw_dialogs(AppContext& app) {
    dialog_.draw(app);  // a save or delete bumps app.data_version, which reloads the list
}

}  // namespace crm::ui
