// Tests for core/normalize: the match keys of the duplicate check, in C++ and in SQL.
#include <doctest/doctest.h>

#include <string>

#include "core/normalize.hpp"
#include "support.hpp"

using namespace crm;

TEST_CASE("company names written differently have one name key: case, punctuation, spaces and suffixes") {
    CHECK(name_key("ACME Co., Ltd") == "acme");
    CHECK(name_key("Acme Co Ltd") == "acme");
    CHECK(name_key("acme company limited") == "acme");
    CHECK(name_key("ACME, Inc.") == "acme");
    CHECK(name_key("Acme Corp.") == "acme");
    CHECK(name_key("Acme Corporation") == "acme");
    CHECK(name_key("ACME LLC") == "acme");
    CHECK(name_key("Acme GmbH") == "acme");
    CHECK(name_key("  A.C.M.E.  ") == "acme");
    CHECK(name_key("Harbour-Lights Trading") == "harbourlightstrading");
}

TEST_CASE("full-width letters, digits, punctuation and the ideographic space are read as their ASCII forms") {
    CHECK(name_key("ＡＣＭＥ有限公司") == "acme");
    CHECK(name_key("ＡＣＭＥ　Ｃｏ．，Ｌｔｄ") == "acme");
    CHECK(name_key("华信３６０科技") == "华信360科技");
    CHECK(name_key("华信（北京）科技") == name_key("华信(北京)科技"));
}

TEST_CASE("Chinese company suffixes are stripped from the end, repeatedly") {
    CHECK(name_key("华信科技有限公司") == "华信科技");
    CHECK(name_key("华信科技有限责任公司") == "华信科技");
    CHECK(name_key("华信科技股份有限公司") == "华信科技");
    CHECK(name_key("华信集团有限公司") == "华信");
    CHECK(name_key("华信集团公司") == "华信");
    CHECK(name_key("华信科技 有限公司") == "华信科技");
    CHECK(name_key("Huaxin 科技有限公司") == "huaxin科技");
}

TEST_CASE("a suffix is only stripped as a whole word, and never down to nothing") {
    CHECK(name_key("Costco") == "costco");
    CHECK(name_key("Incomm") == "incomm");
    CHECK(name_key("Company") == "company");
    CHECK(name_key("Co Ltd") == "co");
    CHECK(name_key("公司") == "公司");
    CHECK(name_key("集团公司") == "集团");
    CHECK(name_key("") == "");
    CHECK(name_key("., ;") == "");
}

TEST_CASE("the reversed name key is the name key backwards, by character") {
    CHECK(reversed_name_key("ACME Co., Ltd") == "emca");
    CHECK(reversed_name_key("杭州海川软件有限公司") == "件软川海州杭");
}

TEST_CASE("phone keys are digits only, with the +86, 0086 or 86 country code dropped before a full number") {
    CHECK(phone_key("138-1234-5678") == "13812345678");
    CHECK(phone_key("+86 138 1234 5678") == "13812345678");
    CHECK(phone_key("0086 13812345678") == "13812345678");
    CHECK(phone_key("86-138-1234-5678") == "13812345678");
    CHECK(phone_key("＋８６　１３８１２３４５６７８") == "13812345678");
    // An area code without its trunk 0 gets it back, so the two ways of writing it meet.
    CHECK(phone_key("+86 10 6552 8888") == "01065528888");
    CHECK(phone_key("010-6552 8888") == "01065528888");
    CHECK(phone_key("+86 574 8888 0101") == phone_key("0574-8888-0101"));
    CHECK(phone_key("+86 (0)571 8888 0101") == "057188880101");
    // Not a country code: a local number that happens to start with 86, and a short one.
    CHECK(phone_key("8652 1234") == "86521234");
    CHECK(phone_key("+86 123") == "86123");
    CHECK(phone_key("+1 (415) 555-0100") == "14155550100");
    CHECK(phone_key("") == "");
}

TEST_CASE("email keys are trimmed and lower-cased") {
    CHECK(email_key("  Sales@ACME.com ") == "sales@acme.com");
    CHECK(email_key("\xE3\x80\x80zhang@huaxin.cn\xE3\x80\x80") == "zhang@huaxin.cn");
    CHECK(email_key("") == "");
}

TEST_CASE("folding case and width makes full-width and upper-case text plain, and keeps Chinese") {
    CHECK(fold_case_and_width("ＥＮＴＥＲＰＲＩＳＥ") == "enterprise");
    CHECK(fold_case_and_width("\xE3\x80\x80 Gold Member ") == "gold member");
    CHECK(fold_case_and_width("１０００＋ 人") == "1000+ 人");
    CHECK(fold_case_and_width("企业客户") == "企业客户");
    CHECK(fold_case_and_width("\xff") == "");
}

TEST_CASE("every connection has the key functions, and they agree with the C++ ones") {
    Db db = test::fresh_db();
    CHECK(test::scalar_text(db, "SELECT crm_name_key(?1)", "ACME Co., Ltd") == "acme");
    CHECK(test::scalar_text(db, "SELECT crm_reversed_name_key(?1)", "ＡＣＭＥ有限公司") == "emca");
    CHECK(test::scalar_text(db, "SELECT crm_phone_key(?1)", "+86 138 1234 5678") == "13812345678");
    CHECK(test::scalar_text(db, "SELECT crm_email_key(?1)", " A@B.CN ") == "a@b.cn");
    CHECK(test::scalar(db, "SELECT crm_name_key(NULL) IS NULL") == 1);
}

TEST_CASE("bytes that are not UTF-8 are left out of a key instead of breaking it") {
    CHECK(name_key("AC\xFFME Ltd") == "acme");
    CHECK(phone_key("138\xC0" "12345678") == "13812345678");
}
