// Drives the real UI (ui::App) natively, with no window and no GPU: a frame is ImGui's
// NewFrame/draw/Render with a display size, mouse and keys set by hand. Widgets are found
// by label through the same automation record the browser tests use (ui/automation), so
// these tests click and type like the browser tests, only fast and under ASan/UBSan.
#pragma once

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/db.hpp"
#include "ui/app.hpp"
#include "ui/automation.hpp"
#include "ui/platform_services.hpp"

namespace crm::test {

// Records what the UI asks of the platform, as the browser would be asked.
struct FakeServices : ui::PlatformServices {
    void download(const std::string& file_name, const std::string& bytes, const char*) override {
        downloaded_name = file_name;
        downloaded_bytes = bytes;
    }
    void choose_database_file() override { ++file_pickers_opened; }

    std::string downloaded_name, downloaded_bytes;
    int file_pickers_opened = 0;
};

class UiDriver {
public:
    // An in-memory CRM database with `demo_customers` demo customers, and the app on it.
    explicit UiDriver(int demo_customers = 12);
    ~UiDriver();
    UiDriver(const UiDriver&) = delete;
    UiDriver& operator=(const UiDriver&) = delete;

    void frames(int count = 1);

    // The one item with this label (in a window whose innermost name starts with `window`);
    // nullopt when there is none. Two matches fail the test: a test never guesses.
    std::optional<automation::Item> find(std::string_view label, std::string_view window = {},
                                         std::optional<bool> is_text = std::nullopt) const;
    bool has(std::string_view label, std::string_view window = {}) const { return find(label, window).has_value(); }

    // Clicks the item's centre; fails the test when it is not there.
    void click(std::string_view label, std::string_view window = {});
    // Clicks a text field, selects all it holds and types `text` in its place.
    void fill(std::string_view label, std::string_view text, std::string_view window = {});
    // A key by its index in io.KeysDown: an ImGuiKey_ (mapped to itself) or a letter 'S'.
    void press(int key, bool ctrl = false);

    Db& db() { return app_->db(); }
    ui::App& app() { return *app_; }
    FakeServices& services() { return services_; }

private:
    FakeServices services_;
    ImGuiContext* context_ = nullptr;
    std::unique_ptr<ui::App> app_;
};

}  // namespace crm::test
