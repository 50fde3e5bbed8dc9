// "Possible duplicates" under the buttons of a new customer's form (检查重复客户): as the name,
// phone or email is typed, the stored customers it may already be (domain/duplicates), each
// one click away. Creating anyway stays allowed: the warning informs, it does not block.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "domain/duplicates.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

class DuplicateWarning {
public:
    // Draws the warning for `draft` (nothing for a stored customer, or when no candidate is
    // found). Returns the id of the candidate the person clicked to open instead, or "".
    std::string draw(AppContext& app, const Customer& draft);
    void clear();

private:
    // Looks again only when the name, phone or email changed, or the data did: the check
    // takes well under a millisecond, so there is no need to wait for typing to pause.
    void refresh(AppContext& app, const Customer& draft);

    std::string name_, phone_, email_;
    int64_t version_ = -1;
    std::vector<DuplicateCandidate> candidates_;
};

// The candidate's reasons in the person's language, joined ("Same name, same phone").
std::string describe_reasons(const DuplicateCandidate& candidate);

}  // namespace crm::ui
