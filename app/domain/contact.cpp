#include "domain/contact.hpp"

#include "core/clock.hpp"
#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

constexpr const char* kColumns =
    "id, customer_id, name, title, phone, mobile, email, birthday, is_primary, owner_id, created_at, updated_at, "
    "updated_by, rev, deleted, role, preferred_channel, anniversary, address, no_email, no_sms, no_call, no_mail";

Contact read_contact(const Stmt& s) {
    Contact c;
    int i = 0;
    c.id = s.text(i++);
    c.customer_id = s.text(i++);
    c.name = s.text(i++);
    c.title = s.text(i++);
    c.phone = s.text(i++);
    c.mobile = s.text(i++);
    c.email = s.text(i++);
    c.birthday = s.text(i++);
    c.is_primary = s.boolean(i++);
    c.owner_id = s.text(i++);
    c.created_at = s.text(i++);
    c.updated_at = s.text(i++);
    c.updated_by = s.text(i++);
    c.rev = s.int64(i++);
    c.deleted = s.boolean(i++);
    c.role = s.text(i++);
    c.preferred_channel = s.text(i++);
    c.anniversary = s.text(i++);
    c.address = s.text(i++);
    c.no_email = s.boolean(i++);
    c.no_sms = s.boolean(i++);
    c.no_call = s.boolean(i++);
    c.no_mail = s.boolean(i++);
    return c;
}

bool customer_is_live(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare("SELECT 1 FROM customers WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, customer_id);
    Result<bool> row = stmt.step();
    return row.ok() && row.value();
}

}  // namespace

Problems validate(const Contact& c, Db& db) {
    namespace lim = contact_limits;
    Problems problems;
    Checker check(problems);
    check.text("name", c.name, lim::name, true)
        .text("title", c.title, lim::title)
        .text("phone", c.phone, lim::phone)
        .phone("phone", c.phone)
        .text("mobile", c.mobile, lim::mobile)
        .phone("mobile", c.mobile)
        .text("email", c.email, lim::email)
        .email("email", c.email)
        .past_date("birthday", c.birthday, local_today())
        .one_of("role", c.role, kContactRoles)
        .one_of("preferred_channel", c.preferred_channel, kContactChannels)
        .past_date("anniversary", c.anniversary, local_today())
        .text("address", c.address, lim::address);
    if (c.customer_id.empty()) {
        check.add("customer_id", "required");
    } else if (!customer_is_live(db, c.customer_id)) {
        check.add("customer_id", "not_found");
    }
    return problems;
}

std::optional<Contact> find_contact(Db& db, std::string_view id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM contacts WHERE id = ?1 AND deleted = 0");
    stmt.bind(1, id);
    Result<bool> row = stmt.step();
    if (!row.ok() || !row.value()) return std::nullopt;
    return read_contact(stmt);
}

std::vector<Contact> contacts_of(Db& db, std::string_view customer_id) {
    Stmt stmt = db.prepare(std::string("SELECT ") + kColumns +
                           " FROM contacts WHERE customer_id = ?1 AND deleted = 0"
                           " ORDER BY is_primary DESC, name COLLATE NOCASE, id");
    stmt.bind(1, customer_id);
    std::vector<Contact> contacts;
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row.ok() || !row.value()) break;
        contacts.push_back(read_contact(stmt));
    }
    return contacts;
}

Status save_contact(Db& db, Contact& contact, std::string_view actor) {
    Contact next = contact;
    trim_all({&next.name, &next.title, &next.phone, &next.mobile, &next.email, &next.birthday, &next.anniversary,
              &next.address});
    if (Problems problems = validate(next, db); !problems.empty()) return Error::invalid(std::move(problems));

    std::string now = iso_utc(now_ms());
    Tx tx(db);
    bool exists = false;
    if (!next.id.empty()) {
        std::optional<Contact> stored = find_contact(db, next.id);
        if (!stored) return Error{"not_found", "contact " + next.id + " does not exist", {}};
        exists = true;
        next.created_at = stored->created_at;
        next.owner_id = stored->owner_id;
        // Saving what is already stored writes nothing: no new updated_at, nothing to sync.
        Contact unchanged = next;
        unchanged.updated_at = stored->updated_at;
        unchanged.updated_by = stored->updated_by;
        unchanged.rev = stored->rev;
        unchanged.deleted = stored->deleted;
        if (unchanged == *stored) {
            contact = std::move(*stored);
            return {};
        }
    } else {
        next.id = new_id();
        next.created_at = now;
        next.owner_id = std::string(actor);
    }
    next.updated_at = now;
    next.updated_by = std::string(actor);

    if (next.is_primary) {
        Stmt clear = db.prepare(
            "UPDATE contacts SET is_primary = 0, updated_at = ?3, updated_by = ?4"
            " WHERE customer_id = ?1 AND id <> ?2 AND is_primary = 1 AND deleted = 0");
        clear.bind_all(next.customer_id, next.id, now, actor);
        if (Status status = clear.run(); !status) return status;
    }
    Stmt stmt = db.prepare(exists ? R"sql(
        UPDATE contacts SET customer_id = ?2, name = ?3, title = ?4, phone = ?5, mobile = ?6, email = ?7,
            birthday = ?8, is_primary = ?9, updated_at = ?12, updated_by = ?13, role = ?14,
            preferred_channel = ?15, anniversary = ?16, address = ?17, no_email = ?18, no_sms = ?19,
            no_call = ?20, no_mail = ?21
        WHERE id = ?1)sql"
                                  : R"sql(
        INSERT INTO contacts (id, customer_id, name, title, phone, mobile, email, birthday, is_primary,
            owner_id, created_at, updated_at, updated_by, role, preferred_channel, anniversary, address,
            no_email, no_sms, no_call, no_mail)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21))sql");
    stmt.bind_all(next.id, next.customer_id, next.name, next.title, next.phone, next.mobile, next.email, next.birthday,
                  next.is_primary, next.owner_id, next.created_at, next.updated_at, next.updated_by, next.role,
                  next.preferred_channel, next.anniversary, next.address, next.no_email, next.no_sms, next.no_call,
                  next.no_mail);
    if (Status status = stmt.run(); !status) return status;
    if (Status status = tx.commit(); !status) return status;
    contact = std::move(next);
    return {};
}

Status delete_contact(Db& db, std::string_view id, std::string_view actor) {
    Stmt stmt = db.prepare("UPDATE contacts SET deleted = 1, is_primary = 0, updated_at = ?2, updated_by = ?3"
                           " WHERE id = ?1 AND deleted = 0");
    stmt.bind_all(id, iso_utc(now_ms()), actor);
    if (Status status = stmt.run(); !status) return status;
    if (db.changes() == 0) return Error{"not_found", "contact does not exist", {}};
    return {};
}

}  // namespace crm
