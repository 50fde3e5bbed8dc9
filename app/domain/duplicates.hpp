// The duplicate check (检查重复客户): which stored customers a customer being typed may
// already be, with a score and the reasons, so the form can warn before a second record of
// the same company is made.
//
// Every lookup goes through an index on a match key (core/normalize, migration 6), so the
// check costs about the same at 100 customers as at 100,000 (tests/bench/bench_customers):
//   - same name: the normalised names are equal ("ACME Co., Ltd" and "Acme Co Ltd");
//   - similar name: among the names next to it in the order of the key, and of the reversed
//     key (names that begin alike, names that end alike), those whose similarity
//     (name_similarity) is at least kSimilarNameThreshold; only for keys of 4+ characters;
//   - same phone or email: the customer's own, or one of its contacts' (phone, mobile, email).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "domain/customer.hpp"

namespace crm {

enum class DuplicateReason { same_name, similar_name, same_phone, same_email, contact_phone, contact_email };

// "same_name", ...: the last part of the reason's translation key ("duplicates.reason.same_name").
const char* reason_name(DuplicateReason reason);

struct DuplicateCandidate {
    std::string id, name, code, city, phone;
    int score = 0;  // 0..100: how sure the check is that it is the same customer
    std::vector<DuplicateReason> reasons;  // strongest first
};

inline constexpr double kSimilarNameThreshold = 0.7;
inline constexpr size_t kSimilarNameMinLength = 4;  // code points of the normalised name

// The live customers the draft may be a duplicate of, best first (score, then name), at most
// `limit`. The draft itself (its id) is never among them; empty fields match nothing.
std::vector<DuplicateCandidate> find_duplicate_candidates(Db& db, const Customer& draft, size_t limit = 5);

// 0..1: the larger of the bigram (Dice) similarity and one minus the edit distance over the
// longer length, both over code points of two normalised names.
double name_similarity(std::string_view a_key, std::string_view b_key);

}  // namespace crm
