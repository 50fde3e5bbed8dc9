// Reaching out to a list of customers: their email addresses for a mailing, and address
// labels and envelopes to print. Every list honours the contacts' opt-outs (no_email,
// no_mail) and says how many it left out, so a person knows why a list is shorter.
//
// [SECTION] Email addresses
// [SECTION] Labels and envelopes
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] Email addresses
//-----------------------------------------------------------------------------

struct EmailList {
    std::vector<std::string> addresses;  // in the customers' order, each once (case-insensitive)
    int opted_out = 0;                   // distinct addresses left out: a contact asked for no email
};

// The customers' own emails and their live contacts' emails. An address of a contact who
// opted out (no_email) is left out everywhere it appears, also as another record's email:
// the person behind it asked not to be mailed.
EmailList collect_emails(Db& db, std::span<const std::string> customer_ids);
// "a@b.cn; c@d.com": what a mail program's To field takes.
std::string join_addresses(const std::vector<std::string>& addresses);

//-----------------------------------------------------------------------------
// [SECTION] Labels and envelopes
//-----------------------------------------------------------------------------

struct MailingAddress {
    std::string customer_name;
    std::string contact_name;  // the primary contact; empty when there is none or they opted out
    std::string address;
    std::string city;
    std::string province;
};

struct MailingList {
    std::vector<MailingAddress> items;
    int opted_out = 0;        // primary contacts left off because they asked for no letters
    int without_address = 0;  // customers with no address to print
};

// One address per live customer: the primary contact's own address when they have one and
// take letters, else the customer's. A primary contact with no_mail is left off the label
// (counted in opted_out); the letter still goes to the organisation.
MailingList collect_mailing_addresses(Db& db, std::span<const std::string> customer_ids);

// Whole HTML pages (UTF-8) for the print window, text HTML-escaped, with a Chinese font stack.
// Labels: A4 sheets of 3 x 8 labels (70 x 37 mm). Envelopes: DL (220 x 110 mm), one a page.
std::string labels_html(const MailingList& list, std::string_view title);
std::string envelopes_html(const MailingList& list, std::string_view title);

// &, <, >, " and ' as entities: any text placed in HTML.
std::string html_escape(std::string_view text);
// The start of a printable page up to and including <body>: its title, the Chinese font
// stack and `page_css`. Every printed page (labels, envelopes, the customer sheet) begins so.
std::string html_page_start(std::string_view title, std::string_view page_css);

}  // namespace crm
