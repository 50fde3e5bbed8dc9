// Search as you type from memory: one text per row of a list, in the list's order, so that a
// keystroke scans memory instead of the table, and a search that extends the previous one
// ("acm" after "ac") scans only that one's matches. The customers list (CustomerSearch) and
// the contacts and activities lists (ListSearch) keep their rows' texts here.
//
//     SearchTexts texts;
//     texts.add(rowid, "acme trading\x1f" "c1001");   // lower-cased, in list order
//     const auto& rowids = texts.find("acm");        // lower-cased and trimmed already
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

class SearchTexts {
public:
    void clear();
    // A row's text; a new line in it is never matched (it separates the rows).
    void add(int64_t rowid, std::string_view text);
    // The rowids whose text holds `needle` as bytes, in the order added; all of them for "".
    // Valid until the next add(), clear() or find().
    const std::vector<int64_t>& find(std::string_view needle);
    size_t size() const { return rowids_.size(); }

private:
    std::vector<int64_t> rowids_;
    std::vector<uint32_t> ends_;  // texts_[ends_[i-1] + 1, ends_[i]) is row i's text, then a separator
    std::string texts_;
    // The last search, the indexes of its matches and their rowids.
    std::string last_;
    bool has_last_ = false;
    std::vector<uint32_t> matches_;
    std::vector<int64_t> found_;
};

}  // namespace crm
