// Contacts: the people at a customer (联系人), many per customer, at most one primary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"

namespace crm {

struct Contact {
    std::string id;
    std::string customer_id;
    std::string name;
    std::string title;
    std::string phone;
    std::string mobile;
    std::string email;
    std::string birthday;  // YYYY-MM-DD or empty
    bool is_primary = false;
    std::string role;               // decision_maker | influencer | user | gatekeeper | purchaser | technical
    std::string preferred_channel;  // phone | mobile | email | sms | visit | mail | wechat
    std::string anniversary;        // YYYY-MM-DD or empty (a wedding, joining the company)
    std::string address;            // for letters and labels
    // Opt-outs: every mailing, export and batch action leaves the contact out of that channel.
    bool no_email = false;
    bool no_sms = false;
    bool no_call = false;
    bool no_mail = false;
    std::string owner_id;
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;

    bool operator==(const Contact&) const = default;
};

inline constexpr std::string_view kContactRoles[] = {"decision_maker", "influencer", "user",
                                                    "gatekeeper",     "purchaser",  "technical"};
inline constexpr std::string_view kContactChannels[] = {"phone", "mobile", "email", "sms", "visit", "mail", "wechat"};

namespace contact_limits {
inline constexpr size_t name = 100, title = 100, phone = 40, mobile = 40, email = 254, address = 200;
}

// Every problem with the record; checks that the customer exists and is not deleted.
Problems validate(const Contact& contact, Db& db);

std::optional<Contact> find_contact(Db& db, std::string_view id);
// The customer's live contacts, primary first, then by name.
std::vector<Contact> contacts_of(Db& db, std::string_view customer_id);

// Inserts or updates after validation. Making a contact primary clears the flag on the
// customer's other contacts in the same transaction.
Status save_contact(Db& db, Contact& contact, std::string_view actor);
Status delete_contact(Db& db, std::string_view id, std::string_view actor);

}  // namespace crm
