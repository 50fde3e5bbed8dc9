#include "core/csv.hpp"

#include "core/text_encoding.hpp"

namespace crm::csv {

namespace {

// Reads one row at a time from the text, keeping the line number for errors.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {
        if (text_.starts_with(kUtf8Bom)) pos_ = kUtf8Bom.size();
    }

    bool at_end() const { return pos_ >= text_.size(); }
    int line() const { return line_; }

    // The next row; false when a quoted field runs to the end of the text.
    bool read_row(Row& row) {
        row.clear();
        for (;;) {
            std::string field;
            if (!read_field(field)) return false;
            row.push_back(std::move(field));
            if (at_end()) return true;
            const char separator = text_[pos_++];
            if (separator == ',') continue;
            // The field stopped at a line break: CRLF or LF ends the row, and so does a lone CR
            // (old Mac files), as Excel reads them.
            if (separator == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            ++line_;
            return true;
        }
    }

private:
    bool read_field(std::string& field) {
        if (pos_ < text_.size() && text_[pos_] == '"') return read_quoted(field);
        const size_t stop = text_.find_first_of(",\r\n", pos_);
        const size_t end = stop == std::string_view::npos ? text_.size() : stop;
        field.assign(text_.substr(pos_, end - pos_));
        pos_ = end;
        return true;
    }

    // After the closing quote, text up to the next separator is kept as it is (a"b"c -> abc is
    // what Excel makes of `"a"b,`: the tail is appended).
    bool read_quoted(std::string& field) {
        const int opened_on = line_;
        ++pos_;
        for (;;) {
            const size_t quote = text_.find('"', pos_);
            if (quote == std::string_view::npos) {
                line_ = opened_on;
                return false;
            }
            count_lines(pos_, quote);
            field.append(text_.substr(pos_, quote - pos_));
            pos_ = quote + 1;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                field.push_back('"');
                ++pos_;
                continue;
            }
            std::string tail;
            read_field(tail);
            field += tail;
            return true;
        }
    }

    // Line breaks inside a quoted field still count for the line numbers of later errors.
    void count_lines(size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= to || text_[i + 1] != '\n'))) ++line_;
        }
    }

    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1;
};

bool starts_formula(std::string_view cell) {
    return !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@');
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

Result<std::vector<Row>> parse(std::string_view text) {
    Reader reader(text);
    std::vector<Row> rows;
    Row row;
    while (!reader.at_end()) {
        if (!reader.read_row(row)) {
            const int line = reader.line();
            return Error{"csv", "unterminated quote from line " + std::to_string(line),
                         {{"file", "unterminated_quote", line}}};
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string_view strip_formula_guard(std::string_view cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && starts_formula(cell.substr(1))) cell.remove_prefix(1);
    return cell;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

namespace {

// The cell with the formula guard, in quotes (inner ones doubled) when `needs_quotes` says so.
std::string guarded_cell(std::string_view cell, bool (*needs_quotes)(std::string_view)) {
    std::string text;
    if (starts_formula(cell)) text.push_back('\'');
    text.append(cell);
    if (!needs_quotes(text)) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    return quoted + "\"";
}

}  // namespace

std::string encode_cell(std::string_view cell) {
    return guarded_cell(cell, [](std::string_view text) {
        return text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    });
}

std::string tab_separated(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const std::vector<std::string>& cells : rows) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out.push_back('\t');
            out += guarded_cell(cells[i], [](std::string_view text) {
                return text.find_first_of("\t\"\r\n") != std::string_view::npos;
            });
        }
        out += "\r\n";
    }
    return out;
}

Writer::Writer() : out_(kUtf8Bom) {}

void Writer::row(const std::vector<std::string>& cells) { append(cells); }

void Writer::row(std::initializer_list<std::string_view> cells) { append(cells); }

template <class Cells>
void Writer::append(const Cells& cells) {
    bool first = true;
    for (const auto& cell : cells) {
        if (!first) out_.push_back(',');
        out_ += encode_cell(cell);
        first = false;
    }
    out_ += "\r\n";
}

}  // namespace crm::csv
