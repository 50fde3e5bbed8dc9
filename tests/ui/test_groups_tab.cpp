// The customer 360 view's Groups tab (ui/screens/customer_groups_tab) and the list's group
// filter: a customer put in an existing group and in a new one named on the spot, a name used
// twice told next to its field, a customer taken out again, and the list showing a group's
// customers. Someone who may not edit the customer sees its groups and no form.
#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "domain/customer_group.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::scalar_text;
using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";

int64_t live_memberships(UiDriver& ui, const std::string& customer) {
    return std::stoll(scalar_text(
        ui.db(), "SELECT count(*) FROM customer_group_members WHERE customer_id = ?1 AND deleted = 0", customer));
}

}  // namespace

TEST_CASE("a customer goes into an existing group and a new one, and the list filters by group") {
    UiDriver ui;  // the sandbox, with the demo data's groups
    REQUIRE(scalar(ui.db(), "SELECT count(*) FROM customer_groups WHERE name = 'Key accounts 重点客户'") == 1);
    ui.click("New customer");
    ui.fill("Name", "Hangzhou Tea Co.", kForm);
    ui.click("Create customer", kForm);
    const std::string customer = scalar_text(ui.db(), "SELECT id FROM customers WHERE name = ?1", "Hangzhou Tea Co.");
    ui.click("Groups", kForm);
    CHECK(ui.find("Not in any group.", kForm, true).has_value());

    ui.click("Group", kForm);
    ui.click("Key accounts 重点客户", "##Combo");
    ui.click("Add to group", kForm);
    CHECK(live_memberships(ui, customer) == 1);
    CHECK(ui.find("Groups (1)", kForm).has_value());

    ui.fill("New group", "Spring fair 春季展会", kForm);
    ui.click("Create group and add", kForm);
    CHECK(ui.find("Groups (2)", kForm).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_groups WHERE name = 'Spring fair 春季展会' AND deleted = 0") == 1);
    CHECK(live_memberships(ui, customer) == 2);

    // The same name again, in another case: said next to the field, nothing written.
    ui.fill("New group", "SPRING FAIR 春季展会", kForm);
    ui.click("Create group and add", kForm);
    CHECK(ui.find("Already used by another record", kForm, true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_groups WHERE name LIKE 'spring fair%'") == 1);
    CHECK(live_memberships(ui, customer) == 2);

    ui.click("Take out of Key accounts 重点客户", kForm);
    CHECK(live_memberships(ui, customer) == 1);
    CHECK(ui.find("Groups (1)", kForm).has_value());

    // The list: only the new group's one customer.
    ui.click("Filters");
    ui.click("Group", "customer_filters");
    ui.click("Spring fair 春季展会 (1)", "##Combo");
    CHECK(ui.find("1 shown", {}, true).has_value());
    CHECK(ui.has("Filters (1)"));
}

TEST_CASE("who may not edit a customer sees its groups, and no form to change them") {
    UiDriver ui(ServerMode{});
    ui.log_in("service1", "Service One",
              R"({"customers":{"view":"all","create":"none","edit":"none","delete":"none","export":"none"}})");
    crm::Customer c;
    c.name = "Suzhou Silk Ltd.";
    c.owner_id = "sales2";
    REQUIRE_OK(crm::save_customer(ui.db(), c, "sales2"));
    crm::CustomerGroup g;
    g.name = "Key accounts";
    REQUIRE_OK(crm::save_group(ui.db(), g, "manager"));
    REQUIRE(crm::add_to_group(ui.db(), c.id, g.id, "sales2"));
    ui.frames(2);
    ui.click("Suzhou Silk Ltd.", "customers");
    ui.click("Groups (1)", kForm);
    CHECK(ui.find("All groups (1)", kForm, true).has_value());
    CHECK_FALSE(ui.has("Rename Key accounts", kForm));
    CHECK_FALSE(ui.has("Add to group", kForm));
    CHECK_FALSE(ui.has("Create group and add", kForm));
    CHECK_FALSE(ui.has("Take out of Key accounts", kForm));
}

TEST_CASE("a group is renamed and deleted from the Groups tab; its customers stay") {
    UiDriver ui;
    ui.click("New customer");
    ui.fill("Name", "Hangzhou Tea Co.", kForm);
    ui.click("Create customer", kForm);
    const std::string customer = scalar_text(ui.db(), "SELECT id FROM customers WHERE name = ?1", "Hangzhou Tea Co.");
    ui.click("Groups", kForm);
    ui.fill("New group", "Spring fair", kForm);
    ui.click("Create group and add", kForm);

    ui.click("Rename Spring fair", kForm);
    ui.fill("Name", "Key accounts 重点客户", "Rename group");  // the demo data's: refused, said next to the field
    ui.click("Save", "Rename group");
    CHECK(ui.find("Already used by another record", "Rename group", true).has_value());
    ui.fill("Name", "Spring fair 2027", "Rename group");
    ui.click("Save", "Rename group");
    CHECK_FALSE(ui.has("Save", "Rename group"));
    CHECK(scalar_text(ui.db(), "SELECT name FROM customer_groups WHERE owner_id = ?1 AND deleted = 0", "demo") ==
          "Spring fair 2027");
    CHECK(ui.find("Take out of Spring fair 2027", kForm).has_value());

    ui.click("Delete group Spring fair 2027", kForm);
    ui.click("Delete", "Delete group?");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_groups WHERE name = 'Spring fair 2027' AND deleted = 0") == 0);
    CHECK(ui.find("Not in any group.", kForm, true).has_value());
    CHECK(scalar_text(ui.db(), "SELECT deleted FROM customers WHERE id = ?1", customer) == "0");
}

TEST_CASE("a selection of customers goes into a group at once, and the dialog says how many") {
    UiDriver ui(30);
    const int64_t group_members = scalar(ui.db(),
        "SELECT count(*) FROM customer_group_members m JOIN customer_groups g ON g.id = m.group_id"
        " WHERE g.name = 'Key accounts 重点客户' AND m.deleted = 0");
    ui.click("Select all shown");
    CHECK(ui.find("30 selected", {}, true).has_value());
    ui.click("Put in group…");
    ui.click("Group", "Put in a group");
    ui.click("Key accounts 重点客户", "##Combo");
    ui.click("Add to group", "Put in a group");
    const int64_t added = 30 - group_members;
    const std::string said = std::to_string(added) + " put in Key accounts 重点客户." +
                             (group_members > 0 ? " " + std::to_string(group_members) + " were in it already." : "");
    CHECK(ui.find(said, "Put in a group", true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(DISTINCT m.customer_id) FROM customer_group_members m JOIN customer_groups g"
                          " ON g.id = m.group_id WHERE g.name = 'Key accounts 重点客户' AND m.deleted = 0") == 30);
    ui.click("Close", "Put in a group");
}
