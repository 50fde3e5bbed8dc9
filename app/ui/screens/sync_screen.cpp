#include "ui/screens/sync_screen.hpp"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "sync/conflicts.hpp"
#include "sync/session.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

// "city" -> "City": the form's own caption, when the field has one.
std::string field_caption(const std::string& field) {
    const std::string key = "field." + field;
    return has_translation(key) ? std::string(tr(key.c_str())) : field;
}

void heading(const std::string& text) {
    ImGui::Spacing();
    ImGui::TextUnformatted(text.c_str());
    automation::record_text(text.c_str());
    ImGui::Separator();
}

// What a refused change wrote, "Name: Acme Ltd, Code: K-77", so nothing typed is lost from
// sight even when the record itself is gone.
std::string written_values(const std::string& fields_json) {
    const nlohmann::json fields = nlohmann::json::parse(fields_json, nullptr, false);
    std::string out;
    if (!fields.is_object()) return out;
    for (const auto& [name, value] : fields.items()) {
        if (value.is_string() && value.get_ref<const std::string&>().empty()) continue;
        if (!out.empty()) out += ", ";
        out += field_caption(name) + ": " + (value.is_string() ? value.get<std::string>() : value.dump());
    }
    return out;
}

}  // namespace

std::string describe_sync(const sync::SyncStatus& s) {
    using Kind = sync::SyncStatus::Kind;
    const std::string pending = std::to_string(s.pending);
    switch (s.kind) {
        case Kind::syncing:
            if (s.progress >= 0) return trf("sync.first_sync", {std::to_string(static_cast<int>(s.progress * 100))});
            return s.pending > 0 ? trf("sync.sending", {pending}) : tr("sync.syncing");
        case Kind::synced: return tr("sync.synced");
        case Kind::pending: return trf("sync.pending", {pending});
        case Kind::offline: return trf("sync.offline", {pending});
        case Kind::error: {
            const std::string key = "sync.error." + s.error_code;
            return trf("sync.error", {has_translation(key) ? std::string(tr(key.c_str())) : s.error_message});
        }
    }
    return {};
}

// The status bar already says where sync stands and what waits here.
std::string SyncScreen::status(AppContext&) { return {}; }

void SyncScreen::draw(AppContext& app) {
    if (!app.sync) return;
    const sync::SyncStatus s = app.sync->status();
    const std::string line = trf("sync.status_line", {describe_sync(s)});
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(line.c_str());
    automation::record_text(line.c_str());
    ImGui::SameLine();
    if (ImGui::Button(tr("sync.sync_now"))) app.sync->sync_now(ImGui::GetTime());
    if (s.progress >= 0) ImGui::ProgressBar(static_cast<float>(s.progress), ImVec2(-1, 0));
    ImGui::Spacing();
    draw_conflicts(app);
    ImGui::Spacing();
    draw_refused(app);
}

void SyncScreen::draw_conflicts(AppContext& app) {
    const std::vector<sync::OpenConflict> conflicts = sync::open_conflicts(app.db);
    const std::string title = trf("sync.conflicts_heading", {std::to_string(conflicts.size())});
    heading(title);
    if (conflicts.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("sync.no_conflicts"));
        return;
    }
    ImGui::TextWrapped("%s", tr("sync.conflicts_hint"));
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("conflicts", 6, flags)) return;
    ImGui::TableSetupColumn(tr("sync.column.record"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("sync.column.field"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("sync.column.kept"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("sync.column.replaced"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("sync.column.when"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 16);
    table_headers_row();
    for (const sync::OpenConflict& c : conflicts) {
        ImGui::TableNextRow();
        ImGui::PushID(c.id.c_str());
        text_cell(c.record_name.empty() ? c.record_id : c.record_name);
        text_cell(field_caption(c.field));
        text_cell(trf("sync.value_by", {c.kept_value, c.kept_by}));
        text_cell(trf("sync.value_by", {c.other_value, c.other_by}));
        text_cell(format_local_minutes(c.created_at));
        ImGui::TableNextColumn();
        std::optional<sync::Resolution> chosen;
        // The labels name the values, so a test (and a person) can tell the rows apart.
        if (ImGui::SmallButton((std::string(tr("sync.keep")) + "###keep").c_str())) chosen = sync::Resolution::keep;
        automation::record_label(trf("sync.keep_value", {c.kept_value}).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton((std::string(tr("sync.use_replaced")) + "###use").c_str())) chosen = sync::Resolution::use_other;
        automation::record_label(trf("sync.use_value", {c.other_value}).c_str());
        ImGui::PopID();
        if (chosen) {
            Status done = sync::resolve_conflict(app.db, c.id, *chosen, app.user);
            if (done) {
                ++app.data_version;
                app.toasts.success(tr("sync.resolved"));
            } else {
                app.toasts.failure(trf("sync.resolve_failed", {done.error().message}));
            }
        }
    }
    ImGui::EndTable();
}

void SyncScreen::draw_refused(AppContext& app) {
    const std::vector<sync::Rejection> refused = app.sync->client().rejections();
    heading(trf("sync.refused_heading", {std::to_string(refused.size())}));
    if (refused.empty()) {
        ImGui::TextColored(theme::kMuted, "%s", tr("sync.no_refused"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("refused", 5, flags)) {
        ImGui::TableSetupColumn(tr("sync.column.record"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(tr("sync.column.field"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(tr("sync.column.reason"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(tr("sync.column.written"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(tr("sync.column.when"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        table_headers_row();
        for (const sync::Rejection& r : refused) {
            ImGui::TableNextRow();
            std::string record = r.record_id;
            if (r.table == "customers" || r.table == "contacts") {
                Stmt name = app.db.prepare("SELECT name FROM " + r.table + " WHERE id = ?1");  // table: one of two literals
                name.bind(1, r.record_id);
                if (name.step().value_or(false)) record = name.text(0);
            }
            text_cell(record);
            text_cell(r.field.empty() ? std::string() : field_caption(r.field));
            const std::string key = "sync.refused." + r.code;
            text_cell(has_translation(key) ? std::string(tr(key.c_str())) : r.message);
            text_cell(written_values(r.fields));
            text_cell(format_local_minutes(r.at));
        }
        ImGui::EndTable();
    }
    if (ImGui::Button(tr("sync.dismiss"))) (void)app.sync->client().dismiss_rejections();
}

}  // namespace crm::ui
