// Search as you type over the customers list (客户搜索): the search texts of the list's rows,
// in the list's order, held in memory, so that a keystroke scans memory instead of the table,
// and a search that extends the previous one ("acm" after "ac") scans only its matches.
//
// It finds exactly what find_customer_rowids() finds for the same query: the same rows (the
// stored search_text column), the same order, the same rule (a byte substring of the
// ASCII-lower-cased, trimmed search). 100,000 customers hold about 7 MB.
//
//     CustomerSearch search;
//     search.load(db, query);                    // when the data, the sort or the filters change
//     const auto& rowids = search.find("acme");  // every keystroke
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "domain/customer.hpp"
#include "domain/search_texts.hpp"

namespace crm {

class CustomerSearch {
public:
    // Reads every live customer that passes `query`'s filters, in its order (its search is ignored).
    void load(Db& db, const CustomerQuery& query);
    // The rowids whose search text holds `search`, in list order; all of them for "".
    // Valid until the next load() or find().
    const std::vector<int64_t>& find(std::string_view search);
    size_t size() const { return texts_.size(); }

private:
    SearchTexts texts_;
};

}  // namespace crm
