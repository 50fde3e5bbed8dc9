// The printable customer sheet (ui/screens/customer_sheet), from the 360 view's Print sheet.
#include <doctest/doctest.h>

#include <string>

#include "core/clock.hpp"
#include "domain/activity.hpp"
#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "support.hpp"
#include "ui/i18n.hpp"
#include "ui_driver.hpp"

using crm::test::UiDriver;

namespace {

bool holds(const std::string& html, std::string_view part) { return html.find(part) != std::string::npos; }

struct SheetCustomer {
    std::string id;
};

SheetCustomer add_customer(UiDriver& ui) {
    crm::Customer customer;
    customer.name = "海川 & Sons <Trading>";
    customer.code = "S1";
    customer.type = "distributor";
    customer.level = "A";
    customer.phone = "0571-8888 0101";
    customer.city = "杭州";
    customer.province = "浙江";
    customer.address = "文三路 90 号";
    customer.credit_rating = "AA";
    REQUIRE_OK(crm::save_customer(ui.db(), customer, "demo"));
    crm::Contact wang;
    wang.customer_id = customer.id;
    wang.name = "王芳";
    wang.role = "decision_maker";
    wang.email = "wangfang@haichuan.cn";
    REQUIRE_OK(crm::save_contact(ui.db(), wang, "demo"));
    crm::Contact li;
    li.customer_id = customer.id;
    li.name = "李娜";
    li.email = "lina@haichuan.cn";
    li.no_email = true;
    REQUIRE_OK(crm::save_contact(ui.db(), li, "demo"));
    for (int i = 0; i < 25; ++i) {
        crm::Activity visit;
        visit.customer_id = customer.id;
        visit.kind = "visit";
        visit.subject = "Visit " + std::to_string(i);
        visit.planned_at = crm::iso_utc(crm::now_ms() - (i + 1) * 86'400'000LL);
        visit.done_at = visit.planned_at;
        visit.outcome = i == 0 ? "签约" : "";
        REQUIRE_OK(crm::save_activity(ui.db(), visit, "demo"));
    }
    return {customer.id};
}

}  // namespace

TEST_CASE("Print sheet sends one A4 page of the customer, its contacts and latest activities to the print window") {
    UiDriver ui(3);
    add_customer(ui);
    ui.frames(2);
    ui.click("海川 & Sons <Trading>", "customers");
    ui.click("Print sheet", "customer_detail");
    const std::string html = ui.services().printed_html;
    REQUIRE_FALSE(html.empty());
    CHECK(holds(html, "size: A4"));
    CHECK(holds(html, "<h1>海川 &amp; Sons &lt;Trading&gt;</h1>"));  // escaped, never markup
    CHECK(holds(html, "S1 · Company · Distributor · A"));
    CHECK(holds(html, "浙江 杭州 文三路 90 号"));
    CHECK(holds(html, "<td>AA</td>"));  // the credit rating, by its caption
    CHECK(holds(html, "Contacts (2)"));
    CHECK(holds(html, "<td>Decision maker</td>"));
    CHECK(holds(html, "wangfang@haichuan.cn"));
    CHECK_FALSE(holds(html, "lina@haichuan.cn"));  // she asked not to be emailed
    CHECK(holds(html, "Latest activities: 20 of 25"));
    CHECK(holds(html, "Visit 0"));   // the newest
    CHECK(holds(html, "Visit 19"));
    CHECK_FALSE(holds(html, "Visit 20"));
    CHECK(holds(html, "签约"));
    CHECK(ui.find("The customer sheet is in the print window", {}, true).has_value());

    SUBCASE("in Chinese") {
        crm::ui::set_language(crm::ui::Language::zh);
        ui.frames(2);
        ui.click("打印资料表", "customer_detail");
        const std::string zh = ui.services().printed_html;
        crm::ui::set_language(crm::ui::Language::en);
        CHECK(holds(zh, "联系人（2）"));
        CHECK(holds(zh, "最近的活动：25 条中的 20 条"));
        CHECK(holds(zh, "客户资料表：海川 &amp; Sons &lt;Trading&gt;"));
    }
}
