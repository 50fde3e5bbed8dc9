// Tests for domain/user_settings: a person's list layouts and last screen, and the checks that
// keep a layout the client would parse within what Dear ImGui's .ini reader can take.
#include <doctest/doctest.h>

#include <string>

#include "domain/user_settings.hpp"
#include "support.hpp"

using namespace crm;
using namespace crm::test;

namespace {

// What Dear ImGui 1.86's SaveIniSettingsToMemory() writes for a window and a table (its column
// user ids without the 0x its reader wants).
constexpr const char* kIni =
    "[Window][CRM]\n"
    "Pos=0,0\n"
    "Size=1366,768\n"
    "\n"
    "[Table][0x9F2A3C11,3]\n"
    "RefScale=16\n"
    "Column 0  Width=26 Visible=1 Order=0\n"
    "Column 1  UserID=00000001 Weight=3.2000 Visible=1 Order=2 Sort=0v\n"
    "Column 2  UserID=0000000A Weight=1.1000 Visible=0 Order=1 Sort=1^\n"
    "\n"
    "[Window][Debug##Default]\n"
    "Pos=60,60\n";

constexpr const char* kLayout =
    "[Table][0x9F2A3C11,3]\n"
    "RefScale=16\n"
    "Column 0  Width=26 Visible=1 Order=0\n"
    "Column 1  UserID=0x00000001 Weight=3.2000 Visible=1 Order=2 Sort=0v\n"
    "Column 2  UserID=0x0000000A Weight=1.1000 Visible=0 Order=1 Sort=1^\n";

UserSetting setting(const char* name, std::string value) {
    UserSetting s;
    s.name = name;
    s.value = std::move(value);
    return s;
}

}  // namespace

TEST_CASE("a layout keeps the .ini text's table sections, with user ids as ImGui reads them") {
    CHECK(table_layout(kIni) == kLayout);
    CHECK(table_layout(kLayout) == kLayout);
    CHECK(table_layout("") == "");
    CHECK(table_layout("[Window][CRM]\r\nPos=0,0\r\n") == "");
    CHECK(validate(setting("layout", kLayout)) == Problems{});
    CHECK(validate(setting("layout", "")) == Problems{});
}

TEST_CASE("a layout the .ini reader should not be given is refused") {
    const Problems invalid{{"value", "invalid_format", 0}};
    const std::string header = "[Table][0x9F2A3C11,3]\n";
    for (const std::string& bad : {
             std::string(kIni),                                      // window sections
             std::string("Column 0  Width=26\n"),                    // a line outside any table
             std::string("[Table][0x9F2A3C11,0]\n"),                 // no columns
             std::string("[Table][0x9F2A3C11,65]\n"),                // more than ImGui's 64
             std::string("[Table][0x9F2A3C11,100000000]\n"),         // an allocation of gigabytes
             std::string("[Table][0xZZ,8]\n"),                       // not an id
             header + "no equals sign\n",
             header + "Column 0  Width=" + std::string(200, '9') + "\n",
             header + "RefScale=\xff\xfe\n",                         // not UTF-8
             // Numbers ImGui takes as they come: a display order of 64 or below 0 indexes past
             // its arrays; so would a column or a sort out of the table.
             header + "Column 0  Order=64\n",
             header + "Column 0  Order=-64\n",
             header + "Column 0  Order=3\n",
             header + "Column 0  Order=1\nColumn 1  Order=1\n",      // one order twice
             header + "Column 3  Width=26\n",
             header + "Column 0  Width=26\nColumn 0  Width=30\n",    // one column twice
             header + "Column 0  Sort=3v\n",
             header + "Column 0  Sort=0x\n",
             header + "Column 0  Sort=-1v\n",
             header + "Column 0  Visible=2\n",
             header + "Column 0  Width=-5\n",
             header + "Column 0  Weight=nan\n",
             header + "Column 0  Weight=1e999\n",
             header + "Column 0  UserID=00000001\n",                 // as written, not as read
             header + "Column 0  Width=26 Order=0 Extra=1\n",
             header + "Column 0  Order=0 Width=26\n",                // not in the reader's order
             header + "RefScale=0\n",
             header + "RefScale=inf\n",
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
