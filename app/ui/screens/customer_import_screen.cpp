#include "ui/screens/customer_import_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <span>

#include "core/text.hpp"
#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/screens/customer_choices.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/form.hpp"
#include "ui/widgets/table.hpp"

namespace crm::ui {

namespace {

// Import work per frame: half a 60 Hz frame, leaving the rest for drawing, so the page stays
// responsive. A time, not a number of rows: a row's cost depends on the machine, on the
// build (wasm is 1.2 to 1.5 times slower than native) and on the file (2,000 rows were
// 100 to 600 ms).
constexpr std::chrono::milliseconds kWorkPerFrame{8};
constexpr size_t kPreviewRows = 20;
constexpr const char* kProgressPopup = "###import_progress";

std::string field_caption(std::string_view column) { return tr("field." + std::string(column)); }

// Every caption of every choice in both languages, whichever is shown: a file may come from
// someone who works in the other one.
std::vector<ChoiceCaption> choice_captions() {
    std::vector<ChoiceCaption> captions;
    for (std::string_view column : customer_columns()) {
        for (const Choice& choice : choices_of_field(column)) {
            if (choice.value.empty()) continue;
            for (Language language : {Language::en, Language::zh})
                captions.push_back({std::string(column), tr_in(language, choice.caption), std::string(choice.value)});
        }
    }
    return captions;
}

// A cell that is none of the choices lists them, as the file may hold them:
// "enterprise (Enterprise)", or "A" where the caption is the value.
std::string describe_cell_problem(const FieldError& problem) {
    std::span<const Choice> choices = choices_of_field(problem.field);
    if (problem.code != "invalid_choice" || choices.empty()) return describe_problem(problem);
    std::string values;
    for (const Choice& choice : choices) {
        if (choice.value.empty()) continue;
        if (!values.empty()) values += ", ";
        const std::string_view caption = tr(choice.caption);
        values += caption == choice.value ? std::string(caption) : trf("import.choice_value", {choice.value, caption});
    }
    return trf("import.invalid_choice", {values});
}

// "Email: Not an email address (...)"; each problem of a row, joined.
std::string describe_row(const Problems& problems) {
    std::string text;
    for (const FieldError& problem : problems) {
        if (!text.empty()) text += "; ";
        text += trf("import.problem", {field_caption(problem.field), describe_cell_problem(problem)});
    }
    return text;
}

std::string file_problem(const Error& error) {
    const int line = error.fields.empty() ? 0 : error.fields.front().limit;
    return trf("import.error." + error.code, {std::to_string(line)});
}

std::string sample_of(const ImportFile& file, size_t column) {
    for (const csv::Row& row : file.rows)
        if (column < row.size() && !trim(row[column]).empty()) return row[column];
    return {};
}

bool begin_table(const char* id, std::initializer_list<std::pair<const char*, float>> columns, float height) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, ImVec2(0, height))) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (auto [key, weight] : columns) ImGui::TableSetupColumn(tr(key), ImGuiTableColumnFlags_WidthStretch, weight);
    table_headers_row();
    return true;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------

void CustomerImportScreen::draw(AppContext& app) {
    if (job_) draw_progress(app);
    draw_file(app);
    if (!file_) return draw_result();
    if (preview_dirty_) {
        permit(app);
        preview_ = preview_import(app.db, *file_, options_, kPreviewRows);
        preview_dirty_ = false;
    }
    const float half = ImGui::GetContentRegionAvail().x * 0.5f;
    ImGui::BeginChild("import_mapping", ImVec2(half, ImGui::GetFontSize() * 18), false);
    draw_mapping();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("import_options", ImVec2(0, ImGui::GetFontSize() * 18), false);
    draw_options();
    draw_import_button(app);
    draw_result();
    ImGui::EndChild();
    draw_preview(app);
}

void CustomerImportScreen::draw_file(AppContext& app) {
    ImGui::BeginDisabled(job_ != nullptr || !app.platform);
    if (ImGui::Button(tr("import.choose_file"))) {
        app.platform->choose_file(".csv,text/csv", guard_.wrap([this](std::string name, std::string bytes) {
            load(std::move(name), bytes);
        }));
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    std::string info = tr("import.no_file");
    if (file_) {
        info = trf("import.file_info", {file_name_, tr("import.encoding." + std::string(encoding_id(file_->encoding))),
                                        group_digits(file_->rows.size())});
    }
    ImGui::TextColored(theme::kMuted, "%s", info.c_str());
    automation::record_text(info.c_str());
    if (!file_error_.empty()) form_error(file_error_);
}

bool CustomerImportScreen::take_file(std::string name, const std::string& bytes) {
    if (job_) return false;
    load(std::move(name), bytes);
    return true;
}

void CustomerImportScreen::load(std::string name, const std::string& bytes) {
    file_name_ = std::move(name);
    result_.clear();
    bad_rows_.clear();
    Result<ImportFile> file = read_import_file(bytes);
    if (!file) {
        file_.reset();
        file_error_ = file_problem(file.error());
        return;
    }
    file_error_.clear();
    file_ = std::move(file).value();
    options_.mapping = guess_mapping(file_->header);
    if (options_.captions.empty()) options_.captions = choice_captions();
    preview_dirty_ = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Mapping and options
//-----------------------------------------------------------------------------

void CustomerImportScreen::draw_mapping() {
    if (!begin_table("import_columns", {{"import.column", 1.2f}, {"import.sample", 1.2f}, {"import.field", 1.4f}}, 0))
        return;
    for (size_t i = 0; i < file_->header.size(); ++i) {
        ImGui::TableNextRow();
        text_cell(file_->header[i]);
        text_cell(sample_of(*file_, i));
        ImGui::TableNextColumn();
        std::string& target = options_.mapping[i];
        const std::string preview = target.empty() ? tr("import.ignore") : field_caption(target);
        ImGui::SetNextItemWidth(-1);
        const std::string label = "##map" + std::to_string(i);
        if (begin_combo(label.c_str(), preview.c_str())) {
            if (ImGui::Selectable(tr("import.ignore"), target.empty())) target.clear();
            for (std::string_view column : customer_columns()) {
                // Each field is filled from one column at most: choosing it here frees it elsewhere.
                if (ImGui::Selectable(field_caption(column).c_str(), target == column)) {
                    std::replace(options_.mapping.begin(), options_.mapping.end(), std::string(column), std::string());
                    target = std::string(column);
                }
            }
            ImGui::EndCombo();
            preview_dirty_ = true;
        }
    }
    ImGui::EndTable();
}

void CustomerImportScreen::draw_options() {
    ImGui::TextUnformatted(tr("import.key"));
    for (ImportKey key : {ImportKey::code, ImportKey::email, ImportKey::phone}) {
        ImGui::SameLine();
        const std::string caption = tr("import.key." + std::string(key_column(key)));
        if (ImGui::RadioButton(caption.c_str(), options_.key == key)) {
            options_.key = key;
            preview_dirty_ = true;
        }
    }
    ImGui::TextDisabled("%s", tr("import.key_explained"));
    ImGui::TextUnformatted(tr("import.mode"));
    ImGui::SameLine();
    if (ImGui::RadioButton(tr("import.mode.all_or_nothing"), options_.mode == ImportMode::all_or_nothing))
        options_.mode = ImportMode::all_or_nothing;
    ImGui::SameLine();
    if (ImGui::RadioButton(tr("import.mode.skip_bad_rows"), options_.mode == ImportMode::skip_bad_rows))
        options_.mode = ImportMode::skip_bad_rows;
}

//-----------------------------------------------------------------------------
// [SECTION] Preview
//-----------------------------------------------------------------------------

void CustomerImportScreen::draw_preview(AppContext&) {
    ImGui::TextUnformatted(trf("import.preview", {std::to_string(preview_.size())}).c_str());
    const auto name_at = std::find(options_.mapping.begin(), options_.mapping.end(), "name");
    const size_t name_column = static_cast<size_t>(name_at - options_.mapping.begin());
    if (!begin_table("import_preview", {{"import.row", 0.4f}, {"field.name", 2.0f}, {"import.action", 0.7f},
                                        {"import.problems", 3.0f}}, 0))
        return;
    for (const PreviewRow& row : preview_) {
        const csv::Row& cells = file_->rows[static_cast<size_t>(row.row - 2)];
        ImGui::TableNextRow();
        text_cell(std::to_string(row.row));
        text_cell(name_column < cells.size() ? cells[name_column] : std::string());
        text_cell(tr(row.updates ? "import.action.update" : "import.action.insert"));
        text_cell(describe_row(row.problems), &theme::kError);
    }
    ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] The import
//-----------------------------------------------------------------------------

void CustomerImportScreen::draw_import_button(AppContext& app) {
    ImGui::Spacing();
    ImGui::BeginDisabled(file_->rows.empty() || job_ != nullptr);
    if (ImGui::Button(tr("import.start"))) start(app);
    ImGui::EndDisabled();
}

void CustomerImportScreen::permit(AppContext& app) {
    options_.actor = app.user;
    options_.may = [&app](std::string_view action, std::string_view owner) {
        return app.may("customers", action, owner);
    };
}

void CustomerImportScreen::start(AppContext& app) {
    permit(app);
    result_.clear();
    bad_rows_.clear();
    job_ = std::make_unique<ImportJob>(app.db, *file_, options_);
    app.long_task_running = true;
}

void CustomerImportScreen::draw_progress(AppContext& app) {
    if (job_->state() == ImportJob::State::running) job_->step_for(kWorkPerFrame);
    if (!ImGui::IsPopupOpen(kProgressPopup)) ImGui::OpenPopup(kProgressPopup);
    const std::string title = std::string(tr("import.progress_title")) + kProgressPopup;
    if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const std::string done = trf("import.progress", {group_digits(job_->done()), group_digits(job_->total())});
        ImGui::ProgressBar(job_->progress(), ImVec2(ImGui::GetFontSize() * 24, 0), done.c_str());
        automation::record_text(done.c_str());
        if (ImGui::Button(tr("import.cancel"))) job_->cancel();
        if (job_->state() != ImportJob::State::running) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (job_->state() != ImportJob::State::running) finish(app);
}

void CustomerImportScreen::finish(AppContext& app) {
    const ImportSummary& summary = job_->summary();
    const auto skipped = std::to_string(summary.bad_rows.size());
    switch (job_->state()) {
        case ImportJob::State::committed:
            result_ = trf("import.result", {group_digits(static_cast<uint64_t>(summary.inserted + summary.updated)),
                                            group_digits(static_cast<uint64_t>(summary.updated)), skipped});
            ++app.data_version;
            break;
        case ImportJob::State::rejected: result_ = trf("import.rejected", {skipped}); break;
        case ImportJob::State::cancelled: result_ = tr("import.cancelled"); break;
        case ImportJob::State::failed: result_ = trf("import.failed", {job_->error().message}); break;
        case ImportJob::State::running: return;
    }
    bad_rows_ = summary.bad_rows;
    job_.reset();
    app.long_task_running = false;
    preview_dirty_ = true;
}

void CustomerImportScreen::draw_result() {
    if (result_.empty()) return;
    ImGui::Spacing();
    ImGui::TextWrapped("%s", result_.c_str());
    automation::record_text(result_.c_str());
    for (const RowProblems& bad : bad_rows_) {
        const std::string line = trf("import.row_problem", {std::to_string(bad.row), describe_row(bad.problems)});
        ImGui::TextColored(theme::kError, "%s", line.c_str());
        automation::record_text(line.c_str());
    }
}

}  // namespace crm::ui
