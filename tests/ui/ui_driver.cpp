#include "ui_driver.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "domain/demo_data.hpp"
#include "domain/schema.hpp"
#include "ui/theme.hpp"

namespace crm {

// The app reports failed ImGui assertions here (platform/crm_imconfig.h); in the browser
// they go to window.crm.errors, in these tests they fail the test.
void report_assert(const char* expression, const char* file, int line) {
    ADD_FAIL_CHECK_AT(file, line, "ImGui assertion failed: " << expression);
}

namespace test {

namespace {

// The innermost part of an ImGui window name "Parent/child_1234ABCD" starts with `window`.
bool in_window(const automation::Item& item, std::string_view window) {
    if (window.empty()) return true;
    std::string_view name = item.window;
    if (size_t slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    return name.starts_with(window) || name.find("###" + std::string(window)) != std::string_view::npos;
}

}  // namespace

namespace {

void create_context(ImGuiContext*& context) {
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1366, 768);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key;  // our "native" keys are ImGui's
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->AddFontDefault();
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    ui::theme::apply_style(1.0f);
    automation::install();
}

}  // namespace

UiDriver::UiDriver(int demo_customers, const std::function<void(ui::AppOptions&)>& configure) {
    create_context(context_);
    ui::AppOptions options;
    options.sandbox = true;
    options.sandbox_data.customers = demo_customers;
    options.open_sandbox = [](const DemoOptions& demo) {
        Db db = ui::empty_crm_database();
        REQUIRE(seed_demo_data(db, demo).ok());
        return db;
    };
    if (configure) configure(options);
    app_ = std::make_unique<ui::App>(std::move(options), services_);
    frames(2);
}

UiDriver::UiDriver(ServerMode server) {
    create_context(context_);
    ui::AppOptions options;
    options.idle_minutes = server.idle_minutes;
    options.open_sandbox = [expected = !server.server_answers](const DemoOptions&) {
        CHECK_MESSAGE(expected, "server mode fell back to the sandbox");
        Db db = ui::empty_crm_database();
        DemoOptions demo;
        demo.customers = 5;
        REQUIRE(seed_demo_data(db, demo).ok());
        return db;
    };
    app_ = std::make_unique<ui::App>(std::move(options), services_);
    frames(1);
    if (server.server_answers) answer("/api/v1/health", 200, R"({"status":"ok","version":"test"})");
    else answer("/api/v1/health", 404, "<html>Not Found</html>");
}

bool FakeServices::answer(std::string_view path, int status, std::string body) {
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        if (it->path != path) continue;
        std::function<void(ui::HttpResponse)> done = std::move(it->done);
        pending.erase(it);
        done(ui::HttpResponse{status, std::move(body)});
        return true;
    }
    return false;
}

std::optional<FakeServices::Request> FakeServices::last(std::string_view path) const {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it)
        if (it->path == path) return *it;
    return std::nullopt;
}

bool FakeServices::is_pending(std::string_view path) const {
    for (const Request& request : pending)
        if (request.path == path) return true;
    return false;
}

void UiDriver::answer(std::string_view path, int status, std::string body) {
    REQUIRE_MESSAGE(services_.answer(path, status, std::move(body)), "no request waiting for " << std::string(path));
    frames(2);
}

void UiDriver::log_in(const std::string& user, const std::string& name, const std::string& permissions_json) {
    fill("User", user);
    fill("Password", "demo123");
    click("Log in");
    const std::string answer_body = R"({"token":"token-)" + user + R"(","expires_at":"2030-01-01T00:00:00Z","user":{"id":")" +
                                    user + R"(","name":")" + name + R"(","role":"r","team_id":"t1","permissions":)" +
                                    permissions_json + "}}";
    answer("/api/v1/login", 200, answer_body);
    if (services_.is_pending("/api/v1/directory"))
        answer("/api/v1/directory", 200,
               R"({"users":[{"id":")" + user + R"(","name":"x","team_id":"t1","active":true}],)"
               R"("colleagues":[{"id":"agent1","name":"Alex Agent","team_id":"agents"}],)"
               R"("teams":[{"id":"agents","name":"Agents"}]})");
}

UiDriver::~UiDriver() {
    app_.reset();
    ImGui::DestroyContext(context_);
}

void UiDriver::frames(int count) {
    for (int i = 0; i < count; ++i) {
        ImGui::NewFrame();
        app_->draw();
        if (after_app) after_app();
        ImGui::Render();
        automation::end_frame();
    }
}

std::optional<automation::Item> UiDriver::find(std::string_view label, std::string_view window,
                                               std::optional<bool> is_text) const {
    std::vector<automation::Item> found;
    for (const automation::Item& item : automation::last_frame()) {
        if (item.label == label && in_window(item, window) && (!is_text || item.is_text == *is_text))
            found.push_back(item);
    }
    if (found.size() > 1) FAIL_CHECK(found.size() << " items labelled \"" << std::string(label) << "\"");
    if (found.empty()) return std::nullopt;
    return found.front();
}

void UiDriver::click(std::string_view label, std::string_view window) {
    std::optional<automation::Item> item = find(label, window);
    REQUIRE_MESSAGE(item.has_value(), "no item labelled \"" << std::string(label) << "\"");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((item->min.x + item->max.x) / 2, (item->min.y + item->max.y) / 2);
    frames(1);  // hover first, as a real pointer does
    io.MouseDown[0] = true;
    frames(1);
    io.MouseDown[0] = false;
    frames(2);
}

void UiDriver::press(int key, bool ctrl) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frames(1);
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frames(1);
}

void UiDriver::fill(std::string_view label, std::string_view text, std::string_view window) {
    std::optional<automation::Item> field = find(label, window, false);
    REQUIRE_MESSAGE(field.has_value(), "no field labelled \"" << std::string(label) << "\"");
    click(label, window);
    press(ImGuiKey_A, true);
    press(ImGuiKey_Delete);
    ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
    frames(2);
}

}  // namespace test
}  // namespace crm
