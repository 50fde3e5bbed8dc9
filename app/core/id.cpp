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

    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    auto put = [&](uint64_t word, int from_nibble, int count) {
        for (int i = from_nibble; i < from_nibble + count; ++i) out += hex[(word >> (60 - 4 * i)) & 0xf];
    };
    put(high, 0, 8);
    out += '-';
    put(high, 8, 4);
    out += '-';
    put(high, 12, 4);
    out += '-';
    put(low, 0, 4);
    out += '-';
    put(low, 4, 12);
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
