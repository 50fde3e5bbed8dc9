// CSV files as RFC 4180 writes them, and as Excel and WPS read and write them (逗号分隔文件).
//
// [SECTION] Reading
// [SECTION] Writing
//
// Reading takes UTF-8 text (core/text_encoding turns GB18030 bytes into it first): fields
// separated by commas, rows ended by CRLF or LF, a field in double quotes may hold commas,
// line breaks and doubled quotes (""). Rows keep as many fields as they have (ragged rows
// are the caller's business). A blank line is a row of one empty field, so that row numbers
// stay those of a spreadsheet.
//
// Writing quotes a field only when it must, ends rows with CRLF and starts the file with a
// UTF-8 byte order mark: without it, Excel on Chinese Windows reads UTF-8 as GBK and shows
// mojibake.
//
// Formula injection (CSV injection): a spreadsheet runs a cell that starts with = + - or @ as
// a formula, and a formula can fetch URLs or run commands (=HYPERLINK, =cmd|...). A customer's
// name typed by anyone must not become one on a colleague's PC, so the writer puts an
// apostrophe before such a cell ("'=1+1"): spreadsheets show the text and hide the apostrophe.
// Phone numbers such as "+86 10 6552 8888" get one too. Reading (strip_formula_guard) takes it
// off again, so an export imports back unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace crm::csv {

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

using Row = std::vector<std::string>;

// Every row of `text`; a leading UTF-8 byte order mark is skipped. A quote left open at the
// end of the text fails with code "csv" and the problem {"file", "unterminated_quote",
// line}, where line (1-based) is the line the quoted field starts on.
Result<std::vector<Row>> parse(std::string_view text);

// The cell without the apostrophe the writer puts before = + - @ ("'=A1" -> "=A1").
std::string_view strip_formula_guard(std::string_view cell);

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

// One cell as written: guarded against formulas, quoted when it holds a comma, quote, CR or
// LF, or starts or ends with a space.
std::string encode_cell(std::string_view cell);

// Rows as a spreadsheet puts them on the clipboard, and takes them from it: cells separated
// by tabs, rows ended by CR LF; a cell holding a tab, quote, CR or LF quoted as in CSV, and
// guarded against formulas as encode_cell() does. No byte order mark.
std::string tab_separated(const std::vector<std::vector<std::string>>& rows);

// Builds a file row by row: Writer w; w.row({"Name", "City"}); ... std::string bytes = w.take();
class Writer {
public:
    Writer();  // starts with the byte order mark
    void row(const std::vector<std::string>& cells);
    void row(std::initializer_list<std::string_view> cells);
    std::string take() { return std::move(out_); }

private:
    template <class Cells>
    void append(const Cells& cells);

    std::string out_;
};

}  // namespace crm::csv
