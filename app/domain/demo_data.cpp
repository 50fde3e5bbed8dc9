#include "domain/demo_data.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/id.hpp"
#include "domain/customer.hpp"

namespace crm {

std::string_view embedded_text(std::string_view name);  // generated from assets/demo

namespace {

// Lines of an embedded word list, without comments and blank lines; '|' splits columns.
std::vector<std::vector<std::string>> word_list(std::string_view name) {
    std::string_view text = embedded_text(name);
    CRM_CHECK(!text.empty(), std::string("missing demo word list ") + std::string(name));
    std::vector<std::vector<std::string>> rows;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty() || line.front() == '#') continue;
        std::vector<std::string> columns;
        for (size_t bar; (bar = line.find('|')) != std::string_view::npos; line.remove_prefix(bar + 1))
            columns.emplace_back(line.substr(0, bar));
        columns.emplace_back(line);
        rows.push_back(std::move(columns));
    }
    return rows;
}

// Draws from std::mt19937, whose numbers the standard fixes, with distributions of its own:
// std::uniform_int_distribution and std::bernoulli_distribution are the library's to define,
// and libstdc++ (the server, natively) and libc++ (the browser's build) draw differently from
// the same numbers, so one seed made two datasets (242,713 recent activities natively, 242,784
// in the browser). A test pins the first draws.
class Generator {
public:
    explicit Generator(uint32_t seed) : random_(seed) {}

    size_t pick_index(size_t count) {
        CRM_CHECK(count > 0 && count <= UINT32_MAX, "a pick from a list of 1 to 2^32 items");
        return below(static_cast<uint32_t>(count));
    }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[pick_index(items.size())];
    }
    int between(int low, int high) {
        const int64_t count = static_cast<int64_t>(high) - low + 1;
        CRM_CHECK(count > 0 && count <= UINT32_MAX, "a range of 1 to 2^32 numbers");
        return static_cast<int>(low + static_cast<int64_t>(below(static_cast<uint32_t>(count))));
    }
    bool chance(double p) { return static_cast<double>(next()) < p * 4294967296.0; }
    std::string digits(int count) {
        std::string out;
        for (int i = 0; i < count; ++i) out += static_cast<char>('0' + between(0, 9));
        return out;
    }

private:
    uint32_t next() { return static_cast<uint32_t>(random_()); }
    // Uniform in [0, n), n > 0: the numbers in the incomplete last round of n are drawn again.
    uint32_t below(uint32_t n) {
        const uint32_t reject_under = (0u - n) % n;  // 2^32 mod n
        for (;;)
            if (const uint32_t x = next(); x >= reject_under) return x % n;
    }

    std::mt19937 random_;
};

std::string ascii_slug(std::string_view text) {
    std::string out;
    for (char c : text)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    return out;
}

// Bulk loading: building an index once over all the rows costs a fraction of 100,000s of
// inserts into it in random order (an activity's time, a customer's name), so the seeded
// tables' plain indexes are set aside for the load and made again from their own definitions
// (sqlite_schema: the migrations stay the one place that says what they are). Unique indexes
// stay: they are what refuses a second seeding. So do the indexes the rows arrive in the order
// of (kKeptLive): keeping them costs an append a row, rebuilding them a sort of every row. All
// of it inside the seed's transaction, so a failure leaves every index as it was.
//
// The rows come customer by customer, and customer ids rise (UUIDv7 from one generator), so an
// index that starts with the customer id is written in its order; the history is ordered by
// customer and time before it is written for the same reason (write_activities). And so does
// activities_open: 3 % of the activities are in it, and making it again read every activity
// (84,000 pages at a million; in compact memory each is a decompression, core/packed_memory.hpp).
// Natively 5.2 / 5.3 s -> 5.1 / 5.0 s for 1.24 M activities, 2 runs each. customers_deleted
// holds no seeded customer at all: kept, it costs nothing; made again, a read of every customer.
constexpr std::string_view kKeptLive[] = {"activities_customer", "activities_open", "contacts_customer",
                                          "customers_deleted"};

Result<std::vector<std::string>> set_aside_plain_indexes(Db& db) {
    std::vector<std::string> definitions, names;
    Stmt indexes = db.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
        " AND tbl_name IN ('customers', 'contacts', 'activities') ORDER BY name");
    while (indexes.step().value_or(false)) {
        std::string name = indexes.text(0);
        if (std::find(std::begin(kKeptLive), std::end(kKeptLive), name) != std::end(kKeptLive)) continue;
        names.push_back(std::move(name));
        definitions.push_back(indexes.text(1));
    }
    indexes.reset();
    for (const std::string& name : names) {
        // Names come from sqlite_schema, not from input; quoted as identifiers all the same.
        if (Status dropped = db.exec("DROP INDEX \"" + name + "\""); !dropped) return dropped.error();
    }
    return definitions;
}

Status restore_indexes(Db& db, const std::vector<std::string>& definitions) {
    for (const std::string& definition : definitions)
        if (Status made = db.exec(definition); !made) return made;
    return {};
}

// How busy a day of the business year is, in hundredths: the months' seasons times the
// weekday's. Day numbers count from 1970-01-01, a Thursday.
int day_weight(int64_t day) {
    // January to December: the Spring Festival (February) and Golden Week (October) are
    // quiet; the half-year close (June) and the year end (November, December) are busy.
    static const int kMonth[] = {90, 45, 110, 110, 100, 115, 90, 80, 105, 75, 120, 125};
    const int month = std::stoi(format_date(day).substr(5, 2));
    const int64_t weekday = ((day + 4) % 7 + 7) % 7;  // 0 Sunday .. 6 Saturday
    return kMonth[month - 1] * (weekday == 0 || weekday == 6 ? 15 : 100) / 100;
}

using WordList = std::vector<std::vector<std::string>>;

// A customer as its rows were written: what its activities and group memberships need.
struct SeededCustomer {
    std::string id;
    std::vector<std::string> contact_ids;
    const char* owner;
    bool in_english;
};

// The contacts of the seed, drawn with their customers and written after all the customers:
// so the customers' pages lie together, and so do the contacts', and making a customers' index
// again reads the customers' pages only. (In compact memory each page read is its chunk's
// decompression, and a chunk holds four pages: with the two tables' pages in turn, each of the
// ten indexes made again read both tables, 5,800 chunks each at 100,000 customers.) Their texts
// are kept in one string: a string each would lie between the seed's long-lived allocations
// and leave holes there once freed (natively 40 MB more resident at the end).
class SeededContacts {
public:
    enum Text { id, name, title, phone, mobile, email, birthday, kTexts };
    struct Row {
        uint32_t customer;  // index into the seeded customers
        uint32_t text;      // where its texts start in texts_
        uint16_t size[kTexts];
        bool primary, no_email, no_sms, no_call, no_mail;
        const char* role;
        const char* channel;
    };

    Row& add(uint32_t customer) {
        CRM_CHECK(next_ == id, "the texts of the contact before were all set");
        Row& row = rows_.emplace_back();
        row.customer = customer;
        row.text = static_cast<uint32_t>(texts_.size());
        return row;
    }
    // Texts go in kTexts' order, each once.
    void set(Row& row, Text which, std::string_view value) {
        CRM_CHECK(which == next_ && value.size() <= UINT16_MAX, "a contact's texts set in order, each once");
        next_ = static_cast<Text>((which + 1) % kTexts);
        row.size[which] = static_cast<uint16_t>(value.size());
        texts_ += value;
    }
    std::string_view get(const Row& row, Text which) const {
        size_t at = row.text;
        for (int k = 0; k < which; ++k) at += row.size[k];
        return std::string_view(texts_).substr(at, row.size[which]);
    }
    const std::vector<Row>& rows() const { return rows_; }
    void clear() { *this = {}; }

private:
    std::vector<Row> rows_;
    std::string texts_;
    Text next_ = id;  // the text set() takes next
};

// An activity of the seed, drawn before it is written (16 bytes: a million are held at once).
struct PlannedActivity {
    enum Flags : uint8_t { done = 1, next_step = 2, written_now = 4 };
    int64_t at_ms;      // its place on the timeline: when it was done, is planned, or (a note) written
    uint32_t customer;  // index into the seeded customers
    int8_t contact;     // index into the customer's contacts, -1 for none
    uint8_t subject;    // index into the subjects word list
    int8_t outcome;     // index into the outcomes word list, -1 for none
    uint8_t flags;      // written_now: created now (a recent one), else when it happened (the history)
};

// options.history_activities done activities over the three years before today. Each takes
// its day from the business year's weights and its customer from a skewed draw: the first
// customers (the oldest codes) are key accounts with hundreds of activities, most have a few.
// Its own generator, so the customers, contacts and recent activities of a seed stay as they
// were without it.
void draw_history(std::vector<PlannedActivity>& out, const std::vector<SeededCustomer>& customers,
                  const DemoOptions& options, const WordList& subjects, const WordList& outcomes, int64_t today) {
    Generator gen(options.seed ^ 0x4157u);
    constexpr int64_t kDays = 3 * 365;
    std::vector<int> cumulative;  // of day_weight over [today - kDays, today)
    cumulative.reserve(kDays);
    int total = 0;
    for (int64_t d = 0; d < kDays; ++d) cumulative.push_back(total += day_weight(today - kDays + d));
    const int last = static_cast<int>(customers.size()) - 1;
    for (int n = 0; n < options.history_activities; ++n) {
        const int64_t day_index = std::upper_bound(cumulative.begin(), cumulative.end(), gen.between(0, total - 1)) -
                                  cumulative.begin();
        // u squared: the density falls from the first customer to the last.
        const double u = gen.between(0, 1'000'000) / 1'000'000.0;
        const auto customer = static_cast<uint32_t>(u * u * last + 0.5);
        const size_t subject = gen.pick_index(subjects.size());
        const bool note = subjects[subject][0] == "note";
        const int64_t hour = gen.between(1, 9);  // office hours in Beijing, as UTC
        const int64_t quarter = gen.between(0, 3);
        const size_t outcome = gen.pick_index(outcomes.size());
        const std::vector<std::string>& contact_ids = customers[customer].contact_ids;
        const bool with_contact = !note && !contact_ids.empty() && gen.chance(0.7);
        const int contact = with_contact ? static_cast<int>(gen.pick_index(contact_ids.size())) : -1;
        const bool with_next_step = !note && gen.chance(0.3);
        // Written when it happened: a note's place on the timeline is its created_at.
        out.push_back({(today - kDays + day_index) * 86400000 + hour * 3600000 + quarter * 900000, customer,
                       static_cast<int8_t>(contact), static_cast<uint8_t>(subject),
                       static_cast<int8_t>(note ? -1 : static_cast<int>(outcome)),
                       static_cast<uint8_t>(PlannedActivity::done | (with_next_step ? PlannedActivity::next_step : 0))});
    }
}

// Writes the planned activities customer by customer, each customer's oldest first, with ids
// rising in that order: so every row is an append to the activities_customer index (customer
// id, time, id), which stays live during the load, and to the primary key's. Takes the plan
// over, so that its memory is free again for the indexes made after it.
Status write_activities(Db& db, std::vector<PlannedActivity> planned, const std::vector<SeededCustomer>& customers,
                        const WordList& subjects, const WordList& outcomes, IdGenerator& ids, const std::string& now) {
    std::stable_sort(planned.begin(), planned.end(), [](const PlannedActivity& a, const PlannedActivity& b) {
        return std::tie(a.customer, a.at_ms) < std::tie(b.customer, b.at_ms);
    });
    Stmt insert = db.prepare(R"sql(
        INSERT INTO activities (id, customer_id, contact_id, kind, subject, planned_at, done_at, outcome, next_step,
            owner_id, created_at, updated_at, updated_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 'demo'))sql");
    const std::string none;
    for (const PlannedActivity& p : planned) {
        const SeededCustomer& customer = customers[p.customer];
        const std::vector<std::string>& subject = subjects[p.subject];
        const bool note = subject[0] == "note";
        const size_t lang = customer.in_english ? 0 : 1;
        const std::string at = iso_utc(p.at_ms);
        const std::string* outcome = p.outcome < 0 ? nullptr : outcomes[static_cast<size_t>(p.outcome)].data();
        insert.reset();
        insert.bind_all(ids.next(), customer.id, p.contact < 0 ? none : customer.contact_ids[static_cast<size_t>(p.contact)],
                        subject[0], subject[1 + lang], note ? none : at,
                        note || !(p.flags & PlannedActivity::done) ? none : at, outcome ? outcome[lang] : none,
                        outcome && (p.flags & PlannedActivity::next_step) ? outcome[2 + lang] : none, customer.owner,
                        p.flags & PlannedActivity::written_now ? now : at);
        if (Status s = insert.run(); !s) return s;
    }
    return {};
}

// A manager's few groups, and some customers in one or two of them (put there by their
// owner). Drawn from a generator of their own, so the customers of a seed stay as they were.
Status add_groups(Db& db, const DemoOptions& options, const std::vector<SeededCustomer>& customers,
                  const std::string& now) {
    static const char* const kGroups[][2] = {
        {"Key accounts 重点客户", "The customers the year's targets rest on; reviewed every month."},
        {"Shanghai trade show 上海展会", "Met at the trade show; follow up within two weeks."},
        {"East China distributors 华东经销商", "Distributors and agents of the East China region."},
        {"Year-end gifts 年终回馈", "Customers who get the year-end gift and greeting card."},
    };
    Generator gen(options.seed ^ 0x6A0Fu);
    IdGenerator ids([counter = int64_t{1'900'000'000'000}]() mutable { return counter++; }, options.seed ^ 0x6A0Fu);
    Stmt group = db.prepare(
        "INSERT INTO customer_groups (id, name, description, owner_id, created_at, updated_at, updated_by)"
        " VALUES (?1, ?2, ?3, 'manager', ?4, ?4, 'demo')");
    std::vector<std::string> group_ids;
    for (const auto& [name, description] : kGroups) {
        group_ids.push_back(ids.next());
        group.reset();
        group.bind_all(group_ids.back(), name, description, now);
        if (Status status = group.run(); !status) return status;
    }
    Stmt member = db.prepare(
        "INSERT INTO customer_group_members (id, customer_id, group_id, owner_id, created_at, updated_at, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?5, 'demo')");
    for (const SeededCustomer& customer : customers) {
        if (!gen.chance(0.2)) continue;
        const size_t first = static_cast<size_t>(gen.between(0, 3));
        const size_t second = gen.chance(0.25) ? (first + static_cast<size_t>(gen.between(1, 3))) % 4 : first;
        for (size_t g : {first, second}) {
            member.reset();
            member.bind_all(ids.next(), customer.id, group_ids[g], customer.owner, now);
            if (Status status = member.run(); !status) return status;
            if (second == first) break;  // in one group only
        }
    }
    return {};
}

}  // namespace

Status seed_demo_data(Db& db, const DemoOptions& options) {
    const auto cities = word_list("cities.txt");
    const auto words_cn = word_list("company_words.txt");
    const auto words_en = word_list("company_words_en.txt");
    const auto industries = word_list("industries.txt");
    const auto surnames = word_list("surnames.txt");
    const auto given = word_list("given_names.txt");
    const auto english = word_list("english_names.txt");
    const auto titles = word_list("titles.txt");
    const auto subjects = word_list("activity_subjects.txt");
    const auto outcomes = word_list("activity_outcomes.txt");
    // A planned activity keeps its subject and outcome as a byte each (PlannedActivity).
    if (subjects.size() > 255 || outcomes.size() > 127) {
        return Error{"demo_data", "the activity word lists outgrew a planned activity's byte-sized indexes", {}};
    }
    static const char* const kDefaultOwners[] = {"sales1", "sales2", "agent1", "agent2"};
    const char* const* owners = options.owners ? options.owners : kDefaultOwners;
    const int owner_count = options.owners ? options.owner_count : 4;

    Generator gen(options.seed);
    // Demo ids are derived from the seed too, so the same seed gives the same dataset.
    IdGenerator ids([counter = int64_t{1'700'000'000'000}]() mutable { return counter++; }, options.seed);
    // Activities draw from their own generators, so that adding them left the customers and
    // contacts of a seed as they were (tests and demos name some of them).
    Generator activity_gen(options.seed ^ 0xAC71u);
    // And so do contacts' roles, channels and opt-outs.
    Generator preference_gen(options.seed ^ 0xC0A7u);
    static const char* const kRoles[] = {"decision_maker", "influencer", "user", "gatekeeper", "purchaser", "technical"};
    static const char* const kChannels[] = {"phone", "mobile", "email", "wechat", "visit", "sms"};
    IdGenerator activity_ids([counter = int64_t{1'800'000'000'000}]() mutable { return counter++; },
                             options.seed ^ 0xAC71u);
    const int64_t now_epoch_ms = now_ms();
    const std::string now = iso_utc(now_epoch_ms);
    const int64_t today = now_epoch_ms / 86400000;

    // Each contact and activity is written after its customer, with the customer's id as just
    // written: checking every reference would be a million lookups of the customers' primary
    // key to learn what holds by construction (a test runs PRAGMA foreign_key_check over a seed).
    ForeignKeysOff unchecked(db);
    Tx tx(db);
    Result<std::vector<std::string>> indexes = set_aside_plain_indexes(db);
    if (!indexes) return indexes.error();
    Stmt customer = db.prepare(R"sql(
        INSERT INTO customers (id, kind, name, code, type, level, industry, province, city, address, phone, email,
            owner_id, notes, created_at, updated_at, updated_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 'demo'))sql");
    Stmt contact = db.prepare(R"sql(
        INSERT INTO contacts (id, customer_id, name, title, phone, mobile, email, birthday, is_primary, owner_id,
            created_at, updated_at, updated_by, role, preferred_channel, no_email, no_sms, no_call, no_mail)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 'demo', ?12, ?13, ?14, ?15, ?16, ?17))sql");

    // In office hours, Beijing time (UTC+8): 09:00 to 17:45 is 01:00 to 09:45 UTC.
    // (Each draw in a statement of its own: the order of a call's arguments is up to the compiler,
    // and the browser's build and the server's must make the same dataset.)
    auto office_time = [&](int64_t day) {
        const int64_t hour = activity_gen.between(1, 9);
        const int64_t quarter = activity_gen.between(0, 3);
        return day * 86400000 + hour * 3600000 + quarter * 900000;
    };
    // Every customer's recent activities, drawn as its contacts are written and written with
    // the history after all the customers (write_activities).
    std::vector<PlannedActivity> activities;
    auto plan_activities = [&](uint32_t customer_index, const std::vector<std::string>& contact_ids) {
        auto plan = [&](size_t subject, int64_t at_ms, bool done, int outcome) {
            const bool note = subjects[subject][0] == "note";
            const int which = note || contact_ids.empty() || activity_gen.chance(0.3)
                                    ? -1
                                    : static_cast<int>(activity_gen.pick_index(contact_ids.size()));
            const bool with_next_step = outcome >= 0 && activity_gen.chance(0.5);
            activities.push_back({note ? now_epoch_ms : at_ms, customer_index, static_cast<int8_t>(which),
                                  static_cast<uint8_t>(subject), static_cast<int8_t>(outcome),
                                  static_cast<uint8_t>(PlannedActivity::written_now | (done ? PlannedActivity::done : 0) |
                                                       (with_next_step ? PlannedActivity::next_step : 0))});
        };
        // Done in the past four months, each a day or more ago.
        const int done_count = activity_gen.between(1, 3);
        for (int k = 0; k < done_count; ++k) {
            const int64_t day = today - activity_gen.between(1, 120);
            const int64_t planned = office_time(day);
            const size_t subject = activity_gen.pick_index(subjects.size());
            const auto outcome = static_cast<int>(activity_gen.pick_index(outcomes.size()));
            plan(subject, planned, true, outcome);
        }
        // Planned: some today (perhaps already overdue) or in the coming days, a few left undone last week.
        for (auto [chance, first_day, last_day] : {std::tuple{0.35, 0, 10}, std::tuple{0.08, -7, -1}}) {
            if (!activity_gen.chance(chance)) continue;
            const size_t subject = activity_gen.pick_index(subjects.size());
            const int64_t planned = office_time(today + activity_gen.between(first_day, last_day));
            plan(subject, planned, false, -1);
        }
    };

    std::vector<SeededCustomer> seeded;
    seeded.reserve(static_cast<size_t>(std::max(options.customers, 0)));
    SeededContacts contacts;

    // One draw an expression (the order of an expression's operands, as of a call's arguments,
    // is the compiler's: GCC and Clang made different names from the same numbers).
    auto chinese_name = [&] {
        const std::string& surname = gen.pick(surnames)[0];
        return surname + gen.pick(given)[0];
    };
    auto english_name = [&] {
        const std::string& first = gen.pick(english)[0];
        return first + " " + gen.pick(english)[1];
    };
    auto mobile = [&] {
        const int prefix = gen.between(30, 99);
        return "1" + std::to_string(prefix) + gen.digits(8);
    };

    for (int i = 0; i < options.customers; ++i) {
        const auto& city = gen.pick(cities);
        const auto& industry = gen.pick(industries);
        const bool english_company = gen.chance(0.3);
        const bool person = gen.chance(0.2);
        std::string name, email_domain, kind = person ? "person" : "company";
        if (person) {
            name = english_company ? english_name() : chinese_name();
            email_domain = "example.com";
        } else if (english_company) {
            const std::string& word = gen.pick(words_en)[0];
            name = word + " " + industry[0] + (gen.chance(0.5) ? " Co., Ltd." : " Inc.");
            email_domain = ascii_slug(word) + ascii_slug(industry[0]) + ".com";
        } else {
            name = city[1] + gen.pick(words_cn)[0] + industry[1] + "有限公司";
            email_domain = "corp" + gen.digits(4) + ".cn";
        }
        const std::string id = ids.next();
        const std::string code = "C" + std::to_string(10001 + i);
        const std::string phone = city[2] + "-" + gen.digits(8);
        static const char* const kTypes[] = {"consumer", "enterprise", "distributor", "public_institution"};
        static const char* const kLevels[] = {"A", "B", "B", "C", "C", "C", "D"};
        const char* type = person ? "consumer" : kTypes[gen.between(1, 3)];
        const char* level = kLevels[gen.between(0, 6)];
        const int street_number = gen.between(1, 999);
        customer.reset();
        customer.bind_all(id, kind, name, code, type, level, person ? "" : industry[0], city[0],
                          city[1], city[1] + "市" + std::to_string(street_number) + "号", phone,
                          (person ? ascii_slug(name) + std::to_string(i) : std::string("info")) + "@" + email_domain,
                          owners[i % owner_count], "", now);
        if (Status status = customer.run(); !status) return status;

        const int contact_count = person ? 0 : gen.between(1, 3);
        std::vector<std::string> contact_ids;
        for (int k = 0; k < contact_count; ++k) {
            const bool english_contact = english_company && gen.chance(0.8);
            const std::string contact_name = english_contact ? english_name() : chinese_name();
            const auto& title = gen.pick(titles);
            const std::string birthday = gen.chance(0.6) ? format_date(today - gen.between(25 * 365, 60 * 365)) : "";
            contact_ids.push_back(ids.next());
            SeededContacts::Row& c = contacts.add(static_cast<uint32_t>(i));
            contacts.set(c, SeededContacts::id, contact_ids.back());
            contacts.set(c, SeededContacts::name, contact_name);
            contacts.set(c, SeededContacts::title, english_contact ? title[0] : title[1]);
            contacts.set(c, SeededContacts::phone, phone);
            contacts.set(c, SeededContacts::mobile, mobile());
            contacts.set(c, SeededContacts::email, "contact" + std::to_string(k + 1) + "@" + email_domain);
            contacts.set(c, SeededContacts::birthday, birthday);
            c.primary = k == 0;
            // The first contact usually decides; a few people asked not to be emailed, texted, called or written to.
            c.role = k == 0 && preference_gen.chance(0.6) ? kRoles[0]
                     : preference_gen.chance(0.7)         ? kRoles[preference_gen.between(1, 5)]
                                                          : "";
            c.channel = preference_gen.chance(0.6) ? kChannels[preference_gen.between(0, 5)] : "";
            c.no_email = preference_gen.chance(0.08);
            c.no_sms = preference_gen.chance(0.06);
            c.no_call = preference_gen.chance(0.03);
            c.no_mail = preference_gen.chance(0.04);
        }
        plan_activities(static_cast<uint32_t>(i), contact_ids);
        seeded.push_back({id, std::move(contact_ids), owners[i % owner_count], english_company});
    }
    for (const SeededContacts::Row& c : contacts.rows()) {
        const SeededCustomer& customer_of = seeded[c.customer];
        contact.reset();
        for (int k = 0; k < SeededContacts::kTexts; ++k) {
            static constexpr int kParameter[SeededContacts::kTexts] = {1, 3, 4, 5, 6, 7, 8};
            contact.bind(kParameter[k], contacts.get(c, static_cast<SeededContacts::Text>(k)));
        }
        contact.bind(2, customer_of.id).bind(9, c.primary).bind(10, customer_of.owner).bind(11, now);
        contact.bind(12, c.role).bind(13, c.channel).bind(14, c.no_email).bind(15, c.no_sms).bind(16, c.no_call);
        contact.bind(17, c.no_mail);
        if (Status status = contact.run(); !status) return status;
    }
    contacts.clear();
    activities.reserve(activities.size() + static_cast<size_t>(std::max(options.history_activities, 0)));
    if (!seeded.empty()) draw_history(activities, seeded, options, subjects, outcomes, today);
    if (Status status = write_activities(db, std::move(activities), seeded, subjects, outcomes, activity_ids, now); !status) {
        return status;
    }
    if (Status status = add_groups(db, options, seeded, now); !status) return status;
    seeded = {};
    if (Status restored = restore_indexes(db, indexes.value()); !restored) return restored;
    return tx.commit();
}

// Measured over images of the seed (PRAGMA page_count): a customer with its contacts, its
// recent activities and its group memberships takes 2,650 bytes of pages at 100,000, an
// activity of history 485 (its row and its three indexes).
int64_t estimated_demo_bytes(const DemoOptions& options) {
    constexpr int64_t kSchema = 300 * 1024, kPerCustomer = 2'650, kPerActivity = 485;
    return kSchema + kPerCustomer * std::max(options.customers, 0) +
           (options.customers > 0 ? kPerActivity * std::max(options.history_activities, 0) : 0);
}

bool compact_memory_advised(const DemoOptions& options, int64_t above) {
    return estimated_demo_bytes(options) > above;
}

}  // namespace crm
