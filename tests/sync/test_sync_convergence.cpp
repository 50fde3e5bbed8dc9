// The property that sync exists for: clients making random creates, edits and deletes, and
// syncing in random order with random page sizes (and now and then losing an answer), all
// end with the same data as the server once everyone has caught up. Over many seeds.
#include <doctest/doctest.h>

#include <random>

#include "domain/contact.hpp"
#include "domain/customer.hpp"
#include "harness.hpp"

using namespace crm;
using namespace crm::test;

namespace {

// Everything but the conflicts table, which each user sees their own part of.
Snapshot shared_snapshot(Db& db) {
    Snapshot all = snapshot(db);
    Snapshot shared;
    for (auto& [key, row] : all)
        if (key.rfind("conflicts/", 0) != 0) shared.emplace(key, row);
    return shared;
}

// The first few rows that differ, for a readable failure.
std::string differences(const Snapshot& got, const Snapshot& expected) {
    std::string out;
    int shown = 0;
    for (const auto& [key, row] : expected) {
        auto it = got.find(key);
        if (it == got.end()) out += "missing " + key + ": " + row + "\n";
        else if (it->second != row) out += "differs " + key + ":\n  client " + it->second + "\n  server " + row + "\n";
        else continue;
        if (++shown == 3) return out;
    }
    for (const auto& [key, row] : got) {
        if (!expected.count(key)) out += "extra " + key + ": " + row + "\n";
        if (++shown == 3) break;
    }
    return out;
}

std::vector<std::string> live_ids(Db& db, const char* table) {
    std::vector<std::string> out;
    Stmt stmt = db.prepare(std::string("SELECT id FROM ") + table + " WHERE deleted = 0 ORDER BY id");
    while (stmt.step().value_or(false)) out.push_back(stmt.text(0));
    return out;
}

class RandomWork {
public:
    explicit RandomWork(uint32_t seed) : rng_(seed) {}

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(int percent) { return pick(100) < percent; }

    // One edit as a person would make it; an edit the domain refuses locally (a duplicate
    // code) is simply not made, as a form would show the error instead.
    void edit(SyncTestClient& client) {
        Db& db = client.db();
        std::vector<std::string> customers = live_ids(db, "customers");
        const int what = pick(100);
        if (customers.empty() || what < 20) {
            Customer c;
            c.name = "Random Customer " + std::to_string(pick(1000));
            c.kind = chance(50) ? "company" : "person";
            c.city = kCities[pick(4)];
            (void)save_customer(db, c, client.user());
            return;
        }
        const std::string& id = customers[static_cast<size_t>(pick(static_cast<int>(customers.size())))];
        if (what < 60) {
            std::optional<Customer> c = find_customer(db, id);
            if (!c) return;
            switch (pick(4)) {
                case 0: c->city = kCities[pick(4)]; break;
                case 1: c->phone = "0571-" + std::to_string(1000000 + pick(8999999)); break;
                case 2: c->code = chance(50) ? std::string() : "C" + std::to_string(pick(6)); break;
                default: c->notes = "note " + std::to_string(pick(100)); break;
            }
            (void)save_customer(db, *c, client.user());
        } else if (what < 80) {
            Contact contact;
            contact.customer_id = id;
            contact.name = "Contact " + std::to_string(pick(1000));
            contact.is_primary = chance(50);
            (void)save_contact(db, contact, client.user());
        } else if (what < 92) {
            std::vector<std::string> contacts = live_ids(db, "contacts");
            if (contacts.empty()) return;
            std::optional<Contact> contact = find_contact(db, contacts[static_cast<size_t>(pick(static_cast<int>(contacts.size())))]);
            if (!contact) return;
            contact->title = "Title " + std::to_string(pick(20));
            contact->is_primary = chance(50);
            (void)save_contact(db, *contact, client.user());
        } else {
            (void)delete_customer(db, id, client.user());
        }
    }

    void sync_step(SyncTestClient& client) {
        const int64_t limit = 1 + pick(40);
        if (chance(10)) {
            client.push_and_lose_response(limit);
        } else {
            REQUIRE(client.round(limit, static_cast<size_t>(1 + pick(10))));
        }
    }

private:
    static constexpr const char* kCities[] = {"Hangzhou", "Shanghai", "Beijing", "Shenzhen"};
    std::mt19937 rng_;
};

}  // namespace

TEST_CASE("clients editing, deleting and syncing at random converge to the server's data, over many seeds") {
    SyncServer server;
    // Users who may see everything, so every client ends with the whole database: admin
    // (everything), manager (everything), service1 (sees and edits all, may not delete: its
    // deletes are refused and undone).
    std::vector<std::unique_ptr<SyncTestClient>> clients;
    for (const char* user : {"admin", "manager", "service1"}) clients.push_back(std::make_unique<SyncTestClient>(server, user));
    for (auto& client : clients) client->sync();

    const uint32_t seeds = 25;
    for (uint32_t seed = 1; seed <= seeds; ++seed) {
        CAPTURE(seed);
        RandomWork work(seed);
        for (int step = 0; step < 40; ++step) {
            SyncTestClient& client = *clients[static_cast<size_t>(work.pick(static_cast<int>(clients.size())))];
            if (work.chance(60)) work.edit(client);
            else work.sync_step(client);
        }
        // Everyone catches up: twice round, so the last pusher's changes reach the first.
        for (int pass = 0; pass < 2; ++pass)
            for (auto& client : clients) client->sync(static_cast<int64_t>(1 + work.pick(50)));

        Db server_db = server.open_db();
        const Snapshot expected = shared_snapshot(server_db);
        for (auto& client : clients) {
            CAPTURE(client->user());
            CHECK(client->engine().pending() == 0);
            const Snapshot got = shared_snapshot(client->db());
            CHECK(got.size() == expected.size());
            CHECK_MESSAGE(got == expected, differences(got, expected));
            CHECK(scalar(client->db(), "SELECT count(*) FROM pragma_foreign_key_check") == 0);
            // At most one primary contact per customer, on every client as on the server.
            CHECK(scalar(client->db(),
                         "SELECT count(*) FROM (SELECT customer_id FROM contacts WHERE is_primary = 1 AND deleted = 0 "
                         "GROUP BY customer_id HAVING count(*) > 1)") == 0);
        }
    }
}
