// The customer 360 view's Sharing tab (ui/screens/customer_sharing_tab): the owner shares a
// customer with a colleague or a team and ends it again, each a record on its way to the
// server; a person a customer is shared with sees what the share gives them, and no more.
#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "domain/customer_share.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::ServerMode;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";
constexpr const char* kOwnScope =
    R"({"customers":{"view":"own","create":"own","edit":"own","delete":"own","export":"none"},)"
    R"("contacts":{"view":"own","create":"own","edit":"own","delete":"own","export":"none"}})";

int64_t outbox_rows(UiDriver& ui, const char* table) {
    crm::Stmt stmt = ui.db().prepare("SELECT count(*) FROM sync_outbox WHERE table_name = ?1");
    stmt.bind(1, table);
    REQUIRE(stmt.step().value_or(false));
    return stmt.int64(0);
}

// Picks whom and what access in the Sharing tab's form, and clicks Share.
void share_with(UiDriver& ui, const char* target, const char* access) {
    ui.click("Share with", kForm);
    ui.click(target, "##Combo");
    ui.click("Give access", kForm);
    ui.click(access, "##Combo");
    ui.click("Share", kForm);
}

// A customer of someone else's, as sync would have delivered it with a share for sales1.
std::string shared_customer(UiDriver& ui, const char* access) {
    crm::Customer c;
    c.name = "Shared Tea Ltd";
    c.owner_id = "sales2";
    REQUIRE_OK(crm::save_customer(ui.db(), c, "sales2"));
    crm::CustomerShare s;
    s.customer_id = c.id;
    s.user_id = "sales1";
    s.access = access;
    REQUIRE_OK(crm::save_share(ui.db(), s, "sales2"));
    ui.frames(2);
    return c.id;
}

}  // namespace

TEST_CASE("the owner shares a customer with a colleague, is told when it is shared twice, and ends the share") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kOwnScope);
    ui.click("New customer");
    ui.fill("Name", "Hangzhou Tea Co.", kForm);
    ui.click("Create customer", kForm);
    ui.click("Sharing", kForm);
    CHECK(ui.find("Not shared with anyone.", kForm, true).has_value());

    share_with(ui, "Alex Agent (agent1)", "Can edit");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_shares WHERE user_id = 'agent1' AND access = 'edit' AND deleted = 0") == 1);
    CHECK(outbox_rows(ui, "customer_shares") == 1);
    CHECK(ui.find("Sharing (1)", kForm).has_value());
    CHECK(ui.find("Alex Agent (agent1)", kForm, true).has_value());
    CHECK(ui.find("Can edit", kForm, true).has_value());

    // The same colleague again: said next to the field, nothing written.
    share_with(ui, "Alex Agent (agent1)", "Can edit");
    CHECK(ui.find("The customer is already shared with them", kForm, true).has_value());
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_shares") == 1);

    // A team, read only.
    share_with(ui, "Team Agents", "Read only");
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_shares WHERE team_id = 'agents' AND access = 'read'") == 1);
    CHECK(ui.find("Sharing (2)", kForm).has_value());

    ui.click("End share with Alex Agent (agent1)", kForm);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customer_shares WHERE user_id = 'agent1' AND deleted = 1") == 1);
    CHECK(ui.find("Sharing (1)", kForm).has_value());
    CHECK_FALSE(ui.find("Alex Agent (agent1)", kForm, true).has_value());
}

TEST_CASE("a customer shared read only is shown as such, and its Sharing tab offers no sharing") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kOwnScope);
    shared_customer(ui, "read");
    ui.click("Shared Tea Ltd", "customers");
    CHECK(ui.find("Shared with you: read only", kForm, true).has_value());
    CHECK(ui.find("You may view this customer but not change it.", kForm, true).has_value());
    ui.click("Sharing (1)", kForm);
    CHECK(ui.find("Only those who own this customer, or manage its owner, can share it.", kForm, true).has_value());
    CHECK_FALSE(ui.has("Share with", kForm));
    CHECK_FALSE(ui.has("End share with You (Sales One)", kForm));
    CHECK(ui.find("You (Sales One)", kForm, true).has_value());
}

TEST_CASE("a customer shared to edit can be changed and given contacts, but not given away or deleted") {
    UiDriver ui(ServerMode{});
    ui.log_in("sales1", "Sales One", kOwnScope);
    const std::string id = shared_customer(ui, "edit");
    ui.click("Shared Tea Ltd", "customers");
    CHECK(ui.find("Shared with you: can edit", kForm, true).has_value());
    CHECK_FALSE(ui.find("You may view this customer but not change it.", kForm, true).has_value());
    CHECK_FALSE(ui.has("Delete customer", kForm));
    ui.fill("City", "Ningbo", kForm);
    ui.fill("Owner", "sales1", kForm);  // disabled: the typing goes nowhere
    ui.click("Save", kForm);
    CHECK(crm::find_customer(ui.db(), id)->city == "Ningbo");
    CHECK(crm::find_customer(ui.db(), id)->owner_id == "sales2");
    ui.click("Contacts (0)", kForm);
    CHECK(ui.find("Add contact", kForm).has_value());
}
