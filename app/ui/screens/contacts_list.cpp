#include "ui/screens/contacts_list.hpp"

#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"

namespace crm::ui {

namespace {

// Pairs with domain contact_list()'s columns.
constexpr RecordListScreen::Column kColumns[] = {
    {"field.name", 1.6f},         {"field.customer_id", 2.2f},         {"field.title", 1.2f, true},
    {"field.decision_role", 1.2f}, {"field.phone", 1.4f},               {"field.mobile", 1.4f},
    {"field.email", 2.0f},        {"field.preferred_channel", 1.0f, true}, {"lists.opt_outs", 1.4f},
    {"field.owner_id", 0.9f},
};

constexpr Choice kOptedOutChoices[] = {{"any", "lists.opted_out.any"}, {"none", "lists.opted_out.none"}};

// The opt-out flags ("no_email no_call") by their captions.
std::string opt_out_text(const std::string& flags) {
    std::string text;
    size_t start = 0;
    while (start < flags.size()) {
        size_t end = flags.find(' ', start);
        if (end == std::string::npos) end = flags.size();
        if (end > start) {
            if (!text.empty()) text += tr("lists.separator");
            text += tr(("field." + flags.substr(start, end - start)).c_str());
        }
        start = end + 1;
    }
    return text;
}

}  // namespace

ContactsListScreen::ContactsListScreen() : RecordListScreen(contact_list(), kColumns, "contacts", "contacts", "lists.search_hint.contacts") {}

std::string ContactsListScreen::cell_text(const ListRow& row, size_t column) const {
    const std::string& value = row.cells[column];
    const std::string_view key = spec_.columns[column].key;
    if (key == "role") return value.empty() ? std::string() : caption_of(kContactRoleChoices, value);
    if (key == "preferred_channel") return value.empty() ? std::string() : caption_of(kChannelChoices, value);
    if (key == "opt_outs") return opt_out_text(value);
    return value;
}

bool ContactsListScreen::draw_filters(AppContext& app) {
    if (owners_version_ != app.data_version) {
        owners_ = list_values(app.db, spec_, "owner_id");
        owners_version_ = app.data_version;
    }
    bool changed = choice_filter("field.decision_role", "role", kContactRoleChoices);
    changed |= choice_filter("field.preferred_channel", "channel", kChannelChoices);
    changed |= choice_filter("lists.opted_out", "opted_out", kOptedOutChoices);
    changed |= value_filter("field.owner_id", "owner_id", owners_);
    return changed;
}

void ContactsListScreen::open_row(AppContext& app, const ListRow& row) { app.open_customer_id = row.customer_id; }

CsvExport ContactsListScreen::export_rows(AppContext& app, std::span<const int64_t> rowids) {
    return export_contact_rows_csv(app.db, rowids);
}

}  // namespace crm::ui
