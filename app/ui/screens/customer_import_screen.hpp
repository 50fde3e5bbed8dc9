// Import customers (导入客户) from a CSV file: choose the file, check how its columns map to
// the customer's fields, pick the key and the mode, look at the preview with each row's
// problems, then import. The import runs as an ImportJob, 8 ms of rows each frame under a
// progress bar, in a dialog that blocks the rest of the app: nothing else may write while its
// transaction is open, and Cancel leaves the database exactly as it was.
//
// Registered only for people who may create customers (ui/screens/registry.cpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/customer_import.hpp"
#include "ui/screen.hpp"
#include "ui/server_api.hpp"

namespace crm::ui {

class CustomerImportScreen : public Screen {
public:
    const char* title_key() const override { return "nav.import_customers"; }
    void draw(AppContext& app) override;
    // A CSV file dropped onto the page: read as if chosen with Choose file… (not while an
    // import runs).
    bool take_file(std::string name, const std::string& bytes) override;

private:
    void load(std::string name, const std::string& bytes);
    void draw_file(AppContext& app);
    void draw_mapping();
    void draw_options();
    void draw_preview(AppContext& app);
    void draw_import_button(AppContext& app);
    void draw_progress(AppContext& app);
    void draw_result();
    // The person and what they may do, for the preview and the job.
    void permit(AppContext& app);
    void start(AppContext& app);
    void finish(AppContext& app);

    CallbackGuard guard_;  // a file chosen after the screen is gone finds nobody
    std::string file_name_;
    std::optional<ImportFile> file_;
    std::string file_error_;  // translated: why the chosen file cannot be read
    ImportOptions options_;
    bool preview_dirty_ = true;
    std::vector<PreviewRow> preview_;
    std::unique_ptr<ImportJob> job_;
    std::string result_;  // translated: what the last import did
    std::vector<RowProblems> bad_rows_;
};

}  // namespace crm::ui
