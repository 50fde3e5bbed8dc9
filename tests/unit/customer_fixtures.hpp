// Customers for the tests of domain/customer: a complete company record, saving one,
// and the names a list query finds.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"
#include "support.hpp"

namespace crm::test {


inline Customer company(std::string name, std::string code = "") {
    Customer c;
    c.kind = "company";
    c.name = std::move(name);
    c.code = std::move(code);
    c.type = "enterprise";
    c.level = "B";
    c.industry = "Software";
    c.province = "北京";
    c.city = "北京";
    c.address = "北京市朝阳区建国路 88 号";
    c.phone = "010-6552 8888";
    c.email = "info@huaxin.cn";
    return c;
}

inline Customer saved(Db& db, Customer customer, std::string_view actor = "sales1") {
    REQUIRE_OK(save_customer(db, customer, actor));
    return customer;
}

inline int64_t customer_rows(Db& db) { return crm::test::scalar(db, "SELECT count(*) FROM customers"); }

inline Problems problems_of(const Status& status) {
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == "invalid");
    return status.error().fields;
}

// The names of the customers a query finds, in its order.
inline std::vector<std::string> names(Db& db, const CustomerQuery& query) {
    CustomerRows rows(db);
    std::vector<std::string> out;
    for (int64_t rowid : find_customer_rowids(db, query)) {
        std::optional<CustomerRow> row = rows.load(rowid);
        REQUIRE(row.has_value());
        out.push_back(row->name);
    }
    return out;
}

inline std::vector<std::string> search(Db& db, std::string text) {
    CustomerQuery query;
    query.search = std::move(text);
    return names(db, query);
}

using Names = std::vector<std::string>;

}  // namespace crm::test
