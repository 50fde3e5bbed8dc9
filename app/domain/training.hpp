// The sandbox's guided tasks (培训): what a trainee is asked to do, and whether the database
// shows it done. Each check is a small query over what was created or changed after the
// training started, so the demo data never ticks a task by itself, and a click that did not
// end in a record (a customer saved without a contact, a visit planned but not done) does
// not tick one either.
//
//     TrainingStart start = training_start(db);  // when the sandbox opens or is reset
//     ...the trainee works...
//     bool done = task_done(db, TrainingTask::log_visit, start, list);
//
// The UI (ui/training_panel) keeps a task ticked once done and checks only when the data or
// the customers list changed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/db.hpp"

namespace crm {

enum class TrainingTask {
    create_customer_with_contact,
    log_visit,
    find_customer_by_phone,
    add_points,
    merge_customers,
};

inline constexpr TrainingTask kTrainingTasks[] = {
    TrainingTask::create_customer_with_contact, TrainingTask::log_visit, TrainingTask::find_customer_by_phone,
    TrainingTask::add_points, TrainingTask::merge_customers};

// "create_customer_with_contact": the task's name in translation keys and test labels.
std::string_view task_name(TrainingTask task);

// What the database held when training started. Records created later have a larger rowid
// (rows are tombstoned, never removed, so rowids only grow); records changed later have a
// later updated_at.
struct TrainingStart {
    int64_t customers_rowid = 0;
    int64_t activities_rowid = 0;
    int64_t points_rowid = 0;
    std::string at;  // UTC ISO-8601, as the records' updated_at
};

TrainingStart training_start(Db& db);

// What the customers list shows: its search box and the rows it shows, in order.
struct CustomerListShown {
    std::string_view search;
    std::span<const int64_t> rowids;
};

// A live customer created since the start has at least one live contact.
bool created_customer_with_contact(Db& db, const TrainingStart& start);
// A live visit of a live customer is done, and was logged since the start (or marked done
// since then, at a time since then).
bool logged_visit(Db& db, const TrainingStart& start);
// The search box holds a phone number (digits and phone punctuation only, at least 7 digits)
// and one of the first rows shown is a live customer whose phone holds that number. Only the
// first rows count: a search that shows a long list has not found a customer.
bool found_customer_by_phone(Db& db, const CustomerListShown& list);
// A live entry since the start adds points (an earn, or an adjustment up) to a live customer.
bool added_points(Db& db, const TrainingStart& start);
// A customer was deleted since the start by merging it into a live one: the survivor, saved
// with the merge, names it in its notes (merge_customers writes "Merged with <name> ...").
bool merged_customers(Db& db, const TrainingStart& start);

bool task_done(Db& db, TrainingTask task, const TrainingStart& start, const CustomerListShown& list);

}  // namespace crm
