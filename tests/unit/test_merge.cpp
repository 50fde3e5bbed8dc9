// Tests for domain/merge: two records of one customer become one, all or nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/merge.hpp"
#include "support.hpp"
#include "sync/tables.hpp"

using namespace crm;
using crm::test::scalar;
using crm::test::scalar_text;

namespace {

struct Fixture {
    Db db = test::fresh_crm_db();
    std::string survivor = add("Acme Co Ltd", "C001", "", "Old survivor notes");
    std::string merged = add("ACME Co., Ltd", "C002", "Ningbo", "Met at the fair");

    std::string add(const std::string& name, const std::string& code, const std::string& city,
                    const std::string& notes) {
        Customer c;
        c.name = name;
        c.code = code;
        c.city = city;
        c.notes = notes;
        c.phone = "0571-8888 0101";
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }

    std::string contact(const std::string& customer_id, const std::string& name, bool primary) {
        Contact c;
        c.customer_id = customer_id;
        c.name = name;
        c.is_primary = primary;
        REQUIRE_OK(save_contact(db, c, "sales1"));
        return c.id;
    }

    int64_t live_contacts_of(const std::string& id) {
        Stmt stmt = db.prepare("SELECT count(*) FROM contacts WHERE customer_id = ?1 AND deleted = 0");
        stmt.bind(1, id);
        REQUIRE(stmt.step().value_or(false));
        return stmt.int64(0);
    }
};

const MergeField* difference(const MergePreview& preview, const std::string& field) {
    auto it = std::find_if(preview.differences.begin(), preview.differences.end(),
                           [&](const MergeField& f) { return f.field == field; });
    return it == preview.differences.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("every synced table hanging off customers is a child of the merge, with the column naming the customer") {
    std::vector<const sync::TableSpec*> children = customer_child_tables();
    for (const sync::TableSpec& table : sync::tables()) {
        const bool is_child = std::find(children.begin(), children.end(), &table) != children.end();
        CAPTURE(table.name);
        CHECK(is_child == (table.parent_table == "customers"));
    }
    REQUIRE(!children.empty());
    CHECK(children.front()->name == "contacts");
    CHECK(children.front()->parent_column == "customer_id");
}

TEST_CASE("the preview counts what moves and lists the fields that differ, suggesting the survivor's value unless empty") {
    Fixture f;
    f.contact(f.merged, "Alice", true);
    f.contact(f.merged, "Bob", false);
    Result<MergePreview> preview = preview_merge(f.db, f.survivor, f.merged);
    REQUIRE_OK(preview);
    const MergePreview& p = preview.value();
    CHECK(p.survivor.id == f.survivor);
    CHECK(p.merged.id == f.merged);
    REQUIRE(!p.moves.empty());
    CHECK(p.moves.front().table == "contacts");
    CHECK(p.moves.front().count == 2);

    const MergeField* name = difference(p, "name");
    REQUIRE(name);
    CHECK(name->survivor_value == "Acme Co Ltd");
    CHECK(name->merged_value == "ACME Co., Ltd");
    CHECK_FALSE(name->take_merged);
    const MergeField* city = difference(p, "city");
    REQUIRE(city);
    CHECK(city->take_merged);  // the survivor has none
    CHECK(difference(p, "phone") == nullptr);  // equal
    CHECK(difference(p, "notes") == nullptr);  // joined, not chosen
}

TEST_CASE("merging moves every contact, takes the chosen fields, joins the notes and tombstones the merged customer") {
    Fixture f;
    const std::string kept_primary = f.contact(f.survivor, "Carol", true);
    const std::string alice = f.contact(f.merged, "Alice", true);
    f.contact(f.merged, "Bob", false);
    MergeChoices choices;
    choices.fields_from_merged = {"city", "code"};
    choices.note = "Merged with ACME Co., Ltd (C002) on 2026-12-02.";
    REQUIRE_OK(merge_customers(f.db, f.survivor, f.merged, choices, "manager"));

    CHECK(f.live_contacts_of(f.survivor) == 3);
    CHECK(f.live_contacts_of(f.merged) == 0);
    CHECK(scalar_text(f.db, "SELECT updated_by FROM contacts WHERE id = ?1", alice) == "manager");
    // One primary contact: the survivor's own.
    CHECK(scalar(f.db, "SELECT count(*) FROM contacts WHERE is_primary = 1 AND deleted = 0") == 1);
    CHECK(scalar_text(f.db, "SELECT is_primary FROM contacts WHERE id = ?1", kept_primary) == "1");

    CHECK(scalar_text(f.db, "SELECT deleted FROM customers WHERE id = ?1", f.merged) == "1");
    std::optional<Customer> survivor = find_customer(f.db, f.survivor);
    REQUIRE(survivor);
    CHECK(survivor->name == "Acme Co Ltd");
    CHECK(survivor->city == "Ningbo");
    CHECK(survivor->code == "C002");  // free once the merged customer is gone
    CHECK(survivor->notes == "Old survivor notes\nMet at the fair\nMerged with ACME Co., Ltd (C002) on 2026-12-02.");
    CHECK(survivor->updated_by == "manager");
}

TEST_CASE("without a note from the UI the merge writes its own line into the survivor's notes") {
    Fixture f;
    REQUIRE_OK(merge_customers(f.db, f.survivor, f.merged, {}, "sales1"));
    const std::string notes = find_customer(f.db, f.survivor)->notes;
    CHECK(notes.find("Merged with ACME Co., Ltd (C002) on ") != std::string::npos);
}

TEST_CASE("a merge that fails at any step changes nothing: no contact moves and both customers stay") {
    Fixture f;
    f.contact(f.merged, "Alice", false);
    const std::string before = scalar_text(f.db, "SELECT updated_at FROM customers WHERE id = ?1", f.survivor);
    // The last step (saving the survivor) fails: a field too long for it.
    REQUIRE_OK(f.db.exec("UPDATE customers SET city = printf('%.31c', 'x') WHERE id = '" + f.merged + "'"));
    MergeChoices choices;
    choices.fields_from_merged = {"city"};
    Status status = merge_customers(f.db, f.survivor, f.merged, choices, "sales1");
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    CHECK(f.live_contacts_of(f.merged) == 1);
    CHECK(f.live_contacts_of(f.survivor) == 0);
    CHECK(scalar_text(f.db, "SELECT deleted FROM customers WHERE id = ?1", f.merged) == "0");
    CHECK(scalar_text(f.db, "SELECT updated_at FROM customers WHERE id = ?1", f.survivor) == before);

    // A write that the database refuses half-way (the tombstone) undoes the moves before it.
    REQUIRE_OK(f.db.exec("CREATE TEMP TRIGGER refuse BEFORE UPDATE OF deleted ON customers "
                         "BEGIN SELECT RAISE(ABORT, 'refused'); END"));
    REQUIRE_FALSE(merge_customers(f.db, f.survivor, f.merged, {}, "sales1").ok());
    CHECK(f.live_contacts_of(f.merged) == 1);
    CHECK(scalar_text(f.db, "SELECT deleted FROM customers WHERE id = ?1", f.merged) == "0");
}

TEST_CASE("a customer is not merged with itself, with a deleted one, or with an unknown field chosen") {
    Fixture f;
    CHECK(merge_customers(f.db, f.survivor, f.survivor, {}, "sales1").error().code == "same_customer");
    CHECK(preview_merge(f.db, f.survivor, "no-such-id").error().code == "not_found");
    MergeChoices choices;
    choices.fields_from_merged = {"created_at"};
    CHECK(merge_customers(f.db, f.survivor, f.merged, choices, "sales1").error().code == "unknown_field");
    REQUIRE_OK(delete_customer(f.db, f.merged, "sales1"));
    CHECK(merge_customers(f.db, f.survivor, f.merged, {}, "sales1").error().code == "not_found");
}
