// The frame: what is drawn in each mode, the top bar, the sidebar and the status bar.
// The session (login, log out, the idle lock, the sync hooks) is in app_session.cpp.
//
// [SECTION] Construction and the database
// [SECTION] Frame
// [SECTION] Top bar
// [SECTION] Sidebar and status bar
#include "ui/app.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/clock.hpp"
#include "core/db_image.hpp"
#include "core/packed_memory.hpp"
#include "core/text.hpp"
#include "domain/customer.hpp"
#include "domain/customer_file.hpp"
#include "domain/schema.hpp"
#include "domain/user_settings.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/registry.hpp"
#include "ui/screens/sync_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"

namespace crm::ui {

//-----------------------------------------------------------------------------
// [SECTION] Construction and the database
//-----------------------------------------------------------------------------

Db empty_crm_database() {
    Result<Db> db = open_crm_database(":memory:");
    CRM_CHECK(db.ok(), db.ok() ? std::string() : db.error().message);
    return std::move(db).value();
}

App::App(AppOptions options, PlatformServices& platform)
    : options_(std::move(options)),
      platform_(platform),
      api_(platform),
      db_(empty_crm_database()),
      context_{db_, std::string(), toasts_} {
    context_.platform = &platform_;
    api_.on_unauthorized([this] {
        if (session_ && !locked_) lock(LockPanel::Reason::session_expired);
    });
    if (options_.sandbox) settle(Mode::sandbox);
    else check_server();
}

App::~App() = default;

void App::reset_database(Db db) {
    // Screens hold prepared statements on the old connection: they go before it does.
    screens_.clear();
    db_ = std::move(db);
    // What the list showed and where the training started belong to the old records: an
    // imported image, like a reset, starts the training over.
    context_.customer_list.search.clear();
    context_.customer_list.rowids.clear();
    ++context_.customer_list.version;
    training_.start(db_);
    rebuild_screens();
}

void App::rebuild_screens() {
    screens_.clear();
    context_.long_task_running = false;  // a screen's task (an import) went with the screen
    screens_ = make_screens(session());
    current_ = 0;
}

void App::import_image(const std::string& bytes) {
    Result<Db> imported = import_crm_image(bytes);
    if (!imported) {
        toasts_.failure(trf("database.import_failed", {tr(("database.error." + imported.error().code).c_str())}));
        return;
    }
    reset_database(std::move(imported).value());
    ++context_.data_version;
    toasts_.success(trf("database.imported", {std::to_string(count_customers(db_))}));
}

void App::file_dropped(std::string name, std::string bytes) {
    if (mode_ == Mode::starting || locked_ || (mode_ == Mode::server && !session_)) return;  // no workspace to take it
    const std::string lower_name = ascii_lower(name);
    const bool image = bytes.starts_with(std::string_view("SQLite format 3\0", 16)) || lower_name.ends_with(".sqlite") ||
                       lower_name.ends_with(".sqlite3") || lower_name.ends_with(".db");
    if (image) {
        if (mode_ != Mode::sandbox) {
            toasts_.failure(tr("database.import_sandbox_only"));
            return;
        }
        dropped_image_ = std::move(bytes);
        confirm_dropped_image_.open(tr("database.import_title"), trf("database.import_dropped_message", {name}),
                                    tr("database.import_replace"));
        return;
    }
    for (size_t i = 0; i < screens_.size(); ++i) {
        if (std::string_view(screens_[i]->title_key()) != "nav.import_customers") continue;
        if (!screens_[i]->take_file(std::move(name), bytes)) {
            toasts_.failure(tr("import.drop_busy"));
            return;
        }
        current_ = i;
        context_.open_customer_id.clear();  // or the customers screen would come back
        return;
    }
    toasts_.failure(tr("import.drop_not_allowed"));  // no Import customers screen: no permission
}

void App::reset_sandbox() {
    if (mode_ != Mode::sandbox) return;
    close_popups_ = true;  // a screen's dialog must not outlive the records it shows
    // The old dataset goes before the new one is made: two of the largest would not fit.
    reset_database(empty_crm_database());
    if (options_.open_sandbox) reset_database(options_.open_sandbox(options_.sandbox_data));
    // Nothing written since: closing the page loses nothing, as right after the start.
    context_.data_version = 0;
    context_.open_customer_id.clear();
    toasts_ = Toasts{};  // a message may name a customer that is gone
    toasts_.success(trf("sandbox.reset_done", {group_digits(static_cast<uint64_t>(count_customers(db_)))}));
}

bool App::has_unsaved_work() const {
    if (mode_ != Mode::sandbox && !session_) return false;
    if (session_ ? sync_status_.pending > 0 : context_.data_version > 0) return true;
    for (const auto& screen : screens_)
        if (screen->has_unsaved_changes()) return true;
    return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Personal settings: the lists' layouts and the last screen
//-----------------------------------------------------------------------------

namespace {

// Every table Dear ImGui keeps (drawn this session, on any screen).
template <class Fn>
void for_each_table(Fn fn) {
    ImGuiContext& g = *GImGui;
    for (int i = 0; i < g.Tables.GetMapSize(); ++i)
        if (ImGuiTable* table = g.Tables.TryGetMapData(i)) fn(*table);
}

}  // namespace

// Kept in the person's user_settings (synced), not on the PC: io.IniFilename is null, so
// Dear ImGui writes nothing itself; it marks its settings dirty when a table's columns are
// resized, moved, hidden or sorted, and that is when the tables' part is stored.
void App::update_user_settings() {
    if (!session_ || !sync_status_.first_sync_done) return;
    if (!user_settings_applied_) {
        // What the first sync brought: this person's layout from their last PC.
        user_settings_applied_ = true;
        // Checked here too: what came from the server is parsed by ImGui, which trusts it.
        UserSetting layout;
        layout.name = "layout";
        layout.value = user_setting(db_, context_.user, "layout").value_or("");
        if (!layout.value.empty() && validate(layout).empty()) {
            ImGui::LoadIniSettingsFromMemory(layout.value.data(), layout.value.size());
            // A table that exists would take only the columns the text mentions and keep the
            // rest (a sort the layout does not have), and not report its sort as changed: it is
            // made again as a new one at its next BeginTable(), defaults first, then the layout.
            for_each_table([](ImGuiTable& table) { table.IsInitializing = true; });
        }
        if (std::optional<std::string> screen = user_setting(db_, context_.user, "last_screen")) {
            for (size_t i = 0; i < screens_.size(); ++i)
                if (screen_id(*screens_[i]) == *screen) current_ = i;
        }
        stored_screen_ = screens_.empty() ? std::string() : screen_id(*screens_[current_]);
        return;
    }
    const int64_t changes = db_.total_changes();
    ImGuiContext& g = *GImGui;
    // Once a drag is over, not on each of its frames. (ImGui's own timer runs out after
    // io.IniSavingRate seconds of frames and says so in WantSaveIniSettings instead.)
    ImGuiIO& io = ImGui::GetIO();
    if ((g.SettingsDirtyTimer > 0 || io.WantSaveIniSettings) && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        g.SettingsDirtyTimer = 0;
        io.WantSaveIniSettings = false;
        // A layout validate() refuses (more than 16 KB) stays on this screen only.
        (void)put_user_setting(db_, context_.user, "layout", table_layout(ImGui::SaveIniSettingsToMemory()));
    }
    if (!screens_.empty() && current_ < screens_.size()) {
        const std::string screen = screen_id(*screens_[current_]);
        if (screen != stored_screen_ && put_user_setting(db_, context_.user, "last_screen", screen)) {
            stored_screen_ = screen;
        }
    }
    // Sent with the next round, as a screen's edit is. (data_version stays: no record changed,
    // though a list that watches total_changes() reads itself again once.)
    if (db_.total_changes() != changes && sync_) sync_->edited(ImGui::GetTime());
}

// Back to the default layout: the next person at this PC starts from it (or from theirs).
void App::forget_user_settings() {
    for_each_table([](ImGuiTable& table) { ImGui::TableResetSettings(&table); });
    ImGui::ClearIniSettings();
    GImGui->SettingsDirtyTimer = 0;
    user_settings_applied_ = false;
    stored_screen_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void App::draw() {
    context_.wants_next_frame = false;
    update_idle_lock();
    // Before sync, so that a setting written now is in this frame's sync status.
    update_user_settings();
    update_sync();
    if (close_popups_) {
        // A dialog left open would stay modal over the lock panel or the login screen; the
        // dialogs that hold a draft open again from their state when the workspace returns.
        if (!GImGui->OpenPopupStack.empty()) ImGui::ClosePopupToLevel(0, false);
        close_popups_ = false;
    }

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // Saved settings on: the tables inside inherit the root window's choice, and theirs are the
    // person's layout (update_user_settings; nothing is written to the PC, IniFilename is null).
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("CRM", nullptr, flags);
    switch (mode_) {
        case Mode::starting: draw_starting(); break;
        case Mode::sandbox: draw_workspace(); break;
        case Mode::server:
            if (!session_) draw_login();
            else if (locked_) draw_lock();
            else draw_workspace();
            break;
    }
    if (confirm_log_out_.draw() == ConfirmDialog::Answer::yes) log_out();
    ImGui::End();
    if (mode_ != Mode::starting) ++frames_since_start_;
}

double App::redraw_in_seconds() const {
    double soonest = toasts_.seconds_left();
    auto consider = [&soonest](double seconds) {
        if (seconds >= 0 && (soonest < 0 || seconds < soonest)) soonest = seconds;
    };
    if (mode_ == Mode::server && !session_) consider(login_.redraw_in_seconds());
    if (session_ && locked_) consider(lock_panel_.redraw_in_seconds());
    if (session_ && !locked_ && options_.idle_minutes > 0)
        consider(std::max(0.05, options_.idle_minutes * 60 - idle_.idle_seconds()));
    // The next sync round; while one is in flight its answer wakes the loop.
    if (sync_) consider(sync_->seconds_until_due(ImGui::GetTime()));
    if (context_.long_task_running || context_.wants_next_frame) consider(0);
    return soonest;
}

void App::draw_starting() {
    const char* text = tr("app.connecting");
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 space = ImGui::GetContentRegionAvail();
    ImGui::SetCursorPos(ImVec2((space.x - size.x) / 2, space.y / 2.5f));
    ImGui::TextColored(theme::kMuted, "%s", text);
}

// The login screen and the lock panel keep the app's name and the language switch at the
// top, so a person who cannot read English finds theirs before logging in.
namespace {

void draw_plain_top_bar(const std::function<void()>& language_switch) {
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(tr("app.name"));
    ImGui::PopStyleColor();
    const float switch_width = ImGui::GetFontSize() * 6.5f;
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - switch_width);
    ImGui::SetNextItemWidth(switch_width);
    language_switch();
    ImGui::Separator();
}

}  // namespace

void App::draw_login() {
    draw_plain_top_bar([this] { draw_language_switch(); });
    login_.draw(api_, [this](Session session) { start_session(std::move(session)); });
}

void App::draw_lock() {
    draw_plain_top_bar([this] { draw_language_switch(); });
    if (lock_panel_.draw(api_, session_->user, [this](Session session) { unlock(std::move(session)); }) ==
        LockPanel::Action::log_out) {
        request_log_out();
    }
}

void App::draw_workspace() {
    draw_top_bar();
    const float status_height = ImGui::GetFrameHeightWithSpacing();
    const float body_height = ImGui::GetContentRegionAvail().y - status_height;

    // As wide as its longest caption in the language shown ("Import customers"), 8 em at least.
    float sidebar_width = ImGui::GetFontSize() * 8;
    for (const auto& listed : screens_) {
        for (const char* key : {listed->title_key(), listed->section_key()})
            if (key) sidebar_width = std::max(sidebar_width, ImGui::CalcTextSize(tr(key)).x);
    }
    sidebar_width += (ImGui::GetStyle().WindowPadding.x + ImGui::GetStyle().FramePadding.x) * 2;
    ImGui::BeginChild("sidebar", ImVec2(sidebar_width, body_height), true);
    draw_sidebar();
    ImGui::EndChild();
    ImGui::SameLine();
    if (!context_.open_customer_id.empty()) {
        for (size_t i = 0; i < screens_.size(); ++i)
            if (std::string_view(screens_[i]->title_key()) == "nav.customers") current_ = i;
    }
    Screen& screen = *screens_[current_];
    context_.shortcut = pressed_shortcut();
    const bool training_shown = mode_ == Mode::sandbox && training_.shown;
    // Beside the work, not over it: 16 characters wide leaves a 1366 x 768 screen's customers
    // list and form their room.
    const float training_width = ImGui::GetFontSize() * 16;
    const float content_width =
        training_shown ? ImGui::GetContentRegionAvail().x - training_width - ImGui::GetStyle().ItemSpacing.x : 0;
    ImGui::BeginChild("content", ImVec2(content_width, body_height), false);
    screen.draw(context_);
    ImGui::EndChild();
    if (mode_ == Mode::sandbox) training_.update(context_);
    if (training_shown) {
        ImGui::SameLine();
        ImGui::BeginChild("training_panel", ImVec2(0, body_height), true);
        training_.draw();
        ImGui::EndChild();
    }

    draw_status_bar(screen);
    if (confirm_import_.draw() == ConfirmDialog::Answer::yes) platform_.choose_database_file();
    if (const auto answer = confirm_dropped_image_.draw(); answer != ConfirmDialog::Answer::none) {
        if (answer == ConfirmDialog::Answer::yes) import_image(dropped_image_);
        dropped_image_.clear();
        dropped_image_.shrink_to_fit();
    }
    if (confirm_reset_.draw() == ConfirmDialog::Answer::yes) {
        options_.sandbox_data = reset_size_;  // and a later Reset offers the size chosen now
        set_compact_memory(reset_compact_);   // for the database made now, and the ones after it
        if (reset_compact_clicked_) options_.memory_chosen = true;  // no longer by the size
        reset_sandbox();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Top bar
//-----------------------------------------------------------------------------

void App::draw_top_bar() {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(tr("app.name"));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextColored(theme::kMuted, "|  %s", tr(screens_[current_]->title_key()));

    // Right-aligned: Database menu, who is working (and Log out) or the sandbox's banner and
    // controls, language.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float switch_width = ImGui::GetFontSize() * 6.5f;
    auto button_width = [&style](const char* text) { return ImGui::CalcTextSize(text).x + style.FramePadding.x * 2; };
    float width = button_width(tr("database.menu")) + switch_width + style.ItemSpacing.x * 2;
    const std::string who = session_ ? trf("app.signed_in_as", {session_->user.name}) : std::string();
    if (mode_ == Mode::sandbox) {
        width += button_width(tr("sandbox.banner")) + ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
                 ImGui::CalcTextSize(tr("sandbox.training")).x + button_width(tr("sandbox.reset")) +
                 style.ItemSpacing.x * 3;
    } else {
        width += ImGui::CalcTextSize(who.c_str()).x + style.ItemSpacing.x;
        if (session_) width += button_width(tr("session.log_out")) + style.ItemSpacing.x;
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
    draw_database_menu();
    ImGui::SameLine();
    if (mode_ == Mode::sandbox) {
        draw_sandbox_controls();
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(theme::kMuted, "%s", who.c_str());
        automation::record_text(who.c_str());
    }
    if (session_) {
        ImGui::SameLine();
        const std::string log_out_label = std::string(tr("session.log_out")) + "###log_out";
        if (ImGui::Button(log_out_label.c_str())) request_log_out();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(switch_width);
    draw_language_switch();
    ImGui::Separator();
}

// The banner, on a warning colour so that nobody takes the sandbox for the real CRM; then
// the Training toggle and Reset, which asks first.
void App::draw_sandbox_controls() {
    const char* banner = tr("sandbox.banner");
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::CalcTextSize(banner).x + ImGui::GetStyle().FramePadding.x * 2, ImGui::GetFrameHeight());
    ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + size.x, min.y + size.y),
                                              ImGui::GetColorU32(theme::kWarning), ImGui::GetStyle().FrameRounding);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetStyle().FramePadding.x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(banner);
    automation::record_text(banner);
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x + ImGui::GetStyle().FramePadding.x);
    const std::string training = std::string(tr("sandbox.training")) + "###training_toggle";
    ImGui::Checkbox(training.c_str(), &training_.shown);
    ImGui::SameLine();
    const std::string reset = std::string(tr("sandbox.reset")) + "###reset_sandbox";
    if (ImGui::Button(reset.c_str())) {
        reset_size_ = options_.sandbox_data;
        reset_compact_ = compact_memory();
        reset_compact_clicked_ = false;
        reset_memory_note_ = memory_note(db_);
        confirm_reset_.open(tr("sandbox.reset_title"), tr("sandbox.reset_message"), tr("sandbox.reset_confirm"),
                            [this] { draw_reset_size(); });
    }
}

// In the Reset dialog: how much demo data to make, from a training-sized set to the
// benchmark's 100,000 customers with a million activities of history.
void App::draw_reset_size() {
    // `caption_key` words a size ("+{0} over 3 years"); `zero_key`, when given, says what 0 is.
    auto size_field = [](const char* caption, int& size, std::initializer_list<int> sizes, const char* caption_key,
                         const char* zero_key) {
        std::vector<int> values(sizes);
        if (std::find(values.begin(), values.end(), size) == values.end()) values.push_back(size);
        std::sort(values.begin(), values.end());
        std::vector<Option> options;
        for (int n : values) {
            const std::string count = group_digits(static_cast<uint64_t>(n));
            options.push_back({std::to_string(n), n == 0 && zero_key ? std::string(tr(zero_key))
                                                  : caption_key      ? trf(caption_key, {count})
                                                                     : count});
        }
        std::string value = std::to_string(size);
        if (option_field(caption, value, options, Problems{}, "")) size = std::stoi(value);
    };
    size_field(tr("sandbox.size_customers"), reset_size_.customers, {60, 1'000, 10'000, 100'000}, nullptr, nullptr);
    size_field(tr("sandbox.size_history"), reset_size_.history_activities, {0, 10'000, 100'000, 1'000'000},
               "sandbox.size_history_count", "sandbox.size_history_none");
    if (reset_size_.customers >= 10'000 || reset_size_.history_activities >= 100'000) {
        ImGui::TextDisabled("%s", tr("sandbox.size_slow"));
        automation::record_text(tr("sandbox.size_slow"));
    }
    ImGui::Spacing();
    // Until the person clicks it, the checkbox follows the size chosen: ticked for large data.
    const bool automatic = !options_.memory_chosen && !reset_compact_clicked_;
    const bool advised = compact_memory_advised(reset_size_, options_.compact_memory_above);
    if (automatic) reset_compact_ = advised;
    const std::string compact = std::string(tr("sandbox.compact")) + "###compact_memory";
    if (ImGui::Checkbox(compact.c_str(), &reset_compact_)) reset_compact_clicked_ = true;
    // Wrapped at a width of its own: the dialog takes its width from what it holds.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 34.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("sandbox.compact_note"));
    automation::record_text(tr("sandbox.compact_note"));
    ImGui::Spacing();
    ImGui::TextWrapped("%s", reset_memory_note_.c_str());
    automation::record_text(reset_memory_note_.c_str());
    const std::string estimate = format_file_size(estimated_demo_bytes(reset_size_));
    // What it takes uncompressed, and when the size ticked the checkbox, that it did.
    const char* chosen_key = !reset_compact_ ? "sandbox.memory_chosen"
                             : automatic     ? "sandbox.memory_chosen_compact"
                                             : "sandbox.memory_chosen_uncompressed";
    const std::string chosen = trf(chosen_key, {estimate});
    ImGui::TextWrapped("%s", chosen.c_str());
    automation::record_text(chosen.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

// What the data takes in memory: its pages, and in compact memory what they are kept in.
std::string App::memory_note(Db& db) {
    // Read as it can be: after a failed write (memory ran out) the note is left out.
    Result<Stmt> pages = db.try_prepare("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
    if (!pages || !pages.value().step().value_or(false)) return {};
    const int64_t bytes = pages.value().int64(0);
    // Data smaller than the chunks the store holds decompressed (1 MB) is not compressed yet:
    // the note says what it takes only when that is less.
    if (PackedMemoryStats packed; packed_memory_stats(db.handle(), packed) && packed.stored_bytes < bytes) {
        return trf("sandbox.memory_now_compact", {format_file_size(bytes), format_file_size(packed.stored_bytes)});
    }
    return trf("sandbox.memory_now", {format_file_size(bytes)});
}

void App::draw_database_menu() {
    const std::string label = std::string(tr("database.menu")) + "###database_menu";
    if (ImGui::Button(label.c_str())) ImGui::OpenPopup("database_menu_popup");
    // The menu drops down from the button, not from wherever the pointer is.
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y));
    if (!ImGui::BeginPopup("database_menu_popup")) return;
    // The image holds every record in the tab: only for those who may export customers.
    if (ImGui::MenuItem(tr("database.export"), nullptr, false, context_.may("customers", "export"))) export_image();
    // In server mode the records come from the server: an imported image would stand for
    // data the server does not have. Importing is for the sandbox.
    if (ImGui::MenuItem(tr("database.import"), nullptr, false, mode_ == Mode::sandbox)) {
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

// Each language is named in itself, so a person who cannot read the other finds theirs.
void App::draw_language_switch() {
    struct LanguageOption {
        Language language;
        const char* name;
    };
    static constexpr LanguageOption kOptions[] = {{Language::en, "English"}, {Language::zh, "\xE4\xB8\xAD\xE6\x96\x87"}};
    const char* current = kOptions[language() == Language::zh ? 1 : 0].name;
    if (begin_combo("##Language", current)) {
        for (const LanguageOption& option : kOptions) {
            if (ImGui::Selectable(option.name, option.language == language())) set_language(option.language);
        }
        ImGui::EndCombo();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Sidebar and status bar
//-----------------------------------------------------------------------------

void App::draw_sidebar() {
    const char* section = nullptr;
    for (size_t i = 0; i < screens_.size(); ++i) {
        const char* screen_section = screens_[i]->section_key();
        if (screen_section && (!section || std::string_view(section) != screen_section)) {
            ImGui::Spacing();
            ImGui::TextColored(theme::kMuted, "%s", tr(screen_section));
        }
        section = screen_section;
        if (ImGui::Selectable(tr(screens_[i]->title_key()), current_ == i)) current_ = i;
    }
}

void App::draw_status_bar(Screen& screen) {
    ImGui::Separator();
    std::string status = screen.status(context_);
    ImGui::TextUnformatted(status.c_str());
    automation::record_text(status.c_str());
    ImGui::SameLine();
    if (sync_) {
        draw_sync_status(!status.empty());
    } else {
        const char* memory = tr(is_packed_memory(db_.handle()) ? "app.memory_only_compact" : "app.memory_only");
        ImGui::TextColored(theme::kMuted, "  |  %s", memory);
        automation::record_text(memory);
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("  ");
    ImGui::SameLine();
    toasts_.draw();
}

// Where sync stands, after the screen's own status: a progress bar during the first sync,
// then "All changes synced", "Changes not yet synced: 3", offline or the error; and the
// conflicts and refused changes waiting on the Sync screen.
void App::draw_sync_status(bool after_text) {
    using Kind = sync::SyncStatus::Kind;
    const sync::SyncStatus& s = sync_status_;
    const std::string line = describe_sync(s);
    if (after_text) {
        ImGui::TextColored(theme::kMuted, "  |  ");
        ImGui::SameLine(0, 0);
    }
    if (s.progress >= 0) {
        ImGui::ProgressBar(static_cast<float>(s.progress), ImVec2(ImGui::GetFontSize() * 14, 0), line.c_str());
        automation::record_label(line.c_str());
    } else {
        const ImVec4 colour = s.kind == Kind::error ? theme::kError : s.kind == Kind::offline ? theme::kError
                              : s.kind == Kind::synced                              ? theme::kSuccess
                                                                                    : theme::kMuted;
        ImGui::TextColored(colour, "%s", line.c_str());
        automation::record_text(line.c_str());
    }
    auto link = [this](const std::string& text) {
        ImGui::SameLine();
        if (ImGui::SmallButton(text.c_str())) {
            for (size_t i = 0; i < screens_.size(); ++i)
                if (std::string_view(screens_[i]->title_key()) == "nav.sync") current_ = i;
        }
    };
    if (s.open_conflicts > 0) link(trf("sync.open_conflicts", {std::to_string(s.open_conflicts)}));
    if (s.rejected > 0) link(trf("sync.refused_count", {std::to_string(s.rejected)}));
}

}  // namespace crm::ui
