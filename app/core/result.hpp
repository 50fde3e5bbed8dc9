// Errors as values.
//
// A function that can fail for a reason a user should see returns Result<T>: either the
// value or an Error with a machine-readable code, an English message for logs, and, for
// validation failures, every problem with the field it belongs to. Exceptions are kept
// for bugs (see CRM_CHECK), never for expected failures.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace crm {

// One problem with one field of a record, e.g. {"email", "email_format"}.
// `code` is stable (tests and translations key on it); `limit` carries the number a
// message needs ("at most 200 characters").
struct FieldError {
    std::string field;
    std::string code;
    int limit = 0;

    bool operator==(const FieldError&) const = default;
};

using Problems = std::vector<FieldError>;

struct Error {
    std::string code;     // "invalid", "not_found", "db", ...
    std::string message;  // English, for logs and developers
    Problems fields;      // filled when code == "invalid"

    static Error invalid(Problems problems) { return {"invalid", "validation failed", std::move(problems)}; }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    // The value, or `fallback` after an error (for a loop over rows, where an error ends it).
    T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }
    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

// A broken invariant is a bug: report it loudly and stop. In the browser the abort
// reaches window.crm.errors through the module's onAbort hook.
[[noreturn]] inline void fail_check(const char* expr, const char* file, int line, const std::string& detail) {
    std::fprintf(stderr, "CRM_CHECK failed: %s at %s:%d %s\n", expr, file, line, detail.c_str());
    std::abort();
}

}  // namespace crm

#define CRM_CHECK(expr, detail) \
    ((expr) ? (void)0 : ::crm::fail_check(#expr, __FILE__, __LINE__, (detail)))
