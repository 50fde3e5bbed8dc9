// The printable customer sheet (客户资料表): one A4 page of what the 360 view shows of a
// customer, for a meeting or a file: its key facts, its profile, its contacts and its latest
// activities, in the person's language, as HTML for the browser's print window.
#pragma once

#include <string>

#include "domain/customer.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

// How many of the latest activities the sheet lists.
inline constexpr size_t kSheetActivities = 20;

std::string customer_sheet_html(AppContext& app, const Customer& customer);

}  // namespace crm::ui
