// Tests for domain/duplicates: which stored customers a draft may already be, and how sure.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/duplicates.hpp"
#include "support.hpp"

using namespace crm;

namespace {

struct Fixture {
    Db db = test::fresh_crm_db();

    std::string add(const std::string& name, const std::string& phone = "", const std::string& email = "") {
        Customer c;
        c.name = name;
        c.phone = phone;
        c.email = email;
        c.city = "杭州";
        REQUIRE_OK(save_customer(db, c, "sales1"));
        return c.id;
    }
};

Customer draft(const std::string& name, const std::string& phone = "", const std::string& email = "") {
    Customer c;
    c.name = name;
    c.phone = phone;
    c.email = email;
    return c;
}

std::vector<std::string> names(const std::vector<DuplicateCandidate>& candidates) {
    std::vector<std::string> out;
    for (const DuplicateCandidate& c : candidates) out.push_back(c.name);
    return out;
}

bool has_reason(const DuplicateCandidate& c, DuplicateReason reason) {
    return std::find(c.reasons.begin(), c.reasons.end(), reason) != c.reasons.end();
}

}  // namespace

TEST_CASE("'ACME Co., Ltd' is found as a duplicate of a stored 'Acme Co Ltd', with the same name as the reason") {
    Fixture f;
    const std::string id = f.add("Acme Co Ltd");
    f.add("Globex Corporation");
    std::vector<DuplicateCandidate> found = find_duplicate_candidates(f.db, draft("ACME Co., Ltd"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == id);
    CHECK(found[0].name == "Acme Co Ltd");
    CHECK(found[0].city == "杭州");
    CHECK(found[0].score >= 90);
    CHECK(found[0].reasons == std::vector{DuplicateReason::same_name});
    CHECK(names(find_duplicate_candidates(f.db, draft("ＡＣＭＥ有限公司"))) == std::vector<std::string>{"Acme Co Ltd"});
}

TEST_CASE("a similar name is a candidate with a lower score than an equal one, and a different name is none") {
    Fixture f;
    f.add("杭州海川软件有限公司");
    f.add("海川软件");
    f.add("Harbour Lights Trading");
    f.add("Harbor Lights Trading Ltd");
    f.add("北京华信科技");
    std::vector<DuplicateCandidate> found = find_duplicate_candidates(f.db, draft("Harbour Lights Trading Co."));
    REQUIRE(found.size() == 2);
    CHECK(found[0].name == "Harbour Lights Trading");
    CHECK(has_reason(found[0], DuplicateReason::same_name));
    CHECK(found[1].name == "Harbor Lights Trading Ltd");
    CHECK(found[1].reasons == std::vector{DuplicateReason::similar_name});
    CHECK(found[1].score < found[0].score);
    CHECK(found[1].score >= 60);

    // Names that end alike are found through the reversed key.
    CHECK(names(find_duplicate_candidates(f.db, draft("海川软件有限公司"))) ==
          std::vector<std::string>{"海川软件", "杭州海川软件有限公司"});
    CHECK(find_duplicate_candidates(f.db, draft("上海明珠贸易")).empty());
}

TEST_CASE("short names are only matched when equal, not by similarity") {
    Fixture f;
    f.add("ABC");
    f.add("ABD");
    CHECK(names(find_duplicate_candidates(f.db, draft("abc"))) == std::vector<std::string>{"ABC"});
    CHECK(name_similarity("abc", "abd") < 1.0);
}

TEST_CASE("the same phone or email finds a customer, also through one of its contacts, whatever its name") {
    Fixture f;
    const std::string by_phone = f.add("Globex", "0571-8888 0101");
    const std::string by_email = f.add("Initech", "", "Info@Initech.com");
    const std::string by_contact = f.add("Umbrella");
    Contact contact;
    contact.customer_id = by_contact;
    contact.name = "Alice";
    contact.mobile = "138 1234 5678";
    contact.email = "alice@umbrella.cn";
    REQUIRE_OK(save_contact(f.db, contact, "sales1"));

    std::vector<DuplicateCandidate> found = find_duplicate_candidates(f.db, draft("Someone", "+86 571 8888 0101"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == by_phone);
    CHECK(found[0].reasons == std::vector{DuplicateReason::same_phone});

    found = find_duplicate_candidates(f.db, draft("Someone", "", " info@initech.COM"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == by_email);

    found = find_duplicate_candidates(f.db, draft("Someone", "+8613812345678", "ALICE@umbrella.cn"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == by_contact);
    CHECK(has_reason(found[0], DuplicateReason::contact_phone));
    CHECK(has_reason(found[0], DuplicateReason::contact_email));
}

TEST_CASE("more reasons rank higher: the same name and phone beat the same name alone") {
    Fixture f;
    f.add("Acme Ltd", "010-1111 2222");
    const std::string both = f.add("ACME Inc", "13812345678");
    std::vector<DuplicateCandidate> found = find_duplicate_candidates(f.db, draft("Acme", "+86 138 1234 5678"));
    REQUIRE(found.size() == 2);
    CHECK(found[0].id == both);
    CHECK(found[0].score == 100);
    CHECK(found[0].reasons.front() == DuplicateReason::same_name);
    CHECK(found[1].score == 90);
}

TEST_CASE("the draft itself, deleted customers and deleted contacts are never candidates") {
    Fixture f;
    const std::string self = f.add("Acme Co Ltd", "13812345678");
    const std::string gone = f.add("ACME Ltd");
    REQUIRE_OK(delete_customer(f.db, gone, "sales1"));
    const std::string other = f.add("Globex");
    Contact contact;
    contact.customer_id = other;
    contact.name = "Bob";
    contact.mobile = "13812345678";
    REQUIRE_OK(save_contact(f.db, contact, "sales1"));
    REQUIRE_OK(delete_contact(f.db, contact.id, "sales1"));

    Customer editing = *find_customer(f.db, self);
    CHECK(find_duplicate_candidates(f.db, editing).empty());
    CHECK(names(find_duplicate_candidates(f.db, draft("Acme", "13812345678"))) ==
          std::vector<std::string>{"Acme Co Ltd"});
}

TEST_CASE("empty fields match nothing, and at most `limit` candidates come back") {
    Fixture f;
    for (int i = 0; i < 8; ++i) f.add("Acme Ltd");
    f.add("No phone");
    CHECK(find_duplicate_candidates(f.db, draft("")).empty());
    CHECK(find_duplicate_candidates(f.db, draft("", "", "")).empty());
    CHECK(find_duplicate_candidates(f.db, draft("Acme"), 3).size() == 3);
}

TEST_CASE("name similarity is 1 for equal keys, high for one typo and low for different names") {
    CHECK(name_similarity("harbourlights", "harbourlights") == 1.0);
    CHECK(name_similarity("harbourlights", "harborlights") >= kSimilarNameThreshold);
    CHECK(name_similarity("华信科技", "华信科枝") >= kSimilarNameThreshold);
    CHECK(name_similarity("globex", "initech") < 0.3);
    CHECK(name_similarity("", "acme") == 0.0);
}

TEST_CASE("the keys are kept by the database for rows written by any path, also a plain UPDATE") {
    Fixture f;
    const std::string id = f.add("Old Name");
    Stmt update = f.db.prepare("UPDATE customers SET name = 'ACME Co., Ltd', phone = '+86 13812345678' WHERE id = ?1");
    update.bind(1, id);
    REQUIRE_OK(update.run());
    CHECK(test::scalar_text(f.db, "SELECT name_key FROM customers WHERE id = ?1", id) == "acme");
    CHECK(test::scalar_text(f.db, "SELECT phone_key FROM customers WHERE id = ?1", id) == "13812345678");
    CHECK(names(find_duplicate_candidates(f.db, draft("Acme Co Ltd"))) == std::vector<std::string>{"ACME Co., Ltd"});
}

TEST_CASE("the lookups use the key indexes, not a scan of every customer") {
    Fixture f;
    for (const char* sql :
         {"SELECT id FROM customers WHERE name_key = ?1 AND deleted = 0",
          "SELECT id, name_key FROM customers WHERE deleted = 0 AND name_key >= ?1 ORDER BY name_key ASC LIMIT 30",
          "SELECT id, reversed_name_key FROM customers WHERE deleted = 0 AND reversed_name_key < ?1 ORDER BY "
          "reversed_name_key DESC LIMIT 30",
          "SELECT id FROM customers WHERE phone_key = ?1 AND deleted = 0 AND phone_key <> ''",
          "SELECT k.customer_id FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE k.mobile_key = ?1 AND "
          "k.deleted = 0 AND k.mobile_key <> '' AND c.deleted = 0"}) {
        Stmt plan = f.db.prepare(std::string("EXPLAIN QUERY PLAN ") + sql);
        std::string details;
        while (plan.step().value_or(false)) details += plan.text(3) + "; ";
        CAPTURE(details);
        CHECK((details.find("INDEX customers_") != std::string::npos ||
               details.find("INDEX contacts_") != std::string::npos));
        CHECK(details.find("SCAN c") == std::string::npos);
        CHECK(details.find("SCAN customers") == std::string::npos);
    }
}
