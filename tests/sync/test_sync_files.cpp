// Files kept with a customer through sync: one attached on one client downloads, byte for
// byte, on another that sees the customer, and on no client that does not; the server checks
// every file it is sent (base64 of its size, within the limit, on a customer the sender may
// edit) and drops a removed file's bytes.
#include <doctest/doctest.h>

#include "core/base64.hpp"
#include "domain/customer.hpp"
#include "domain/customer_file.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

int64_t files_of_customer(Db& db, const std::string& customer) {
    return std::stoll(scalar_text(db, "SELECT count(*) FROM customer_files WHERE customer_id = ?1 AND deleted = 0", customer));
}

json file_mutation(const std::string& id, const std::string& customer, const std::string& content, int64_t size) {
    return {{"table", "customer_files"},
            {"id", id},
            {"op", "upsert"},
            {"fields", {{"customer_id", customer}, {"name", "licence.pdf"}, {"content", content}, {"size", size}}}};
}

}  // namespace

TEST_CASE("a file attached on one client downloads whole on another that sees the customer, and on no other") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    SyncTestClient agent1(server, "agent1");
    sales1.sync();
    manager.sync();
    agent1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    std::string bytes;
    for (int i = 0; i < 200'000; ++i) bytes.push_back(static_cast<char>(i * 7 % 256));  // every byte value
    Result<CustomerFile> attached = attach_file(sales1.db(), customer, "合同 2026.pdf", bytes, "sales1");
    REQUIRE(attached);
    sales1.sync();
    CHECK(sales1.engine().rejection_count() == 0);
    manager.sync();
    agent1.sync();
    std::optional<CustomerFile> there = find_file(manager.db(), attached.value().id);
    REQUIRE(there);
    CHECK(there->name == "合同 2026.pdf");
    CHECK(there->owner_id == "sales1");
    CHECK(file_bytes(*there) == bytes);
    CHECK(scalar(agent1.db(), "SELECT count(*) FROM customer_files") == 0);

    // Removed: gone from the manager's client, and its bytes from the server's database.
    REQUIRE_OK(remove_file(sales1.db(), attached.value().id, "sales1"));
    sales1.sync();
    manager.sync();
    CHECK(files_of_customer(manager.db(), customer) == 0);
    Db server_db = server.open_db();
    CHECK(scalar_text(server_db, "SELECT length(content) FROM customer_files WHERE id = ?1", attached.value().id) == "0");
}

TEST_CASE("the server refuses a file that is not what it says, too large, or on a customer the sender may not edit") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient agent1(server, "agent1");
    sales1.sync();
    agent1.sync();
    Db server_db = server.open_db();
    const std::string own = server_customer_of(server, "sales1");
    const std::string teammates = server_customer_of(server, "sales2");  // in sight, not sales1's to edit

    json answer = push_one(sales1, "crafted-size", file_mutation("f-1", own, base64_encode("licence"), 6));
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "size");
    answer = push_one(sales1, "crafted-base64", file_mutation("f-2", own, "not base64!", 8));
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "content");
    answer = push_one(sales1, "crafted-teammate", file_mutation("f-4", teammates, base64_encode("licence"), 7));
    CHECK(answer["results"][0]["code"] == "forbidden");
    answer = push_one(agent1, "crafted-agent", file_mutation("f-5", own, base64_encode("licence"), 7));
    CHECK(answer["results"][0]["code"] == "forbidden");
    // Over the file limit, though well within the request's: refused by the domain's rule.
    const std::string big(file_limits::bytes + 10, 'b');
    answer = push_one(sales1, "crafted-big", file_mutation("f-6", own, base64_encode(big), static_cast<int64_t>(big.size())));
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "content");
    CHECK(scalar(server_db, "SELECT count(*) FROM customer_files") == 0);

    answer = push_one(sales1, "crafted-good", file_mutation("f-7", own, base64_encode("licence"), 7));
    CHECK(answer["results"][0]["status"] == "applied");
    CHECK(scalar_text(server_db, "SELECT owner_id FROM customer_files WHERE id = ?1", "f-7") == "sales1");
}

TEST_CASE("a file stays as attached, and is removed only with the right to delete, or by whoever attached it") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient service1(server, "service1");  // edits every customer, deletes none
    sales1.sync();
    service1.sync();
    Db server_db = server.open_db();
    const std::string customer = server_customer_of(server, "sales1");
    Result<CustomerFile> attached = attach_file(sales1.db(), customer, "licence.pdf", "the licence", "sales1");
    REQUIRE(attached);
    sales1.sync();
    service1.sync();
    const std::string id = attached.value().id;

    json answer = push_one(service1, "crafted-replace",
                           {{"table", "customer_files"}, {"id", id}, {"op", "upsert"},
                            {"fields", {{"content", base64_encode("forged!")}, {"size", 7}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    answer = push_one(service1, "crafted-rename", {{"table", "customer_files"}, {"id", id}, {"op", "upsert"},
                                                   {"fields", {{"name", "invoice.exe"}}}});
    CHECK(answer["results"][0]["code"] == "invalid");
    CHECK(answer["results"][0]["field"] == "name");
    answer = push_one(service1, "crafted-remove", {{"table", "customer_files"}, {"id", id}, {"op", "delete"}});
    CHECK(answer["results"][0]["code"] == "forbidden");
    CHECK(files_of_customer(server_db, customer) == 1);

    // service1's own attachment they may take back; sales1 removes theirs.
    Result<CustomerFile> own = attach_file(service1.db(), customer, "visit photo.jpg", "jpeg", "service1");
    REQUIRE(own);
    service1.sync();
    REQUIRE_OK(remove_file(service1.db(), own.value().id, "service1"));
    service1.sync();
    CHECK(service1.engine().rejection_count() == 0);
    REQUIRE_OK(remove_file(sales1.db(), id, "sales1"));
    sales1.sync();
    CHECK(sales1.engine().rejection_count() == 0);
    CHECK(files_of_customer(server_db, customer) == 0);
}

TEST_CASE("a pull of many large files comes in pages of a few megabytes, and every file arrives") {
    SyncServer server;
    SyncTestClient sales1(server, "sales1");
    SyncTestClient manager(server, "manager");
    sales1.sync();
    const std::string customer = server_customer_of(server, "sales1");
    constexpr int kFiles = 24;  // 12 MB of bytes, 16 MB of base64
    for (int i = 0; i < kFiles; ++i) {
        REQUIRE(attach_file(sales1.db(), customer, "scan " + std::to_string(i) + ".pdf",
                            std::string(file_limits::bytes, static_cast<char>('a' + i)), "sales1"));
    }
    sales1.sync(500, 100);
    CHECK(sales1.engine().rejection_count() == 0);

    // One raw pull from the start, as large as the protocol allows: cut by bytes, with more to come.
    const json request = {{"schema_version", 1}, {"client_id", "raw-pull"}, {"cursor", 0}, {"limit", 5000},
                          {"mutations", json::array()}};
    httplib::Result response = manager.post("/api/v1/sync", request.dump());
    REQUIRE(response);
    REQUIRE(response->status == 200);
    CHECK(response->body.size() < 10u * 1024 * 1024);
    const json page = json::parse(response->body);
    CHECK(page["more"] == true);

    manager.sync(500, 100);
    CHECK(files_of_customer(manager.db(), customer) == kFiles);
    std::optional<CustomerFile> last = find_file(
        manager.db(), scalar_text(manager.db(), "SELECT id FROM customer_files WHERE name = ?1", "scan 23.pdf"));
    REQUIRE(last);
    CHECK(file_bytes(*last) == std::string(file_limits::bytes, static_cast<char>('a' + 23)));
}
