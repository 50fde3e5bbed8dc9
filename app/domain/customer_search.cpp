#include "domain/customer_search.hpp"

#include "core/text.hpp"

namespace crm {

void CustomerSearch::load(Db& db, const CustomerQuery& query) {
    texts_.clear();
    Stmt stmt = customer_list_statement(db, query, "rowid, search_text", false);
    for (;;) {
        Result<bool> row = stmt.step();
        if (!row.ok() || !row.value()) break;
        texts_.add(stmt.int64(0), stmt.text(1));
    }
}

const std::vector<int64_t>& CustomerSearch::find(std::string_view search) {
    return texts_.find(ascii_lower(trim(search)));
}

}  // namespace crm
