#include "login_throttle.hpp"

#include <algorithm>
#include <utility>

#include "core/clock.hpp"

namespace crm {

namespace {

// Users and addresses in one map, kept apart by a prefix (a user may be called "127.0.0.1").
std::string user_key(std::string_view user) { return "user:" + std::string(user); }
std::string address_key(std::string_view address) { return "address:" + std::string(address); }

// Rounds up: "retry after 0 seconds" would invite a retry that is still refused.
int64_t ceil_seconds(int64_t ms) { return (ms + 999) / 1000; }

}  // namespace

LoginThrottle::LoginThrottle(Clock clock, size_t max_keys) : clock_(std::move(clock)), max_keys_(max_keys) {}

int64_t LoginThrottle::now() const { return clock_ ? clock_() : now_ms(); }

int64_t LoginThrottle::seconds_to_wait(std::string_view user, std::string_view address) {
    const int64_t now_ms = now();
    std::lock_guard lock(mutex_);
    return ceil_seconds(std::max(wait_ms(user_key(user), now_ms), wait_ms(address_key(address), now_ms)));
}

void LoginThrottle::record_failure(std::string_view user, std::string_view address) {
    const int64_t now_ms = now();
    std::lock_guard lock(mutex_);
    fail(user_key(user), now_ms);
    fail(address_key(address), now_ms);
}

void LoginThrottle::record_success(std::string_view user) {
    std::lock_guard lock(mutex_);
    entries_.erase(user_key(user));
}

size_t LoginThrottle::size() {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

int64_t LoginThrottle::wait_ms(const std::string& key, int64_t now_ms) {
    auto entry = entries_.find(key);
    if (entry == entries_.end()) return 0;
    return std::max<int64_t>(0, entry->second.locked_until_ms - now_ms);
}

void LoginThrottle::fail(const std::string& key, int64_t now_ms) {
    auto found = entries_.find(key);
    if (found == entries_.end()) {
        make_room(now_ms);
        found = entries_.emplace(key, Entry{}).first;
    }
    Entry& entry = found->second;
    if (entry.failures > 0 && now_ms - entry.last_failure_ms > kWindowMs) entry = Entry{};
    entry.recent[static_cast<size_t>(entry.next)] = now_ms;
    entry.next = (entry.next + 1) % kFreeFailures;
    entry.failures = std::min(entry.failures + 1, kFreeFailures);
    entry.last_failure_ms = now_ms;
    const int64_t oldest = entry.recent[static_cast<size_t>(entry.next)];
    // A failure that slipped in while the key was locked (two requests racing past the
    // check) does not lock it again: the lock it is under already covers it.
    if (entry.failures == kFreeFailures && now_ms - oldest <= kWindowMs && now_ms >= entry.locked_until_ms) {
        const int64_t doublings = std::min(entry.locks, 16);  // 30 s << 16 is far past the cap
        const int64_t seconds = std::min(kFirstLockSeconds << doublings, kLongestLockSeconds);
        entry.locked_until_ms = now_ms + seconds * 1000;
        ++entry.locks;
    }
}

// Keeps the map within max_keys_ before one more key goes in: first forget the keys with
// no failure in the window (a lock never outlasts it), then, under a flood of distinct
// names, the key that failed longest ago.
void LoginThrottle::make_room(int64_t now_ms) {
    if (entries_.size() < max_keys_) return;
    std::erase_if(entries_, [now_ms](const auto& item) { return now_ms - item.second.last_failure_ms > kWindowMs; });
    while (!entries_.empty() && entries_.size() >= max_keys_) {
        auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
            return a.second.last_failure_ms < b.second.last_failure_ms;
        });
        entries_.erase(oldest);
    }
}

}  // namespace crm
