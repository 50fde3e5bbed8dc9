// The Reminders screen (ui/screens/reminders) and reaching out (ui/screens/outreach_dialog),
// driven by label: a row opens its customer, phones and emails are links, a list's emails
// are copied without the opted-out, labels go to the print window.
#include <doctest/doctest.h>

#include <imgui.h>

#include "core/clock.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui_driver.hpp"

using crm::test::scalar;
using crm::test::UiDriver;

namespace {

// A customer with a contact whose birthday is today and one who opted out of email.
struct BirthdayCustomer {
    std::string id;
    std::string name = "杭州海川软件有限公司";
};

BirthdayCustomer add_birthday_customer(UiDriver& ui) {
    // Nothing else has a date ahead: the demo's own contacts' birthdays are cleared.
    REQUIRE_OK(ui.db().exec("UPDATE contacts SET birthday = '', anniversary = ''; UPDATE customers SET birthday = ''"));
    BirthdayCustomer b;
    crm::Customer customer;
    customer.name = b.name;
    customer.email = "info@haichuan.cn";
    customer.address = "文三路 90 号";
    customer.city = "杭州";
    customer.province = "浙江";
    REQUIRE_OK(crm::save_customer(ui.db(), customer, "demo"));
    b.id = customer.id;
    crm::Contact wang;
    wang.customer_id = b.id;
    wang.name = "王芳";
    wang.mobile = "+86 138 1234 5678";
    wang.email = "wangfang@haichuan.cn";
    wang.birthday = "1980" + crm::format_date(crm::local_today()).substr(4);
    wang.is_primary = true;
    REQUIRE_OK(crm::save_contact(ui.db(), wang, "demo"));
    crm::Contact li;
    li.customer_id = b.id;
    li.name = "李娜";
    li.email = "lina@haichuan.cn";
    li.no_email = true;
    REQUIRE_OK(crm::save_contact(ui.db(), li, "demo"));
    return b;
}

}  // namespace

TEST_CASE("a birthday today is listed; its phone dials, and Open shows the customer on the customers screen") {
    UiDriver ui(3);
    const BirthdayCustomer b = add_birthday_customer(ui);
    ui.click("Reminders");
    ui.click("Birthdays and anniversaries (1)");
    CHECK(ui.find("王芳", "dates_list", true).has_value());
    CHECK(ui.find("today", "dates_list", true).has_value());
    ui.click("+86 138 1234 5678", "dates_list");
    REQUIRE_FALSE(ui.services().opened_urls.empty());
    CHECK(ui.services().opened_urls.back() == "tel:+8613812345678");
    ui.click("wangfang@haichuan.cn", "dates_list");
    CHECK(ui.services().opened_urls.back() == "mailto:wangfang@haichuan.cn");

    ui.click("Open", "dates_list");
    CHECK(ui.find(b.name, "customer_detail", true).has_value());
    CHECK(ui.has("New customer"));
}

TEST_CASE("Copy email addresses on a reminder list copies the customer's and contact's, not the opted-out one") {
    UiDriver ui(3);
    add_birthday_customer(ui);
    ui.click("Reminders");
    ui.click("Copy email addresses");
    CHECK(std::string(ImGui::GetClipboardText()) == "info@haichuan.cn; wangfang@haichuan.cn");
    CHECK(ui.find("Copied 2 addresses; 1 left out (opted out)", {}, true).has_value());
}

TEST_CASE("the visit plan is changed on its tab, and an interval out of range is said under its field") {
    UiDriver ui(3);
    ui.click("Reminders");
    ui.click("Visit plan");
    ui.fill("Level B, days", "45");
    ui.fill("Level D, days", "0");
    ui.click("Save plan");
    auto field = ui.find("Level D, days", {}, false);
    auto error = ui.find("From 1 to 3650", {}, true);
    REQUIRE(field);
    REQUIRE(error);
    CHECK(error->min.y >= field->max.y - 1);
    CHECK(scalar(ui.db(), "SELECT days FROM visit_plans WHERE level = 'B'") == 30);
    ui.fill("Level D, days", "200");
    ui.click("Save plan");
    CHECK(scalar(ui.db(), "SELECT days FROM visit_plans WHERE level = 'B'") == 45);
    CHECK(scalar(ui.db(), "SELECT days FROM visit_plans WHERE level = 'D'") == 200);
}

TEST_CASE("Reach out on the Contacts tab prints the customer's label with the primary contact") {
    UiDriver ui(3);
    const BirthdayCustomer b = add_birthday_customer(ui);
    ui.click("Reminders");
    ui.click("Open", "dates_list");
    ui.frames(2);  // a tab bar lays its tabs out in the frame after it first appears
    ui.click("Contacts (2)", "customer_detail");
    ui.click("Reach out…", "customer_detail");
    ui.click("Print address labels", "outreach_dialog");
    const std::string& html = ui.services().printed_html;
    CHECK(html.find(b.name) != std::string::npos);
    CHECK(html.find("王芳") != std::string::npos);
    CHECK(html.find("浙江 杭州") != std::string::npos);
    CHECK(ui.find("1 label sent to print", "outreach_dialog", true).has_value());
    ui.click("Print envelopes", "outreach_dialog");
    CHECK(ui.services().printed_html.find("220mm 110mm") != std::string::npos);
    ui.click("Close", "outreach_dialog");
    CHECK_FALSE(ui.has("Print envelopes"));
}
