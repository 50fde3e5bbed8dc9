// The duplicate warning under a new customer's form (ui/screens/duplicate_warning) and the
// Merge with… dialog (ui/screens/merge_dialog), driven natively by label.
#include <doctest/doctest.h>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::scalar_text;
using crm::test::UiDriver;

namespace {

constexpr const char* kForm = "customer_detail";
constexpr const char* kList = "customers";
constexpr const char* kWarning = "duplicate_warning";
constexpr const char* kDialog = "merge_dialog";

std::string add_customer(crm::Db& db, const std::string& name, const std::string& code, const std::string& city) {
    crm::Customer c;
    c.name = name;
    c.code = code;
    c.city = city;
    c.phone = "0571-8888 0101";
    REQUIRE_OK(crm::save_customer(db, c, "sandbox"));
    return c.id;
}

void add_contact(crm::Db& db, const std::string& customer_id, const std::string& name) {
    crm::Contact c;
    c.customer_id = customer_id;
    c.name = name;
    REQUIRE_OK(crm::save_contact(db, c, "sandbox"));
}

}  // namespace

TEST_CASE("typing a new customer's name shows the possible duplicates under the buttons, and a click opens one") {
    UiDriver ui(3);
    add_customer(ui.db(), "Acme Co Ltd", "D-1", "Hangzhou");
    ui.click("New customer");
    CHECK_FALSE(ui.find("Possible duplicates (1): click one to open it instead", kForm, true));
    ui.fill("Name", "ACME Co., Ltd", kForm);

    auto heading = ui.find("Possible duplicates (1): click one to open it instead", kForm, true);
    auto create = ui.find("Create customer", kForm);
    auto row = ui.find("Acme Co Ltd", kWarning);
    REQUIRE(heading);
    REQUIRE(create);
    REQUIRE(row);
    CHECK(heading->min.y > create->max.y);  // right under the buttons
    CHECK(heading->min.y < create->max.y + 3 * (create->max.y - create->min.y));
    CHECK(ui.find("D-1", kWarning, true));
    CHECK(ui.find("name", kWarning, true));
    CHECK(ui.find("90", kWarning, true));

    ui.click("Acme Co Ltd", kWarning);
    CHECK(ui.has("Save", kForm));  // the stored customer is open, not a new one
    CHECK_FALSE(ui.has("Create customer", kForm));
    CHECK(ui.find("Acme Co Ltd", kForm, true));
}

TEST_CASE("a phone number alone warns too, and creating anyway is allowed") {
    UiDriver ui(3);
    add_customer(ui.db(), "Globex", "", "");
    ui.click("New customer");
    ui.fill("Name", "Someone Else", kForm);
    CHECK_FALSE(ui.has("Globex", kWarning));
    ui.fill("Phone", "+86 571 8888 0101", kForm);
    CHECK(ui.has("Globex", kWarning));
    CHECK(ui.find("phone", kWarning, true));
    ui.click("Create customer", kForm);
    CHECK(scalar(ui.db(), "SELECT count(*) FROM customers WHERE phone_key = '057188880101' AND deleted = 0") == 2);
    CHECK_FALSE(ui.has("Globex", kWarning));  // a stored customer shows no warning
}

TEST_CASE("Merge with… merges the chosen customer into the open one: contacts moved, fields chosen, the other deleted") {
    UiDriver ui(3);
    const std::string survivor = add_customer(ui.db(), "Acme Co Ltd", "M-1", "");
    const std::string merged = add_customer(ui.db(), "ACME Co., Ltd", "M-2", "Ningbo");
    add_contact(ui.db(), merged, "Alice");
    add_contact(ui.db(), merged, "Bob");
    ui.fill("Search", "acme");
    ui.click("Acme Co Ltd", kList);
    ui.click("Merge with…", kForm);

    // The open customer's possible duplicates are offered before anything is typed.
    CHECK(ui.find("Possible duplicates of this customer:", kDialog, true));
    ui.click("ACME Co., Ltd", "merge_picks");
    CHECK(ui.find("ACME Co., Ltd will be merged into Acme Co Ltd and then deleted.", kDialog, true));
    CHECK(ui.find("Moves here: Contacts: 2, Activities: 0, Points entries: 0, Shares: 0, Group memberships: 0, Files: 0", kDialog, true));
    // The survivor has no city: the other's is suggested. Its name is kept unless chosen.
    CHECK(ui.has("Ningbo", "merge_fields"));
    ui.click("M-2", "merge_fields");

    ui.click("Merge", kDialog);
    CHECK(ui.find("Merge ACME Co., Ltd into Acme Co Ltd? 2 linked record(s) move, and ACME Co., Ltd is deleted.",
                  "confirm", true));
    ui.click("Yes, merge", "confirm");
    ui.frames(2);

    CHECK(scalar_text(ui.db(), "SELECT count(*) FROM contacts WHERE customer_id = ?1 AND deleted = 0", survivor) == "2");
    CHECK(scalar_text(ui.db(), "SELECT deleted FROM customers WHERE id = ?1", merged) == "1");
    CHECK(scalar_text(ui.db(), "SELECT city FROM customers WHERE id = ?1", survivor) == "Ningbo");
    CHECK(scalar_text(ui.db(), "SELECT code FROM customers WHERE id = ?1", survivor) == "M-2");
    CHECK(scalar_text(ui.db(), "SELECT notes FROM customers WHERE id = ?1", survivor).starts_with("Merged with ACME Co., Ltd (M-2) on "));
    CHECK(ui.find("Merged ACME Co., Ltd into Acme Co Ltd", {}, true));
    CHECK_FALSE(ui.has("Merge", kDialog));
    CHECK(ui.find("Acme Co Ltd", kForm, true));  // the survivor stays open
    CHECK(ui.has("Contacts (2)", kForm));
}

TEST_CASE("Merge with… is offered only on a customer the person may edit") {
    UiDriver ui(crm::test::ServerMode{});
    ui.log_in("sales1", "Sales One",
              R"({"customers":{"view":"all","create":"all","edit":"own","delete":"own","export":"none"}})");
    ui.click("New customer");
    ui.fill("Name", "Mine Ltd", kForm);
    CHECK_FALSE(ui.has("Merge with…", kForm));  // not before it exists
    ui.click("Create customer", kForm);
    CHECK(ui.has("Merge with…", kForm));
    ui.fill("Owner", "sales2", kForm);
    ui.click("Save", kForm);
    CHECK_FALSE(ui.has("Merge with…", kForm));
}
