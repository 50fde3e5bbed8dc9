// Slows down password guessing: counts failed logins per user name and per client address,
// and after too many makes that user or address wait before the next try.
//
// When a key has kFreeFailures failures within kWindow, it is locked for kFirstLock; each
// such failure after the lock has ended locks it again for twice as long, up to kLongestLock.
// A key forgets everything after a window without failures. So an office behind one
// address, where someone mistypes now and then, is never locked, while a guesser is held
// to about five tries per window. A good password resets the user's count, not the
// address's: otherwise someone with one account could clear the address's count between
// guesses at others'.
//
// It lives in memory (a restart forgets it, which costs an attacker a restart of the
// server they cannot cause) and holds at most max_keys keys: when full, the key that failed
// longest ago is dropped first. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace crm {

class LoginThrottle {
public:
    using Clock = std::function<int64_t()>;  // epoch ms

    static constexpr int kFreeFailures = 5;
    static constexpr int64_t kWindowMs = 15 * 60 * 1000;
    static constexpr int64_t kFirstLockSeconds = 30;
    static constexpr int64_t kLongestLockSeconds = 300;
    static constexpr size_t kDefaultMaxKeys = 10000;

    explicit LoginThrottle(Clock clock = {}, size_t max_keys = kDefaultMaxKeys);

    // Seconds to wait before this user may try again from this address; 0 when they may
    // try now. The two keys are checked together: the longer wait wins.
    int64_t seconds_to_wait(std::string_view user, std::string_view address);
    void record_failure(std::string_view user, std::string_view address);
    void record_success(std::string_view user);

    size_t size();  // keys held, for tests

private:
    struct Entry {
        std::array<int64_t, kFreeFailures> recent{};  // the last failures' times, a ring
        int failures = 0;                             // how many of `recent` are filled
        int next = 0;                                 // the ring's next slot: its oldest when full
        int locks = 0;                                // locks since the last window without failures
        int64_t last_failure_ms = 0;
        int64_t locked_until_ms = 0;
    };

    int64_t now() const;
    int64_t wait_ms(const std::string& key, int64_t now_ms);
    void fail(const std::string& key, int64_t now_ms);
    void make_room(int64_t now_ms);

    Clock clock_;
    size_t max_keys_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace crm
