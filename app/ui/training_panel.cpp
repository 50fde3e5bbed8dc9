#include "ui/training_panel.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "ui/automation.hpp"
#include "ui/i18n.hpp"
#include "ui/theme.hpp"

namespace crm::ui {

namespace {

// "training.task.log_visit", "training.hint.log_visit".
std::string task_key(const char* kind, TrainingTask task) {
    return std::string("training.") + kind + "." + std::string(task_name(task));
}

// A tick box that only shows: the person ticks a task by doing it, not by clicking here.
// Labelled for tests as "<title>: done" or "<title>: not done".
void draw_tick(bool done, const std::string& title) {
    const float size = ImGui::GetFontSize() + 2;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size, size));
    automation::record_label(trf(done ? "training.row_done" : "training.row_not_done", {title}).c_str());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size, min.y + size);
    const float rounding = ImGui::GetStyle().FrameRounding;
    if (done) {
        draw->AddRectFilled(min, max, ImGui::GetColorU32(theme::kSuccess), rounding);
        const float pad = std::max(1.0f, size / 6);
        ImGui::RenderCheckMark(draw, ImVec2(min.x + pad, min.y + pad), IM_COL32_WHITE, size - pad * 2);
    } else {
        draw->AddRect(min, max, ImGui::GetColorU32(theme::kMuted), rounding);
    }
}

}  // namespace

void TrainingPanel::start(Db& db) {
    start_ = training_start(db);
    done_.fill(false);
    seen_changes_ = seen_data_version_ = seen_list_version_ = -1;
}

int TrainingPanel::done_count() const { return static_cast<int>(std::count(done_.begin(), done_.end(), true)); }

void TrainingPanel::update(AppContext& app) {
    const int64_t changes = app.db.total_changes();
    const bool data_changed = changes != seen_changes_ || app.data_version != seen_data_version_;
    const bool list_changed = app.customer_list.version != seen_list_version_;
    if (!data_changed && !list_changed) return;
    seen_changes_ = changes;
    seen_data_version_ = app.data_version;
    seen_list_version_ = app.customer_list.version;
    const CustomerListShown list{app.customer_list.search, app.customer_list.rowids};
    for (TrainingTask task : kTrainingTasks) {
        // Once done, a task stays ticked until the training starts over: finding a customer
        // is over when the search box is cleared, and the trainee did it all the same.
        bool& done = done_[static_cast<size_t>(task)];
        // A keystroke in the search box changes only the list: the other tasks' checks (one
        // scans the customers) wait for a write, or each keystroke over 100,000 customers
        // would cost tens of milliseconds.
        if (!done && (data_changed || task == TrainingTask::find_customer_by_phone))
            done = task_done(app.db, task, start_, list);
    }
}

void TrainingPanel::draw() {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    ImGui::TextUnformatted(tr("training.title"));
    ImGui::PopStyleColor();
    automation::record_text(tr("training.title"));
    const int total = static_cast<int>(std::size(kTrainingTasks));
    const std::string progress = trf("training.progress", {std::to_string(done_count()), std::to_string(total)});
    ImGui::ProgressBar(static_cast<float>(done_count()) / static_cast<float>(total), ImVec2(-1, 0), progress.c_str());
    automation::record_text(progress.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    ImGui::TextWrapped("%s", tr(done_count() == total ? "training.all_done" : "training.intro"));
    ImGui::PopStyleColor();
    ImGui::Separator();

    for (TrainingTask task : kTrainingTasks) {
        ImGui::PushID(static_cast<int>(task));
        const std::string title = tr(task_key("task", task));
        draw_tick(done(task), title);
        ImGui::SameLine();
        // A group keeps the wrapped title and its hint beside the tick, not under it.
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(title.c_str());
        automation::record_text(title.c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
        ImGui::TextUnformatted(tr(task_key("hint", task)));
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImGui::Spacing();
        ImGui::PopID();
    }
}

}  // namespace crm::ui
