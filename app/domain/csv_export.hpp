// Lists as CSV files to download (导出 CSV): the customers list exactly as filtered and
// sorted, and contacts with their opt-outs honoured.
//
// Headers are the field names ("name", "code", "member_level"), not translated captions:
// they read the same whatever language the exporter used, and guess_mapping() maps them
// back, so an export imports again unchanged. Files are UTF-8 with a byte order mark (core/csv),
// which Excel on Chinese Windows needs to show Chinese.
#pragma once

#include <span>
#include <string>

#include "core/db.hpp"
#include "domain/customer.hpp"
#include "domain/record_list.hpp"

namespace crm {

struct CsvExport {
    std::string bytes;
    int rows = 0;      // records written, header not counted
    int left_out = 0;  // contacts who opted out of everything
};

// The live customers `query` finds, in its order (the list's find_customer_rowids), every
// editable field (customer_columns()) a column.
CsvExport export_customers_csv(Db& db, const CustomerQuery& query);

// The live contacts of these customers (in their order) or of all customers (by customer
// name), one row each: customer_code, customer_name, name, title, role, phone, mobile, email,
// address, birthday. Opt-outs empty the cells of their channel: no_email the email,
// no_call the phone, no_call or no_sms the mobile (a mobile number takes calls and texts
// alike, and the file cannot say which it will be used for), no_mail the address. A contact
// who opted out of all four is left out and counted.
CsvExport export_contacts_csv(Db& db, std::span<const std::string> customer_ids);
CsvExport export_all_contacts_csv(Db& db);
// The same for the contacts list's rows (domain record_list), in their order.
CsvExport export_contact_rows_csv(Db& db, std::span<const int64_t> contact_rowids);

// A list's rows (domain record_list), in their order: a header of the spec's column keys,
// then each row's cells as stored (times in UTC).
CsvExport export_list_csv(Db& db, const ListSpec& spec, std::span<const int64_t> rowids);

}  // namespace crm
