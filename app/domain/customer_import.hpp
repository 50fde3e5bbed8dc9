// Importing customers from a CSV file (导入客户): the file read in any encoding Excel writes,
// its columns mapped to the customer's fields, a preview with each row's problems, then an
// insert-or-update job that runs in steps so that 100,000 rows never freeze the page.
//
// [SECTION] The file
// [SECTION] Column mapping
// [SECTION] Options and preview
// [SECTION] The job
//
// Rules:
//   - Row numbers are a spreadsheet's: the header is row 1, the first customer row 2.
//   - A row whose key (code, email or phone, as chosen) matches one live customer updates
//     it; no match, or an empty key, inserts. Two matches are the row's problem
//     ({key field, "ambiguous"}): the importer does not guess which customer was meant.
//   - A row with the key or the code of an earlier row of the file (matched as keys are: a
//     code or an email ignoring case, a phone by its digits) is the row's problem ({key field
//     or "code", "same_as_row", earlier row}): it would write the customer the earlier row
//     wrote, or give a second customer its code. The earlier row counts whatever its own
//     problems, so that fixing it does not turn the later one into its update.
//   - A choice cell ("type") may hold the stored value ("enterprise") or a caption the UI
//     shows for it in any language ("Enterprise", "企业客户"), in any case and width.
//   - Only mapped columns are written, and of those only cells that are not blank: a blank
//     cell keeps what the customer has (a new one: the form's defaults). So a sheet of codes
//     and phones updates phones and nothing else.
//   - Every write is save_customer()'s, as in the form (a CustomerWriter, which keeps its
//     statements prepared): the same validation, trimming, owner, updated_at and
//     updated_by, and the same sync triggers record it for the server.
//   - Permissions: a row the person may not create (or edit: the stored owner's customer)
//     is a problem of the row ({"owner_id", "forbidden"}), like any other.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/db.hpp"
#include "core/text_encoding.hpp"
#include "domain/customer.hpp"

namespace crm {

//-----------------------------------------------------------------------------
// [SECTION] The file
//-----------------------------------------------------------------------------

struct ImportFile {
    TextEncoding encoding = TextEncoding::utf8;
    std::vector<std::string> header;
    std::vector<csv::Row> rows;  // rows[i] is the spreadsheet's row i + 2
};

// The file's header and rows. Fails with the decoder's or the reader's error ("encoding",
// "csv"), or "empty" ({"file", "empty"}) when there is not even a header.
Result<ImportFile> read_import_file(std::string_view bytes);

// The spreadsheet's number of rows[index].
inline int spreadsheet_row(size_t index) { return static_cast<int>(index) + 2; }

//-----------------------------------------------------------------------------
// [SECTION] Column mapping
//-----------------------------------------------------------------------------

// Per CSV column, the customer column it fills ("name", "city", ...), or "" to ignore it.
using ColumnMapping = std::vector<std::string>;

// The mapping a header suggests: each caption matched, ignoring case, spaces and
// underscores, against the field names (what the export writes) and the usual English and
// Chinese captions ("客户名称", "E-mail", "负责人"). Each field is taken by its first column only.
ColumnMapping guess_mapping(std::span<const std::string> header);

//-----------------------------------------------------------------------------
// [SECTION] Options and preview
//-----------------------------------------------------------------------------

enum class ImportKey { code, email, phone };
// all_or_nothing: one bad row and nothing is written (every bad row is listed);
// skip_bad_rows: bad rows are listed and left out, the others written.
enum class ImportMode { all_or_nothing, skip_bad_rows };

// The customer column of a key ("code", "email", "phone").
const char* key_column(ImportKey key);

// What a person sees for a choice's stored value in one language ({"type", "企业客户",
// "enterprise"}); the UI gives them from its translation tables, in every language.
struct ChoiceCaption {
    std::string column;
    std::string caption;
    std::string value;
};

struct ImportOptions {
    ColumnMapping mapping;
    ImportKey key = ImportKey::code;
    ImportMode mode = ImportMode::skip_bad_rows;
    std::string actor;  // updated_by, and the owner of new customers without an owner cell
    // May the person do `action` ("create", "edit") on a customer owned by `owner_id`?
    // Empty: everything is allowed (the sandbox).
    std::function<bool(std::string_view action, std::string_view owner_id)> may;
    // A choice cell may hold the stored value or one of these captions, in any case and width.
    std::vector<ChoiceCaption> captions;
};

struct RowProblems {
    int row = 0;  // spreadsheet row
    Problems problems;
};

struct PreviewRow {
    int row = 0;  // spreadsheet row
    bool updates = false;  // the key matched a customer
    Problems problems;
};

// The first `limit` rows (blank ones skipped) as the import would treat them, without
// writing: the same problems, a repeat of an earlier row's key or code included. Only a code
// that an earlier row frees by changing it still reads as taken here.
std::vector<PreviewRow> preview_import(Db& db, const ImportFile& file, const ImportOptions& options, size_t limit);

//-----------------------------------------------------------------------------
// [SECTION] The job
//-----------------------------------------------------------------------------

struct ImportSummary {
    int inserted = 0;
    int updated = 0;
    int blank = 0;  // blank rows, passed over
    std::vector<RowProblems> bad_rows;  // in row order
};

// The import in steps: step_for() does a frame's share of work at a time (the screen asks for
// 8 ms, so the page stays responsive on any machine and with any file), all of it inside one
// transaction (a savepoint inside a caller's) opened by the constructor and held across
// steps. The last step commits; cancel() rolls back, so the
// database is exactly as it was. `file` must outlive the job.
//
// Nothing else may write to the database while the job runs: its writes would be part of
// the job's transaction and go with a cancel (the import screen holds sync off meanwhile).
class ImportJob {
public:
    enum class State { running, committed, rejected, cancelled, failed };

    ImportJob(Db& db, const ImportFile& file, ImportOptions options);
    ~ImportJob();
    ImportJob(const ImportJob&) = delete;
    ImportJob& operator=(const ImportJob&) = delete;

    // Imports rows until `budget` has passed (checked after each row, so a step overruns by
    // at most one row, and always imports at least one); at the end commits, or rolls back
    // when all_or_nothing met a bad row (State::rejected). True while rows remain.
    bool step_for(std::chrono::milliseconds budget);
    // The same with a budget of rows, up to `rows` more: for tests that need to know where
    // a step stops.
    bool step(size_t rows);
    void cancel();

    State state() const { return state_; }
    size_t done() const { return next_; }
    size_t total() const { return file_.rows.size(); }
    float progress() const { return total() ? static_cast<float>(done()) / static_cast<float>(total()) : 1.0f; }
    const ImportSummary& summary() const { return summary_; }
    // State::failed: what the database said.
    const Error& error() const { return error_; }

private:
    void import_row(size_t index);
    // Ends the job after its last row; true while rows remain.
    bool more();
    void end();
    void fail(Error error);

    const ImportFile& file_;
    ImportOptions options_;
    struct Transaction;
    std::unique_ptr<Transaction> tx_;
    size_t next_ = 0;
    State state_ = State::running;
    ImportSummary summary_;
    Error error_;
};

}  // namespace crm
