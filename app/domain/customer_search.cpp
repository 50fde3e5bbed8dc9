#include "domain/customer_search.hpp"

#include "core/text.hpp"

namespace crm {

void CustomerSearch::load(Db& db, const CustomerQuery& query) {
    rowids_.clear();
    ends_.clear();
    texts_.clear();
    has_last_ = false;
    Stmt stmt = customer_list_statement(db, query, "rowid, search_text", false);
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row.ok() || !row.value()) break;
        rowids_.push_back(stmt.int64(0));
        texts_ += stmt.text(1);
        ends_.push_back(static_cast<uint32_t>(texts_.size()));
    }
}

const std::vector<int64_t>& CustomerSearch::find(std::string_view search) {
    const std::string needle = ascii_lower(trim(search));
    if (needle.empty()) {
        has_last_ = false;
        return rowids_;
    }
    if (has_last_ && needle == last_) return found_;
    // What matches "acm" is among what matched "ac": narrow the last matches when the new
    // search contains the old one (typing on); start over otherwise (deleting, pasting).
    const bool narrow = has_last_ && needle.find(last_) != std::string::npos;
    std::vector<uint32_t> matches;
    auto test = [&](uint32_t i) {
        const uint32_t begin = i == 0 ? 0 : ends_[i - 1];
        const std::string_view text(texts_.data() + begin, ends_[i] - begin);
        if (text.find(needle) != std::string_view::npos) matches.push_back(i);
    };
    if (narrow) {
        for (uint32_t i : matches_) test(i);
    } else {
        for (uint32_t i = 0; i < rowids_.size(); ++i) test(i);
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
