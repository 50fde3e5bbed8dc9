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

}  // namespace crm
