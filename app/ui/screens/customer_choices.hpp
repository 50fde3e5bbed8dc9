// Captions for the customer fields that hold a code ("distributor" -> "Distributor").
#pragma once

#include "ui/widgets/form.hpp"

namespace crm::ui {

inline constexpr Choice kKindChoices[] = {{"company", "Company"}, {"person", "Person"}};
inline constexpr Choice kTypeChoices[] = {{"", "(none)"},
                                          {"consumer", "Consumer"},
                                          {"enterprise", "Enterprise"},
                                          {"distributor", "Distributor"},
                                          {"public_institution", "Public institution"}};
inline constexpr Choice kLevelChoices[] = {{"", "(none)"}, {"A", "A"}, {"B", "B"}, {"C", "C"}, {"D", "D"}};

}  // namespace crm::ui
