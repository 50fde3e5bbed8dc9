#include "domain/customer_import.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/normalize.hpp"
#include "core/text.hpp"
#include "domain/validation.hpp"

namespace crm {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Captions
//-----------------------------------------------------------------------------

// Captions people put over columns, besides the field names themselves, as caption_key()
// writes them: lower case, without spaces, underscores or hyphens.
struct Aliases {
    std::string_view column;
    std::initializer_list<std::string_view> captions;
};

const Aliases kAliases[] = {
    {"name",
     {"名称", "客户名称", "客户", "公司名称", "公司", "customer", "customername", "company", "companyname"}},
    {"code", {"编号", "客户编号", "代码", "客户代码", "customercode", "customerno", "no"}},
    {"kind", {"种类", "客户种类"}},
    {"type", {"类型", "客户类型", "customertype"}},
    {"level", {"等级", "客户等级", "级别", "grade"}},
    {"industry", {"行业", "所属行业"}},
    {"province", {"省份", "省", "state"}},
    {"city", {"城市", "市", "town"}},
    {"address", {"地址", "详细地址", "street"}},
    {"phone", {"电话", "联系电话", "手机", "telephone", "tel", "mobile"}},
    {"email", {"邮箱", "电子邮件", "电子邮箱", "mail", "emailaddress"}},
    {"owner_id", {"owner", "负责人", "业务员"}},
    {"notes", {"备注", "note", "remarks", "comments"}},
    {"tags", {"标签", "tag"}},
    {"lifecycle", {"生命周期", "阶段", "lifecyclestage"}},
    {"source", {"来源", "客户来源"}},
    {"member_level", {"会员等级"}},
    {"company_size", {"规模", "公司规模"}},
    {"business_status", {"经营状态"}},
    {"credit_rating", {"信用等级"}},
    {"trade_terms", {"交易条件"}},
    {"gender", {"性别"}},
    {"birthday", {"生日", "出生日期"}},
    {"family", {"家庭"}},
    {"occupation", {"职业"}},
    {"employer", {"工作单位"}},
    {"income_band", {"收入"}},
    {"interests", {"兴趣", "爱好"}},
    {"preferences", {"购买偏好", "偏好", "purchasepreferences"}},
};

std::string caption_key(std::string_view caption) {
    std::string key;
    for (char c : ascii_lower(trim(caption)))
        if (c != ' ' && c != '_' && c != '-') key.push_back(c);
    return key;
}

// The customer column a caption names; "" when none.
std::string_view column_of_caption(std::string_view caption) {
    const std::string key = caption_key(caption);
    if (key.empty()) return {};
    for (std::string_view column : customer_columns())
        if (caption_key(column) == key) return column;
    for (const Aliases& aliases : kAliases)
        for (std::string_view alias : aliases.captions)
            if (alias == key) return aliases.column;
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Planning a row
//-----------------------------------------------------------------------------

// The live customers a key value names, by the same match keys as the duplicate check
// (an email ignores case, a phone its spaces and dashes), each served by an index.
class KeyLookup {
public:
    KeyLookup(Db& db, ImportKey key) : stmt_(db.prepare(sql(key))) {}

    // Up to two ids: two are enough to know the key is ambiguous.
    std::vector<std::string> find(std::string_view value) {
        stmt_.reset();
        stmt_.bind(1, value);
        std::vector<std::string> ids;
        for (Result<bool> row = stmt_.step(); row.ok() && row.value(); row = stmt_.step()) ids.push_back(stmt_.text(0));
        stmt_.reset();
        return ids;
    }

private:
    static const char* sql(ImportKey key) {
        switch (key) {
            case ImportKey::code:
                return "SELECT id FROM customers WHERE code = ?1 COLLATE NOCASE AND code <> '' AND deleted = 0 LIMIT 2";
            case ImportKey::email:
                return "SELECT id FROM customers WHERE email_key = crm_email_key(?1) AND email_key <> '' "
                       "AND deleted = 0 LIMIT 2";
            case ImportKey::phone:
                return "SELECT id FROM customers WHERE phone_key = crm_phone_key(?1) AND phone_key <> '' "
                       "AND deleted = 0 LIMIT 2";
        }
        return "";
    }

    Stmt stmt_;
};

struct PlannedRow {
    Customer customer;  // what to save
    bool updates = false;
    Problems problems;  // found before validation: a repeated or ambiguous key, a permission
};

// The cell as a value: without the export's formula guard, trimmed.
std::string cell_value(const csv::Row& cells, size_t column) {
    return column < cells.size() ? trim(csv::strip_formula_guard(cells[column])) : std::string();
}

bool is_blank(const csv::Row& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) { return trim(cell).empty(); });
}

bool permitted(const ImportOptions& options, const PlannedRow& plan, std::string_view stored_owner) {
    if (!options.may) return true;
    const std::string& owner = plan.customer.owner_id;
    if (!plan.updates) return options.may("create", owner.empty() ? std::string_view(options.actor) : owner);
    return options.may("edit", stored_owner) && (owner == stored_owner || options.may("edit", owner));
}

// The stored value a choice cell means: the value itself or one of its captions, ignoring case
// and width. A cell that means none stays as written, for validate() to refuse.
class ChoiceValues {
public:
    explicit ChoiceValues(std::span<const ChoiceCaption> captions) {
        // Values first: where a caption reads like another value, the value wins.
        for (std::string_view column : customer_columns())
            for (std::string_view value : customer_choices(column)) values_.emplace(key(column, value), value);
        for (const ChoiceCaption& caption : captions)
            values_.emplace(key(caption.column, caption.caption), caption.value);
    }

    void resolve(std::string_view column, std::string& cell) const {
        if (customer_choices(column).empty()) return;
        if (auto found = values_.find(key(column, cell)); found != values_.end()) cell = found->second;
    }

private:
    static std::string key(std::string_view column, std::string_view text) {
        return std::string(column) + '\x1f' + fold_case_and_width(text);
    }

    std::map<std::string, std::string, std::less<>> values_;
};

// The form in which two cells of a column are the same key: as KeyLookup matches them.
std::string match_key(std::string_view column, std::string_view value) {
    if (column == "email") return email_key(value);
    if (column == "phone") return phone_key(value);
    return ascii_lower(value);  // a code, as COLLATE NOCASE compares it
}

// Plans the file's rows in order, for the preview and the job alike, so that both see the
// same problems. It remembers the first row of each key and of each code: a later row with
// either would write the customer an earlier row wrote, or give a second customer its code.
class RowPlanner {
public:
    RowPlanner(Db& db, const ImportOptions& options)
        : options_(options), lookup_(db, options.key), writer_(db), choices_(options.captions) {}

    PlannedRow plan(const csv::Row& cells, int row);
    CustomerWriter& writer() { return writer_; }

private:
    std::string mapped_cell(const csv::Row& cells, std::string_view column) const {
        const auto at = std::find(options_.mapping.begin(), options_.mapping.end(), column);
        return at == options_.mapping.end() ? std::string() : cell_value(cells, at - options_.mapping.begin());
    }
    // The first row with `value` in `column`, which `row` becomes when it is the first.
    int first_row(std::string_view column, std::string_view value, int row) {
        const std::string key = match_key(column, value);
        if (key.empty()) return row;
        return first_rows_.try_emplace(std::string(column) + '\x1f' + key, row).first->second;
    }

    const ImportOptions& options_;
    KeyLookup lookup_;
    CustomerWriter writer_;
    ChoiceValues choices_;
    std::map<std::string, int, std::less<>> first_rows_;
};

PlannedRow RowPlanner::plan(const csv::Row& cells, int row) {
    PlannedRow plan;
    const std::string key = key_column(options_.key);
    const std::string key_value = mapped_cell(cells, key);
    // Before anything else: a repeat is a repeat whatever the earlier row's own problems.
    for (const std::string_view column : {std::string_view(key), std::string_view("code")}) {
        if (const int first = first_row(column, mapped_cell(cells, column), row); first != row) {
            plan.problems.push_back({std::string(column), "same_as_row", first});
            return plan;
        }
    }
    std::string stored_owner;
    if (!key_value.empty()) {
        const std::vector<std::string> ids = lookup_.find(key_value);
        if (ids.size() > 1) {
            plan.problems.push_back({key, "ambiguous", 0});
            return plan;
        }
        if (std::optional<Customer> stored = ids.empty() ? std::nullopt : writer_.find(ids.front())) {
            plan.customer = std::move(*stored);
            plan.updates = true;
            stored_owner = plan.customer.owner_id;
        }
    }
    for (size_t column = 0; column < options_.mapping.size(); ++column) {
        std::string value = cell_value(cells, column);
        std::string* field = customer_text_field(plan.customer, options_.mapping[column]);
        if (!field || value.empty()) continue;
        choices_.resolve(options_.mapping[column], value);
        *field = std::move(value);
    }
    if (!permitted(options_, plan, stored_owner)) plan.problems.push_back({"owner_id", "forbidden", 0});
    return plan;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] The file
//-----------------------------------------------------------------------------

Result<ImportFile> read_import_file(std::string_view bytes) {
    Result<DecodedText> text = decode_text(bytes);
    if (!text) return text.error();
    Result<std::vector<csv::Row>> rows = csv::parse(text.value().text);
    if (!rows) return rows.error();
    std::vector<csv::Row>& all = rows.value();
    if (all.empty() || is_blank(all.front())) return Error{"empty", "the file has no header", {{"file", "empty", 0}}};
    ImportFile file;
    file.encoding = text.value().encoding;
    file.header = std::move(all.front());
    file.rows.assign(std::make_move_iterator(all.begin() + 1), std::make_move_iterator(all.end()));
    return file;
}

//-----------------------------------------------------------------------------
// [SECTION] Column mapping
//-----------------------------------------------------------------------------

ColumnMapping guess_mapping(std::span<const std::string> header) {
    ColumnMapping mapping;
    for (const std::string& caption : header) {
        std::string column(column_of_caption(caption));
        if (std::find(mapping.begin(), mapping.end(), column) != mapping.end()) column.clear();
        mapping.push_back(std::move(column));
    }
    return mapping;
}

//-----------------------------------------------------------------------------
// [SECTION] Options and preview
//-----------------------------------------------------------------------------

const char* key_column(ImportKey key) {
    switch (key) {
        case ImportKey::code: return "code";
        case ImportKey::email: return "email";
        case ImportKey::phone: return "phone";
    }
    return "code";
}

std::vector<PreviewRow> preview_import(Db& db, const ImportFile& file, const ImportOptions& options, size_t limit) {
    RowPlanner planner(db, options);
    std::vector<PreviewRow> preview;
    for (size_t i = 0; i < file.rows.size() && preview.size() < limit; ++i) {
        if (is_blank(file.rows[i])) continue;
        PlannedRow plan = planner.plan(file.rows[i], spreadsheet_row(i));
        if (plan.problems.empty()) plan.problems = planner.writer().validate(plan.customer);
        preview.push_back({spreadsheet_row(i), plan.updates, std::move(plan.problems)});
    }
    return preview;
}

//-----------------------------------------------------------------------------
// [SECTION] The job
//-----------------------------------------------------------------------------

// Declared in this order so that the statements are finalised before the rollback.
struct ImportJob::Transaction {
    Tx tx;
    RowPlanner planner;

    Transaction(Db& db, const ImportOptions& options) : tx(db), planner(db, options) {}
};

ImportJob::ImportJob(Db& db, const ImportFile& file, ImportOptions options)
    : file_(file), options_(std::move(options)), tx_(std::make_unique<Transaction>(db, options_)) {
    if (file_.rows.empty()) end();
}

ImportJob::~ImportJob() = default;

bool ImportJob::step_for(std::chrono::milliseconds budget) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + budget;
    while (state_ == State::running && next_ < total()) {
        import_row(next_++);
        if (Clock::now() >= deadline) break;
    }
    return more();
}

bool ImportJob::step(size_t rows) {
    for (size_t n = 0; n < rows && state_ == State::running && next_ < total(); ++n) import_row(next_++);
    return more();
}

bool ImportJob::more() {
    if (state_ == State::running && next_ == total()) end();
    return state_ == State::running;
}

void ImportJob::cancel() {
    if (state_ != State::running) return;
    tx_.reset();
    state_ = State::cancelled;
}

void ImportJob::import_row(size_t index) {
    const csv::Row& cells = file_.rows[index];
    if (is_blank(cells)) {
        ++summary_.blank;
        return;
    }
    PlannedRow plan = tx_->planner.plan(cells, spreadsheet_row(index));
    if (plan.problems.empty()) {
        if (Status saved = tx_->planner.writer().save(plan.customer, options_.actor); !saved) {
            if (saved.error().code != "invalid") return fail(saved.error());
            plan.problems = saved.error().fields;
        }
    }
    if (!plan.problems.empty()) {
        summary_.bad_rows.push_back({spreadsheet_row(index), std::move(plan.problems)});
        return;
    }
    ++(plan.updates ? summary_.updated : summary_.inserted);
}

void ImportJob::end() {
    if (options_.mode == ImportMode::all_or_nothing && !summary_.bad_rows.empty()) {
        tx_.reset();
        summary_.inserted = summary_.updated = 0;
        state_ = State::rejected;
        return;
    }
    if (Status committed = tx_->tx.commit(); !committed) return fail(committed.error());
    tx_.reset();
    state_ = State::committed;
}

void ImportJob::fail(Error error) {
    tx_.reset();
    error_ = std::move(error);
    state_ = State::failed;
}

}  // namespace crm
