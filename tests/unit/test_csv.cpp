// Tests for core/csv: reading RFC 4180 (quotes, line breaks inside them, CRLF and LF, the
// byte order mark, ragged rows, an unterminated quote) and writing (quoting only when
// needed, CRLF, the byte order mark, the guard against formulas).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/csv.hpp"
#include "support.hpp"

using namespace crm;
using Rows = std::vector<csv::Row>;

namespace {

Rows parsed(std::string_view text) {
    Result<Rows> rows = csv::parse(text);
    INFO(crm::test::error_text(rows));
    REQUIRE(rows.ok());
    return rows.value();
}

}  // namespace

TEST_CASE("csv reads plain fields with LF or CRLF row ends, and a last row without one") {
    CHECK(parsed("a,b\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parsed("a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parsed("a,b\r\n1,2") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(parsed("").empty());
}

TEST_CASE("csv reads quoted fields with commas, doubled quotes and line breaks of every kind inside") {
    CHECK(parsed("\"a,b\",\"say \"\"hi\"\"\"\n") == Rows{{"a,b", "say \"hi\""}});
    CHECK(parsed("\"line1\nline2\",x\r\n") == Rows{{"line1\nline2", "x"}});
    CHECK(parsed("\"line1\r\nline2\",x\r\n") == Rows{{"line1\r\nline2", "x"}});
    CHECK(parsed("\"line1\rline2\",x\n") == Rows{{"line1\rline2", "x"}});
    CHECK(parsed("\"\",\"\"\n") == Rows{{"", ""}});
}

TEST_CASE("csv skips a UTF-8 byte order mark and keeps Chinese text as it is") {
    CHECK(parsed("\xEF\xBB\xBF名称,城市\r\n华信科技,北京\r\n") == Rows{{"名称", "城市"}, {"华信科技", "北京"}});
}

TEST_CASE("csv keeps ragged rows and blank lines as they are, so row numbers match a spreadsheet") {
    CHECK(parsed("a,b,c\n1\n\n1,2,3,4\n") == Rows{{"a", "b", "c"}, {"1"}, {""}, {"1", "2", "3", "4"}});
    CHECK(parsed("a,\n") == Rows{{"a", ""}});
}

TEST_CASE("an unterminated quote fails with the line the quoted field starts on") {
    Result<Rows> rows = csv::parse("a,b\n\"x\ny\",2\n3,\"open\nmore\n");
    REQUIRE_FALSE(rows.ok());
    CHECK(rows.error().code == "csv");
    REQUIRE(rows.error().fields.size() == 1);
    CHECK(rows.error().fields[0] == FieldError{"file", "unterminated_quote", 4});
}

TEST_CASE("csv writes quotes only where a field needs them, CRLF row ends and a byte order mark first") {
    csv::Writer writer;
    writer.row({"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx", " lead", "trail ", "中文"});
    writer.row(std::vector<std::string>{"", "x"});
    CHECK(writer.take() == "\xEF\xBB\xBFplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\","
                           "\" lead\",\"trail \",中文\r\n,x\r\n");
}

TEST_CASE("cells that a spreadsheet would run as formulas get an apostrophe, and reading takes it off") {
    for (const char* cell : {"=1+1", "+86 10 6552 8888", "-5", "@SUM(A1)"}) {
        CAPTURE(cell);
        CHECK(csv::encode_cell(cell) == std::string("'") + cell);
        CHECK(csv::strip_formula_guard(csv::encode_cell(cell)) == cell);
    }
    CHECK(csv::encode_cell("=A1,B1") == "\"'=A1,B1\"");
    CHECK(csv::strip_formula_guard("'plain") == "'plain");
    CHECK(csv::strip_formula_guard("'") == "'");
}

TEST_CASE("what the writer writes, the reader reads back") {
    const std::vector<std::string> cells = {"a,b", "say \"hi\"", "two\r\nlines", " x ", "华信"};
    csv::Writer writer;
    writer.row(cells);
    writer.row(cells);
    CHECK(parsed(writer.take()) == Rows{cells, cells});
}

TEST_CASE("rows for the clipboard: tabs between cells, CR LF after each row, quotes only where a cell needs them") {
    CHECK(csv::tab_separated({}) == "");
    CHECK(csv::tab_separated({{"Name", "City"}, {"华信科技有限公司", "北京"}}) == "Name\tCity\r\n华信科技有限公司\t北京\r\n");
    // A comma or a space needs nothing in TSV; a tab, quote or line break is quoted as in CSV.
    CHECK(csv::tab_separated({{"Acme, Inc.", " x "}}) == "Acme, Inc.\t x \r\n");
    CHECK(csv::tab_separated({{"a\tb", "say \"hi\"", "two\nlines", ""}}) ==
          "\"a\tb\"\t\"say \"\"hi\"\"\"\t\"two\nlines\"\t\r\n");
    // What a spreadsheet would run as a formula stays text.
    CHECK(csv::tab_separated({{"=HYPERLINK(1)", "-5"}}) == "'=HYPERLINK(1)\t'-5\r\n");
}
