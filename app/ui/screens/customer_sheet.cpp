#include "ui/screens/customer_sheet.hpp"

#include <initializer_list>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/outreach.hpp"
#include "domain/points.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/activity_dialog.hpp"
#include "ui/screens/customer_choices.hpp"

namespace crm::ui {

namespace {

constexpr const char* kCss =
    "@page { size: A4; margin: 15mm; }\n"
    "body { font-size: 10pt; line-height: 1.4; }\n"
    "h1 { font-size: 16pt; margin: 0 0 2mm; }\n"
    "h2 { font-size: 11pt; margin: 6mm 0 2mm; border-bottom: 0.3mm solid #000; }\n"
    ".facts { color: #333; margin-bottom: 2mm; }\n"
    "table { width: 100%; border-collapse: collapse; }\n"
    "th, td { text-align: left; vertical-align: top; padding: 1mm 2mm 1mm 0; }\n"
    "table.list th { border-bottom: 0.2mm solid #000; }\n"
    "table.list td { border-bottom: 0.1mm solid #bbb; }\n"
    "table.fields th { width: 30mm; font-weight: normal; color: #555; }\n"
    ".printed { margin-top: 8mm; color: #555; font-size: 8pt; }\n";

std::string cell(std::string_view text) { return "<td>" + html_escape(text) + "</td>"; }

// Two columns of caption and value, the fields that are filled.
std::string field_rows(std::initializer_list<std::pair<std::string_view, const std::string*>> fields) {
    std::string html;
    for (const auto& [field, value] : fields) {
        if (value->empty()) continue;
        html += "<tr><th>" + html_escape(tr(("field." + std::string(field)).c_str())) + "</th>" +
                cell(field_value_caption(field, *value)) + "</tr>\n";
    }
    return html.empty() ? html : "<table class=\"fields\">\n" + html + "</table>\n";
}

}  // namespace

std::string customer_sheet_html(AppContext& app, const Customer& c) {
    std::string html = html_page_start(trf("sheet.title", {c.name}), kCss);
    html += "<h1>" + html_escape(c.name) + "</h1>\n";
    std::vector<std::string> facts;
    if (!c.code.empty()) facts.push_back(c.code);
    facts.push_back(field_value_caption("kind", c.kind));
    for (const auto& [field, value] : {std::pair<std::string_view, const std::string*>{"type", &c.type},
                                       {"level", &c.level}, {"lifecycle", &c.lifecycle}}) {
        if (!value->empty()) facts.push_back(field_value_caption(field, *value));
    }
    if (!c.owner_id.empty()) facts.push_back(trf("sheet.owner", {c.owner_id}));
    facts.push_back(trf("points.header_fact", {group_digits(points_balance(app.db, c.id))}));
    std::string line;
    for (const std::string& fact : facts) line += (line.empty() ? "" : " · ") + fact;
    html += "<div class=\"facts\">" + html_escape(line) + "</div>\n";

    const std::string place = c.province == c.city ? c.city : c.province + " " + c.city;
    const std::string address = trim(place + " " + c.address);
    html += field_rows({{"phone", &c.phone}, {"email", &c.email}, {"address", &address}, {"industry", &c.industry},
                        {"source", &c.source}, {"member_level", &c.member_level}, {"tags", &c.tags}});
    if (c.kind == "person") {
        html += field_rows({{"gender", &c.gender}, {"birthday", &c.birthday}, {"occupation", &c.occupation},
                            {"employer", &c.employer}, {"income_band", &c.income_band}, {"family", &c.family},
                            {"interests", &c.interests}, {"preferences", &c.preferences}});
    } else {
        html += field_rows({{"company_size", &c.company_size}, {"business_status", &c.business_status},
                            {"credit_rating", &c.credit_rating}, {"trade_terms", &c.trade_terms}});
    }
    if (!c.notes.empty()) html += "<p>" + html_escape(c.notes) + "</p>\n";

    const std::vector<Contact> contacts = contacts_of(app.db, c.id);
    html += "<h2>" + html_escape(trf("sheet.contacts", {std::to_string(contacts.size())})) + "</h2>\n";
    if (!contacts.empty()) {
        html += "<table class=\"list\"><tr>";
        for (const char* key : {"field.name", "field.title", "field.role", "field.phone", "field.mobile", "field.email"})
            html += "<th>" + html_escape(tr(key)) + "</th>";
        html += "</tr>\n";
        for (const Contact& contact : contacts) {
            const std::string role = contact.role.empty() ? "" : caption_of(kContactRoleChoices, contact.role);
            // What the contact refused is not printed: a sheet is a way of reaching out too.
            html += "<tr>" + cell(contact.name) + cell(contact.title) + cell(role) +
                    cell(contact.no_call ? "" : contact.phone) + cell(contact.no_call && contact.no_sms ? "" : contact.mobile) +
                    cell(contact.no_email ? "" : contact.email) + "</tr>\n";
        }
        html += "</table>\n";
    }

    const std::vector<Activity> activities = activities_of_customer(app.db, c.id);
    const size_t shown_count = std::min(activities.size(), kSheetActivities);
    html += "<h2>" + html_escape(trf("sheet.activities", {std::to_string(shown_count), std::to_string(activities.size())})) +
            "</h2>\n";
    if (shown_count > 0) {
        html += "<table class=\"list\"><tr>";
        for (const char* key : {"sheet.when", "sheet.kind", "sheet.subject", "sheet.outcome"})
            html += "<th>" + html_escape(tr(key)) + "</th>";
        html += "</tr>\n";
        for (size_t i = 0; i < shown_count; ++i) {
            const Activity& a = activities[i];
            html += "<tr>" + cell(activity_when(a)) + cell(activity_kind_caption(a.kind)) + cell(a.subject) +
                    cell(a.outcome) + "</tr>\n";
        }
        html += "</table>\n";
    }
    html += "<div class=\"printed\">" +
            html_escape(trf("sheet.printed", {format_local_minutes(now_ms()), app.user})) + "</div>\n";
    html += "</body></html>\n";
    return html;
}

}  // namespace crm::ui
