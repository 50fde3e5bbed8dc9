// Tests for core/db_image and domain/schema's import_crm_image: export and import of the
// whole database as a SQLite file image.
#include <doctest/doctest.h>

#include <string>

#include "core/db_image.hpp"
#include "domain/customer.hpp"
#include "domain/demo_data.hpp"
#include "domain/schema.hpp"
#include "support.hpp"

using namespace crm;
using crm::test::scalar;

TEST_CASE("an exported image is a SQLite file that imports with every row intact") {
    Db db = crm::test::fresh_crm_db();
    DemoOptions demo;
    demo.customers = 25;
    REQUIRE_OK(seed_demo_data(db, demo));
    Result<std::string> image = export_image(db);
    REQUIRE_OK(image);
    CHECK(image.value().substr(0, 16) == std::string("SQLite format 3\0", 16));

    Result<Db> imported = import_crm_image(image.value());
    REQUIRE_OK(imported);
    CHECK(scalar(imported.value(), "SELECT count(*) FROM customers") == 25);
    CHECK(scalar(imported.value(), "SELECT count(*) FROM contacts") == scalar(db, "SELECT count(*) FROM contacts"));
    // The imported database is a working one: it takes writes, indexes and all.
    Customer customer;
    customer.name = "After Import Ltd";
    customer.code = "C10001";  // taken by the demo data
    Status duplicate = save_customer(imported.value(), customer, "tester");
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().fields.at(0).code == "duplicate");
    customer.code = "NEW-1";
    REQUIRE_OK(save_customer(imported.value(), customer, "tester"));
    // ... and the original did not change.
    CHECK(scalar(db, "SELECT count(*) FROM customers") == 25);
}

TEST_CASE("importing something that is not a SQLite database is refused with a reason") {
    for (std::string bytes : {std::string(), std::string("name,phone\nACME,123\n"), std::string(4096, 'x')}) {
        Result<Db> imported = import_crm_image(bytes);
        REQUIRE_FALSE(imported.ok());
        CHECK(imported.error().code == "not_a_database");
    }
}

TEST_CASE("importing a damaged image is refused, not half-loaded") {
    Db db = crm::test::fresh_crm_db();
    DemoOptions demo;
    demo.customers = 200;
    REQUIRE_OK(seed_demo_data(db, demo));
    std::string image = export_image(db).value();
    for (size_t i = 4096; i < image.size(); i += 97) image[i] = static_cast<char>(image[i] ^ 0x5a);
    Result<Db> imported = import_crm_image(image);
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == "not_a_database");
}

TEST_CASE("importing a SQLite database of something else, or from a newer build, is refused") {
    Db other = crm::test::fresh_db();
    REQUIRE_OK(other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hello');"));
    Result<Db> wrong = import_crm_image(export_image(other).value());
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "not_a_crm_database");

    Db newer = crm::test::fresh_crm_db();
    REQUIRE_OK(newer.exec("PRAGMA user_version = 999"));
    Result<Db> refused = import_crm_image(export_image(newer).value());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "schema_too_new");
}
