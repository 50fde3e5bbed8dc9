#include "ui/app.hpp"

#include <imgui.h>

#include "core/clock.hpp"
#include "core/db_image.hpp"
#include "domain/customer.hpp"
#include "domain/schema.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/registry.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

App::App(Db db, std::string user, PlatformServices& platform)
    : db_(std::move(db)), platform_(platform), context_{db_, std::move(user), toasts_}, screens_(make_screens()) {}

void App::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("CRM", nullptr, flags);

    draw_top_bar();
    const float status_height = ImGui::GetFrameHeightWithSpacing();
    const float body_height = ImGui::GetContentRegionAvail().y - status_height;

    ImGui::BeginChild("sidebar", ImVec2(ImGui::GetFontSize() * 8, body_height), true);
    draw_sidebar();
    ImGui::EndChild();
    ImGui::SameLine();
    Screen& screen = *screens_[current_];
    context_.shortcut = pressed_shortcut();
    ImGui::BeginChild("content", ImVec2(0, body_height), false);
    screen.draw(context_);
    ImGui::EndChild();

    draw_status_bar(screen);
    if (confirm_import_.draw() == ConfirmDialog::Answer::yes) platform_.choose_database_file();
    ImGui::End();
    ++frames_drawn_;
}

bool App::has_unsaved_work() const {
    if (context_.data_version > 0) return true;
    for (const auto& screen : screens_)
        if (screen->has_unsaved_changes()) return true;
    return false;
}

void App::draw_top_bar() {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(tr("app.name"));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "|  %s", tr(screens_[current_]->title_key()));
    const std::string who = trf("app.signed_in_as", {context_.user});
    const float switch_width = ImGui::GetFontSize() * 6.5f;
    const char* menu = tr("database.menu");
    const float menu_width = ImGui::CalcTextSize(menu).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(who.c_str()).x - switch_width -
                    menu_width - ImGui::GetStyle().ItemSpacing.x * 3);
    draw_database_menu();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(theme::kMuted, "%s", who.c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(switch_width);
    draw_language_switch();
    ImGui::Separator();
}

void App::draw_database_menu() {
    const std::string label = std::string(tr("database.menu")) + "###database_menu";
    if (ImGui::Button(label.c_str())) ImGui::OpenPopup("database_menu_popup");
    // The menu drops down from the button, not from wherever the pointer is.
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y));
    if (!ImGui::BeginPopup("database_menu_popup")) return;
    if (ImGui::MenuItem(tr("database.export"))) export_image();
    if (ImGui::MenuItem(tr("database.import"))) {
        confirm_import_.open(tr("database.import_title"), tr("database.import_message"), tr("database.import_choose"));
    }
    ImGui::EndPopup();
}

void App::export_image() {
    Result<std::string> image = crm::export_image(db_);
    if (!image) {
        toasts_.failure(trf("database.export_failed", {image.error().message}));
        return;
    }
    // crm-2026-11-23.sqlite: the date where the person is.
    const std::string file_name = "crm-" + format_date(local_today()) + ".sqlite";
    platform_.download(file_name, image.value(), "application/vnd.sqlite3");
    toasts_.success(trf("database.exported", {file_name}));
}

void App::import_image(const std::string& bytes) {
    Result<Db> imported = import_crm_image(bytes);
    if (!imported) {
        toasts_.failure(trf("database.import_failed", {tr(("database.error." + imported.error().code).c_str())}));
        return;
    }
    // Screens hold prepared statements on the old connection: they go before it does.
    screens_.clear();
    db_ = std::move(imported).value();
    screens_ = make_screens();
    current_ = 0;
    ++context_.data_version;
    toasts_.success(trf("database.imported", {std::to_string(count_customers(db_))}));
}

// Each language is named in itself, so a person who cannot read the other finds theirs.
void App::draw_language_switch() {
    struct Option {
        Language language;
        const char* name;
    };
    static constexpr Option kOptions[] = {{Language::en, "English"}, {Language::zh, "\xE4\xB8\xAD\xE6\x96\x87"}};
    const char* current = kOptions[language() == Language::zh ? 1 : 0].name;
    if (begin_combo("##Language", current)) {
        for (const Option& option : kOptions) {
            if (ImGui::Selectable(option.name, option.language == language())) set_language(option.language);
        }
        ImGui::EndCombo();
    }
}

void App::draw_sidebar() {
    for (size_t i = 0; i < screens_.size(); ++i) {
        if (ImGui::Selectable(tr(screens_[i]->title_key()), current_ == i)) current_ = i;
    }
}

void App::draw_status_bar(Screen& screen) {
    ImGui::Separator();
    std::string status = screen.status(context_);
    ImGui::TextUnformatted(status.c_str());
    automation::record_text(status.c_str());
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "  |  %s", tr("app.memory_only"));
    ImGui::SameLine();
    ImGui::TextUnformatted("  ");
    ImGui::SameLine();
    toasts_.draw();
}

}  // namespace crm::ui
