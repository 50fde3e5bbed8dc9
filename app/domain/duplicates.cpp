#include "domain/duplicates.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/normalize.hpp"

namespace crm {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Scores
//-----------------------------------------------------------------------------

// One reason alone: an equal key is strong evidence, a similar name weaker. Each further
// reason adds kFurtherReason (the same name and the same phone: 100).
int reason_score(DuplicateReason reason, double similarity) {
    switch (reason) {
        case DuplicateReason::same_name: return 90;
        case DuplicateReason::same_phone:
        case DuplicateReason::same_email: return 85;
        case DuplicateReason::contact_phone:
        case DuplicateReason::contact_email: return 80;
        case DuplicateReason::similar_name: return 30 + static_cast<int>(std::lround(50 * similarity));
    }
    return 0;
}
constexpr int kFurtherReason = 10;

// What a reason is evidence of: a customer phone and a contact's mobile that match the same
// number are one fact, not two.
int evidence_kind(DuplicateReason reason) {
    switch (reason) {
        case DuplicateReason::same_name:
        case DuplicateReason::similar_name: return 0;
        case DuplicateReason::same_phone:
        case DuplicateReason::contact_phone: return 1;
        case DuplicateReason::same_email:
        case DuplicateReason::contact_email: return 2;
    }
    return 3;
}

// Names on each side of the draft's in the order of a key: the "sorted neighbourhood" that
// finds names beginning (or, reversed, ending) alike with two index range scans.
constexpr int kNeighbours = 30;
// A phone key shorter than this is an extension or a typo, not a number to match on.
constexpr size_t kMinPhoneDigits = 7;

struct Evidence {
    std::vector<DuplicateReason> reasons;
    double similarity = 0;
};

using Found = std::map<std::string, Evidence>;  // customer id -> why

void add(Found& found, const std::string& id, DuplicateReason reason, double similarity = 0) {
    Evidence& evidence = found[id];
    if (std::find(evidence.reasons.begin(), evidence.reasons.end(), reason) != evidence.reasons.end()) return;
    evidence.reasons.push_back(reason);
    evidence.similarity = std::max(evidence.similarity, similarity);
}

// Runs `stmt` (first column: a customer id) and adds each row's customer for `reason`.
void collect(Stmt& stmt, Found& found, DuplicateReason reason) {
    while (stmt.step().value_or(false)) add(found, stmt.text(0), reason);
}

//-----------------------------------------------------------------------------
// [SECTION] Lookups
//-----------------------------------------------------------------------------

void same_name(Db& db, const std::string& key, Found& found) {
    Stmt stmt = db.prepare("SELECT id FROM customers WHERE name_key = ?1 AND deleted = 0 LIMIT 100");
    stmt.bind(1, key);
    collect(stmt, found, DuplicateReason::same_name);
}

// The neighbours of `key` in `column` (name_key or reversed_name_key), scored against it.
// The column names come from the two callers below, never from input.
void similar_names(Db& db, const char* column, const std::string& key, Found& found) {
    const std::u32string points = code_points(key);
    for (const char* direction : {">= ?1 ORDER BY %s ASC", "< ?1 ORDER BY %s DESC"}) {
        std::string condition(direction);
        condition.replace(condition.find("%s"), 2, column);
        Stmt stmt = db.prepare(std::string("SELECT id, ") + column + " FROM customers WHERE deleted = 0 AND " +
                               column + " " + condition + " LIMIT ?2");
        stmt.bind(1, key);
        stmt.bind(2, kNeighbours);
        while (stmt.step().value_or(false)) {
            const std::string other = stmt.text(1);
            if (other == key || code_points(other).size() < kSimilarNameMinLength) continue;
            const double similarity = name_similarity(key, other);
            if (similarity >= kSimilarNameThreshold) add(found, stmt.text(0), DuplicateReason::similar_name, similarity);
        }
    }
}

void same_phone(Db& db, const std::string& key, Found& found) {
    Stmt own = db.prepare("SELECT id FROM customers WHERE phone_key = ?1 AND deleted = 0 AND phone_key <> '' LIMIT 100");
    own.bind(1, key);
    collect(own, found, DuplicateReason::same_phone);
    // Two statements, so that each uses its own partial index.
    for (const char* column : {"phone_key", "mobile_key"}) {
        Stmt contacts = db.prepare(std::string("SELECT k.customer_id FROM contacts k JOIN customers c ON c.id = k.customer_id "
                                               "WHERE k.") +
                                   column + " = ?1 AND k.deleted = 0 AND k." + column +
                                   " <> '' AND c.deleted = 0 LIMIT 100");
        contacts.bind(1, key);
        collect(contacts, found, DuplicateReason::contact_phone);
    }
}

void same_email(Db& db, const std::string& key, Found& found) {
    Stmt own = db.prepare("SELECT id FROM customers WHERE email_key = ?1 AND deleted = 0 AND email_key <> '' LIMIT 100");
    own.bind(1, key);
    collect(own, found, DuplicateReason::same_email);
    Stmt contacts = db.prepare(
        "SELECT k.customer_id FROM contacts k JOIN customers c ON c.id = k.customer_id "
        "WHERE k.email_key = ?1 AND k.deleted = 0 AND k.email_key <> '' AND c.deleted = 0 LIMIT 100");
    contacts.bind(1, key);
    collect(contacts, found, DuplicateReason::contact_email);
}

size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::pair<char32_t, char32_t>> bigrams(const std::u32string& s) {
    std::vector<std::pair<char32_t, char32_t>> grams;
    for (size_t i = 0; i + 1 < s.size(); ++i) grams.emplace_back(s[i], s[i + 1]);
    std::sort(grams.begin(), grams.end());
    return grams;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The check
//-----------------------------------------------------------------------------

const char* reason_name(DuplicateReason reason) {
    switch (reason) {
        case DuplicateReason::same_name: return "same_name";
        case DuplicateReason::similar_name: return "similar_name";
        case DuplicateReason::same_phone: return "same_phone";
        case DuplicateReason::same_email: return "same_email";
        case DuplicateReason::contact_phone: return "contact_phone";
        case DuplicateReason::contact_email: return "contact_email";
    }
    return "";
}

double name_similarity(std::string_view a_key, std::string_view b_key) {
    const std::u32string a = code_points(a_key), b = code_points(b_key);
    if (a.empty() || b.empty()) return 0;
    if (a == b) return 1;
    const auto ga = bigrams(a), gb = bigrams(b);
    size_t common = 0;
    for (size_t i = 0, j = 0; i < ga.size() && j < gb.size();) {
        if (ga[i] == gb[j]) {
            ++common;
            ++i;
            ++j;
        } else if (ga[i] < gb[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    const double dice =
        ga.empty() || gb.empty() ? 0.0 : 2.0 * static_cast<double>(common) / static_cast<double>(ga.size() + gb.size());
    const double longer = static_cast<double>(std::max(a.size(), b.size()));
    const double edits = 1.0 - static_cast<double>(edit_distance(a, b)) / longer;
    return std::max(dice, edits);
}

std::vector<DuplicateCandidate> find_duplicate_candidates(Db& db, const Customer& draft, size_t limit) {
    Found found;
    if (const std::string key = name_key(draft.name); !key.empty()) {
        same_name(db, key, found);
        if (code_points(key).size() >= kSimilarNameMinLength) {
            similar_names(db, "name_key", key, found);
            similar_names(db, "reversed_name_key", reversed_name_key(draft.name), found);
        }
    }
    if (const std::string key = phone_key(draft.phone); key.size() >= kMinPhoneDigits) same_phone(db, key, found);
    if (const std::string key = email_key(draft.email); key.find('@') != std::string::npos) same_email(db, key, found);
    if (!draft.id.empty()) found.erase(draft.id);

    std::vector<DuplicateCandidate> candidates;
    Stmt row = db.prepare("SELECT name, code, city, phone FROM customers WHERE id = ?1 AND deleted = 0");
    for (auto& [id, evidence] : found) {
        row.reset();
        row.bind(1, id);
        if (!row.step().value_or(false)) continue;
        DuplicateCandidate c{id, row.text(0), row.text(1), row.text(2), row.text(3), 0, evidence.reasons};
        const double similarity = evidence.similarity;  // clang 14 (the wasm build) cannot capture a binding
        std::sort(c.reasons.begin(), c.reasons.end(), [similarity](DuplicateReason x, DuplicateReason y) {
            return reason_score(x, similarity) > reason_score(y, similarity);
        });
        bool kinds[3] = {false, false, false};
        for (DuplicateReason reason : c.reasons) kinds[evidence_kind(reason)] = true;
        const int further = static_cast<int>(std::count(std::begin(kinds), std::end(kinds), true)) - 1;
        c.score = std::min(100, reason_score(c.reasons.front(), evidence.similarity) + kFurtherReason * further);
        candidates.push_back(std::move(c));
    }
    row.reset();
    std::sort(candidates.begin(), candidates.end(), [](const DuplicateCandidate& x, const DuplicateCandidate& y) {
        return x.score != y.score ? x.score > y.score : x.name < y.name;
    });
    if (candidates.size() > limit) candidates.resize(limit);
    return candidates;
}

}  // namespace crm
