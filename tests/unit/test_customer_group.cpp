// Tests for domain/customer_group: a group's name, a customer in a group once, the list's
// group filter, a deleted group counting for nothing, and a merge keeping one membership.
#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "domain/customer_group.hpp"
#include "domain/merge.hpp"
#include "domain/saved_filter.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

struct Fixture {
    Db db = test::fresh_crm_db();
    std::string tea = add("Hangzhou Tea Co.");
    std::string silk = add("Suzhou Silk Ltd.");

    std::string add(const std::string& name) {
        Customer c;
        c.name = name;
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }

    std::string group(const std::string& name) {
        CustomerGroup g;
        g.name = name;
        REQUIRE_OK(save_group(db, g, "manager"));
        return g.id;
    }

    std::vector<std::string> names_in(const std::string& group_id) {
        CustomerQuery query;
        query.filter.group_id = group_id;
        std::vector<std::string> names;
        for (int64_t rowid : find_customer_rowids(db, query)) {
            Stmt stmt = db.prepare("SELECT name FROM customers WHERE rowid = ?1");
            stmt.bind(1, rowid);
            REQUIRE(stmt.step().value_or(false));
            names.push_back(stmt.text(0));
        }
        return names;
    }
};

std::string first_problem(const Error& error) {
    REQUIRE(!error.fields.empty());
    return error.fields[0].field + ":" + error.fields[0].code;
}

std::string first_problem(const Status& status) {
    REQUIRE(!status);
    return first_problem(status.error());
}

}  // namespace

TEST_CASE("a group has a name, unique among live groups whatever its case and spaces") {
    Fixture f;
    CustomerGroup blank;
    blank.name = "   ";
    CHECK(first_problem(save_group(f.db, blank, "manager")) == "name:required");
    CustomerGroup long_name;
    long_name.name = std::string(61, 'x');
    CHECK(first_problem(save_group(f.db, long_name, "manager")) == "name:too_long");

    const std::string key = f.group(" Key accounts 重点客户 ");
    CHECK(find_group(f.db, key)->name == "Key accounts 重点客户");  // trimmed
    CHECK(find_group(f.db, key)->owner_id == "manager");
    CustomerGroup again;
    again.name = "KEY ACCOUNTS 重点客户";
    CHECK(first_problem(save_group(f.db, again, "sales1")) == "name:duplicate");

    CustomerGroup renamed = *find_group(f.db, key);
    renamed.name = "Key accounts 2027";
    renamed.description = "Reviewed monthly";
    REQUIRE_OK(save_group(f.db, renamed, "manager"));  // renaming keeps its own name free
    CHECK(find_group(f.db, key)->description == "Reviewed monthly");

    REQUIRE_OK(remove_group(f.db, key, "manager"));
    CHECK(!find_group(f.db, key));
    again.name = "Key accounts 2027";  // a deleted group's name may be used again
    REQUIRE_OK(save_group(f.db, again, "manager"));
    CHECK(list_groups(f.db).size() == 1);
}

TEST_CASE("a customer is in any number of groups, each once, and the list filters by group") {
    Fixture f;
    const std::string key = f.group("Key accounts");
    const std::string show = f.group("Shanghai trade show");
    REQUIRE(add_to_group(f.db, f.tea, key, "sales1"));
    REQUIRE(add_to_group(f.db, f.tea, show, "sales1"));
    REQUIRE(add_to_group(f.db, f.silk, show, "sales1"));

    Result<std::string> twice = add_to_group(f.db, f.tea, key, "sales1");
    REQUIRE(!twice);
    CHECK(first_problem(twice.error()) == "group_id:already_member");
    CHECK(first_problem(add_to_group(f.db, f.tea, "no-such-group", "sales1").error()) == "group_id:not_found");
    CHECK(first_problem(add_to_group(f.db, "no-such-customer", key, "sales1").error()) == "customer_id:not_found");

    const std::vector<CustomerGroupEntry> tea_groups = groups_of(f.db, f.tea);
    REQUIRE(tea_groups.size() == 2);
    CHECK(tea_groups[0].group.name == "Key accounts");  // by name
    CHECK(tea_groups[1].group.name == "Shanghai trade show");
    CHECK(f.names_in(key) == std::vector<std::string>{"Hangzhou Tea Co."});
    CHECK(f.names_in(show) == std::vector<std::string>{"Hangzhou Tea Co.", "Suzhou Silk Ltd."});

    const std::vector<GroupSummary> groups = list_groups(f.db);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].members == 1);
    CHECK(groups[1].members == 2);

    // Taken out, then back in: a new membership, and the old one stays a tombstone.
    REQUIRE_OK(remove_from_group(f.db, tea_groups[1].membership_id, "sales1"));
    CHECK(f.names_in(show) == std::vector<std::string>{"Suzhou Silk Ltd."});
    REQUIRE(add_to_group(f.db, f.tea, show, "sales1"));
    CHECK(f.names_in(show).size() == 2);

    // A deleted customer leaves the counts; a deleted group leaves the customer's groups.
    REQUIRE_OK(delete_customer(f.db, f.silk, "sales1"));
    CHECK(list_groups(f.db)[1].members == 1);
    REQUIRE_OK(remove_group(f.db, key, "manager"));
    CHECK(groups_of(f.db, f.tea).size() == 1);
    CHECK(first_problem(add_to_group(f.db, f.silk, show, "sales1").error()) == "customer_id:not_found");
}

TEST_CASE("a saved filter keeps its group") {
    CustomerQuery query;
    query.filter.group_id = "g-123";
    std::optional<CustomerQuery> read = query_from_json(query_to_json(query), CustomerQuery{});
    REQUIRE(read);
    CHECK(read->filter.group_id == "g-123");
}

TEST_CASE("merging two customers in the same group leaves the survivor in it once, and in the other's groups") {
    Fixture f;
    const std::string key = f.group("Key accounts");
    const std::string show = f.group("Shanghai trade show");
    REQUIRE(add_to_group(f.db, f.tea, key, "sales1"));
    REQUIRE(add_to_group(f.db, f.silk, key, "sales1"));
    REQUIRE(add_to_group(f.db, f.silk, show, "sales1"));
    REQUIRE_OK(merge_customers(f.db, f.tea, f.silk, MergeChoices{}, "sales1"));
    const std::vector<CustomerGroupEntry> groups = groups_of(f.db, f.tea);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].group.id == key);
    CHECK(groups[1].group.id == show);
    CHECK(scalar(f.db, "SELECT count(*) FROM customer_group_members WHERE deleted = 0") == 2);
    CHECK(list_groups(f.db)[0].members == 1);
}

TEST_CASE("a selection goes into a group at once, those already in it counted, all or none") {
    Fixture f;
    const std::string key = f.group("Key accounts");
    const std::string gone = f.add("Gone Ltd.");
    REQUIRE_OK(delete_customer(f.db, gone, "sales1"));
    REQUIRE(add_to_group(f.db, f.tea, key, "sales1"));
    const std::vector<std::string> ids = {f.tea, f.silk, gone};
    Result<GroupBatchResult> result = add_many_to_group(f.db, ids, key, "sales1");
    REQUIRE(result);
    CHECK(result.value().added == 1);
    CHECK(result.value().already == 1);
    CHECK(result.value().gone == 1);
    CHECK(f.names_in(key).size() == 2);

    // Into a group that is gone: refused whole, nothing written.
    const std::string old = f.group("Old group");
    REQUIRE_OK(remove_group(f.db, old, "manager"));
    const int64_t before = scalar(f.db, "SELECT count(*) FROM customer_group_members");
    Result<GroupBatchResult> refused = add_many_to_group(f.db, ids, old, "sales1");
    REQUIRE(!refused);
    CHECK(first_problem(refused.error()) == "group_id:not_found");
    CHECK(scalar(f.db, "SELECT count(*) FROM customer_group_members") == before);
}
