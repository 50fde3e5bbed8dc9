// Record ids made on the client: UUIDv7 (RFC 9562), time-ordered and unique without a
// server. The first 48 bits are the Unix time in milliseconds, so ids sort by creation
// time; within one millisecond a 12-bit counter keeps them strictly increasing from one
// generator, and 62 random bits keep two clients apart.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>

namespace crm {

class IdGenerator {
public:
    using Clock = std::function<int64_t()>;

    IdGenerator();  // system clock, seeded from the platform's entropy source
    IdGenerator(Clock clock, uint64_t seed);

    std::string next();

private:
    Clock clock_;
    std::mt19937_64 random_;
    int64_t last_ms_ = -1;
    uint32_t counter_ = 0;
};

// The process-wide generator used by domain code.
std::string new_id();

bool is_uuid(const std::string& text);

}  // namespace crm
