// A realistic demo dataset (Chinese and English companies and persons, with
// contacts) so that the first screen is never empty. Deterministic for a given seed.
// Word lists live in assets/demo/*.txt and are compiled in (cmake/embed_text.cmake).
#pragma once

#include <cstdint>

#include "core/db.hpp"

namespace crm {

struct DemoOptions {
    int customers = 60;
    // Done activities of the past three years on top of the recent ones every customer gets,
    // with the seasons of a Chinese business year (quiet at the Spring Festival and in Golden
    // Week, busy before the half-year and the year end; few at weekends), and a few key
    // accounts holding many of them. 0 for none; the rest of the dataset is the same either way.
    int history_activities = 0;
    uint32_t seed = 20261123;
    // Owners the customers are spread over (the demo users of the sync issue).
    const char* const* owners = nullptr;
    int owner_count = 0;
};

// Inserts the dataset in one transaction. Every record it writes passes validate().
Status seed_demo_data(Db& db, const DemoOptions& options = {});

// About what the dataset of `options` takes in SQLite pages, in bytes, without making it:
// what a customer and an activity of history take on average, as measured (tests check it
// within a fifth at small sizes; 100,000 customers with 1,000,000 activities are 716 MB).
int64_t estimated_demo_bytes(const DemoOptions& options);

// Data larger than this is kept in compact memory (core/packed_memory) unless the person
// chooses otherwise: the sandbox's largest data takes over 700 MB of pages, more than a
// browser tab on a shared PC short of memory may be given, and under 300 MB compressed.
// (Smaller data stays in SQLite's own in-memory database, which is faster to search and
// sort: tests/bench/RESULTS.md.)
inline constexpr int64_t kCompactMemoryAdvisedAbove = int64_t{400} << 20;
bool compact_memory_advised(const DemoOptions& options, int64_t above = kCompactMemoryAdvisedAbove);

}  // namespace crm
