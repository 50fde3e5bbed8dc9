// Tests for app/core/memcmp_wasm.c, the WebAssembly build's memcmp: the same sign as libc's
// for every length, every position of the first difference, and bytes above 0x7f.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <string>

extern "C" int crm_memcmp(const void* left, const void* right, size_t size);

namespace {

int sign(int value) { return (value > 0) - (value < 0); }

}  // namespace

TEST_CASE("crm_memcmp orders like libc's memcmp, whatever the length and the first difference") {
    std::mt19937 random(7);
    int compared = 0;
    for (size_t size = 0; size <= 40; ++size) {
        for (size_t differ_at = 0; differ_at <= size; ++differ_at) {
            for (int round = 0; round < 20; ++round) {
                std::string left(size, '\0');
                for (char& c : left) c = static_cast<char>(random() & 0xff);
                std::string right = left;
                // differ_at == size: equal; else the first difference is there, either way round,
                // with bytes below and above 0x80 so that unsigned order is what is checked.
                if (differ_at < size) {
                    while (right[differ_at] == left[differ_at]) right[differ_at] = static_cast<char>(random() & 0xff);
                    for (size_t k = differ_at + 1; k < size; ++k) right[k] = static_cast<char>(random() & 0xff);
                }
                const int expected = sign(std::memcmp(left.data(), right.data(), size));
                CHECK(sign(crm_memcmp(left.data(), right.data(), size)) == expected);
                CHECK(sign(crm_memcmp(right.data(), left.data(), size)) == -expected);
                ++compared;
            }
        }
    }
    CHECK(compared == 20 * (41 * 42 / 2));
    // Unaligned starts, as SQLite's keys are wherever they fall in a page.
    const char text[] = "xx2026-12-06T15:10:16.000Z|2026-12-06T15:10:17.000Z";
    CHECK(crm_memcmp(text + 2, text + 27, 24) < 0);
    CHECK(crm_memcmp(text + 27, text + 2, 24) > 0);
    CHECK(crm_memcmp(text + 2, text + 27, 18) == 0);
}
