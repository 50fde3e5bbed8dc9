// Tests for domain/customer: validation, saving, deleting, searching and sorting customers.
//
// [SECTION] Saving new customers
// [SECTION] Validation and duplicates
// [SECTION] Updating and deleting
// [SECTION] Search, sort and rows
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/id.hpp"
#include "core/text.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

Customer company(std::string name, std::string code = "") {
    Customer c;
    c.kind = "company";
    c.name = std::move(name);
    c.code = std::move(code);
    c.type = "enterprise";
    c.level = "B";
    c.industry = "Software";
    c.province = "北京";
    c.city = "北京";
    c.address = "北京市朝阳区建国路 88 号";
    c.phone = "010-6552 8888";
    c.email = "info@huaxin.cn";
    return c;
}

Customer saved(Db& db, Customer customer, std::string_view actor = "sales1") {
    REQUIRE_OK(save_customer(db, customer, actor));
    return customer;
}

int64_t customer_rows(Db& db) { return scalar(db, "SELECT count(*) FROM customers"); }

Problems problems_of(const Status& status) {
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    return status.error().fields;
}

// The names of the customers a query finds, in its order.
std::vector<std::string> names(Db& db, const CustomerQuery& query) {
    CustomerRows rows(db);
    std::vector<std::string> out;
    for (int64_t rowid : find_customer_rowids(db, query)) {
        std::optional<CustomerRow> row = rows.load(rowid);
        REQUIRE(row.has_value());
        out.push_back(row->name);
    }
    return out;
}

std::vector<std::string> search(Db& db, std::string text) {
    CustomerQuery query;
    query.search = std::move(text);
    return names(db, query);
}

using Names = std::vector<std::string>;

// The query plan of the statement find_customer_rowids runs, one line per step of the plan.
std::string plan_of_find_customer_rowids(Db& db, const CustomerQuery& query) {
    std::string sql;
    auto remember_sql = [](unsigned, void* context, void* statement, void*) -> int {
        *static_cast<std::string*>(context) = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
        return 0;
    };
    sqlite3_trace_v2(db.handle(), SQLITE_TRACE_STMT, remember_sql, &sql);
    find_customer_rowids(db, query);
    sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
    REQUIRE_FALSE(sql.empty());
    Stmt plan = db.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string details;
    while (plan.step().value()) details += plan.text(3) + "\n";
    return details;
}

}  // namespace

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

//-----------------------------------------------------------------------------
// [SECTION] Search, sort and rows
//-----------------------------------------------------------------------------

namespace {

// Five customers that differ in every searchable and sortable column.
Db searchable_db() {
    Db db = crm::test::fresh_crm_db();
    auto add = [&](const char* name, const char* code, const char* city, const char* phone, const char* email,
                   const char* kind, const char* type, const char* level, const char* owner) {
        Customer c = company(name, code);
        c.city = city;
        c.phone = phone;
        c.email = email;
        c.kind = kind;
        c.type = type;
        c.level = level;
        c.owner_id = owner;
        saved(db, c);
    };
    add("Acme Trading", "ZX-100", "Shanghai", "021-5555 0000", "sales@acme.com", "company", "distributor", "B",
        "sales2");
    add("beta Labs", "zx-200", "beijing", "010-1234 5678", "hello@northwind.com", "company", "enterprise", "A",
        "agent1");
    add("华信科技有限公司", "HX-1", "杭州", "0571-8888 6666", "info@huaxin.cn", "company", "public_institution", "C",
        "sales1");
    add("张伟", "", "Chengdu", "13812345678", "zhangwei@example.com", "person", "consumer", "D", "agent2");
    add("Delta Foods", "DF-9", "Xiamen", "0592-1111 2222", "orders@deltafoods.com", "company", "enterprise", "A",
        "sales1");
    return db;
}

}  // namespace

TEST_CASE("an empty search finds every live customer, sorted by name by default") {
    Db db = searchable_db();
    CHECK(search(db, "") == Names{"Acme Trading", "beta Labs", "Delta Foods", "华信科技有限公司", "张伟"});
    CHECK(search(db, "   ") == search(db, ""));
}

TEST_CASE("the search matches name, code, phone, email and city, ignoring ASCII case") {
    Db db = searchable_db();
    CHECK(search(db, "acme") == Names{"Acme Trading"});               // name
    CHECK(search(db, "ZX-2") == Names{"beta Labs"});                  // code, other case
    CHECK(search(db, "zx") == Names{"Acme Trading", "beta Labs"});    // code prefix
    CHECK(search(db, "5555") == Names{"Acme Trading"});               // phone
    CHECK(search(db, "northwind") == Names{"beta Labs"});             // email
    CHECK(search(db, "杭州") == Names{"华信科技有限公司"});           // city
    CHECK(search(db, "XIAMEN") == Names{"Delta Foods"});              // city, other case
    CHECK(search(db, "科技") == Names{"华信科技有限公司"});           // inside a Chinese name
    CHECK(search(db, "  acme  ") == Names{"Acme Trading"});           // the search text is trimmed
    CHECK(search(db, "nothing like this").empty());
}

TEST_CASE("the search does not look at other columns") {
    Db db = searchable_db();
    CHECK(search(db, "distributor").empty());  // type
    CHECK(search(db, "agent1").empty());       // owner
    CHECK(search(db, "Software").empty());     // industry
}

TEST_CASE("deleted customers are neither found nor counted") {
    Db db = searchable_db();
    CHECK(count_customers(db) == 5);
    std::vector<int64_t> rowids = find_customer_rowids(db, {});
    std::string acme_id = crm::test::scalar_text(db, "SELECT id FROM customers WHERE name = ?1", "Acme Trading");
    REQUIRE_OK(delete_customer(db, acme_id, "sales1"));
    CHECK(count_customers(db) == 4);
    CHECK(search(db, "acme trading").empty());
    CHECK(find_customer_rowids(db, {}).size() == rowids.size() - 1);
}

TEST_CASE("LIKE wildcards in the search are matched literally") {
    Db db = crm::test::fresh_crm_db();
    for (const char* name : {"100% Cotton", "1000 Cotton", "A_B Ltd", "AXB Ltd", "Back\\slash Co", "Backslash Co"})
        saved(db, company(name));
    CHECK(search(db, "100%") == Names{"100% Cotton"});
    CHECK(search(db, "%") == Names{"100% Cotton"});
    CHECK(search(db, "A_B") == Names{"A_B Ltd"});
    CHECK(search(db, "_") == Names{"A_B Ltd"});
    CHECK(search(db, "\\") == Names{"Back\\slash Co"});
    CHECK(search(db, "k\\s") == Names{"Back\\slash Co"});
}

TEST_CASE("sorting by name ignores case, ascending and descending") {
    Db db = searchable_db();
    CustomerQuery query;
    query.sort = {{CustomerColumn::name, false}};
    CHECK(names(db, query) == Names{"Acme Trading", "beta Labs", "Delta Foods", "华信科技有限公司", "张伟"});
    query.sort = {{CustomerColumn::name, true}};
    CHECK(names(db, query) == Names{"张伟", "华信科技有限公司", "Delta Foods", "beta Labs", "Acme Trading"});
}

TEST_CASE("sorting by several keys applies them in order, each in its own direction") {
    Db db = searchable_db();
    CustomerQuery query;
    query.sort = {{CustomerColumn::level, false}, {CustomerColumn::name, true}};
    CHECK(names(db, query) == Names{"Delta Foods", "beta Labs", "Acme Trading", "华信科技有限公司", "张伟"});
    query.sort = {{CustomerColumn::type, true}, {CustomerColumn::code, false}};
    CHECK(names(db, query) == Names{"华信科技有限公司", "Delta Foods", "beta Labs", "Acme Trading", "张伟"});
}

TEST_CASE("customers that tie on every sort key keep the order they were added in") {
    Db db = crm::test::fresh_crm_db();
    Customer first = saved(db, company("Same"));
    Customer second = saved(db, company("same"));
    CustomerQuery query;
    query.sort = {{CustomerColumn::name, true}};
    std::vector<int64_t> rowids = find_customer_rowids(db, query);
    CustomerRows rows(db);
    REQUIRE(rowids.size() == 2);
    CHECK(rows.load(rowids[0])->id == first.id);
    CHECK(rows.load(rowids[1])->id == second.id);
}

TEST_CASE("every sortable column sorts its values, ascending and descending") {
    Db db = searchable_db();
    // Distinct update times, in an order unrelated to the names.
    REQUIRE_OK(db.exec("UPDATE customers SET updated_at = '2026-0' || (length(name) % 7) || '-01T00:00:00.000Z'"));
    struct Column {
        CustomerColumn column;
        std::string (*value)(const CustomerRow&);
        bool ignore_case;
    };
    const Column columns[] = {
        {CustomerColumn::code, [](const CustomerRow& r) { return r.code; }, true},
        {CustomerColumn::name, [](const CustomerRow& r) { return r.name; }, true},
        {CustomerColumn::kind, [](const CustomerRow& r) { return r.kind; }, false},
        {CustomerColumn::type, [](const CustomerRow& r) { return r.type; }, false},
        {CustomerColumn::level, [](const CustomerRow& r) { return r.level; }, false},
        {CustomerColumn::city, [](const CustomerRow& r) { return r.city; }, true},
        {CustomerColumn::phone, [](const CustomerRow& r) { return r.phone; }, false},
        {CustomerColumn::email, [](const CustomerRow& r) { return r.email; }, true},
        {CustomerColumn::owner, [](const CustomerRow& r) { return r.owner_id; }, false},
        {CustomerColumn::updated, [](const CustomerRow& r) { return r.updated_at; }, false},
    };
    CustomerRows rows(db);
    for (const Column& column : columns) {
        for (bool descending : {false, true}) {
            CustomerQuery query;
            query.sort = {{column.column, descending}};
            std::vector<std::string> values;
            for (int64_t rowid : find_customer_rowids(db, query)) {
                std::string value = column.value(*rows.load(rowid));
                values.push_back(column.ignore_case ? ascii_lower(value) : value);
            }
            INFO("column " << static_cast<int>(column.column)
                           << std::string(descending ? " descending" : " ascending"));
            REQUIRE(values.size() == 5);
            for (size_t i = 1; i < values.size(); ++i) {
                INFO(values[i - 1] << " then " << values[i]);
                CHECK((descending ? values[i - 1] >= values[i] : values[i - 1] <= values[i]));
            }
            CHECK(values.front() != values.back());  // the column really varies
        }
    }
}

TEST_CASE("a search and a sort combine") {
    Db db = searchable_db();
    CustomerQuery query;
    query.search = ".com";
    query.sort = {{CustomerColumn::email, true}};
    CHECK(names(db, query) == Names{"张伟", "Acme Trading", "Delta Foods", "beta Labs"});
}

TEST_CASE("CustomerRows::load gives the slim row of a rowid, and nothing for an unknown rowid") {
    Db db = crm::test::fresh_crm_db();
    Customer customer = company("Acme Trading", "ZX-100");
    customer.owner_id = "agent1";
    customer = saved(db, customer);
    std::vector<int64_t> rowids = find_customer_rowids(db, {});
    REQUIRE(rowids.size() == 1);

    CustomerRows rows(db);
    std::optional<CustomerRow> row = rows.load(rowids[0]);
    REQUIRE(row.has_value());
    CHECK(row->rowid == rowids[0]);
    CHECK(row->id == customer.id);
    CHECK(row->code == "ZX-100");
    CHECK(row->name == "Acme Trading");
    CHECK(row->kind == "company");
    CHECK(row->type == "enterprise");
    CHECK(row->level == "B");
    CHECK(row->city == "北京");
    CHECK(row->phone == "010-6552 8888");
    CHECK(row->email == "info@huaxin.cn");
    CHECK(row->owner_id == "agent1");
    CHECK(row->updated_at == customer.updated_at);

    CHECK_FALSE(rows.load(rowids[0] + 1000).has_value());
}

TEST_CASE("CustomerRows::load leaves no statement running, so another connection can write the file") {
    // A statement left on its row holds a read lock on the file; in rollback-journal mode
    // another connection can then not commit.
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("crm-unit-rows-" + new_id() + ".sqlite");
    {
        Result<Db> db = open_crm_database(path.string());
        REQUIRE_OK(db);
        Customer customer = saved(db.value(), company("Acme"));
        CustomerRows rows(db.value());
        REQUIRE(rows.load(find_customer_rowids(db.value(), {}).at(0)).has_value());
        for (sqlite3_stmt* s = sqlite3_next_stmt(db.value().handle(), nullptr); s;
             s = sqlite3_next_stmt(db.value().handle(), s))
            CHECK(sqlite3_stmt_busy(s) == 0);

        Result<Db> other = Db::open(path.string());
        REQUIRE_OK(other);
        REQUIRE_OK(other.value().exec("PRAGMA busy_timeout = 0"));  // fail at once instead of waiting 5 s
        customer.name = "Acme Renamed";
        REQUIRE_OK(save_customer(other.value(), customer, "sales2"));
        CHECK(rows.load(find_customer_rowids(db.value(), {}).at(0))->name == "Acme Renamed");
    }
    std::filesystem::remove(path);
}

TEST_CASE("the default list order and the search are read from the name index, with no full sort") {
    Db db = searchable_db();
    for (const char* text : {"", "acme"}) {
        std::string plan = plan_of_find_customer_rowids(db, {text, {{CustomerColumn::name, false}}});
        const std::string context = std::string(text) + ": " + plan;
        INFO(context);
        // The index holds name and search_text, so the search is checked on the index entry and
        // the table row is never read (SQLite defers the seek until a column needs it).
        CHECK(plan.find("USING INDEX customers_name") != std::string::npos);
        // Only customers with the same name are put in rowid order; never the whole list.
        CHECK(plan.find("USE TEMP B-TREE FOR ORDER BY") == std::string::npos);
    }
}

TEST_CASE("one CustomerRows loads many rows in any order with its one statement") {
    Db db = searchable_db();
    std::vector<int64_t> rowids = find_customer_rowids(db, {});
    CustomerRows rows(db);
    std::vector<std::string> forward, backward;
    for (int64_t rowid : rowids) forward.push_back(rows.load(rowid)->name);
    for (auto it = rowids.rbegin(); it != rowids.rend(); ++it) backward.insert(backward.begin(), rows.load(*it)->name);
    CHECK(forward == backward);
    CHECK(forward == Names{"Acme Trading", "beta Labs", "Delta Foods", "华信科技有限公司", "张伟"});
    CHECK_FALSE(rows.load(-1).has_value());
    CHECK(rows.load(rowids[2])->name == "Delta Foods");  // usable after a miss
}

TEST_CASE("only a unique-index failure on save is reported as a duplicate code") {
    Db db = crm::test::fresh_crm_db();
    Customer first{};
    first.name = "Alpha";
    first.code = "X1";
    REQUIRE_OK(save_customer(db, first, "tester"));
    // A trigger stands in for a race: a second writer takes the code between validate() and the insert.
    REQUIRE_OK(db.exec("CREATE TEMP TRIGGER steal BEFORE INSERT ON customers WHEN NEW.code = 'X2' BEGIN "
                       "UPDATE customers SET code = 'X2' WHERE code = 'X1'; END"));
    Customer second{};
    second.name = "Beta";
    second.code = "X2";
    Status status = save_customer(db, second, "tester");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    REQUIRE(status.error().fields.size() == 1);
    CHECK(status.error().fields[0] == FieldError{"code", "duplicate", 0});
}

TEST_CASE("the search never matches across two fields, and follows edits") {
    Db db = searchable_db();
    // "Trading" ends the name and "ZX" starts the code: together they are no match.
    CHECK(search(db, "tradingzx") == Names{});
    CHECK(search(db, "trading zx") == Names{});
    std::vector<int64_t> rowids = find_customer_rowids(db, CustomerQuery{"acme", {}});
    REQUIRE(rowids.size() == 1);
    CustomerRows rows(db);
    Customer acme = *find_customer(db, rows.load(rowids[0])->id);
    acme.name = "Apex Trading";
    REQUIRE_OK(save_customer(db, acme, "tester"));
    CHECK(search(db, "acme trading").empty());
    CHECK(search(db, "apex") == Names{"Apex Trading"});
}
