// Tests for domain/customer_share: who a share names, what it gives, and a merge keeping one
// share per colleague.
#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "domain/customer_share.hpp"
#include "domain/merge.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

namespace {

struct Fixture {
    Db db = test::fresh_crm_db();
    std::string customer = add("Hangzhou Tea Co.");

    std::string add(const std::string& name) {
        Customer c;
        c.name = name;
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }

    Status share(const std::string& customer_id, const std::string& user, const std::string& team = {},
                 const char* access = "read") {
        CustomerShare s;
        s.customer_id = customer_id;
        s.user_id = user;
        s.team_id = team;
        s.access = access;
        return save_share(db, s, "sales1");
    }
};

std::string first_problem(const Status& status) {
    REQUIRE(!status);
    REQUIRE(!status.error().fields.empty());
    return status.error().fields[0].field + ":" + status.error().fields[0].code;
}

}  // namespace

TEST_CASE("a share names exactly one user or team, on a live customer, with read or edit access") {
    Fixture f;
    CHECK(first_problem(f.share(f.customer, "")) == "user_id:required");
    CHECK(first_problem(f.share(f.customer, "agent1", "agents")) == "team_id:invalid_choice");
    CHECK(first_problem(f.share(f.customer, "agent1", "", "write")) == "access:invalid_choice");
    CHECK(first_problem(f.share("no-such-customer", "agent1")) == "customer_id:not_found");
    CHECK(first_problem(f.share(f.customer, std::string(65, 'a'))) == "user_id:too_long");
    REQUIRE_OK(f.share(f.customer, "agent1"));
    REQUIRE_OK(f.share(f.customer, "", "agents", "edit"));
    CHECK(first_problem(f.share(f.customer, " agent1 ")) == "user_id:already_shared");
    CHECK(first_problem(f.share(f.customer, "", "agents")) == "team_id:already_shared");
    CHECK(shares_of(f.db, f.customer).size() == 2);
    CHECK(shares_of(f.db, f.customer)[0].user_id == "agent1");  // users first, then teams
    REQUIRE_OK(delete_customer(f.db, f.customer, "sales1"));
    CHECK(first_problem(f.share(f.customer, "agent2")) == "customer_id:not_found");
}

TEST_CASE("what a share gives: directly or through a team, the most of the two, and nothing once ended") {
    Fixture f;
    CHECK(shared_access(f.db, f.customer, "agent1", "agents") == ShareAccess::none);
    REQUIRE_OK(f.share(f.customer, "agent1"));
    CHECK(shared_access(f.db, f.customer, "agent1", "agents") == ShareAccess::read);
    CHECK(shared_access(f.db, f.customer, "agent2", "agents") == ShareAccess::none);
    CHECK(shared_access(f.db, f.customer, "agent2", "") == ShareAccess::none);
    REQUIRE_OK(f.share(f.customer, "", "agents", "edit"));
    CHECK(shared_access(f.db, f.customer, "agent1", "agents") == ShareAccess::edit);
    CHECK(shared_access(f.db, f.customer, "agent2", "agents") == ShareAccess::edit);
    CHECK(shared_access(f.db, f.customer, "agent1", "") == ShareAccess::read);  // left the team

    CustomerShare mine = shares_of(f.db, f.customer)[0];
    mine.access = "edit";
    mine.user_id = "someone-else";  // only the access changes
    REQUIRE_OK(save_share(f.db, mine, "sales1"));
    CHECK(find_share(f.db, mine.id)->user_id == "agent1");
    CHECK(find_share(f.db, mine.id)->access == "edit");

    for (const CustomerShare& s : shares_of(f.db, f.customer)) REQUIRE_OK(remove_share(f.db, s.id, "sales1"));
    CHECK(shared_access(f.db, f.customer, "agent1", "agents") == ShareAccess::none);
    CHECK(shares_of(f.db, f.customer).empty());
}

TEST_CASE("merging two customers shared with the same colleague leaves one share on the survivor") {
    Fixture f;
    const std::string other = f.add("Hangzhou Tea Company");
    REQUIRE_OK(f.share(f.customer, "agent1"));
    REQUIRE_OK(f.share(other, "agent1", "", "edit"));
    REQUIRE_OK(f.share(other, "agent2"));
    REQUIRE_OK(merge_customers(f.db, f.customer, other, MergeChoices{}, "sales1"));
    const std::vector<CustomerShare> shares = shares_of(f.db, f.customer);
    REQUIRE(shares.size() == 2);
    CHECK(shares[0].user_id == "agent1");
    CHECK(shares[0].access == "read");  // the survivor's own share
    CHECK(shares[1].user_id == "agent2");
    CHECK(scalar(f.db, "SELECT count(*) FROM customer_shares WHERE deleted = 0") == 2);
}

TEST_CASE("merging drops the merged customer's share with the survivor's owner") {
    Fixture f;
    Customer other;
    other.name = "Hangzhou Tea Company";
    other.owner_id = "sales2";
    REQUIRE_OK(save_customer(f.db, other, "sales2"));
    CustomerShare with_owner;
    with_owner.customer_id = other.id;
    with_owner.user_id = "sales1";  // the survivor's owner
    REQUIRE_OK(save_share(f.db, with_owner, "sales2"));
    REQUIRE_OK(f.share(other.id, "agent1"));
    REQUIRE_OK(merge_customers(f.db, f.customer, other.id, MergeChoices{}, "sales1"));
    const std::vector<CustomerShare> shares = shares_of(f.db, f.customer);
    REQUIRE(shares.size() == 1);
    CHECK(shares[0].user_id == "agent1");
}
