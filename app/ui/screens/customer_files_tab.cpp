#include "ui/screens/customer_files_tab.hpp"

#include <imgui.h>

#include "core/clock.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/platform_services.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

std::string CustomerFilesTab::title() const {
    return files_.empty() ? tr("file.tab") : trf("file.tab_count", {std::to_string(files_.size())});
}

void CustomerFilesTab::load(AppContext& app, const Customer& customer) {
    files_ = customer.id.empty() ? std::vector<CustomerFile>{} : files_of(app.db, customer.id);
}

void CustomerFilesTab::clear() {
    files_.clear();
    chosen_.reset();
    problem_.clear();
    removing_.clear();
}

void CustomerFilesTab::draw(AppContext& app, const Customer& customer) {
    const bool manage = app.may_on_customer("customers", "edit", customer.id, customer.owner_id);
    if (chosen_) attach_chosen(app, customer);
    form_note(trf("file.explain", {format_file_size(file_limits::bytes)}).c_str());
    ImGui::Spacing();
    if (manage) {
        ImGui::BeginDisabled(!app.platform);
        if (ImGui::Button(tr("file.attach"))) {
            problem_.clear();
            app.platform->choose_file("", guard_.wrap([this, id = customer.id](std::string name, std::string bytes) {
                chosen_ = Chosen{id, std::move(name), std::move(bytes)};
            }));
        }
        ImGui::EndDisabled();
        form_error(problem_);
    }
    ImGui::Spacing();
    draw_list(app, customer, manage);
    if (confirm_remove_.draw() == ConfirmDialog::Answer::yes && !removing_.empty()) {
        if (Status status = remove_file(app.db, removing_, app.user); !status) {
            app.toasts.failure(trf("toast.save_failed", {status.error().message}));
        } else {
            app.toasts.success(tr("file.removed"));
            ++app.data_version;
            load(app, customer);
        }
        removing_.clear();
    }
}

void CustomerFilesTab::attach_chosen(AppContext& app, const Customer& customer) {
    Chosen chosen = std::move(*chosen_);
    chosen_.reset();
    if (chosen.customer_id != customer.id) return;  // chosen for a customer no longer open
    Result<CustomerFile> attached = attach_file(app.db, customer.id, chosen.name, chosen.bytes, app.user);
    if (!attached) {
        const Problems& problems = attached.error().fields;
        const std::string code = problems.empty() ? std::string() : problems.front().code;
        if (code == "too_large") {
            problem_ = trf("file.too_large", {chosen.name, format_file_size(static_cast<int64_t>(chosen.bytes.size())),
                                              format_file_size(file_limits::bytes)});
        } else if (code == "required" && problems.front().field == "content") {
            problem_ = trf("file.empty", {chosen.name});
        } else if (!problems.empty() && problems.front().field == "name") {
            problem_ = trf("file.bad_name", {chosen.name});
        } else {
            problem_ = trf("toast.save_failed", {attached.error().message});
        }
        return;
    }
    problem_.clear();
    app.toasts.success(trf("file.attached", {attached.value().name, customer.name}));
    ++app.data_version;
    load(app, customer);
}

void CustomerFilesTab::draw_list(AppContext& app, const Customer& customer, bool manage) {
    if (files_.empty()) {
        form_note(tr("file.none"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("customer_files", 5, flags)) return;
    ImGui::TableSetupColumn(tr("file.column.name"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(tr("file.column.size"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn(tr("file.column.by"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("file.column.at"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float actions = ImGui::CalcTextSize(tr("file.download")).x + ImGui::CalcTextSize(tr("file.remove")).x +
                          style.FramePadding.x * 4 + style.ItemSpacing.x;
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, actions);
    table_headers_row();
    for (const CustomerFile& file : files_) {
        ImGui::TableNextRow();
        wrapped_text_cell(file.name);
        wrapped_text_cell(format_file_size(file.size));
        wrapped_text_cell(file.owner_id);
        wrapped_text_cell(format_local_minutes(file.created_at));
        ImGui::TableNextColumn();
        ImGui::PushID(file.id.c_str());
        // Labelled by the file, so a test (and a screen reader) tells the buttons apart.
        if (ImGui::SmallButton((std::string(tr("file.download")) + "##" + file.name).c_str()) && app.platform) {
            if (std::optional<CustomerFile> full = find_file(app.db, file.id)) {
                app.platform->download(full->name, file_bytes(*full), full->mime_type.c_str());
            }
        }
        automation::record_label(trf("file.download_named", {file.name}).c_str());
        // Removing takes the right to delete over the customer, or is taking back one's own file.
        if (app.may("customers", "delete", customer.owner_id) || (manage && file.owner_id == app.user)) {
            ImGui::SameLine();
            if (ImGui::SmallButton((std::string(tr("file.remove")) + "##" + file.name).c_str())) {
                removing_ = file.id;
                confirm_remove_.open(tr("file.remove_title"), trf("file.remove_message", {file.name, customer.name}),
                                     tr("file.remove"));
            }
            automation::record_label(trf("file.remove_named", {file.name}).c_str());
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace crm::ui
