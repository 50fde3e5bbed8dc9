// Choices for the customer and contact fields that hold a code ("distributor" -> "Distributor" / "中间客户").
#pragma once

#include <span>
#include <string_view>
#include <utility>

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
inline constexpr Choice kLifecycleChoices[] = {{"", "choice.none"},           {"prospect", "lifecycle.prospect"},
                                               {"new", "lifecycle.new"},      {"growing", "lifecycle.growing"},
                                               {"mature", "lifecycle.mature"}, {"declining", "lifecycle.declining"},
                                               {"lost", "lifecycle.lost"}};
inline constexpr Choice kSourceChoices[] = {
    {"", "choice.none"},           {"referral", "source.referral"},   {"website", "source.website"},
    {"exhibition", "source.exhibition"}, {"advertising", "source.advertising"}, {"cold_call", "source.cold_call"},
    {"partner", "source.partner"}, {"other", "source.other"}};
inline constexpr Choice kMemberLevelChoices[] = {{"", "choice.none"},
                                                 {"regular", "member.regular"},
                                                 {"silver", "member.silver"},
                                                 {"gold", "member.gold"},
                                                 {"platinum", "member.platinum"}};
inline constexpr Choice kCompanySizeChoices[] = {{"", "choice.none"},        {"1-9", "size.1-9"},
                                                 {"10-49", "size.10-49"},    {"50-249", "size.50-249"},
                                                 {"250-999", "size.250-999"}, {"1000+", "size.1000+"}};
inline constexpr Choice kBusinessStatusChoices[] = {{"", "choice.none"},
                                                    {"operating", "status.operating"},
                                                    {"suspended", "status.suspended"},
                                                    {"closed", "status.closed"}};
inline constexpr Choice kCreditRatingChoices[] = {
    {"", "choice.none"}, {"AAA", "credit.AAA"}, {"AA", "credit.AA"}, {"A", "credit.A"}, {"B", "credit.B"}, {"C", "credit.C"}};
inline constexpr Choice kGenderChoices[] = {{"", "choice.none"}, {"female", "gender.female"}, {"male", "gender.male"}};
inline constexpr Choice kIncomeBandChoices[] = {{"", "choice.none"},
                                                {"low", "income.low"},
                                                {"middle", "income.middle"},
                                                {"upper_middle", "income.upper_middle"},
                                                {"high", "income.high"}};
inline constexpr Choice kContactRoleChoices[] = {{"", "choice.none"},
                                                 {"decision_maker", "role.decision_maker"},
                                                 {"influencer", "role.influencer"},
                                                 {"user", "role.user"},
                                                 {"gatekeeper", "role.gatekeeper"},
                                                 {"purchaser", "role.purchaser"},
                                                 {"technical", "role.technical"}};
inline constexpr Choice kChannelChoices[] = {
    {"", "choice.none"},       {"phone", "channel.phone"}, {"mobile", "channel.mobile"}, {"email", "channel.email"},
    {"sms", "channel.sms"},    {"visit", "channel.visit"}, {"mail", "channel.mail"},     {"wechat", "channel.wechat"}};

// The choices of a customer field, whose captions are shown instead of the stored value
// ("Enterprise", not "enterprise"); empty for a text field.
inline std::span<const Choice> choices_of_field(std::string_view field) {
    static constexpr std::pair<std::string_view, std::span<const Choice>> kFields[] = {
        {"kind", kKindChoices},
        {"type", kTypeChoices},
        {"level", kLevelChoices},
        {"lifecycle", kLifecycleChoices},
        {"source", kSourceChoices},
        {"member_level", kMemberLevelChoices},
        {"company_size", kCompanySizeChoices},
        {"business_status", kBusinessStatusChoices},
        {"credit_rating", kCreditRatingChoices},
        {"gender", kGenderChoices},
        {"income_band", kIncomeBandChoices},
    };
    for (const auto& [name, choices] : kFields)
        if (field == name) return choices;
    return {};
}

// A field's value as the form shows it: a code by its caption, any other text as it is
// (then the pointer is value's own: valid while value is).
inline const char* field_value_caption(std::string_view field, const std::string& value) {
    const std::span<const Choice> choices = choices_of_field(field);
    return choices.empty() || value.empty() ? value.c_str() : caption_of(choices, value);
}

}  // namespace crm::ui
