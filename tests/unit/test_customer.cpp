// Tests for domain/customer: validation, saving and deleting customers.
// (Search, sort and rows: test_customer_list.cpp.)
//
// [SECTION] Saving new customers
// [SECTION] Validation and duplicates
// [SECTION] Updating and deleting
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/text.hpp"
#include "customer_fixtures.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"

using namespace crm;
using namespace crm::test;


//-----------------------------------------------------------------------------
// [SECTION] Saving new customers
//-----------------------------------------------------------------------------

TEST_CASE("saving a new customer assigns a UUIDv7 id and records owner, author and times") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("华信科技有限公司", "C001");
    REQUIRE_OK(save_customer(db, customer, "sales1"));

    CHECK(is_uuid(customer.id));
    CHECK(customer.id[14] == '7');
    CHECK(customer.owner_id == "sales1");  // no owner given: the author owns it
    CHECK(customer.updated_by == "sales1");
    CHECK(customer.created_at.size() == 24);
    CHECK(customer.created_at.back() == 'Z');
    CHECK(customer.updated_at == customer.created_at);
    CHECK(customer.rev == 0);
    CHECK_FALSE(customer.deleted);

    std::optional<Customer> stored = find_customer(db, customer.id);
    REQUIRE(stored.has_value());
    CHECK(stored->name == "华信科技有限公司");
    CHECK(stored->code == "C001");
    CHECK(stored->kind == "company");
    CHECK(stored->type == "enterprise");
    CHECK(stored->level == "B");
    CHECK(stored->industry == "Software");
    CHECK(stored->province == "北京");
    CHECK(stored->city == "北京");
    CHECK(stored->address == "北京市朝阳区建国路 88 号");
    CHECK(stored->phone == "010-6552 8888");
    CHECK(stored->email == "info@huaxin.cn");
    CHECK(stored->owner_id == "sales1");
    CHECK(stored->updated_by == "sales1");
    CHECK(stored->created_at == customer.created_at);
    CHECK(stored->updated_at == customer.updated_at);
    CHECK(stored->rev == 0);
    CHECK_FALSE(stored->deleted);
}

TEST_CASE("a customer saved with an owner keeps that owner") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("Acme Inc.");
    customer.owner_id = "agent1";
    REQUIRE_OK(save_customer(db, customer, "sales1"));
    CHECK(customer.owner_id == "agent1");
    CHECK(customer.updated_by == "sales1");
    CHECK(find_customer(db, customer.id)->owner_id == "agent1");
}

TEST_CASE("saving trims the text fields") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("  Acme Inc. \t", " C-9 ");
    customer.industry = " Retail ";
    customer.province = "\t浙江";
    customer.city = " 杭州 ";
    customer.address = " 西湖区 1 号\n";
    customer.phone = " 0571-8888 6666 ";
    customer.email = " sales@acme.com ";
    customer.owner_id = " agent2 ";
    REQUIRE_OK(save_customer(db, customer, "sales1"));

    std::optional<Customer> stored = find_customer(db, customer.id);
    REQUIRE(stored.has_value());
    CHECK(stored->name == "Acme Inc.");
    CHECK(stored->code == "C-9");
    CHECK(stored->industry == "Retail");
    CHECK(stored->province == "浙江");
    CHECK(stored->city == "杭州");
    CHECK(stored->address == "西湖区 1 号");
    CHECK(stored->phone == "0571-8888 6666");
    CHECK(stored->email == "sales@acme.com");
    CHECK(stored->owner_id == "agent2");
    CHECK(customer.name == "Acme Inc.");  // the caller's record holds what was stored
}

TEST_CASE("every saved customer gets its own id") {
    Db db = crm::test::fresh_crm_db();
    Customer a = saved(db, company("A"));
    Customer b = saved(db, company("B"));
    CHECK(a.id != b.id);
    CHECK(b.id > a.id);  // time-ordered
    CHECK(count_customers(db) == 2);
}

TEST_CASE("find_customer of an unknown id finds nothing") {
    Db db = crm::test::fresh_crm_db();
    CHECK_FALSE(find_customer(db, new_id()).has_value());
    CHECK_FALSE(find_customer(db, "").has_value());
}

//-----------------------------------------------------------------------------
// [SECTION] Validation and duplicates
//-----------------------------------------------------------------------------

TEST_CASE("a customer without a name is refused with name required, and nothing is written") {
    Db db = crm::test::fresh_crm_db();
    const int64_t before = customer_rows(db);
    Customer customer = company("   ");
    Status status = save_customer(db, customer, "sales1");
    CHECK(problems_of(status) == Problems{{"name", "required", 0}});
    CHECK(customer_rows(db) == before);
    CHECK(customer.id.empty());  // the caller's record is left as it was
    CHECK(customer.name == "   ");
}

TEST_CASE("a malformed email is refused with email email_format, and nothing is written") {
    Db db = crm::test::fresh_crm_db();
    saved(db, company("Existing"));
    const int64_t before = customer_rows(db);
    Customer customer = company("Acme");
    customer.email = "sales@@acme.com";
    CHECK(problems_of(save_customer(db, customer, "sales1")) == Problems{{"email", "email_format", 0}});
    CHECK(customer_rows(db) == before);
}

TEST_CASE("every problem of a customer is reported at once, each with its field") {
    Db db = crm::test::fresh_crm_db();
    Customer customer;
    customer.kind = "robot";
    customer.name = "";
    customer.type = "vip";
    customer.level = "E";
    customer.phone = "call me";
    customer.email = "nobody";
    customer.city = std::string(31, 'x');
    customer.notes = std::string(4001, 'n');
    CHECK(problems_of(save_customer(db, customer, "sales1")) == Problems{{"kind", "invalid_choice", 0},
                                                                          {"name", "required", 0},
                                                                          {"type", "invalid_choice", 0},
                                                                          {"level", "invalid_choice", 0},
                                                                          {"city", "too_long", 30},
                                                                          {"phone", "phone_format", 0},
                                                                          {"email", "email_format", 0},
                                                                          {"notes", "too_long", 4000}});
    CHECK(customer_rows(db) == 0);
}

TEST_CASE("an owner_id of 64 characters is saved; 65 characters or text that is not UTF-8 are refused") {
    Db db = crm::test::fresh_crm_db();
    std::string sixty_four;
    for (int i = 0; i < 64; ++i) sixty_four += "王";
    Customer fits = company("Acme");
    fits.owner_id = sixty_four;
    REQUIRE_OK(save_customer(db, fits, "sales1"));
    CHECK(find_customer(db, fits.id)->owner_id == sixty_four);

    Customer too_long = company("Beta");
    too_long.owner_id = sixty_four + "王";
    CHECK(problems_of(save_customer(db, too_long, "sales1")) == Problems{{"owner_id", "too_long", 64}});
    Customer not_utf8 = company("Gamma");
    not_utf8.owner_id = "agent\xFF";
    CHECK(problems_of(save_customer(db, not_utf8, "sales1")) == Problems{{"owner_id", "invalid_utf8", 0}});
    CHECK(customer_rows(db) == 1);
}

TEST_CASE("a customer's kind is required") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("Acme");
    customer.kind = "";
    CHECK(validate(customer, db) == Problems{{"kind", "required", 0}});
}

TEST_CASE("every listed kind, type and level is accepted") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("Acme");
    for (std::string_view kind : kCustomerKinds) {
        customer.kind = std::string(kind);
        CHECK(validate(customer, db).empty());
    }
    for (std::string_view type : kCustomerTypes) {
        customer.type = std::string(type);
        CHECK(validate(customer, db).empty());
    }
    for (std::string_view level : kCustomerLevels) {
        customer.level = std::string(level);
        CHECK(validate(customer, db).empty());
    }
    customer.type = "";
    customer.level = "";
    CHECK(validate(customer, db).empty());  // type and level are optional
}

TEST_CASE("a name of 100 Chinese characters is saved, 101 are too long") {
    Db db = crm::test::fresh_crm_db();
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "华";
    Customer fits = company(hundred);
    REQUIRE_OK(save_customer(db, fits, "sales1"));
    CHECK(utf8_length(find_customer(db, fits.id)->name) == 100);

    Customer too_long = company(hundred + "华");
    CHECK(problems_of(save_customer(db, too_long, "sales1")) == Problems{{"name", "too_long", 100}});
    CHECK(customer_rows(db) == 1);
}

TEST_CASE("a customer code already used by a live customer is a duplicate, ignoring case") {
    Db db = crm::test::fresh_crm_db();
    saved(db, company("First", "C001"));
    for (const char* code : {"C001", "c001", " c001 "}) {
        INFO(std::string(code));
        Customer second = company("Second", code);
        CHECK(problems_of(save_customer(db, second, "sales1")) == Problems{{"code", "duplicate", 0}});
        second.code = trim(second.code);
        CHECK(validate(second, db) == Problems{{"code", "duplicate", 0}});  // found before the unique index
    }
    CHECK(customer_rows(db) == 1);
}

TEST_CASE("updating a customer to another live customer's code is a duplicate") {
    Db db = crm::test::fresh_crm_db();
    saved(db, company("First", "C001"));
    Customer second = saved(db, company("Second", "C002"));
    second.code = "c001";
    CHECK(problems_of(save_customer(db, second, "sales1")) == Problems{{"code", "duplicate", 0}});
    CHECK(find_customer(db, second.id)->code == "C002");
}

TEST_CASE("a customer keeps its own code when it is saved again") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = saved(db, company("First", "C001"));
    customer.code = "c001";  // only the case changes
    REQUIRE_OK(save_customer(db, customer, "sales1"));
    CHECK(find_customer(db, customer.id)->code == "c001");
}

TEST_CASE("customers without a code never collide") {
    Db db = crm::test::fresh_crm_db();
    saved(db, company("A"));
    saved(db, company("B"));
    saved(db, company("C"));
    CHECK(count_customers(db) == 3);
}

TEST_CASE("a deleted customer's code can be reused") {
    Db db = crm::test::fresh_crm_db();
    Customer old = saved(db, company("Old", "C001"));
    REQUIRE_OK(delete_customer(db, old.id, "sales1"));
    Customer reused = saved(db, company("New", "c001"));
    CHECK(reused.code == "c001");
    CHECK(count_customers(db) == 1);
    CHECK(customer_rows(db) == 2);
}

TEST_CASE("the database refuses a second live customer with the same code even without validation") {
    Db db = crm::test::fresh_crm_db();
    saved(db, company("First", "C001"));
    Status status = db.exec(
        "INSERT INTO customers (id, kind, name, code, created_at, updated_at) VALUES ('x', 'company', 'Raw', 'c001', "
        "'t', 't')");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message.find("UNIQUE") != std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] Updating and deleting
//-----------------------------------------------------------------------------

TEST_CASE("updating a customer keeps its id and created_at and records the new author") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = saved(db, company("Old name", "C001"), "sales1");
    // Age the stored times so that a change is visible within one millisecond.
    Stmt age = db.prepare("UPDATE customers SET created_at = ?2, updated_at = ?2 WHERE id = ?1");
    age.bind_all(customer.id, "2020-01-01T00:00:00.000Z");
    REQUIRE_OK(age.run());

    const std::string id = customer.id;
    customer.name = "New name";
    customer.created_at = "1999-09-09T00:00:00.000Z";  // not the caller's to change
    REQUIRE_OK(save_customer(db, customer, "manager"));

    CHECK(customer.id == id);
    CHECK(customer.created_at == "2020-01-01T00:00:00.000Z");
    std::optional<Customer> stored = find_customer(db, id);
    REQUIRE(stored.has_value());
    CHECK(stored->name == "New name");
    CHECK(stored->created_at == "2020-01-01T00:00:00.000Z");
    CHECK(stored->updated_at > "2020-01-01T00:00:00.000Z");
    CHECK(stored->updated_by == "manager");
    CHECK(stored->owner_id == "sales1");
    CHECK(customer_rows(db) == 1);
}

TEST_CASE("updating a customer with an emptied owner_id keeps the stored owner") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("Acme");
    customer.owner_id = "agent1";
    customer = saved(db, customer, "sales1");
    for (const char* blank : {"", "  "}) {
        INFO("\"" << std::string(blank) << "\"");
        customer.owner_id = blank;
        REQUIRE_OK(save_customer(db, customer, "manager"));
        CHECK(customer.owner_id == "agent1");
        CHECK(find_customer(db, customer.id)->owner_id == "agent1");
    }
}

TEST_CASE("updating a customer with another owner_id hands it to that owner") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = saved(db, company("Acme"), "sales1");
    customer.owner_id = "agent2";
    REQUIRE_OK(save_customer(db, customer, "manager"));
    CHECK(find_customer(db, customer.id)->owner_id == "agent2");
    CHECK(find_customer(db, customer.id)->updated_by == "manager");
}

TEST_CASE("updating an unknown customer is not_found and writes nothing") {
    Db db = crm::test::fresh_crm_db();
    Customer ghost = company("Ghost");
    ghost.id = new_id();
    Status status = save_customer(db, ghost, "sales1");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "not_found");
    CHECK(customer_rows(db) == 0);
}

TEST_CASE("updating a deleted customer is not_found") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = saved(db, company("Gone"));
    REQUIRE_OK(delete_customer(db, customer.id, "sales1"));
    customer.name = "Back again";
    Status status = save_customer(db, customer, "sales1");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "not_found");
    CHECK(crm::test::scalar_text(db, "SELECT name FROM customers WHERE id = ?1", customer.id) == "Gone");
}

TEST_CASE("deleting a customer tombstones it and its contacts, and leaves other customers' contacts") {
    Db db = crm::test::fresh_crm_db();
    Customer doomed = saved(db, company("Doomed", "C001"));
    Customer other = saved(db, company("Other", "C002"));
    for (const char* name : {"张伟", "李娜"}) {
        Contact contact;
        contact.customer_id = doomed.id;
        contact.name = name;
        REQUIRE_OK(save_contact(db, contact, "sales1"));
    }
    Contact kept;
    kept.customer_id = other.id;
    kept.name = "王芳";
    REQUIRE_OK(save_contact(db, kept, "sales1"));

    REQUIRE_OK(delete_customer(db, doomed.id, "manager"));

    CHECK_FALSE(find_customer(db, doomed.id).has_value());
    CHECK(count_customers(db) == 1);
    // Tombstones: the rows stay, marked deleted, for sync to pass on.
    CHECK(customer_rows(db) == 2);
    CHECK(crm::test::scalar_text(db, "SELECT deleted || ' ' || updated_by FROM customers WHERE id = ?1", doomed.id) ==
          "1 manager");
    CHECK(crm::test::scalar_text(db, "SELECT group_concat(deleted || updated_by) FROM contacts WHERE customer_id = ?1",
                                 doomed.id) == "1manager,1manager");
    CHECK(contacts_of(db, doomed.id).empty());
    CHECK(contacts_of(db, other.id).size() == 1);
}

TEST_CASE("deleting an unknown or already deleted customer is not_found") {
    Db db = crm::test::fresh_crm_db();
    Status unknown = delete_customer(db, new_id(), "sales1");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "not_found");

    Customer customer = saved(db, company("Once"));
    REQUIRE_OK(delete_customer(db, customer.id, "sales1"));
    Status again = delete_customer(db, customer.id, "sales1");
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "not_found");
}

TEST_CASE("saving a customer with nothing changed writes nothing: the stored times and author stay") {
    Db db = fresh_crm_db();
    Customer customer;
    customer.name = "Unchanged Ltd";
    REQUIRE_OK(save_customer(db, customer, "sales1"));
    REQUIRE_OK(db.exec("UPDATE customers SET updated_at = '2020-01-01T00:00:00.000Z'"));
    Customer again = *find_customer(db, customer.id);
    again.name = "  Unchanged Ltd ";  // trimmed to the stored value
    REQUIRE_OK(save_customer(db, again, "sales2"));
    CHECK(again.updated_by == "sales1");
    CHECK(scalar_text(db, "SELECT updated_at FROM customers WHERE id = ?1", customer.id) == "2020-01-01T00:00:00.000Z");

    again.city = "Xi'an";
    REQUIRE_OK(save_customer(db, again, "sales2"));
    CHECK(scalar_text(db, "SELECT updated_by FROM customers WHERE id = ?1", customer.id) == "sales2");
}

TEST_CASE("a save inside a caller's transaction goes with that transaction's rollback") {
    Db db = crm::test::fresh_crm_db();
    {
        Tx outer(db);
        Customer customer = crm::test::company("甲公司", "A1");
        REQUIRE_OK(save_customer(db, customer, "sales1"));
        Customer clash = crm::test::company("乙公司", "A1");
        CHECK(save_customer(db, clash, "sales1").error().fields == Problems{{"code", "duplicate", 0}});
        CHECK(customer_rows(db) == 1);
    }
    CHECK(customer_rows(db) == 0);
}

TEST_CASE("one CustomerWriter saving many records sees its own writes: a repeated code is a duplicate") {
    Db db = fresh_crm_db();
    CustomerWriter writer(db);
    Customer first = company("甲公司", "A1");
    REQUIRE_OK(writer.save(first, "sales1"));
    Customer second = company("乙公司", "a1");
    CHECK(writer.save(second, "sales1").error().fields == Problems{{"code", "duplicate", 0}});
    first.city = "杭州";
    REQUIRE_OK(writer.save(first, "sales1"));
    CHECK(writer.find(first.id)->city == "杭州");
    CHECK(writer.validate(second) == Problems{{"code", "duplicate", 0}});
    CHECK(customer_rows(db) == 1);
}
