#include "domain/outreach.hpp"

#include <set>

#include "core/text.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Email addresses
//-----------------------------------------------------------------------------

EmailList collect_emails(Db& db, std::span<const std::string> customer_ids) {
    Stmt customer = db.prepare("SELECT email FROM customers WHERE id = ?1 AND deleted = 0");
    Stmt contacts = db.prepare(
        "SELECT email, no_email FROM contacts WHERE customer_id = ?1 AND deleted = 0 AND email <> ''"
        " ORDER BY is_primary DESC, name COLLATE NOCASE, id");
    // Two passes: an opted-out address must be known before any record's copy of it is taken.
    std::vector<std::string> candidates;
    std::set<std::string> opted_out;
    for (const std::string& id : customer_ids) {
        customer.reset();
        customer.bind(1, id);
        if (!customer.step().value_or(false)) continue;
        candidates.push_back(trim(customer.text(0)));
        contacts.reset();
        contacts.bind(1, id);
        while (contacts.step().value_or(false)) {
            const std::string email = trim(contacts.text(0));
            if (contacts.boolean(1)) opted_out.insert(ascii_lower(email));
            else candidates.push_back(email);
        }
    }
    EmailList list;
    std::set<std::string> seen;
    for (const std::string& email : candidates) {
        const std::string key = ascii_lower(email);
        if (email.empty() || opted_out.count(key) || !seen.insert(key).second) continue;
        list.addresses.push_back(email);
    }
    opted_out.erase("");
    list.opted_out = static_cast<int>(opted_out.size());
    return list;
}

std::string join_addresses(const std::vector<std::string>& addresses) {
    std::string out;
    for (const std::string& a : addresses) {
        if (!out.empty()) out += "; ";
        out += a;
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Labels and envelopes
//-----------------------------------------------------------------------------

MailingList collect_mailing_addresses(Db& db, std::span<const std::string> customer_ids) {
    Stmt stmt = db.prepare(R"sql(
        SELECT c.name, c.address, c.city, c.province, coalesce(k.name, ''), coalesce(k.address, ''),
               coalesce(k.no_mail, 0)
          FROM customers c
          LEFT JOIN contacts k ON k.customer_id = c.id AND k.is_primary = 1 AND k.deleted = 0
         WHERE c.id = ?1 AND c.deleted = 0)sql");
    MailingList list;
    for (const std::string& id : customer_ids) {
        stmt.reset();
        stmt.bind(1, id);
        if (!stmt.step().value_or(false)) continue;
        MailingAddress item{stmt.text(0), stmt.text(4), stmt.text(1), stmt.text(2), stmt.text(3)};
        const bool no_mail = stmt.boolean(6);
        if (no_mail && !item.contact_name.empty()) {
            item.contact_name.clear();
            ++list.opted_out;
        } else if (!trim(stmt.text(5)).empty()) {
            item.address = stmt.text(5);
        }
        if (trim(item.address).empty()) {
            ++list.without_address;
            continue;
        }
        list.items.push_back(std::move(item));
    }
    return list;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

// Fonts that hold Chinese on Windows, macOS, Linux and Android, then any sans-serif.
constexpr const char* kFontStack =
    "\"Microsoft YaHei\", \"PingFang SC\", \"Hiragino Sans GB\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", "
    "\"WenQuanYi Micro Hei\", \"Droid Sans Fallback\", SimSun, sans-serif";

}  // namespace

std::string html_page_start(std::string_view title, std::string_view page_css) {
    std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>";
    html += html_escape(title);
    html += "</title><style>\n";
    html += "* { box-sizing: border-box; }\nbody { margin: 0; font-family: ";
    html += kFontStack;
    html += "; color: #000; }\n";
    html += page_css;
    html += "</style></head><body>\n";
    return html;
}

namespace {

// The lines of one address, each escaped: customer, contact, street, then province and city
// (once when they are the same, as 北京 / 北京).
std::string address_lines(const MailingAddress& a) {
    std::string place = a.province;
    if (!a.city.empty() && a.city != a.province) place += (place.empty() ? "" : " ") + a.city;
    std::string html;
    for (auto [css, text] : {std::pair{"name", a.customer_name}, {"contact", a.contact_name}, {"street", a.address},
                             {"place", place}}) {
        if (trim(text).empty()) continue;
        html.append("<div class=\"").append(css).append("\">").append(html_escape(text)).append("</div>");
    }
    return html;
}

}  // namespace

std::string labels_html(const MailingList& list, std::string_view title) {
    // A4 is 210 x 297 mm: 3 columns of 70 mm and 8 rows of 37.125 mm fill it edge to edge,
    // the layout of common label sheets (3 x 8 = 24 a page).
    std::string html = html_page_start(title,
                                  "@page { size: A4; margin: 0; }\n"
                                  ".sheet { width: 210mm; height: 297mm; display: grid;"
                                  " grid-template-columns: repeat(3, 70mm); grid-template-rows: repeat(8, 37.125mm);"
                                  " page-break-after: always; break-after: page; }\n"
                                  ".label { padding: 5mm 6mm; overflow: hidden; font-size: 10pt; line-height: 1.35; }\n"
                                  ".name { font-weight: bold; }\n");
    constexpr size_t kPerSheet = 24;
    for (size_t i = 0; i < list.items.size(); ++i) {
        if (i % kPerSheet == 0) html += i == 0 ? "<div class=\"sheet\">\n" : "</div>\n<div class=\"sheet\">\n";
        html += "<div class=\"label\">" + address_lines(list.items[i]) + "</div>\n";
    }
    if (!list.items.empty()) html += "</div>\n";
    html += "</body></html>\n";
    return html;
}

std::string envelopes_html(const MailingList& list, std::string_view title) {
    // DL is 220 x 110 mm; the address sits in the lower right, where post offices look for it.
    std::string html = html_page_start(title,
                                  "@page { size: 220mm 110mm; margin: 0; }\n"
                                  ".envelope { width: 220mm; height: 110mm; position: relative;"
                                  " page-break-after: always; break-after: page; }\n"
                                  ".to { position: absolute; left: 90mm; top: 45mm; width: 120mm; font-size: 13pt;"
                                  " line-height: 1.5; }\n"
                                  ".name { font-weight: bold; }\n");
    for (const MailingAddress& item : list.items) {
        html += "<div class=\"envelope\"><div class=\"to\">" + address_lines(item) + "</div></div>\n";
    }
    html += "</body></html>\n";
    return html;
}

}  // namespace crm
