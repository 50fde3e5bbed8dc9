// The sandbox's training panel (培训): guided tasks beside the work, each ticked when the
// database shows it done (domain/training), with a hint of where to do it and the progress
// ("2 of 5 done"). Shown and hidden by the top bar's Training toggle; the tasks are checked
// whether it is shown or not, so a task done with the panel closed is ticked when it opens.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>

#include "domain/training.hpp"
#include "ui/screen.hpp"

namespace crm::ui {

class TrainingPanel {
public:
    // Starts over on this database: no task done, and only what is created or changed from
    // now on counts.
    void start(Db& db);
    // Checks the tasks not done yet, only when the data or the customers list changed since
    // the last check (the checks are queries: not once per frame). Call every frame.
    void update(AppContext& app);
    // Draws the panel into the current window (the app gives it a child beside the screen).
    void draw();

    bool done(TrainingTask task) const { return done_[static_cast<size_t>(task)]; }
    int done_count() const;

    bool shown = false;

private:
    TrainingStart start_;
    std::array<bool, std::size(kTrainingTasks)> done_{};
    // What was seen at the last check: the database's writes, the app's data version and the
    // customers list's version.
    int64_t seen_changes_ = -1, seen_data_version_ = -1, seen_list_version_ = -1;
};

}  // namespace crm::ui
