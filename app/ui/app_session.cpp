// The session around the workspace: which mode the app runs in, login, log out (which
// wipes every record in the tab), the idle lock, and the hooks where sync plugs in.
//
// [SECTION] Mode: server or sandbox
// [SECTION] Login and log out
// [SECTION] Idle lock
// [SECTION] Hooks for the sync engine
#include <imgui.h>
#include <imgui_internal.h>

#include "core/packed_memory.hpp"
#include "domain/customer.hpp"
#include "domain/schema.hpp"
#include "ui/app.hpp"
#include "ui/i18n.hpp"

namespace crm::ui {

//-----------------------------------------------------------------------------
// [SECTION] Mode: server or sandbox
//-----------------------------------------------------------------------------

// Server mode when the page's own server answers its health check; anything else (no
// answer, 404 from static hosting, a page that is not JSON) means there is no CRM server,
// and the app runs as the sandbox with local demo data.
void App::check_server() {
    api_.get("/api/v1/health", [this](const ApiReply& reply) {
        const bool server = reply.ok() && reply.body.is_object() && reply.body.value("status", "") == "ok";
        settle(server ? Mode::server : Mode::sandbox);
    });
}

void App::settle(Mode mode) {
    mode_ = mode;
    frames_since_start_ = 0;
    if (mode == Mode::sandbox) {
        context_.user = "demo";
        if (!options_.memory_chosen)
            set_compact_memory(compact_memory_advised(options_.sandbox_data, options_.compact_memory_above));
        if (options_.open_sandbox) reset_database(options_.open_sandbox(options_.sandbox_data));
        else rebuild_screens();
    } else {
        login_.reset();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Login and log out
//-----------------------------------------------------------------------------

void App::start_session(Session session) {
    api_.set_token(session.token);
    session_ = std::move(session);
    context_.user = session_->user.id;
    context_.session = &*session_;
    context_.api = &api_;
    locked_ = false;
    idle_.restart();
    // A fresh database: nothing of a previous session, nothing from before the login.
    reset_database(empty_crm_database());
    context_.data_version = 0;
    fetch_directory();
    on_session_started();
}

// Who is in which team, for the "team" scope of permissions; whom a customer may be shared with.
void App::fetch_directory() {
    api_.get("/api/v1/directory", session_guard_.wrap([this](const ApiReply& reply) {
        if (!reply.ok() || !session_ || !reply.body.is_object()) return;
        const nlohmann::json& users = reply.body["users"];
        if (!users.is_array()) return;
        for (const nlohmann::json& user : users) {
            if (user.is_object() && user.contains("id") && user["id"].is_string())
                session_->team_of_user[user["id"].get<std::string>()] = user.value("team_id", "");
        }
        auto targets = [](const nlohmann::json& list) {
            std::vector<ShareTarget> out;
            if (!list.is_array()) return out;
            for (const nlohmann::json& item : list) {
                if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) continue;
                ShareTarget target{item["id"].get<std::string>(), item.value("name", ""), item.value("team_id", "")};
                if (target.name.empty()) target.name = target.id;
                out.push_back(std::move(target));
            }
            return out;
        };
        session_->colleagues = targets(reply.body.value("colleagues", nlohmann::json()));
        session_->teams = targets(reply.body.value("teams", nlohmann::json()));
    }));
}

void App::request_log_out() {
    if (has_unsaved_work()) {
        confirm_log_out_.open(tr("session.log_out_title"), tr("session.log_out_message"), tr("session.log_out"));
    } else {
        log_out();
    }
}

void App::log_out() {
    if (!session_) return;
    on_session_ending();
    // Fire and forget: the tab is wiped whether or not the server hears it (a shared PC
    // must not keep the data because the network is down).
    api_.post("/api/v1/logout", nlohmann::json::object(), [](const ApiReply&) {});
    api_.set_token({});
    session_guard_.reset();
    context_.session = nullptr;
    context_.api = nullptr;
    context_.user.clear();
    session_.reset();
    locked_ = false;
    close_popups_ = true;
    reset_database(empty_crm_database());
    context_.data_version = 0;
    toasts_ = Toasts{};  // a message may name a customer
    forget_user_settings();
    login_.reset();
}

//-----------------------------------------------------------------------------
// [SECTION] Idle lock
//-----------------------------------------------------------------------------

void App::update_idle_lock() {
    idle_.update();
    if (session_ && !locked_ && options_.idle_minutes > 0 && idle_.idle_seconds() >= options_.idle_minutes * 60)
        lock(LockPanel::Reason::idle);
}

void App::lock(LockPanel::Reason reason) {
    locked_ = true;
    close_popups_ = true;
    lock_panel_.open(reason);
}

// The server checked the password with a new login: its token replaces the old one, which
// is ended so that it cannot be used again. Nothing else changes: the screens were kept.
void App::unlock(Session fresh) {
    if (!session_) return;
    const std::string old_token = session_->token;
    session_->token = fresh.token;
    session_->expires_at = fresh.expires_at;
    session_->user.name = fresh.user.name;
    session_->user.permissions = fresh.user.permissions;
    api_.set_token(fresh.token);
    if (sync_) sync_->resume();
    if (!old_token.empty() && old_token != fresh.token)
        platform_.http("POST", "/api/v1/logout", "{}", old_token, [](HttpResponse) {});
    locked_ = false;
    idle_.restart();
}

//-----------------------------------------------------------------------------
// [SECTION] Hooks for the sync engine
//-----------------------------------------------------------------------------

// Sync starts with the session, on the empty database: the first round pulls everything
// the user may see (in pages, with progress in the status bar). Requests read the token
// when they go out, because unlocking the screen replaces it.
void App::on_session_started() {
    Result<sync::SyncClient> client = sync::SyncClient::attach(db_, session_->user.id);
    if (!client) {
        toasts_.failure(trf("sync.cannot_start", {client.error().message}));
        return;
    }
    auto post = [this](std::string body, std::function<void(int, std::string)> done) {
        platform_.http("POST", "/api/v1/sync", std::move(body), session_ ? session_->token : std::string(),
                       [done = std::move(done)](HttpResponse response) { done(response.status, std::move(response.body)); });
    };
    sync_ = std::make_unique<sync::SyncSession>(db_, std::move(client).value(), post);
    context_.sync = sync_.get();
    seen_data_version_ = context_.data_version;
    seen_sync_version_ = 0;
    sync_status_ = {};
}

// Sync stops before log_out() wipes the database: an answer still on its way finds no
// session and is dropped (SyncSession's callbacks hold only a weak reference).
void App::on_session_ending() {
    context_.sync = nullptr;
    sync_.reset();
    sync_status_ = {};
}

void App::update_sync() {
    if (!sync_) return;
    const double now = ImGui::GetTime();
    // Screens bump data_version after each write they make: sync soon.
    if (context_.data_version != seen_data_version_) sync_->edited(now);
    if (!context_.long_task_running) sync_->update(now);
    // An answer that changed records: the lists reload. During the first sync, at most twice
    // a second: reloading a list of 100,000 rows after each of its 100s of pages would take
    // more time than the pages themselves.
    const bool first_sync = sync_status_.progress >= 0;
    if (sync_->data_version() != seen_sync_version_ && (!first_sync || now - last_reload_ >= 0.5)) {
        seen_sync_version_ = sync_->data_version();
        last_reload_ = now;
        ++context_.data_version;
    }
    seen_data_version_ = context_.data_version;
    if (sync_->needs_login() && !locked_) lock(LockPanel::Reason::session_expired);
    sync_status_ = sync_->status();
}

}  // namespace crm::ui
