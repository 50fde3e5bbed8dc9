// Tests for domain/contact: the people at a customer, at most one of them primary.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

struct Fixture {
    Db db = crm::test::fresh_crm_db();
    std::string customer_id = add_customer("华信科技有限公司");

    std::string add_customer(const char* name) {
        Customer customer;
        customer.name = name;
        REQUIRE_OK(save_customer(db, customer, "sales1"));
        return customer.id;
    }

    Contact contact(std::string name, bool primary = false) const {
        Contact c;
        c.customer_id = customer_id;
        c.name = std::move(name);
        c.title = "采购经理";
        c.phone = "010-6552 8888";
        c.mobile = "13812345678";
        c.email = "zhangwei@huaxin.cn";
        c.birthday = "1985-06-15";
        c.is_primary = primary;
        return c;
    }

    Contact saved(Contact c, std::string_view actor = "sales1") {
        REQUIRE_OK(save_contact(db, c, actor));
        return c;
    }

    int64_t contact_rows() { return scalar(db, "SELECT count(*) FROM contacts"); }

    std::vector<std::string> names_of(const std::string& customer) {
        std::vector<std::string> names;
        for (const Contact& c : contacts_of(db, customer)) names.push_back(c.name + (c.is_primary ? "*" : ""));
        return names;
    }
};

std::string today() { return format_date(now_ms() / 86'400'000); }
std::string tomorrow() { return format_date(now_ms() / 86'400'000 + 1); }

}  // namespace

TEST_CASE("a valid contact is saved with a UUIDv7 id, its owner, author and times") {
    Fixture f;
    Contact contact = f.contact("张伟", true);
    REQUIRE_OK(save_contact(f.db, contact, "sales2"));
    CHECK(is_uuid(contact.id));
    CHECK(contact.id[14] == '7');
    CHECK(contact.owner_id == "sales2");
    CHECK(contact.updated_by == "sales2");
    CHECK(contact.created_at.size() == 24);
    CHECK(contact.updated_at == contact.created_at);

    std::optional<Contact> stored = find_contact(f.db, contact.id);
    REQUIRE(stored.has_value());
    CHECK(stored->customer_id == f.customer_id);
    CHECK(stored->name == "张伟");
    CHECK(stored->title == "采购经理");
    CHECK(stored->phone == "010-6552 8888");
    CHECK(stored->mobile == "13812345678");
    CHECK(stored->email == "zhangwei@huaxin.cn");
    CHECK(stored->birthday == "1985-06-15");
    CHECK(stored->is_primary);
    CHECK(stored->owner_id == "sales2");
    CHECK(stored->created_at == contact.created_at);
    CHECK(stored->rev == 0);
    CHECK_FALSE(stored->deleted);
}

TEST_CASE("saving a contact trims its text fields") {
    Fixture f;
    Contact contact = f.contact(" 张伟 ");
    contact.title = " 总经理\t";
    contact.phone = " 010-12345678 ";
    contact.mobile = " 13812345678 ";
    contact.email = " a@b.cn ";
    contact.birthday = " 1990-01-01 ";
    REQUIRE_OK(save_contact(f.db, contact, "sales1"));
    std::optional<Contact> stored = find_contact(f.db, contact.id);
    REQUIRE(stored.has_value());
    CHECK(stored->name == "张伟");
    CHECK(stored->title == "总经理");
    CHECK(stored->phone == "010-12345678");
    CHECK(stored->mobile == "13812345678");
    CHECK(stored->email == "a@b.cn");
    CHECK(stored->birthday == "1990-01-01");
}

TEST_CASE("a contact without a customer is customer_id required") {
    Fixture f;
    Contact contact = f.contact("张伟");
    contact.customer_id = "";
    CHECK(validate(contact, f.db) == Problems{{"customer_id", "required", 0}});
}

TEST_CASE("a contact of a missing customer is customer_id not_found, and nothing is written") {
    Fixture f;
    Contact contact = f.contact("张伟");
    contact.customer_id = new_id();
    Status status = save_contact(f.db, contact, "sales1");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    CHECK(status.error().fields == Problems{{"customer_id", "not_found", 0}});
    CHECK(f.contact_rows() == 0);
}

TEST_CASE("a contact of a deleted customer is customer_id not_found") {
    Fixture f;
    REQUIRE_OK(delete_customer(f.db, f.customer_id, "sales1"));
    CHECK(validate(f.contact("张伟"), f.db) == Problems{{"customer_id", "not_found", 0}});
    Contact contact = f.contact("张伟");
    CHECK_FALSE(save_contact(f.db, contact, "sales1").ok());
    CHECK(f.contact_rows() == 0);
}

TEST_CASE("a birthday must be a real date written YYYY-MM-DD") {
    Fixture f;
    for (const char* birthday : {"1990-02-30", "1990/01/01", "1990-1-1", "01-01-1990", "yesterday", "2023-02-29"}) {
        INFO(std::string(birthday));
        Contact contact = f.contact("张伟");
        contact.birthday = birthday;
        CHECK(validate(contact, f.db) == Problems{{"birthday", "date_format", 0}});
    }
    for (const char* birthday : {"", "1990-01-01", "2024-02-29"}) {
        INFO(std::string(birthday));
        Contact contact = f.contact("张伟");
        contact.birthday = birthday;
        CHECK(validate(contact, f.db).empty());
    }
}

TEST_CASE("a birthday in the future is refused, today is fine") {
    Fixture f;
    Contact contact = f.contact("张伟");
    contact.birthday = tomorrow();
    CHECK(validate(contact, f.db) == Problems{{"birthday", "date_in_future", 0}});
    contact.birthday = today();
    CHECK(validate(contact, f.db).empty());
}

TEST_CASE("every problem of a contact is reported at once, each with its field, and nothing is written") {
    Fixture f;
    Contact contact;
    contact.customer_id = new_id();
    contact.name = " ";
    contact.title = std::string(101, 't');
    contact.phone = "phone";
    contact.mobile = "12";
    contact.email = "a@b";
    contact.birthday = "1990-13-01";
    Status status = save_contact(f.db, contact, "sales1");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().fields == Problems{{"name", "required", 0},
                                            {"title", "too_long", 100},
                                            {"phone", "phone_format", 0},
                                            {"mobile", "phone_format", 0},
                                            {"email", "email_format", 0},
                                            {"birthday", "date_format", 0},
                                            {"customer_id", "not_found", 0}});
    CHECK(f.contact_rows() == 0);
}

TEST_CASE("saving a second primary contact leaves only one primary for the customer") {
    Fixture f;
    Contact first = f.saved(f.contact("张伟", true));
    Contact second = f.saved(f.contact("李娜", true), "sales2");
    CHECK(scalar(f.db, "SELECT count(*) FROM contacts WHERE is_primary = 1") == 1);
    CHECK_FALSE(find_contact(f.db, first.id)->is_primary);
    CHECK(find_contact(f.db, first.id)->updated_by == "sales2");  // the cleared flag is a change by the author
    CHECK(find_contact(f.db, second.id)->is_primary);
    CHECK(f.names_of(f.customer_id) == std::vector<std::string>{"李娜*", "张伟"});
}

TEST_CASE("making an existing contact primary takes the flag from the others") {
    Fixture f;
    Contact first = f.saved(f.contact("张伟", true));
    Contact second = f.saved(f.contact("李娜"));
    second.is_primary = true;
    REQUIRE_OK(save_contact(f.db, second, "sales1"));
    CHECK(f.names_of(f.customer_id) == std::vector<std::string>{"李娜*", "张伟"});
    CHECK_FALSE(find_contact(f.db, first.id)->is_primary);
}

TEST_CASE("saving the primary contact again keeps it primary") {
    Fixture f;
    Contact primary = f.saved(f.contact("张伟", true));
    f.saved(f.contact("李娜"));
    primary.title = "总经理";
    REQUIRE_OK(save_contact(f.db, primary, "sales1"));
    CHECK(find_contact(f.db, primary.id)->is_primary);
    CHECK(scalar(f.db, "SELECT count(*) FROM contacts WHERE is_primary = 1") == 1);
}

TEST_CASE("a primary contact of one customer does not affect another customer's primary") {
    Fixture f;
    const std::string other = f.add_customer("Acme Inc.");
    Contact mine = f.saved(f.contact("张伟", true));
    Contact theirs = f.contact("John Smith", true);
    theirs.customer_id = other;
    theirs = f.saved(theirs);
    CHECK(find_contact(f.db, mine.id)->is_primary);
    CHECK(find_contact(f.db, theirs.id)->is_primary);
}

TEST_CASE("saving a contact that is not primary leaves the primary alone") {
    Fixture f;
    Contact primary = f.saved(f.contact("张伟", true));
    f.saved(f.contact("李娜"));
    CHECK(find_contact(f.db, primary.id)->is_primary);
}

TEST_CASE("contacts_of lists the primary first, then by name ignoring case, without deleted contacts") {
    Fixture f;
    f.saved(f.contact("bob"));
    f.saved(f.contact("Alice"));
    f.saved(f.contact("Zoe", true));
    f.saved(f.contact("carol"));
    Contact gone = f.saved(f.contact("Aaron"));
    REQUIRE_OK(delete_contact(f.db, gone.id, "sales1"));
    const std::string other = f.add_customer("Acme Inc.");
    Contact elsewhere = f.contact("Adam");
    elsewhere.customer_id = other;
    f.saved(elsewhere);

    CHECK(f.names_of(f.customer_id) == std::vector<std::string>{"Zoe*", "Alice", "bob", "carol"});
    CHECK(f.names_of(other) == std::vector<std::string>{"Adam"});
    CHECK(contacts_of(f.db, new_id()).empty());
}

TEST_CASE("updating a contact keeps its id, created_at and owner and records the new author") {
    Fixture f;
    Contact contact = f.saved(f.contact("张伟"), "sales1");
    Stmt age = f.db.prepare("UPDATE contacts SET created_at = ?2, updated_at = ?2 WHERE id = ?1");
    age.bind_all(contact.id, "2020-01-01T00:00:00.000Z");
    REQUIRE_OK(age.run());

    const std::string id = contact.id;
    contact.title = "总经理";
    contact.owner_id = "someone else";
    contact.created_at = "1999-01-01T00:00:00.000Z";
    REQUIRE_OK(save_contact(f.db, contact, "manager"));
    CHECK(contact.id == id);
    std::optional<Contact> stored = find_contact(f.db, id);
    REQUIRE(stored.has_value());
    CHECK(stored->title == "总经理");
    CHECK(stored->created_at == "2020-01-01T00:00:00.000Z");
    CHECK(stored->updated_at > "2020-01-01T00:00:00.000Z");
    CHECK(stored->owner_id == "sales1");
    CHECK(stored->updated_by == "manager");
    CHECK(f.contact_rows() == 1);
}

TEST_CASE("updating an unknown or deleted contact is not_found and writes nothing") {
    Fixture f;
    Contact ghost = f.contact("Ghost");
    ghost.id = new_id();
    Status status = save_contact(f.db, ghost, "sales1");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "not_found");
    CHECK(f.contact_rows() == 0);

    Contact gone = f.saved(f.contact("Gone"));
    REQUIRE_OK(delete_contact(f.db, gone.id, "sales1"));
    gone.name = "Back";
    CHECK(save_contact(f.db, gone, "sales1").error().code == "not_found");
    CHECK(crm::test::scalar_text(f.db, "SELECT name FROM contacts WHERE id = ?1", gone.id) == "Gone");
}

TEST_CASE("a primary contact that turns out to be unknown clears no other primary") {
    Fixture f;
    Contact primary = f.saved(f.contact("张伟", true));
    Contact ghost = f.contact("Ghost", true);
    ghost.id = new_id();
    CHECK_FALSE(save_contact(f.db, ghost, "sales1").ok());
    CHECK(find_contact(f.db, primary.id)->is_primary);
}

TEST_CASE("deleting a contact tombstones it and clears its primary flag") {
    Fixture f;
    Contact contact = f.saved(f.contact("张伟", true));
    REQUIRE_OK(delete_contact(f.db, contact.id, "manager"));
    CHECK_FALSE(find_contact(f.db, contact.id).has_value());
    CHECK(f.contact_rows() == 1);  // the tombstone stays for sync
    CHECK(crm::test::scalar_text(f.db, "SELECT deleted || is_primary || updated_by FROM contacts WHERE id = ?1",
                                 contact.id) == "10manager");
    CHECK(contacts_of(f.db, f.customer_id).empty());
}

TEST_CASE("deleting an unknown or already deleted contact is not_found") {
    Fixture f;
    CHECK(delete_contact(f.db, new_id(), "sales1").error().code == "not_found");
    Contact contact = f.saved(f.contact("张伟"));
    REQUIRE_OK(delete_contact(f.db, contact.id, "sales1"));
    CHECK(delete_contact(f.db, contact.id, "sales1").error().code == "not_found");
}
