// Tests for domain/user_settings: a person's list layouts and last screen, and the checks that
// keep a layout the client would parse within what Dear ImGui's .ini reader can take.
#include <doctest/doctest.h>

#include <string>

#include "domain/user_settings.hpp"
#include "support.hpp"

using namespace crm;
using namespace crm::test;

namespace {

// What Dear ImGui 1.86's SaveIniSettingsToMemory() writes for a window and a table.
constexpr const char* kIni =
    "[Window][CRM]\n"
    "Pos=0,0\n"
    "Size=1366,768\n"
    "\n"
    "[Table][0x9F2A3C11,8]\n"
    "RefScale=16\n"
    "Column 0  Width=26\n"
    "Column 1  Weight=3.2000 Sort=0v\n"
    "Column 2  Weight=1.1000 Visible=0\n"
    "\n"
    "[Window][Debug##Default]\n"
    "Pos=60,60\n";

UserSetting setting(const char* name, std::string value) {
    UserSetting s;
    s.name = name;
    s.value = std::move(value);
    return s;
}

}  // namespace

TEST_CASE("a layout keeps the .ini text's table sections and leaves the windows out") {
    CHECK(table_layout(kIni) ==
          "[Table][0x9F2A3C11,8]\nRefScale=16\nColumn 0  Width=26\nColumn 1  Weight=3.2000 Sort=0v\n"
          "Column 2  Weight=1.1000 Visible=0\n");
    CHECK(table_layout("") == "");
    CHECK(table_layout("[Window][CRM]\r\nPos=0,0\r\n") == "");
    CHECK(validate(setting("layout", table_layout(kIni))) == Problems{});
    CHECK(validate(setting("layout", "")) == Problems{});
}

TEST_CASE("a layout the .ini reader should not be given is refused") {
    const Problems invalid{{"value", "invalid_format", 0}};
    for (const std::string& bad : {
             std::string(kIni),                                     // window sections
             std::string("Column 0  Width=26\n"),                   // a line outside any table
             std::string("[Table][0x9F2A3C11,0]\n"),                // no columns
             std::string("[Table][0x9F2A3C11,65]\n"),               // more than ImGui's 64
             std::string("[Table][0x9F2A3C11,100000000]\n"),        // an allocation of gigabytes
             std::string("[Table][0xZZ,8]\n"),                      // not an id
             std::string("[Table][0x9F2A3C11,8]\nno equals sign\n"),
             std::string("[Table][0x9F2A3C11,8]\nColumn 0  Width=") + std::string(200, '9') + "\n",
             std::string("[Table][0x9F2A3C11,8]\nRefScale=\xff\xfe\n"),  // not UTF-8
         }) {
        INFO(bad);
        CHECK(validate(setting("layout", bad)) == invalid);
    }
    std::string big;
    while (big.size() <= user_setting_limits::layout) big += "[Table][0x9F2A3C11,8]\nRefScale=16\n";
    CHECK(validate(setting("layout", big)) == invalid);
}

TEST_CASE("a last screen is a screen's id; a setting's name is one the app knows") {
    CHECK(validate(setting("last_screen", "my_day")) == Problems{});
    for (const char* bad : {"", "My Day", "../admin", "customers;drop"}) {
        INFO(bad);
        CHECK(validate(setting("last_screen", bad)) == Problems{{"value", "invalid_format", 0}});
    }
    CHECK(validate(setting("theme", "dark")) == Problems{{"name", "invalid_choice", 0}});
    CHECK(validate(setting("", "")) == Problems{{"name", "required", 0}});
}

TEST_CASE("a setting is stored per owner, changed in place, and an unchanged value writes nothing") {
    Db db = fresh_crm_db();
    CHECK_FALSE(user_setting(db, "sales1", "last_screen"));
    REQUIRE_OK(put_user_setting(db, "sales1", "last_screen", "calendar"));
    REQUIRE_OK(put_user_setting(db, "sales2", "last_screen", "my_day"));
    CHECK(user_setting(db, "sales1", "last_screen") == "calendar");
    CHECK(user_setting(db, "sales2", "last_screen") == "my_day");
    CHECK_FALSE(user_setting(db, "sales1", "layout"));

    const std::string id = scalar_text(db, "SELECT id FROM user_settings WHERE owner_id = ?1", "sales1");
    REQUIRE_OK(put_user_setting(db, "sales1", "last_screen", "reminders"));
    CHECK(user_setting(db, "sales1", "last_screen") == "reminders");
    CHECK(scalar(db, "SELECT count(*) FROM user_settings") == 2);
    CHECK(scalar_text(db, "SELECT id FROM user_settings WHERE owner_id = ?1", "sales1") == id);

    const int64_t changes = db.total_changes();
    REQUIRE_OK(put_user_setting(db, "sales1", "last_screen", "reminders"));
    CHECK(db.total_changes() == changes);

    const Status refused = put_user_setting(db, "sales1", "layout", "[Table][0x1,100000000]\n");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "invalid");
    CHECK_FALSE(user_setting(db, "sales1", "layout"));
}

TEST_CASE("two rows of one setting (two PCs that were apart): the latest written is read") {
    Db db = fresh_crm_db();
    REQUIRE_OK(db.exec("INSERT INTO user_settings (id, name, value, owner_id, created_at, updated_at) VALUES "
                       "('a', 'last_screen', 'calendar', 'sales1', '2026-12-01T08:00:00.000Z', '2026-12-01T08:00:00.000Z'),"
                       "('b', 'last_screen', 'my_day', 'sales1', '2026-12-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z')"));
    CHECK(user_setting(db, "sales1", "last_screen") == "my_day");
    REQUIRE_OK(put_user_setting(db, "sales1", "last_screen", "reminders"));
    CHECK(scalar_text(db, "SELECT value FROM user_settings WHERE id = ?1", "b") == "reminders");
    CHECK(user_setting(db, "sales1", "last_screen") == "reminders");
}
