#include "ui/screens/customer_points_tab.hpp"

#include <imgui.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

constexpr Choice kPointsKindChoices[] = {
    {"earn", "points.kind.earn"}, {"redeem", "points.kind.redeem"}, {"adjust", "points.kind.adjust"}};

void cell(const std::string& text, const ImVec4* colour = nullptr) {
    ImGui::TableNextColumn();
    if (colour) ImGui::TextColored(*colour, "%s", text.c_str());
    else ImGui::TextUnformatted(text.c_str());
    automation::record_text(text.c_str());
}

}  // namespace

std::string format_points(int64_t points) {
    const uint64_t magnitude = points < 0 ? 0 - static_cast<uint64_t>(points) : static_cast<uint64_t>(points);
    return (points < 0 ? "-" : "") + group_digits(magnitude);
}

std::string CustomerPointsTab::title() const { return trf("points.heading", {format_points(balance_)}); }

std::string CustomerPointsTab::header_fact() const {
    // Nothing to say about a customer who never had points.
    if (!loaded_ || entries_.empty()) return {};
    return trf("points.header_fact", {format_points(balance_)});
}

void CustomerPointsTab::load(AppContext& app, const Customer& customer) {
    loaded_ = !customer.id.empty();
    balance_ = loaded_ ? points_balance(app.db, customer.id) : 0;
    entries_ = loaded_ ? points_entries_of(app.db, customer.id) : std::vector<PointsEntry>{};
}

void CustomerPointsTab::clear() {
    loaded_ = false;
    balance_ = 0;
    entries_.clear();
    kind_ = "earn";
    points_text_.clear();
    reason_.clear();
    problems_.clear();
}

void CustomerPointsTab::draw(AppContext& app, const Customer& customer) {
    const std::string balance = trf("points.balance", {format_points(balance_)});
    ImGui::TextColored(theme::kAccent, "%s", balance.c_str());
    automation::record_text(balance.c_str());
    ImGui::Spacing();
    // The form first: the ledger below may be long, and a person adding points should not scroll.
    if (app.may_on_customer("points", "create", customer.id, customer.owner_id)) draw_form(app, customer);
    ImGui::Spacing();
    if (entries_.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("points.none"));
        automation::record_text(tr("points.none"));
    } else {
        draw_ledger();
    }
}

void CustomerPointsTab::draw_form(AppContext& app, const Customer& customer) {
    form_section(tr("points.add_heading"));
    choice_field(tr("points.field.kind"), kind_, kPointsKindChoices, problems_, "kind");
    text_field(tr("points.field.points"), points_text_, problems_, "points", 14,
               tr(kind_ == "adjust" ? "points.hint.adjust" : "points.hint.amount"));
    text_field(tr("points.field.reason"), reason_, problems_, "reason", points_limits::reason,
               tr("points.hint.reason"));
    static const char* const kOtherFields[] = {"customer_id", "occurred_at"};
    form_problems(problems_, kOtherFields);
    ImGui::SetCursorPosX(theme::form_label_width());
    if (ImGui::Button(tr("points.add"))) add_entry(app, customer);
}

void CustomerPointsTab::add_entry(AppContext& app, const Customer& customer) {
    PointsEntry entry;
    entry.customer_id = customer.id;
    entry.kind = kind_;
    entry.reason = reason_;
    std::optional<int64_t> points = parse_points(points_text_);
    if (!points) {
        // A number that is not one is said as such, with the other fields' problems beside it.
        entry.occurred_at = iso_utc(now_ms());
        problems_ = validate(entry, app.db);
        std::erase_if(problems_, [](const FieldError& p) { return p.field == "points"; });
        problems_.push_back({"points", trim(points_text_).empty() ? "required" : "not_a_whole_number", 0});
        return;
    }
    entry.points = *points;
    Status status = add_points_entry(app.db, entry, app.user);
    if (!status) {
        problems_ = status.error().fields;
        if (problems_.empty()) app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        return;
    }
    app.toasts.success(trf("points.added", {format_points(signed_points(entry)), customer.name}));
    ++app.data_version;
    points_text_.clear();
    reason_.clear();
    problems_.clear();
    load(app, customer);
}

void CustomerPointsTab::draw_ledger() {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("points_ledger", 5, flags)) return;
    ImGui::TableSetupColumn(tr("points.column.date"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(tr("points.column.kind"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("points.column.points"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("points.column.reason"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(tr("points.column.by"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    table_headers_row();
    for (const PointsEntry& e : entries_) {
        ImGui::TableNextRow();
        cell(format_local_minutes(e.occurred_at));
        cell(caption_of(kPointsKindChoices, e.kind));
        const int64_t delta = signed_points(e);
        cell((delta > 0 ? "+" : "") + format_points(delta), delta < 0 ? &theme::kError : &theme::kSuccess);
        cell(e.reason);
        cell(e.updated_by);
    }
    ImGui::EndTable();
}

}  // namespace crm::ui
