#include "harness.hpp"

#include <stdlib.h>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "domain/schema.hpp"

namespace crm::test {

namespace fs = std::filesystem;
using nlohmann::json;

TempFolder::TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "crm-sync-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
}

TempFolder::~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

//-----------------------------------------------------------------------------
// SyncServer
//-----------------------------------------------------------------------------

SyncServer::SyncServer(SyncServerOptions options) : options_(options) { start(); }

SyncServer::~SyncServer() { stop(); }

void SyncServer::start() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.data_path = data_path();
    options.www_dir = (folder_.path() / "www").string();
    options.seed_demo = options_.demo;
    options.admin_password = options_.demo ? "" : "admin-password";
    options.password_cost = PasswordCost::minimum;
    Result<std::unique_ptr<Server>> opened = Server::open(std::move(options));
    REQUIRE_MESSAGE(opened.ok(), error_text(opened));
    server_ = std::move(opened).value();
    Result<int> port = server_->bind();
    REQUIRE_MESSAGE(port.ok(), error_text(port));
    port_ = port.value();
    thread_ = std::thread([this] { server_->run(); });
}

void SyncServer::stop() {
    if (!server_) return;
    server_->stop();
    thread_.join();
    server_.reset();
}

void SyncServer::restart() {
    stop();
    start();
}

httplib::Client SyncServer::http() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(5);
    client.set_read_timeout(30);
    return client;
}

Db SyncServer::open_db() const {
    Result<Db> db = Db::open(data_path());
    REQUIRE_MESSAGE(db.ok(), error_text(db));
    return std::move(db).value();
}

std::string login(SyncServer& server, const std::string& user, const std::string& password) {
    httplib::Result response =
        server.http().Post("/api/v1/login", json{{"user", user}, {"password", password}}.dump(), "application/json");
    REQUIRE(response);
    REQUIRE_MESSAGE(response->status == 200, response->body);
    return json::parse(response->body).at("token").get<std::string>();
}

//-----------------------------------------------------------------------------
// SyncTestClient
//-----------------------------------------------------------------------------

SyncTestClient::SyncTestClient(SyncServer& server, std::string user, std::string password)
    : server_(server), user_(std::move(user)), token_(login(server, user_, password)), db_(fresh_crm_db()) {
    Result<sync::SyncClient> engine = sync::SyncClient::attach(db_, user_);
    REQUIRE_MESSAGE(engine.ok(), error_text(engine));
    engine_.emplace(std::move(engine).value());
}

httplib::Result SyncTestClient::post(const std::string& path, const std::string& body) {
    httplib::Client client = server_.http();
    httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
    return client.Post(path.c_str(), headers, body, "application/json");
}

nlohmann::json push_one(SyncTestClient& client, const std::string& client_id, nlohmann::json mutation,
                        int64_t mid) {
    mutation["mid"] = mid;
    const nlohmann::json request = {
        {"schema_version", 1}, {"client_id", client_id}, {"cursor", 0}, {"limit", 1}, {"mutations", {mutation}}};
    httplib::Result response = client.post("/api/v1/sync", request.dump());
    REQUIRE(response);
    REQUIRE_MESSAGE(response->status == 200, response->body);
    return nlohmann::json::parse(response->body);
}

std::optional<sync::Applied> SyncTestClient::round(int64_t limit, size_t max_mutations) {
    httplib::Result response = post("/api/v1/sync", engine_->next_request_body(limit, max_mutations));
    if (!response) return std::nullopt;
    REQUIRE_MESSAGE(response->status == 200, response->body);
    Result<sync::Applied> applied = engine_->apply_response(response->body);
    REQUIRE_MESSAGE(applied.ok(), error_text(applied));
    return applied.value();
}

void SyncTestClient::sync(int64_t limit, int max_rounds) {
    for (int i = 0; i < max_rounds; ++i) {
        std::optional<sync::Applied> applied = round(limit);
        REQUIRE(applied);
        if (!applied->more && engine_->pending() == 0) return;
    }
    FAIL("sync did not catch up in " << max_rounds << " rounds");
}

void SyncTestClient::push_and_lose_response(int64_t limit) {
    httplib::Result response = post("/api/v1/sync", engine_->next_request_body(limit));
    REQUIRE(response);
    REQUIRE(response->status == 200);
}

//-----------------------------------------------------------------------------
// Snapshots and edits
//-----------------------------------------------------------------------------

Snapshot snapshot(Db& db) {
    Snapshot out;
    for (const sync::TableSpec& table : sync::tables()) {
        Stmt stmt = db.prepare(sync::select_columns(table) + " ORDER BY id");
        while (stmt.step().value_or(false)) {
            sync::StoredRecord record = sync::read_columns(table, stmt);
            json row = record.fields;
            row["rev"] = record.rev;
            row["deleted"] = record.deleted;
            out[std::string(table.name) + "/" + stmt.text(0)] = row.dump();
        }
    }
    return out;
}

std::string create_customer(SyncTestClient& client, const std::string& name, const std::string& owner) {
    Customer customer;
    customer.name = name;
    customer.owner_id = owner;
    REQUIRE_OK(save_customer(client.db(), customer, client.user()));
    return customer.id;
}

void edit_customer(SyncTestClient& client, const std::string& id, const std::map<std::string, std::string>& fields) {
    std::optional<Customer> customer = find_customer(client.db(), id);
    REQUIRE(customer);
    for (const auto& [field, value] : fields) {
        if (field == "name") customer->name = value;
        else if (field == "city") customer->city = value;
        else if (field == "phone") customer->phone = value;
        else if (field == "email") customer->email = value;
        else if (field == "code") customer->code = value;
        else if (field == "owner_id") customer->owner_id = value;
        else if (field == "notes") customer->notes = value;
        else FAIL("edit_customer does not know the field " << field);
    }
    REQUIRE_OK(save_customer(client.db(), *customer, client.user()));
}

std::string create_contact(SyncTestClient& client, const std::string& customer_id, const std::string& name) {
    Contact contact;
    contact.customer_id = customer_id;
    contact.name = name;
    REQUIRE_OK(save_contact(client.db(), contact, client.user()));
    return contact.id;
}

std::string server_customer_of(SyncServer& server, const std::string& owner) {
    Db db = server.open_db();
    return scalar_text(db, "SELECT id FROM customers WHERE owner_id = ?1 AND deleted = 0 ORDER BY id LIMIT 1", owner);
}

std::string customer_field(Db& db, const std::string& id, const std::string& field) {
    const sync::TableSpec* customers = sync::find_table("customers");
    std::optional<sync::StoredRecord> record = sync::read_record(db, *customers, id);
    REQUIRE(record);
    return record->fields.at(field).get<std::string>();
}

}  // namespace crm::test
