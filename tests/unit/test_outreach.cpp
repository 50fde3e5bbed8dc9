// Tests for domain/outreach: email lists and printed labels that honour the opt-outs.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/outreach.hpp"
#include "support.hpp"

using namespace crm;

namespace {

struct Fixture {
    Db db = crm::test::fresh_crm_db();

    std::string customer(const char* name, const char* email, const char* address = "", const char* city = "",
                         const char* province = "") {
        Customer c;
        c.name = name;
        c.email = email;
        c.address = address;
        c.city = city;
        c.province = province;
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }

    Contact contact(const std::string& customer_id, const char* name, const char* email, bool primary = false) {
        Contact c;
        c.customer_id = customer_id;
        c.name = name;
        c.email = email;
        c.is_primary = primary;
        return c;
    }

    std::string save(Contact c) {
        REQUIRE_OK(save_contact(db, c, "sales1"));
        return c.id;
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

size_t count_of(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("the email list takes customers' and contacts' addresses once each, and leaves out and counts opt-outs") {
    Fixture f;
    const std::string huaxin = f.customer("华信科技有限公司", "info@huaxin.cn");
    const std::string acme = f.customer("Acme Trading", "sales@acme.com");
    const std::string nomail = f.customer("No Email Ltd", "");
    f.save(f.contact(huaxin, "张伟", "zhangwei@huaxin.cn", true));
    f.save(f.contact(huaxin, "李娜", "INFO@huaxin.cn"));  // the customer's address again, other case
    Contact opted = f.contact(huaxin, "王芳", "wangfang@huaxin.cn");
    opted.no_email = true;
    f.save(opted);
    Contact opted_too = f.contact(acme, "Bob", "bob@acme.com");
    opted_too.no_email = true;
    f.save(opted_too);
    f.save(f.contact(acme, "Alice", "alice@acme.com"));
    f.save(f.contact(nomail, "Nobody", ""));

    const std::vector<std::string> ids = {huaxin, acme, nomail, huaxin};
    const EmailList list = collect_emails(f.db, ids);
    CHECK(list.addresses ==
          std::vector<std::string>{"info@huaxin.cn", "zhangwei@huaxin.cn", "sales@acme.com", "alice@acme.com"});
    CHECK(list.opted_out == 2);
    CHECK(join_addresses(list.addresses) == "info@huaxin.cn; zhangwei@huaxin.cn; sales@acme.com; alice@acme.com");
}

TEST_CASE("an opted-out contact's address is left out even where another record holds it") {
    Fixture f;
    const std::string person = f.customer("陈静", "chenjing@example.cn");
    Contact self = f.contact(person, "陈静", "chenjing@example.cn", true);
    self.no_email = true;
    f.save(self);
    const std::vector<std::string> ids = {person};
    const EmailList list = collect_emails(f.db, ids);
    CHECK(list.addresses.empty());
    CHECK(list.opted_out == 1);
}

TEST_CASE("labels carry the primary contact and the address; a contact with no_mail is left off and counted") {
    Fixture f;
    const std::string huaxin = f.customer("华信科技有限公司", "", "建国路 88 号", "朝阳区", "北京");
    const std::string acme = f.customer("Acme & Sons <Trading>", "", "1 \"Main\" St", "Shanghai", "Shanghai");
    const std::string nowhere = f.customer("No Address Ltd", "");
    f.save(f.contact(huaxin, "张伟", "", true));
    f.save(f.contact(huaxin, "李娜", ""));
    Contact opted = f.contact(acme, "Bob O'Neil", "", true);
    opted.no_mail = true;
    f.save(opted);

    const std::vector<std::string> ids = {huaxin, acme, nowhere};
    const MailingList list = collect_mailing_addresses(f.db, ids);
    REQUIRE(list.items.size() == 2);
    CHECK(list.items[0].contact_name == "张伟");
    CHECK(list.items[1].contact_name.empty());
    CHECK(list.opted_out == 1);
    CHECK(list.without_address == 1);

    const std::string html = labels_html(list, "Address labels");
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "华信科技有限公司"));
    CHECK(contains(html, "张伟"));
    CHECK(contains(html, "北京 朝阳区"));
    CHECK(contains(html, "Acme &amp; Sons &lt;Trading&gt;"));
    CHECK(contains(html, "1 &quot;Main&quot; St"));
    CHECK_FALSE(contains(html, "<Trading>"));
    CHECK_FALSE(contains(html, "Bob"));
    CHECK_FALSE(contains(html, "李娜"));
    CHECK(contains(html, "Noto Sans CJK SC"));
    CHECK(contains(html, "size: A4"));
    CHECK(contains(html, "repeat(3, 70mm)"));
    CHECK(contains(html, "repeat(8, 37.125mm)"));
    CHECK(count_of(html, "class=\"label\"") == 2);
    // Shanghai, Shanghai is said once.
    CHECK(count_of(html, "Shanghai") == 1);
}

TEST_CASE("a contact's own address goes on the letter when they take letters") {
    Fixture f;
    const std::string id = f.customer("华信科技有限公司", "", "建国路 88 号", "北京", "北京");
    Contact c = f.contact(id, "张伟", "", true);
    c.address = "望京 SOHO T1 1201";
    f.save(c);
    const std::vector<std::string> ids = {id};
    CHECK(collect_mailing_addresses(f.db, ids).items[0].address == "望京 SOHO T1 1201");
}

TEST_CASE("labels fill A4 sheets of 24; envelopes are DL, one a page") {
    Fixture f;
    std::vector<std::string> ids;
    for (int i = 0; i < 25; ++i) ids.push_back(f.customer(("Customer " + std::to_string(i)).c_str(), "", "Street 1"));
    const MailingList list = collect_mailing_addresses(f.db, ids);
    CHECK(count_of(labels_html(list, "Labels"), "class=\"sheet\"") == 2);
    const std::string envelopes = envelopes_html(list, "Envelopes");
    CHECK(count_of(envelopes, "class=\"envelope\"") == 25);
    CHECK(contains(envelopes, "size: 220mm 110mm"));
    CHECK(contains(envelopes, "<title>Envelopes</title>"));
}

TEST_CASE("html_escape turns every character that means something in HTML into an entity") {
    CHECK(html_escape("a & b < c > d \" e ' f 中文") == "a &amp; b &lt; c &gt; d &quot; e &#39; f 中文");
}
