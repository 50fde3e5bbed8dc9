// Choices for the customer fields that hold a code ("distributor" -> "Distributor" / "中间客户").
#pragma once

#include "ui/widgets/form.hpp"

namespace crm::ui {

inline constexpr Choice kKindChoices[] = {{"company", "kind.company"}, {"person", "kind.person"}};
inline constexpr Choice kTypeChoices[] = {{"", "choice.none"},
                                          {"consumer", "type.consumer"},
                                          {"enterprise", "type.enterprise"},
                                          {"distributor", "type.distributor"},
                                          {"public_institution", "type.public_institution"}};
inline constexpr Choice kLevelChoices[] = {
    {"", "choice.none"}, {"A", "level.A"}, {"B", "level.B"}, {"C", "level.C"}, {"D", "level.D"}};

}  // namespace crm::ui
