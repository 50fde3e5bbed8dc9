// A list's saved filters (保存的筛选, domain saved_filter), on the first line of its filter bar:
// "Saved filters" picks one, "Save filter…" names what is set, and "Delete “name”" removes the
// one picked. It holds no query of its own: the list turns its query into JSON and back.
//
//     if (std::optional<std::string> json = picker_.draw(app, [&] { return query_to_json(query); }, any_set)) {
//         if (auto picked = query_from_json(*json, query)) query = *picked; else picker_.forget();
//     }
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/saved_filter.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

class SavedFilterPicker {
public:
    explicit SavedFilterPicker(std::string_view list) : list_(list) {}  // a kFilterLists name

    // The picker's line. `current` gives the list's search and filters as JSON (called only to
    // save them); `anything_set` enables saving. Returns the JSON of the filter picked this frame.
    std::optional<std::string> draw(AppContext& app, const std::function<std::string()>& current, bool anything_set);
    // The filters no longer are the picked one's (changed by hand, or its JSON did not apply).
    void forget() { applied_id_.clear(); }

private:
    void draw_save_popup(AppContext& app, const std::function<std::string()>& current);

    std::string list_;
    std::vector<SavedFilter> saved_;  // the person's, read when the data changes
    int64_t saved_version_ = -1;
    std::string applied_id_;  // the saved filter last picked, until forget()
    std::string save_name_;
    Problems save_problems_;
    bool open_save_popup_ = false;
};

}  // namespace crm::ui
