/* memcmp for the WebAssembly build, eight bytes at a time.
 *
 * Emscripten's libc (musl) compares byte by byte. SQLite compares keys with memcmp all the
 * time, and ours share long prefixes (time-ordered UUIDs, ISO-8601 times), so in wasm under
 * node memcmp was 7.6 % of generating the demo data at 1 M activities; this one made the
 * generator 5 % faster there (tests/bench/RESULTS.md).
 * Linked into the wasm targets only (cmake/client.cmake), ahead of libc's, and compiled with
 * -fno-builtin so that the compiler does not turn the loops back into a call to memcmp.
 * WebAssembly is little-endian and allows unaligned loads: a differing word, byte-swapped,
 * orders like its first differing byte. */
#include <stddef.h>
#include <stdint.h>

int crm_memcmp(const void* left, const void* right, size_t size);

#ifdef __EMSCRIPTEN__
int memcmp(const void* left, const void* right, size_t size) { return crm_memcmp(left, right, size); }
#endif

/* Also compiled natively, for the unit test that holds it to libc's memcmp. */
int crm_memcmp(const void* left, const void* right, size_t size) {
    const unsigned char* l = (const unsigned char*)left;
    const unsigned char* r = (const unsigned char*)right;
    for (; size >= 8; size -= 8, l += 8, r += 8) {
        uint64_t a, b;
        __builtin_memcpy(&a, l, 8);
        __builtin_memcpy(&b, r, 8);
        if (a != b) return __builtin_bswap64(a) < __builtin_bswap64(b) ? -1 : 1;
    }
    for (; size > 0; --size, ++l, ++r)
        if (*l != *r) return *l - *r;
    return 0;
}
