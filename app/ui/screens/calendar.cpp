#include "ui/screens/calendar.hpp"

#include <imgui.h>

#include "core/clock.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

namespace {

constexpr int kMonthCellItems = 3;  // a month's day shows this many, then "+n more"

// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). Weeks start on Monday, as in China.
int weekday(int64_t day) { return static_cast<int>(((day + 3) % 7 + 7) % 7); }

int64_t first_of_month(int64_t day) { return *parse_date(format_date(day).substr(0, 8) + "01"); }

std::string weekday_caption(int64_t day) {
    return tr("calendar.weekday." + std::to_string(weekday(day)));
}

}  // namespace

void CalendarScreen::compute_range() {
    switch (view_) {
        case View::day:
            first_day_ = anchor_;
            end_day_ = anchor_ + 1;
            break;
        case View::week:
            first_day_ = anchor_ - weekday(anchor_);
            end_day_ = first_day_ + 7;
            break;
        case View::month: {
            const int64_t first = first_of_month(anchor_);
            first_day_ = first - weekday(first);
            const int64_t next_month = first_of_month(first + 31);
            end_day_ = next_month + (7 - weekday(next_month)) % 7;
            break;
        }
    }
}

void CalendarScreen::reload(AppContext& app) {
    compute_range();
    const std::string owner = *everyone_ ? std::string() : app.user;
    const std::string key = std::to_string(first_day_) + ":" + std::to_string(end_day_) + ":" + owner;
    if (key == loaded_key_ && loaded_version_ == app.data_version) return;
    loaded_key_ = key;
    loaded_version_ = app.data_version;
    items_ = activities_between(app.db, local_midnight(first_day_), local_midnight(end_day_), owner);
}

std::vector<const ScheduledActivity*> CalendarScreen::items_on(int64_t day) const {
    std::vector<const ScheduledActivity*> out;
    for (const ScheduledActivity& item : items_)
        if (local_day_of(item.at_ms) == day) out.push_back(&item);
    return out;
}

std::string CalendarScreen::status(AppContext&) { return trf("calendar.status", {std::to_string(items_.size())}); }

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

void CalendarScreen::draw(AppContext& app) {
    now_ = now_ms();
    if (anchor_ < 0) anchor_ = local_day_of(now_);
    // In the sandbox everyone's are shown at first: its demo activities belong to demo users.
    if (!everyone_) everyone_ = app.session == nullptr;
    draw_toolbar();
    reload(app);
    clicked_ = nullptr;
    ImGui::BeginChild("calendar_days", ImVec2(0, 0), false);
    switch (view_) {
        case View::day: draw_day(anchor_); break;
        case View::week: draw_week(); break;
        case View::month: draw_month(); break;
    }
    ImGui::EndChild();
    if (clicked_) dialog_.open_stored(app.db, clicked_->activity);
    dialog_.draw(app);
}

void CalendarScreen::draw_toolbar() {
    struct ViewButton {
        View view;
        const char* caption;
    };
    for (const ViewButton& b : {ViewButton{View::day, "calendar.day"}, ViewButton{View::week, "calendar.week"},
                                ViewButton{View::month, "calendar.month"}}) {
        const bool current = view_ == b.view;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(tr(b.caption))) view_ = b.view;
        if (current) ImGui::PopStyleColor();
        ImGui::SameLine();
    }
    ImGui::TextUnformatted(" ");
    ImGui::SameLine();
    const int step = view_ == View::day ? 1 : view_ == View::week ? 7 : 0;
    if (ImGui::Button(tr("calendar.previous"))) anchor_ = step ? anchor_ - step : first_of_month(first_of_month(anchor_) - 1);
    ImGui::SameLine();
    if (ImGui::Button(tr("calendar.today"))) anchor_ = local_day_of(now_);
    ImGui::SameLine();
    if (ImGui::Button(tr("calendar.next"))) anchor_ = step ? anchor_ + step : first_of_month(first_of_month(anchor_) + 31);
    ImGui::SameLine();
    compute_range();
    std::string range;
    switch (view_) {
        case View::day: range = format_date(anchor_) + " " + weekday_caption(anchor_); break;
        case View::week: range = format_date(first_day_) + " – " + format_date(end_day_ - 1); break;
        case View::month: range = format_date(first_of_month(anchor_)).substr(0, 7); break;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(theme::kAccent, "  %s", range.c_str());
    automation::record_text(range.c_str());
    ImGui::SameLine();
    bool everyone = everyone_.value_or(false);
    if (ImGui::Checkbox(tr("calendar.everyone"), &everyone)) everyone_ = everyone;
}

void CalendarScreen::draw_item(const ScheduledActivity& item, bool with_customer) {
    const Activity& a = item.activity;
    const ActivityState state = activity_state(a, now_);
    const std::string line = format_local_minutes(item.at_ms).substr(11) + " " + a.subject;
    const std::string below = std::string(activity_kind_caption(a.kind)) + " · " + item.customer_name;
    const float line_height = ImGui::GetTextLineHeight();
    ImGui::PushID(a.id.c_str());
    const ImVec2 start = ImGui::GetCursorPos();
    const float height = with_customer ? line_height * 2 + ImGui::GetStyle().ItemSpacing.y : line_height;
    if (ImGui::Selectable("###item", false, 0, ImVec2(0, height))) clicked_ = &item;
    automation::record_label(line.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s\n%s", line.c_str(), below.c_str(), state.caption);
    const ImVec2 after = ImGui::GetCursorPos();
    ImGui::SetCursorPos(start);
    ImGui::TextColored(state.colour, "%s", line.c_str());
    if (with_customer) {
        ImGui::TextColored(theme::kMuted, "%s", below.c_str());
        automation::record_text(below.c_str());
    }
    ImGui::SetCursorPos(after);
    ImGui::PopID();
}

void CalendarScreen::draw_day(int64_t day) {
    const std::vector<const ScheduledActivity*> items = items_on(day);
    if (items.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("calendar.nothing"));
        automation::record_text(tr("calendar.nothing"));
    }
    for (const ScheduledActivity* item : items) draw_item(*item, true);
}

void CalendarScreen::draw_week() {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("week", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int64_t day = first_day_; day < end_day_; ++day) {
        const std::string header = weekday_caption(day) + " " + format_date(day).substr(5);
        ImGui::TableSetupColumn(header.c_str());
    }
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    const int64_t today = local_day_of(now_);
    for (int64_t day = first_day_; day < end_day_; ++day) {
        ImGui::TableNextColumn();
        if (day == today) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(230, 238, 250, 255));
        for (const ScheduledActivity* item : items_on(day)) draw_item(*item, true);
    }
    ImGui::EndTable();
}

void CalendarScreen::draw_month() {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame;
    if (!ImGui::BeginTable("month", 7, flags)) return;
    for (int64_t day = first_day_; day < first_day_ + 7; ++day) ImGui::TableSetupColumn(weekday_caption(day).c_str());
    ImGui::TableHeadersRow();
    const int64_t today = local_day_of(now_);
    const std::string month = format_date(first_of_month(anchor_)).substr(0, 7);
    const float row_height = ImGui::GetTextLineHeightWithSpacing() * (kMonthCellItems + 2);
    for (int64_t day = first_day_; day < end_day_; ++day) {
        if (weekday(day) == 0) ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
        ImGui::TableNextColumn();
        if (day == today) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(230, 238, 250, 255));
        const std::string date = format_date(day);
        const bool in_month = date.starts_with(month);
        ImGui::TextColored(in_month ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : theme::kMuted, "%s",
                           date.substr(8).c_str());
        const std::vector<const ScheduledActivity*> items = items_on(day);
        for (size_t i = 0; i < items.size() && i < kMonthCellItems; ++i) draw_item(*items[i], false);
        if (items.size() > kMonthCellItems) {
            ImGui::PushID(static_cast<int>(day));
            const std::string more = trf("calendar.more", {std::to_string(items.size() - kMonthCellItems)});
            if (ImGui::SmallButton(more.c_str())) {
                anchor_ = day;
                view_ = View::day;
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace crm::ui
