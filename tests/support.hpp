// Helpers shared by the unit and UI tests (tests/unit, tests/ui): a fresh CRM database,
// one-number queries, and readable doctest output for Results and Problems.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/db.hpp"
#include "domain/schema.hpp"

namespace crm::test {

// "code: message" of a failed Result, "" for a good one (for INFO, which may evaluate it early).
template <class R>
std::string error_text(const R& result) {
    return result.ok() ? std::string() : result.error().code + ": " + result.error().message;
}

// A plain SQLite connection in memory, without the CRM schema.
inline Db fresh_db() {
    Result<Db> db = Db::open(":memory:");
    INFO(error_text(db));
    REQUIRE(db.ok());
    return std::move(db).value();
}

inline Db fresh_crm_db() {
    Result<Db> db = open_crm_database(":memory:");
    INFO(error_text(db));
    REQUIRE(db.ok());
    return std::move(db).value();
}

// The first column of the first row of a query that must return one, e.g. a count(*).
inline int64_t scalar(Db& db, std::string_view sql) {
    Stmt stmt = db.prepare(sql);
    Result<bool> row = stmt.step();
    INFO(sql);
    REQUIRE(row.ok());
    REQUIRE(row.value());
    return stmt.int64(0);
}

inline std::string scalar_text(Db& db, std::string_view sql, std::string_view parameter) {
    Stmt stmt = db.prepare(sql);
    stmt.bind(1, parameter);
    Result<bool> row = stmt.step();
    INFO(sql);
    REQUIRE(row.ok());
    REQUIRE(row.value());
    return stmt.text(0);
}

}  // namespace crm::test

// Requires a Result or Status to be good, printing its error when it is not.
#define REQUIRE_OK(expression)                                 \
    do {                                                       \
        const auto& require_ok_result_ = (expression);         \
        INFO(::crm::test::error_text(require_ok_result_));     \
        REQUIRE(require_ok_result_.ok());                      \
    } while (0)

namespace doctest {

template <>
struct StringMaker<crm::FieldError> {
    static String convert(const crm::FieldError& problem) {
        std::string text = "{" + problem.field + ", " + problem.code;
        if (problem.limit) text += ", " + std::to_string(problem.limit);
        return (text + "}").c_str();
    }
};

template <>
struct StringMaker<crm::Problems> {
    static String convert(const crm::Problems& problems) {
        String text = "[";
        for (const crm::FieldError& problem : problems) text += StringMaker<crm::FieldError>::convert(problem) + " ";
        return text + "]";
    }
};

}  // namespace doctest
