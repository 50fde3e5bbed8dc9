#include "domain/csv_export.hpp"

#include <vector>

#include "core/csv.hpp"

namespace crm {

namespace {

constexpr const char* kContactsSql = R"sql(
SELECT cu.code, cu.name, c.name, c.title, c.role, c.phone, c.mobile, c.email, c.address, c.birthday,
       c.no_email, c.no_sms, c.no_call, c.no_mail
FROM contacts c JOIN customers cu ON cu.id = c.customer_id
WHERE c.deleted = 0 AND cu.deleted = 0)sql";

constexpr const char* kContactsOrder =
    " ORDER BY cu.name COLLATE NOCASE, c.is_primary DESC, c.name COLLATE NOCASE, c.id";

// Writes the rows of a statement over kContactsSql, opt-outs applied.
class ContactWriter {
public:
    ContactWriter() {
        writer_.row({"customer_code", "customer_name", "name", "title", "role", "phone", "mobile", "email", "address",
                     "birthday"});
    }

    void write_all(Stmt& stmt) {
        while (stmt.step().value_or(false)) write(stmt);
        stmt.reset();
    }

    CsvExport take() {
        result_.bytes = writer_.take();
        return std::move(result_);
    }

private:
    void write(const Stmt& s) {
        const bool no_email = s.boolean(10), no_sms = s.boolean(11), no_call = s.boolean(12), no_mail = s.boolean(13);
        if (no_email && no_sms && no_call && no_mail) {
            ++result_.left_out;
            return;
        }
        std::vector<std::string> cells;
        for (int column = 0; column < 10; ++column) cells.push_back(s.text(column));
        if (no_call) cells[5].clear();
        if (no_call || no_sms) cells[6].clear();
        if (no_email) cells[7].clear();
        if (no_mail) cells[8].clear();
        writer_.row(cells);
        ++result_.rows;
    }

    csv::Writer writer_;
    CsvExport result_;
};

}  // namespace

CsvExport export_customers_csv(Db& db, const CustomerQuery& query) {
    const std::span<const std::string_view> columns = customer_columns();
    csv::Writer writer;
    writer.row(std::vector<std::string>(columns.begin(), columns.end()));
    CsvExport result;
    std::vector<std::string> cells(columns.size());
    for_each_customer(db, find_customer_rowids(db, query), [&](const Customer& customer) {
        for (size_t i = 0; i < columns.size(); ++i) cells[i] = *customer_text_field(customer, columns[i]);
        writer.row(cells);
        ++result.rows;
    });
    result.bytes = writer.take();
    return result;
}

CsvExport export_contacts_csv(Db& db, std::span<const std::string> customer_ids) {
    Stmt stmt = db.prepare(std::string(kContactsSql) + " AND c.customer_id = ?1" + kContactsOrder);
    ContactWriter writer;
    for (const std::string& id : customer_ids) {
        stmt.bind(1, id);
        writer.write_all(stmt);
    }
    return writer.take();
}

CsvExport export_all_contacts_csv(Db& db) {
    Stmt stmt = db.prepare(std::string(kContactsSql) + kContactsOrder);
    ContactWriter writer;
    writer.write_all(stmt);
    return writer.take();
}

CsvExport export_contact_rows_csv(Db& db, std::span<const int64_t> contact_rowids) {
    Stmt stmt = db.prepare(std::string(kContactsSql) + " AND c.rowid = ?1");
    ContactWriter writer;
    for (int64_t rowid : contact_rowids) {
        stmt.bind(1, rowid);
        writer.write_all(stmt);
    }
    return writer.take();
}

CsvExport export_list_csv(Db& db, const ListSpec& spec, std::span<const int64_t> rowids) {
    csv::Writer writer;
    std::vector<std::string> header;
    for (const ListColumn& column : spec.columns) header.emplace_back(column.key);
    writer.row(header);
    CsvExport result;
    ListRows rows(db, spec);
    for (int64_t rowid : rowids) {
        if (std::optional<ListRow> row = rows.load(rowid)) {
            writer.row(row->cells);
            ++result.rows;
        }
    }
    result.bytes = writer.take();
    return result;
}

}  // namespace crm
