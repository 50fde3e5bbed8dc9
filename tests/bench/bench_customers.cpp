// Benchmarks of the customers list at scale, natively: seeding, search-as-you-type and
// sorting over 100,000 customers, and loading the rows a screen shows; then the activities
// among them: a busy customer's timeline, a calendar week and my day; and CSV: the list
// exported, and as many new customers imported in steps as the UI runs them.
//
//   build/native/crm_bench [customers] [repeats] [import|history|compact|lists]   (defaults: 100000 customers,
//   7 repeats; ./crm bench [customers] [repeats] runs it all three ways, and "history" and "compact" on their own)
//
// With "import" as the third argument only the CSV import runs (read the file, import it
// three times): the figure the import issue tracks, without the minutes of the rest. With
// "history", only the generator with ten activities per customer over three years, and the
// memory it takes with them loaded; "compact", the same in compact memory (core/packed_memory).
// CRM_BENCH_COMPACT=1 in the environment runs every workload in compact memory (natively; to
// set the screens' figures beside the default's).
//
// The same source builds natively (crm_bench) and to WebAssembly (build/wasm/bench/crm_bench.js,
// run under node and in headless Chromium by tests/bench/wasm_bench.mjs), so that the figures
// of the two can be set side by side (tests/bench/table.mjs).
//
// Prints the median and the spread (min..max) of repeated runs: these machines are noisy,
// so a single timing means little. Nothing here asserts a time.
#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#include <malloc.h>
#else
#include <sys/resource.h>
#endif

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/db_image.hpp"
#include "core/packed_memory.hpp"
#include "domain/activity.hpp"
#include "domain/csv_export.hpp"
#include "domain/customer.hpp"
#include "domain/customer_import.hpp"
#include "domain/customer_search.hpp"
#include "domain/demo_data.hpp"
#include "domain/duplicates.hpp"
#include "domain/record_list.hpp"
#include "domain/schema.hpp"
#include "sync/client.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Timing {
    double median_ms, min_ms, max_ms;
};

Timing measure(int repeats, const std::function<void()>& work) {
    std::vector<double> samples;
    for (int i = 0; i < repeats; ++i) {
        auto start = Clock::now();
        work();
        samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples.front(), samples.back()};
}

void report(const char* name, const Timing& t, const std::string& note = {}) {
    std::printf("| %-44s | %10.2f | %9.2f .. %-9.2f | %s\n", name, t.median_ms, t.min_ms, t.max_ms, note.c_str());
}

#define CRM_STRINGIFY2(x) #x
#define CRM_STRINGIFY(x) CRM_STRINGIFY2(x)
#ifdef __EMSCRIPTEN__
constexpr const char* kBuild = "wasm, Emscripten " CRM_STRINGIFY(__EMSCRIPTEN_major__) "." CRM_STRINGIFY(
    __EMSCRIPTEN_minor__) "." CRM_STRINGIFY(__EMSCRIPTEN_tiny__);
#else
constexpr const char* kBuild = "native, g++ " __VERSION__;
#endif

// Every keystroke of each word typed from an empty search box, `find` run for each (a search
// in memory narrowing the last one's matches); reports the median, the spread and the p95.
void report_keystrokes(const char* label, int repeats, const std::vector<const char*>& words,
                       const std::function<size_t(std::string_view)>& find) {
    std::vector<double> keystrokes;
    for (int run = 0; run < repeats; ++run) {
        for (const char* word : words) {
            find("");
            const std::string typed = word;
            for (size_t end = 1; end <= typed.size(); ++end) {
                // A keystroke in the middle of a UTF-8 character is not one a person types.
                if (end < typed.size() && (static_cast<unsigned char>(typed[end]) & 0xC0) == 0x80) continue;
                auto start = Clock::now();
                find(std::string_view(typed).substr(0, end));
                keystrokes.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            }
        }
    }
    std::sort(keystrokes.begin(), keystrokes.end());
    const Timing per_key{keystrokes[keystrokes.size() / 2], keystrokes.front(), keystrokes.back()};
    char p95[64];
    std::snprintf(p95, sizeof p95, "p95 %.2f ms over %zu keystrokes", keystrokes[keystrokes.size() * 95 / 100],
                  keystrokes.size());
    report(label, per_key, p95);
}

// The most memory the process has held: natively its peak resident set; in WebAssembly the
// size of its linear memory, which grows and never shrinks.
void print_peak_memory() {
#ifdef __EMSCRIPTEN__
    std::printf("\npeak memory: %zu MB (wasm linear memory)\n", emscripten_get_heap_size() >> 20);
#else
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("\npeak memory: %ld MB (resident)\n", usage.ru_maxrss / 1024);
#endif
}

// The database's own size: its pages, tables and indexes together (what an exported image holds).
int64_t database_bytes(crm::Db& db) {
    crm::Stmt pages = db.prepare("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
    if (!pages.step().value_or(false)) std::abort();
    return pages.int64(0);
}

int64_t count_rows(crm::Db& db, const std::string& table) {
    crm::Stmt stmt = db.prepare("SELECT count(*) FROM " + table);
    return stmt.step().value_or(false) ? stmt.int64(0) : 0;
}

std::string first_customer_id(crm::Db& db) {
    crm::Stmt stmt = db.prepare("SELECT id FROM customers ORDER BY rowid LIMIT 1");
    return stmt.step().value_or(false) ? stmt.text(0) : std::string();
}

// A file of `rows` new customers, as a spreadsheet would hold them (Chinese names and
// cities, a quoted field with a comma).
std::string customers_csv(int rows) {
    crm::csv::Writer writer;
    writer.row({"名称", "编号", "城市", "电话", "邮箱", "地址"});
    for (int i = 0; i < rows; ++i) {
        const std::string n = std::to_string(i);
        const std::string phone = "0571-8" + std::to_string(1000000 + i);
        writer.row({"导入客户" + n + "有限公司", "IMP" + n, i % 2 ? "杭州" : "北京", phone, "buyer" + n + "@example.cn",
                    "文三路 " + n + " 号, 西湖区"});
    }
    return writer.take();
}

// Imports the file into a new database, a step at a time as `step` does one (the screen's:
// 8 ms of rows), with the sync client's triggers writing the outbox or not; the longest step
// in `longest_ms`.
void import_csv(const crm::ImportFile& file, const std::function<bool(crm::ImportJob&)>& step, bool with_sync,
                double& longest_ms) {
    crm::Db db = std::move(crm::open_crm_database(":memory:")).value();
    std::optional<crm::sync::SyncClient> sync;
    if (with_sync) sync.emplace(std::move(crm::sync::SyncClient::attach(db, "bench")).value());
    crm::ImportOptions options;
    options.mapping = crm::guess_mapping(file.header);
    options.actor = "bench";
    crm::ImportJob job(db, file, options);
    longest_ms = 0;
    for (bool more = true; more;) {
        const auto start = std::chrono::steady_clock::now();
        more = step(job);
        const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
        longest_ms = std::max(longest_ms, took.count());
    }
    if (job.state() != crm::ImportJob::State::committed || !job.summary().bad_rows.empty()) std::abort();
    if (with_sync && sync->pending() != static_cast<int64_t>(file.rows.size())) std::abort();
}

// The CSV import: a file of `customers` new customers read, then imported three times each
// way: in 2,000-row steps (how the screen ran it until the steps were timed), and in 8 ms
// steps as the screen runs it now, without and with the sync outbox.
void bench_import(int customers, int repeats) {
    const std::string file_bytes = customers_csv(customers);
    crm::ImportFile file;
    Timing t = measure(std::min(repeats, 3), [&] { file = std::move(crm::read_import_file(file_bytes)).value(); });
    report("read a CSV of new customers", t,
           std::to_string(file.rows.size()) + " rows, " + std::to_string(file_bytes.size() >> 20) + " MB");
    struct Way {
        const char* label;
        std::function<bool(crm::ImportJob&)> step;
        bool with_sync;
    };
    const auto rows = [](crm::ImportJob& job) { return job.step(2000); };
    const auto frame = [](crm::ImportJob& job) { return job.step_for(std::chrono::milliseconds(8)); };
    for (const Way& way : {Way{"import it in 2,000-row steps (ImportJob)", rows, false},
                           Way{"import it in 8 ms steps (as the screen)", frame, false},
                           Way{"import it in 8 ms steps, sync outbox on", frame, true}}) {
        double longest_step = 0, worst_step = 0;
        t = measure(3, [&] {
            import_csv(file, way.step, way.with_sync, longest_step);
            worst_step = std::max(worst_step, longest_step);
        });
        char step_note[64];
        std::snprintf(step_note, sizeof step_note, "longest step %.1f ms", worst_step);
        report(way.label, t, step_note);
    }
}

// The contacts and activities lists (domain record_list) over the seeded data.
void bench_lists(crm::Db& db, int repeats) {
    Timing t{};
    // Every search keystroke and filter change runs the query in SQL, and the count once per
    // change of the data; the screens search from memory (ListSearch).
    for (const crm::ListSpec* spec : {&crm::contact_list(), &crm::activity_list()}) {
        const std::string list_name = std::string(spec->name);
        std::vector<int64_t> listed;
        auto run = [&](const std::string& label, const crm::ListQuery& query) {
            t = measure(repeats, [&] { listed = crm::list_rowids(db, *spec, query); });
            report((list_name + ": " + label).c_str(), t, std::to_string(listed.size()) + " rows");
        };
        run("all, default sort", {});
        for (const char* typed : {"w", "wa", "wang", "王", "138"}) {
            crm::ListQuery query;
            query.search = typed;
            run(std::string("search \"") + typed + "\"", query);
        }
        // As the screen searches: the rows' texts read once, then each keystroke in memory.
        crm::ListSearch in_memory;
        t = measure(repeats, [&] { in_memory.load(db, *spec, {}); });
        report((list_name + ": search: load the texts").c_str(), t, std::to_string(in_memory.size()) + " rows");
        report_keystrokes((list_name + ": search in memory, per keystroke").c_str(), repeats,
                          {"wang", "王", "138", "acme", "zzz"},
                          [&](std::string_view typed) { return in_memory.find(typed).size(); });
        crm::ListQuery filtered;
        filtered.filter = spec == &crm::contact_list() ? decltype(filtered.filter){{"opted_out", "any"}}
                                                       : decltype(filtered.filter){{"status", "overdue"}};
        run(spec == &crm::contact_list() ? "filter: opted out" : "filter: overdue", filtered);
        // Sorted by a joined table's column: the one case that joins every row.
        crm::ListQuery by_customer;
        by_customer.sort = {{*spec->column("customer"), false}};
        run("sorted by customer", by_customer);
        int64_t total = 0;
        t = measure(repeats, [&] { total = crm::list_count(db, *spec); });
        report((list_name + ": count").c_str(), t, std::to_string(total) + " in all");
    }
}

// The same searches through an FTS5 trigram index over the customers' search_text (issue 6
// asked for it to be tried): what it costs to build and to keep, and each search's time, to
// set beside the SQL search above and the in-memory search the screens use. Made and dropped
// here, so the workloads after it run on the schema as shipped. A search that does not find
// exactly the rows the list's own search finds says so (SQLite 3.40.1 finds nothing for a
// two-character Chinese pattern: it counts the pattern's bytes, not its characters, when it
// chooses between the trigrams and a scan).
void bench_trigram_search(crm::Db& db, int repeats) {
    const int64_t bytes_before = database_bytes(db);
    Timing t = measure(1, [&] {
        if (!db.exec("CREATE VIRTUAL TABLE customers_trigram USING fts5(search_text, content='customers',"
                     " content_rowid='rowid', tokenize='trigram')") ||
            !db.exec("INSERT INTO customers_trigram (customers_trigram) VALUES ('rebuild')"))
            std::abort();
    });
    report("FTS5 trigram: build the index", t,
           std::to_string((database_bytes(db) - bytes_before) >> 20) + " MB more (not adopted)");
    // A LIKE on the FTS5 table is answered from the trigrams when the pattern has three
    // characters or more, by reading every row otherwise; the order is the list's.
    crm::Stmt search = db.prepare(
        "SELECT c.rowid FROM customers AS c WHERE c.deleted = 0 AND c.rowid IN"
        " (SELECT rowid FROM customers_trigram WHERE search_text LIKE '%' || lower(?1) || '%')"
        " ORDER BY c.name COLLATE NOCASE, c.rowid");
    for (const char* typed : {"A", "Ac", "Acm", "Acme", "北京", "0571", "C1005"}) {
        std::vector<int64_t> found;
        t = measure(repeats, [&] {
            found.clear();
            search.reset();
            search.bind(1, typed);
            while (search.step().value_or(false)) found.push_back(search.int64(0));
        });
        const std::vector<int64_t> expected =
            crm::find_customer_rowids(db, crm::CustomerQuery{typed, {{crm::CustomerColumn::name, false}}, {}});
        const std::string name = std::string("FTS5 trigram: \"") + typed + "\"";
        report(name.c_str(), t,
               std::to_string(found.size()) + " rows" +
                   (found == expected ? "" : ", WRONG: the list finds " + std::to_string(expected.size())));
    }
    if (!db.exec("DROP TABLE customers_trigram")) std::abort();
}

// The generator at its largest: `customers` customers, and ten activities each of three
// years' history (100,000 and 1,000,000 by default). Run on its own, so that the peak memory
// printed after it is the dataset's with it loaded.
void bench_history(int customers, int repeats, bool compact) {
    crm::set_compact_memory(compact);
    crm::Db db;
    Timing t = measure(std::min(repeats, 3), [&] {
        db = crm::Db();  // the last run's dataset goes before the next is made
        db = std::move(crm::open_crm_database(":memory:")).value();
        crm::DemoOptions options;
        options.customers = customers;
        options.history_activities = customers * 10;
        if (!crm::seed_demo_data(db, options)) std::abort();
    });
    report(compact ? "generate customers + 3 years of activities, compact memory"
                   : "generate customers + 3 years of activities",
           t, std::to_string(count_rows(db, "activities")) + " activities");
    std::printf("\ndatabase: %lld MB in pages", static_cast<long long>(database_bytes(db) >> 20));
    if (crm::PackedMemoryStats packed; crm::packed_memory_stats(db.handle(), packed)) {
        std::printf(", %lld MB compressed (%lld of %lld chunks uncompressed; %lld chunks read, %lld written)",
                    static_cast<long long>(packed.stored_bytes >> 20), static_cast<long long>(packed.raw_chunks),
                    static_cast<long long>(packed.chunks), static_cast<long long>(packed.chunks_read),
                    static_cast<long long>(packed.chunks_written));
    }
#ifdef __EMSCRIPTEN__
    // And what malloc holds with it loaded (the rest of the linear memory is free space inside
    // it, left by the generator's peak or by growing in steps).
    std::printf("; malloc holds %zu MB", static_cast<size_t>(mallinfo().uordblks) >> 20);
#endif
    std::printf("\n");
    // CRM_BENCH_IMAGE=file keeps the dataset for a look at where its bytes go
    // (sqlite3 file "SELECT name, sum(pgsize) FROM dbstat GROUP BY name").
    if (const char* path = std::getenv("CRM_BENCH_IMAGE")) {
        crm::Result<std::string> image = crm::export_image(db);
        FILE* out = image ? std::fopen(path, "wb") : nullptr;
        if (!out || std::fwrite(image.value().data(), 1, image.value().size(), out) != image.value().size()) std::abort();
        std::fclose(out);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int customers = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 7;
    const std::string mode = argc > 3 ? argv[3] : "";
    if (const char* compact = std::getenv("CRM_BENCH_COMPACT"); compact && std::string(compact) == "1") {
        crm::set_compact_memory(true);
    }
    std::printf("customers list benchmark: %d customers, median of %d runs (%s; SQLite %s, threadsafe=%d)\n\n",
                customers, repeats, kBuild, sqlite3_libversion(), sqlite3_threadsafe());
    std::printf("| %-44s | %10s | %-22s | %s\n", "workload", "median ms", "min .. max ms", "note");
    std::printf("|%s|%s|%s|%s\n", std::string(46, '-').c_str(), std::string(12, '-').c_str(),
                std::string(24, '-').c_str(), "------");

    if (mode == "lists") {  // only the contacts and activities lists, over the seeded data
        crm::Db db = std::move(crm::open_crm_database(":memory:")).value();
        crm::DemoOptions options;
        options.customers = customers;
        if (!crm::seed_demo_data(db, options)) std::abort();
        bench_lists(db, repeats);
        return 0;
    }
    if (mode == "import" || mode == "history" || mode == "compact") {
        if (mode == "import") bench_import(customers, repeats);
        else bench_history(customers, repeats, mode == "compact");
        print_peak_memory();
        return 0;
    }

    crm::Db db;
    Timing seed = measure(std::min(repeats, 3), [&] {
        db = std::move(crm::open_crm_database(":memory:")).value();
        crm::DemoOptions options;
        options.customers = customers;
        if (!crm::seed_demo_data(db, options)) std::abort();
    });
    report("generate customers + contacts", seed, "and " + std::to_string(count_rows(db, "activities")) + " activities");

    std::vector<int64_t> rowids;
    auto list = [&](crm::CustomerQuery query) {
        return measure(repeats, [&] { rowids = crm::find_customer_rowids(db, query); });
    };
    crm::CustomerQuery by_name;
    Timing t = list(by_name);
    report("list all, sorted by name", t, std::to_string(rowids.size()) + " rows");

    crm::CustomerQuery by_city{"", {{crm::CustomerColumn::city, true}, {crm::CustomerColumn::name, false}}, {}};
    t = list(by_city);
    report("list all, sorted by city desc, name", t, std::to_string(rowids.size()) + " rows");

    for (const char* typed : {"A", "Ac", "Acm", "Acme", "北京", "0571", "C1005"}) {
        crm::CustomerQuery search{typed, {{crm::CustomerColumn::name, false}}, {}};
        t = list(search);
        std::string name = std::string("search as you type: \"") + typed + "\"";
        report(name.c_str(), t, std::to_string(rowids.size()) + " rows");
    }

    bench_trigram_search(db, repeats);

    // The list as the screen runs it: the rows loaded into memory once per data change, then
    // each keystroke of a typed word searched there (narrowing the last keystroke's matches).
    crm::CustomerSearch memory;
    t = measure(repeats, [&] { memory.load(db, by_name); });
    report("search: load 100,000 search texts", t, "once per change of the data");
    report_keystrokes("search as you type, in memory, per keystroke", repeats, {"Acme", "北京", "0571", "C1005", "zhang"},
                      [&](std::string_view typed) { return memory.find(typed).size(); });

    crm::CustomerRows rows(db);
    rowids = crm::find_customer_rowids(db, by_name);
    size_t offset = rowids.size() / 2;
    t = measure(repeats, [&] {
        for (size_t i = offset; i < std::min(offset + 40, rowids.size()); ++i)
            if (!rows.load(rowids[i])) std::abort();
    });
    report("load the 40 rows of one screen", t);

    bench_lists(db, repeats);

    // The duplicate check as a new customer's form runs it on every change of the name,
    // phone or email: one existing customer's name written another way, its phone, and a
    // name that matches nothing.
    const std::optional<crm::CustomerRow> existing = rows.load(rowids[offset]);
    if (!existing) std::abort();
    struct Draft {
        const char* label;
        crm::Customer customer;
    };
    crm::Customer same_name, same_phone, no_match;
    same_name.name = existing->name + " Co., Ltd";
    same_phone.name = "Someone New";
    same_phone.phone = existing->phone;
    no_match.name = "Zyxwvut Unmatched Trading";
    size_t found = 0;
    for (const Draft& draft : {Draft{"duplicate check: a stored name, rewritten", same_name},
                               Draft{"duplicate check: a stored phone", same_phone},
                               Draft{"duplicate check: a name matching nothing", no_match}}) {
        t = measure(repeats * 5, [&] { found = crm::find_duplicate_candidates(db, draft.customer).size(); });
        report(draft.label, t, std::to_string(found) + " candidates");
    }

    // A customer with a few years of activities: 1,000 more on the first one.
    const std::string busy = first_customer_id(db);
    crm::Activity model;
    model.kind = "call";
    model.subject = "Weekly call";
    model.planned_at = crm::iso_utc(crm::now_ms() - 86'400'000);
    if (!crm::create_for_customers(db, model, std::vector<std::string>(1000, busy), "bench")) std::abort();
    std::vector<crm::Activity> timeline;
    t = measure(repeats, [&] { timeline = crm::activities_of_customer(db, busy); });
    report("timeline of a customer with 1,000+ activities", t, std::to_string(timeline.size()) + " rows");
    const int64_t week = crm::local_midnight(crm::local_today() - 3);
    std::vector<crm::ScheduledActivity> scheduled;
    t = measure(repeats, [&] { scheduled = crm::activities_between(db, week, week + 7 * 86'400'000LL, ""); });
    report("calendar: everyone's week", t, std::to_string(scheduled.size()) + " rows");
    t = measure(repeats, [&] { scheduled = crm::activities_between(db, week, week + 7 * 86'400'000LL, "sales1"); });
    report("calendar: sales1's week", t, std::to_string(scheduled.size()) + " rows");
    t = measure(repeats, [&] { scheduled = crm::due_and_overdue(db, "sales1", crm::now_ms()); });
    report("my day of sales1", t, std::to_string(scheduled.size()) + " rows");

    crm::CsvExport exported;
    t = measure(std::min(repeats, 3), [&] { exported = crm::export_customers_csv(db, by_name); });
    report("export the list as CSV", t,
           std::to_string(exported.rows) + " rows, " + std::to_string(exported.bytes.size() >> 20) + " MB");

    std::string image;
    t = measure(std::min(repeats, 3), [&] { image = std::move(crm::export_image(db)).value(); });
    report("export the database image", t, std::to_string(image.size() >> 20) + " MB");

    bench_import(customers, repeats);

    print_peak_memory();
    return 0;
}
