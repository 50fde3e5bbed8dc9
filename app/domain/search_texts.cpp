#include "domain/search_texts.hpp"

namespace crm {

namespace {

// Between two rows' texts in texts_, so that one scan of the whole buffer finds every match
// and no match runs from one row into the next.
constexpr char kSeparator = '\n';

}  // namespace

void SearchTexts::clear() {
    rowids_.clear();
    ends_.clear();
    texts_.clear();
    has_last_ = false;
}

void SearchTexts::add(int64_t rowid, std::string_view text) {
    rowids_.push_back(rowid);
    texts_ += text;
    ends_.push_back(static_cast<uint32_t>(texts_.size()));
    texts_ += kSeparator;
    has_last_ = false;
}

const std::vector<int64_t>& SearchTexts::find(std::string_view needle) {
    if (needle.empty()) {
        has_last_ = false;
        return rowids_;
    }
    if (has_last_ && needle == last_) return found_;
    // What matches "acm" is among what matched "ac": narrow the last matches when the new
    // search contains the old one (typing on); start over otherwise (deleting, pasting).
    const bool narrow = has_last_ && needle.find(last_) != std::string_view::npos;
    std::vector<uint32_t> matches;
    if (needle.find(kSeparator) != std::string_view::npos) {
        // Nothing holds a row separator.
    } else if (narrow) {
        for (uint32_t i : matches_) {
            const uint32_t begin = i == 0 ? 0 : ends_[i - 1] + 1;
            const std::string_view text(texts_.data() + begin, ends_[i] - begin);
            if (text.find(needle) != std::string_view::npos) matches.push_back(i);
        }
    } else {
        // One scan of the whole buffer: a match's row is the first whose end lies beyond it,
        // and the search goes on from the next row.
        const std::string_view all(texts_);
        uint32_t row = 0;
        for (size_t at = all.find(needle); at != std::string_view::npos; at = all.find(needle, ends_[row++] + 1)) {
            while (ends_[row] <= at) ++row;
            matches.push_back(row);
        }
    }
    matches_ = std::move(matches);
    found_.clear();
    found_.reserve(matches_.size());
    for (uint32_t i : matches_) found_.push_back(rowids_[i]);
    last_ = needle;
    has_last_ = true;
    return found_;
}

}  // namespace crm
