// A person's own settings (个人设置), synced with them so that they follow the person from PC
// to PC and nothing stays on a shared one: the lists' layouts (column widths, order, shown
// columns, sort) and the screen they last worked on.
//
// Each is its owner's only (every role: scope "own" in the user_settings module). One live
// row per owner and name; should two PCs create the same one while apart, the latest written
// is the one read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/db.hpp"

namespace crm {

struct UserSetting {
    std::string id;
    std::string name;   // one of kUserSettingNames
    std::string value;
    std::string owner_id;
    std::string created_at;
    std::string updated_at;
    std::string updated_by;
    int64_t rev = 0;
    bool deleted = false;
};

// "layout": the tables' settings in Dear ImGui's .ini text, its [Table] sections only
// (table_layout()); "last_screen": a screen's id (lower-case letters, digits and '_').
inline constexpr std::string_view kUserSettingNames[] = {"layout", "last_screen"};

namespace user_setting_limits {
inline constexpr size_t layout = 16 * 1024;  // bytes
inline constexpr size_t line = 200;          // bytes of one .ini line
inline constexpr int table_columns = 64;     // Dear ImGui's most columns in a table
inline constexpr size_t screen = 40;
}  // namespace user_setting_limits

// The [Table] sections of Dear ImGui's .ini text (ImGui::SaveIniSettingsToMemory()), the rest
// (window positions) left out: what a list's layout is. Column user ids, if any, are written the
// way ImGui reads them back ("UserID=0x0000000A"; its writer leaves out the 0x).
std::string table_layout(std::string_view ini);

// name one of kUserSettingNames; a layout at most 16 KB of lines of at most 200 bytes, only
// [Table][0x<id>,<columns>] sections with 1 to 64 columns, each with a RefScale line and
// "Column N ..." lines as table_layout() gives them: N, Order and Sort within the table's
// columns, no column and no order twice, Visible 0 or 1, widths and weights finite and in range,
// nothing else; a last screen an id. Anything else is "value": "invalid_format". Checked
// (on the server, and by the client before loading one) because Dear ImGui's reader takes these
// numbers as they come: a table of a million columns, or a display order of 64, must not reach it.
Problems validate(const UserSetting& setting);

// The owner's setting, or nullopt when there is none.
std::optional<std::string> user_setting(Db& db, std::string_view owner_id, std::string_view name);
// Stores the owner's setting (a new row or the live one changed); a value equal to the
// stored one writes nothing.
Status put_user_setting(Db& db, std::string_view owner_id, std::string_view name, std::string_view value);

}  // namespace crm
