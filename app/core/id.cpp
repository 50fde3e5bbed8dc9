#include "core/id.hpp"

#include "core/clock.hpp"

namespace crm {

IdGenerator::IdGenerator() : IdGenerator(now_ms, std::random_device{}()) {
    // std::random_device yields 32 bits; take a second draw for the upper half.
    random_.seed((static_cast<uint64_t>(std::random_device{}()) << 32) ^ random_());
}

IdGenerator::IdGenerator(Clock clock, uint64_t seed) : clock_(std::move(clock)), random_(seed) {}

std::string IdGenerator::next() {
    int64_t ms = clock_();
    if (ms > last_ms_) {
        last_ms_ = ms;
        counter_ = static_cast<uint32_t>(random_() & 0x3ff);  // random start, room to count up
    } else if (++counter_ > 0xfff) {
        // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
        ++last_ms_;
        counter_ = 0;
    }
    uint64_t high = (static_cast<uint64_t>(last_ms_) << 16) | (0x7ull << 12) | counter_;
    uint64_t low = (random_() & 0x3fffffffffffffffull) | 0x8000000000000000ull;

    // Written in place (a seed of a million activities makes a million of these): the 32 hex
    // digits of high and low, with dashes after the 8th, 12th, 16th and 20th.
    static const char hex[] = "0123456789abcdef";
    std::string out(36, '-');
    size_t at = 0;
    for (int nibble = 0; nibble < 32; ++nibble, ++at) {
        if (at == 8 || at == 13 || at == 18 || at == 23) ++at;
        const uint64_t word = nibble < 16 ? high : low;
        out[at] = hex[(word >> (60 - 4 * (nibble % 16))) & 0xf];
    }
    return out;
}

std::string new_id() {
    static IdGenerator generator;
    return generator.next();
}

bool is_uuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

}  // namespace crm
