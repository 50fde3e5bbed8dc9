// Drives the real UI (ui::App) natively, with no window and no GPU: a frame is ImGui's
// NewFrame/draw/Render with a display size, mouse and keys set by hand. Widgets are found
// by label through the same automation record the browser tests use (ui/automation), so
// these tests click and type like the browser tests, only fast and under ASan/UBSan.
#pragma once

#include <imgui.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "core/db.hpp"
#include "ui/app.hpp"
#include "ui/automation.hpp"
#include "ui/platform_services.hpp"

namespace crm::test {

// The windows tests look in, by the names the app gives them (the browser tests use the same).
namespace window {
inline constexpr const char* customer_list = "customers";
inline constexpr const char* customer_form = "customer_detail";
inline constexpr const char* contact_dialog = "contact_dialog";
inline constexpr const char* confirm = "confirm";
inline constexpr const char* training_panel = "training_panel";
}  // namespace window

// Records what the UI asks of the platform, as the browser would be asked. Requests to the
// server wait until the test answers them, as a real server answers between frames.
struct FakeServices : ui::PlatformServices {
    struct Request {
        std::string method, path, body, token;
        std::function<void(ui::HttpResponse)> done;
    };

    void download(const std::string& file_name, const std::string& bytes, const char*) override {
        downloaded_name = file_name;
        downloaded_bytes = bytes;
    }
    void choose_database_file() override { ++file_pickers_opened; }
    void choose_file(std::string accept, std::function<void(std::string, std::string)> done) override {
        ++file_pickers_opened;
        file_accept = std::move(accept);
        file_chosen = std::move(done);
    }
    void print_html(const std::string& html) override { printed_html = html; }
    void open_url(const std::string& url) override { opened_urls.push_back(url); }
    void http(std::string method, std::string path, std::string body, std::string bearer_token,
              std::function<void(ui::HttpResponse)> done) override {
        Request request{std::move(method), std::move(path), std::move(body), std::move(bearer_token), std::move(done)};
        sent.push_back({request.method, request.path, request.body, request.token, nullptr});
        pending.push_back(std::move(request));
    }

    // Answers the oldest request still waiting for `path`; false when there is none.
    bool answer(std::string_view path, int status, std::string body);
    // The last request sent to `path` (answered or not); nullopt when there was none.
    std::optional<Request> last(std::string_view path) const;
    bool is_pending(std::string_view path) const;

    std::string downloaded_name, downloaded_bytes;
    int file_pickers_opened = 0;
    std::string file_accept;                                      // the last choose_file's filter
    std::function<void(std::string, std::string)> file_chosen;    // call to "choose" a file
    std::string printed_html;
    std::vector<std::string> opened_urls;
    std::vector<Request> pending;  // waiting for an answer, oldest first
    std::vector<Request> sent;     // every request, in order (without callbacks)
};

// The app in server mode, its health check answered: the login screen.
struct ServerMode {
    double idle_minutes = 15;
    // false: the health check fails (404, as static hosting answers) and the app runs as the sandbox.
    bool server_answers = true;
};

class UiDriver {
public:
    // An in-memory CRM database with `demo_customers` demo customers, and the app on it;
    // `configure` may change the app's options first.
    explicit UiDriver(int demo_customers = 12, const std::function<void(ui::AppOptions&)>& configure = {});
    // The app talking to a (fake) server: the login screen, nothing logged in yet.
    explicit UiDriver(ServerMode server);
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

    // Answers a pending request (FAIL when there is none) and draws the frames after it.
    void answer(std::string_view path, int status, std::string body);
    // Logs in through the login screen as `user` (server mode): the server answers with a
    // token "token-<user>" and these permissions ({"customers": {"delete": "none"}, ...}).
    void log_in(const std::string& user, const std::string& name, const std::string& permissions_json);

    // Drawn in each frame after the app, for a widget that no screen shows yet (a dialog the
    // lead wires into a screen later), so that a test can drive it like the rest.
    std::function<void()> after_app;

    Db& db() { return app_->db(); }
    ui::App& app() { return *app_; }
    FakeServices& services() { return services_; }

private:
    FakeServices services_;
    ImGuiContext* context_ = nullptr;
    std::unique_ptr<ui::App> app_;
};

}  // namespace crm::test
