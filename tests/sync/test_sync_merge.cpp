// Two or more clients against one server: what survives when people edit while apart, and
// how a lost answer or a restart is survived without loss or duplication.
#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "harness.hpp"
#include "sync/conflicts.hpp"
#include "sync_service.hpp"

using namespace crm;
using namespace crm::test;
using nlohmann::json;

namespace {

int64_t count_where(Db& db, const std::string& sql) { return scalar(db, sql); }

}  // namespace

TEST_CASE("a first sync pulls what the user may see, and a second client sees the first one's new customer") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    manager.sync();
    Db server_db = server.open_db();
    CHECK(count_where(manager.db(), "SELECT count(*) FROM customers WHERE deleted = 0") ==
          count_where(server_db, "SELECT count(*) FROM customers WHERE deleted = 0"));
    CHECK(count_where(manager.db(), "SELECT count(*) FROM contacts") > 0);
    CHECK(manager.engine().pending() == 0);

    SyncTestClient sales1(server, "sales1");
    sales1.sync();
    const std::string id = create_customer(sales1, "Hangzhou Tea Export Co.");
    CHECK(sales1.engine().pending() == 1);
    sales1.sync();
    CHECK(sales1.engine().pending() == 0);
    CHECK(customer_field(server_db, id, "name") == "Hangzhou Tea Export Co.");
    CHECK(customer_field(server_db, id, "owner_id") == "sales1");

    manager.sync();
    CHECK(customer_field(manager.db(), id, "name") == "Hangzhou Tea Export Co.");
    CHECK(snapshot(manager.db()) == [&] {
        // The manager sees everything, so the manager's copy is the server's.
        Db db = server.open_db();
        Snapshot s = snapshot(db);
        return s;
    }());
}

TEST_CASE("two clients edit different fields of one customer while apart: both edits survive everywhere") {
    SyncServer server;
    SyncTestClient a(server, "manager");
    SyncTestClient b(server, "sales1");
    a.sync();
    b.sync();
    const std::string id = server_customer_of(server, "sales1");

    edit_customer(a, id, {{"city", "Ningbo"}});
    edit_customer(b, id, {{"phone", "0571-8888 6666"}});
    a.sync();
    b.sync();
    a.sync();

    for (SyncTestClient* client : {&a, &b}) {
        CAPTURE(client->user());
        CHECK(customer_field(client->db(), id, "city") == "Ningbo");
        CHECK(customer_field(client->db(), id, "phone") == "0571-8888 6666");
    }
    Db server_db = server.open_db();
    CHECK(customer_field(server_db, id, "city") == "Ningbo");
    CHECK(customer_field(server_db, id, "phone") == "0571-8888 6666");
    CHECK(count_where(server_db, "SELECT count(*) FROM conflicts") == 0);
}

TEST_CASE("two clients change the same field: the later accepted write wins and a conflict keeps the other value") {
    SyncServer server;
    SyncTestClient a(server, "manager");
    SyncTestClient b(server, "sales1");
    a.sync();
    b.sync();
    const std::string id = server_customer_of(server, "sales1");

    edit_customer(a, id, {{"city", "Ningbo"}});
    edit_customer(b, id, {{"city", "Wenzhou"}});
    a.sync();  // accepted first
    std::optional<sync::Applied> pushed = b.round();
    REQUIRE(pushed);
    CHECK(pushed->conflicts == 1);  // accepted later: wins, with a conflict
    b.sync();
    a.sync();

    Db server_db = server.open_db();
    CHECK(customer_field(server_db, id, "city") == "Wenzhou");
    CHECK(customer_field(a.db(), id, "city") == "Wenzhou");
    CHECK(customer_field(b.db(), id, "city") == "Wenzhou");

    // The conflict record holds both values and reaches both writers.
    for (Db* db : {&server_db, &a.db(), &b.db()}) {
        Stmt stmt = db->prepare(
            "SELECT table_name, record_id, field, kept_value, other_value, kept_by, other_by, resolved FROM conflicts");
        REQUIRE(stmt.step().value());
        CHECK(stmt.text(0) == "customers");
        CHECK(stmt.text(1) == id);
        CHECK(stmt.text(2) == "city");
        CHECK(json::parse(stmt.text(3)) == "Wenzhou");
        CHECK(json::parse(stmt.text(4)) == "Ningbo");
        CHECK(stmt.text(5) == "sales1");
        CHECK(stmt.text(6) == "manager");
        CHECK_FALSE(stmt.boolean(7));
        CHECK_FALSE(stmt.step().value());
    }

    // Either of them resolves it; the other learns it is resolved.
    REQUIRE_OK(a.db().exec("UPDATE conflicts SET resolved = 1"));
    a.sync();
    b.sync();
    CHECK(scalar(b.db(), "SELECT resolved FROM conflicts") == 1);
    CHECK(scalar_text(b.db(), "SELECT resolved_by FROM conflicts WHERE ?1 <> ''", "x") == "manager");
}

TEST_CASE("one client editing a field twice before syncing is not a conflict with itself") {
    SyncServer server;
    SyncTestClient a(server, "manager");
    a.sync();
    const std::string id = server_customer_of(server, "sales2");
    edit_customer(a, id, {{"city", "Suzhou"}});
    edit_customer(a, id, {{"city", "Wuxi"}});
    CHECK(a.engine().pending() == 2);
    a.sync();
    Db server_db = server.open_db();
    CHECK(customer_field(server_db, id, "city") == "Wuxi");
    CHECK(count_where(server_db, "SELECT count(*) FROM conflicts") == 0);
}

TEST_CASE("a push whose response is lost is sent again and applied once") {
    SyncServer server;
    SyncTestClient a(server, "sales1");
    a.sync();
    const std::string id = create_customer(a, "Lost Answer Trading Ltd");
    const std::string contact = create_contact(a, id, "Wang Fang");
    a.push_and_lose_response();
    CHECK(a.engine().pending() == 2);  // the client does not know they arrived

    Db server_db = server.open_db();
    const int64_t head_before = sync_head(server_db);
    a.sync();  // the same mids again
    CHECK(a.engine().pending() == 0);
    CHECK(sync_head(server_db) == head_before);  // nothing written the second time
    CHECK(count_where(server_db, "SELECT count(*) FROM customers WHERE name = 'Lost Answer Trading Ltd'") == 1);
    CHECK(count_where(server_db, "SELECT count(*) FROM contacts WHERE name = 'Wang Fang'") == 1);
    CHECK(count_where(a.db(), "SELECT count(*) FROM customers WHERE name = 'Lost Answer Trading Ltd'") == 1);
}

TEST_CASE("a rejected mutation does not block the ones after it, and the client gets the server's version back") {
    SyncServer server;
    SyncTestClient a(server, "sales1");
    a.sync();
    const std::string first = create_customer(a, "First Good Customer");
    // An email the domain refuses, written straight into the local table as a broken or
    // hostile client would: the server re-validates.
    const std::string id = server_customer_of(server, "sales1");
    const std::string old_email = customer_field(a.db(), id, "email");
    Stmt bad = a.db().prepare("UPDATE customers SET email = 'not an email' WHERE id = ?1");
    bad.bind(1, id);
    REQUIRE_OK(bad.run());
    const std::string second = create_customer(a, "Second Good Customer");
    a.sync();

    Db server_db = server.open_db();
    CHECK(count_where(server_db, "SELECT count(*) FROM customers WHERE name LIKE '% Good Customer'") == 2);
    CHECK(customer_field(server_db, id, "email") == old_email);
    CHECK(customer_field(a.db(), id, "email") == old_email);  // the local edit is undone
    std::vector<sync::Rejection> rejections = a.engine().rejections();
    REQUIRE(rejections.size() == 1);
    CHECK(rejections[0].code == "invalid");
    CHECK(rejections[0].field == "email");
    CHECK(rejections[0].record_id == id);
    CHECK(rejections[0].table == "customers");
}

TEST_CASE("a delete travels as a tombstone and takes the customer's contacts with it") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    SyncTestClient sales1(server, "sales1");
    manager.sync();
    sales1.sync();
    const std::string id = create_customer(sales1, "Short Lived Ltd");
    const std::string contact = create_contact(sales1, id, "Li Lei");
    sales1.sync();
    manager.sync();
    CHECK(count_where(manager.db(), "SELECT count(*) FROM contacts WHERE name = 'Li Lei' AND deleted = 0") == 1);

    REQUIRE_OK(delete_customer(sales1.db(), id, "sales1"));
    sales1.sync();
    manager.sync();
    Db server_db = server.open_db();
    for (Db* db : {&server_db, &manager.db()}) {
        CHECK(scalar_text(*db, "SELECT deleted FROM customers WHERE id = ?1", id) == "1");
        CHECK(scalar_text(*db, "SELECT deleted FROM contacts WHERE id = ?1", contact) == "1");
    }
}

TEST_CASE("an edit of a customer someone else deleted is rejected as deleted and the tombstone wins") {
    SyncServer server;
    SyncTestClient a(server, "manager");
    SyncTestClient b(server, "sales1");
    a.sync();
    b.sync();
    const std::string id = server_customer_of(server, "sales1");
    REQUIRE_OK(delete_customer(a.db(), id, "manager"));
    edit_customer(b, id, {{"city", "Xiamen"}});
    a.sync();
    b.sync();
    CHECK(scalar_text(b.db(), "SELECT deleted FROM customers WHERE id = ?1", id) == "1");
    std::vector<sync::Rejection> rejections = b.engine().rejections();
    REQUIRE(rejections.size() == 1);
    CHECK(rejections[0].code == "deleted");
}

TEST_CASE("the server restarted between a push and its answer: nothing lost, nothing doubled") {
    SyncServer server;
    SyncTestClient a(server, "sales1");
    a.sync();
    for (int i = 0; i < 20; ++i) create_customer(a, "Restart Customer " + std::to_string(i));
    a.push_and_lose_response();
    server.restart();
    for (int i = 20; i < 25; ++i) create_customer(a, "Restart Customer " + std::to_string(i));
    a.sync();
    Db server_db = server.open_db();
    CHECK(count_where(server_db, "SELECT count(*) FROM customers WHERE name LIKE 'Restart Customer %'") == 25);
    CHECK(count_where(server_db, "SELECT count(DISTINCT name) FROM customers WHERE name LIKE 'Restart Customer %'") == 25);
    CHECK(a.engine().pending() == 0);
}

TEST_CASE("the server stopped: the client keeps its edits and sends them once it is back") {
    SyncServer server;
    SyncTestClient a(server, "sales1");
    a.sync();
    server.stop();
    create_customer(a, "Offline Edit Ltd");
    CHECK_FALSE(a.round());  // no connection: nothing applied, nothing lost
    CHECK(a.engine().pending() == 1);
    server.restart();
    a.sync();
    Db server_db = server.open_db();
    CHECK(count_where(server_db, "SELECT count(*) FROM customers WHERE name = 'Offline Edit Ltd'") == 1);
}

TEST_CASE("a first sync comes in pages, each with more until the last, and ends with every record once") {
    SyncServer server;
    SyncTestClient manager(server, "manager");
    int rounds = 0;
    for (;;) {
        std::optional<sync::Applied> applied = manager.round(7);
        REQUIRE(applied);
        ++rounds;
        if (!applied->more) break;
        REQUIRE(rounds < 1000);
    }
    Db server_db = server.open_db();
    const int64_t rows = count_where(server_db, "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM contacts)");
    CHECK(rounds >= rows / 7);
    CHECK(snapshot(manager.db()) == snapshot(server_db));
    CHECK(count_where(manager.db(), "SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

TEST_CASE("a conflict reviewed in the client: putting the replaced value back reaches everyone and closes it") {
    SyncServer server;
    SyncTestClient a(server, "manager");
    SyncTestClient b(server, "sales1");
    a.sync();
    b.sync();
    const std::string id = server_customer_of(server, "sales1");
    edit_customer(a, id, {{"city", "Ningbo"}});
    edit_customer(b, id, {{"city", "Wenzhou"}});
    a.sync();
    b.sync();
    a.sync();

    std::vector<sync::OpenConflict> open = sync::open_conflicts(a.db());
    REQUIRE(open.size() == 1);
    CHECK(open[0].record_name == customer_field(a.db(), id, "name"));
    CHECK(open[0].field == "city");
    CHECK(open[0].kept_value == "Wenzhou");
    CHECK(open[0].other_value == "Ningbo");
    REQUIRE_OK(sync::resolve_conflict(a.db(), open[0].id, sync::Resolution::use_other, "manager"));
    CHECK(sync::open_conflicts(a.db()).empty());
    a.sync();
    b.sync();
    Db server_db = server.open_db();
    for (Db* db : {&server_db, &a.db(), &b.db()}) {
        CHECK(customer_field(*db, id, "city") == "Ningbo");
        CHECK(scalar(*db, "SELECT count(*) FROM conflicts WHERE resolved = 1") == 1);
    }
    CHECK(sync::open_conflicts(b.db()).empty());
    // Putting a value back is an ordinary edit, not a new conflict.
    CHECK(scalar(server_db, "SELECT count(*) FROM conflicts") == 1);
}

TEST_CASE("values reach the server exactly as sent: trailing spaces in notes do not make the two differ") {
    SyncServer server;
    SyncTestClient a(server, "manager");
    a.sync();
    const std::string id = server_customer_of(server, "sales1");
    edit_customer(a, id, {{"notes", "call back on Monday\n"}});
    a.sync();
    Db server_db = server.open_db();
    CHECK(customer_field(server_db, id, "notes") == customer_field(a.db(), id, "notes"));
}
