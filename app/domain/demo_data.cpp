#include "domain/demo_data.hpp"

#include <random>
#include <string>
#include <string_view>
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

class Generator {
public:
    explicit Generator(uint32_t seed) : random_(seed) {}

    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random_)];
    }
    int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
    std::string digits(int count) {
        std::string out;
        for (int i = 0; i < count; ++i) out += static_cast<char>('0' + between(0, 9));
        return out;
    }

private:
    std::mt19937 random_;
};

std::string ascii_slug(std::string_view text) {
    std::string out;
    for (char c : text)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    return out;
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
    static const char* const kDefaultOwners[] = {"sales1", "sales2", "agent1", "agent2"};
    const char* const* owners = options.owners ? options.owners : kDefaultOwners;
    const int owner_count = options.owners ? options.owner_count : 4;

    Generator gen(options.seed);
    // Demo ids are derived from the seed too, so the same seed gives the same dataset.
    IdGenerator ids([counter = int64_t{1'700'000'000'000}]() mutable { return counter++; }, options.seed);
    const std::string now = iso_utc(now_ms());
    const int64_t today = now_ms() / 86400000;

    Tx tx(db);
    Stmt customer = db.prepare(R"sql(
        INSERT INTO customers (id, kind, name, code, type, level, industry, province, city, address, phone, email,
            owner_id, notes, created_at, updated_at, updated_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 'demo'))sql");
    Stmt contact = db.prepare(R"sql(
        INSERT INTO contacts (id, customer_id, name, title, phone, mobile, email, birthday, is_primary, owner_id,
            created_at, updated_at, updated_by)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 'demo'))sql");

    auto chinese_name = [&] { return gen.pick(surnames)[0] + gen.pick(given)[0]; };
    auto english_name = [&] { return gen.pick(english)[0] + " " + gen.pick(english)[1]; };
    auto mobile = [&] { return "1" + std::to_string(gen.between(30, 99)) + gen.digits(8); };

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
        customer.reset();
        customer.bind_all(id, kind, name, code, type, kLevels[gen.between(0, 6)], person ? "" : industry[0], city[0],
                          city[1], city[1] + "市" + std::to_string(gen.between(1, 999)) + "号", phone,
                          (person ? ascii_slug(name) + std::to_string(i) : std::string("info")) + "@" + email_domain,
                          owners[i % owner_count], "", now);
        if (Status status = customer.run(); !status) return status;

        const int contact_count = person ? 0 : gen.between(1, 3);
        for (int k = 0; k < contact_count; ++k) {
            const bool english_contact = english_company && gen.chance(0.8);
            const std::string contact_name = english_contact ? english_name() : chinese_name();
            const auto& title = gen.pick(titles);
            const std::string birthday = gen.chance(0.6) ? format_date(today - gen.between(25 * 365, 60 * 365)) : "";
            contact.reset();
            contact.bind_all(ids.next(), id, contact_name, english_contact ? title[0] : title[1], phone, mobile(),
                             "contact" + std::to_string(k + 1) + "@" + email_domain, birthday, k == 0,
                             owners[i % owner_count], now);
            if (Status status = contact.run(); !status) return status;
        }
    }
    return tx.commit();
}

}  // namespace crm
