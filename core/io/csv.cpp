#include "io/csv.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <deque>
#include <span>
#include <string_view>

#include "io/duplicate_ids.h"
#include "io/stream_text.h"
#include "io/utf8.h"
#include "model/checked_math.h"

namespace tela {
namespace {

enum Column { kId, kLower, kUpper, kSize, kAlignment, kOffset, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "id", "lower", "upper", "size", "alignment", "offset"};
constexpr int kRequiredColumns = 4;  // id, lower, upper, size
// A line longer than this is no line of buffers: reading stops there (an endless stream without
// line ends, or a binary file through a pipe, would otherwise be read until memory runs out)
// and the line is reported. Metadata cells leave plenty of room below it.
constexpr size_t kLongestLine = size_t{1} << 20;

// One cell of a row: its text (unquoted) and the 1-based column where it starts.
struct Cell {
  std::string_view text;
  int64_t column = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Levenshtein distance, for "did you mean" on column names (a few characters each).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string lower_case(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of a cell of 1 to 18 digits, with a minus sign or not: no such cell can overflow,
// so the digits are summed without the checks std::from_chars makes (which took two thirds of
// parsing a number). False for anything else, which from_chars then judges.
bool plain_integer(std::string_view text, int64_t& value) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 18) return false;
  int64_t sum = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    sum = sum * 10 + (c - '0');
  }
  value = negative ? -sum : sum;
  return true;
}

// Walks a text's lines. A line ends at LF, CRLF or a lone CR (classic Mac OS files), each one
// line for the line numbers messages give. The next LF is looked up once, not per line: in a
// file of lone CRs it is far away, or nowhere.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text), lf_(text.find('\n')) {}
  bool done() const { return pos_ > text_.size(); }
  // The next line, without its end.
  std::string_view next() {
    if (lf_ != std::string_view::npos && lf_ < pos_) lf_ = text_.find('\n', pos_);
    const size_t end = lf_ == std::string_view::npos ? text_.size() : lf_;
    std::string_view line = text_.substr(pos_, end - pos_);
    if (const size_t cr = line.find('\r'); cr != std::string_view::npos && cr + 1 < line.size()) {
      pos_ += cr + 1;  // a lone CR: the line ends there
      return line.substr(0, cr);
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF, or a CR at the end
    pos_ = end + 1;
    return line;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t lf_;  // the first LF at or after pos_, or npos
};

class Parser {
 public:
  Parser(std::string text, const std::string& file, const CsvReadOptions& options)
      : text_(std::move(text)), file_(file), options_(options) {}

  CsvReadResult run() {
    CsvReadResult result;
    result.problem.capacity = options_.capacity.value_or(0);
    const bool parsed = parse(result);
    // Ids are compared once the rows are read (see io/duplicate_ids.h). A repeat among the rows
    // read before an error comes earlier in the file than it, so it is the one reported.
    if (!ids_unique(result) || !parsed) {
      result.problem = {};
      result.columns.clear();
      result.lines.clear();
      result.error = error_;
    }
    return result;
  }

 private:
  // `column` counts bytes of the current line (line_); the message counts characters.
  bool fail(int64_t line, int64_t column, std::string what) {
    if (column > 1) {
      const size_t bytes = size_t(column - 1);
      const std::string_view before = line_.substr(0, std::min(bytes, line_.size()));
      column = utf8_characters(before) + int64_t(bytes - before.size()) + 1;
    }
    error_ = InputError{file_, line, column, std::move(what)};
    return false;
  }

  // False, with the error, when two of the rows read (those with a line) share an id.
  bool ids_unique(const CsvReadResult& result) {
    const std::vector<Buffer>& buffers = result.problem.buffers;
    const std::optional<DuplicateId> duplicate =
        first_duplicate_id(std::span(buffers.data(), result.lines.size()));
    if (!duplicate) return true;
    const int64_t line_number = result.lines[duplicate->row];
    Lines lines(body_);
    for (int64_t n = 1; n <= line_number; ++n) line_ = lines.next();
    std::vector<Cell> cells;
    scratch_.clear();
    split(line_, line_number, cells);  // it split before, when the row was read
    return fail(line_number, cells[size_t(index_[kId])].column,
                "duplicate id '" + printable(buffers[duplicate->row].id) + "' (first on line " +
                    std::to_string(result.lines[duplicate->first]) + ")");
  }

  // Splits one line into cells, honouring double-quoted cells ("a,b" and "say ""hi""").
  bool split(std::string_view line, int64_t line_number, std::vector<Cell>& cells) {
    cells.clear();
    size_t pos = 0;
    while (true) {
      const size_t start = pos;
      size_t end = line.find(',', pos);
      std::string_view raw = line.substr(start, end == std::string_view::npos ? end : end - start);
      std::string_view cell = trim(raw);
      if (!cell.empty() && cell.front() == '"') {
        const size_t open = line.find('"', start);
        std::string& unquoted = scratch_.emplace_back();
        size_t i = open + 1;
        for (;; ++i) {
          if (i >= line.size())
            return fail(line_number, int64_t(open) + 1,
                        "unterminated quoted cell (a quoted cell must end on its line: cells never span lines)");
          if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') { unquoted += '"'; ++i; continue; }
            break;
          }
          unquoted += line[i];
        }
        end = line.find(',', i + 1);
        if (!trim(line.substr(i + 1, end == std::string_view::npos ? end : end - i - 1)).empty())
          return fail(line_number, int64_t(i) + 2, "unexpected text after a quoted cell");
        cells.push_back({unquoted, int64_t(open) + 1});
      } else {
        cells.push_back({cell, int64_t(start + (cell.data() - raw.data())) + 1});
      }
      if (end == std::string_view::npos) return true;
      pos = end + 1;
    }
  }

  bool parse_header(std::string_view line) {
    std::vector<Cell> cells;
    if (!split(line, header_line_, cells)) return false;
    index_.fill(-1);
    std::vector<Cell> unknown;  // metadata columns, for "did you mean" below
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string name = lower_case(cells[i].text);
      if (name.empty())
        return fail(header_line_, cells[i].column, "column " + std::to_string(i + 1) + " of the header has no name");
      // Only the file's first bytes may be a byte order mark: inside a name it would make the
      // name another one (a known column) wherever the file is written with it first.
      // The UTF-16 marks' bytes too: written first, they would make the file read as UTF-16.
      const std::string_view text = cells[i].text;
      if (text.starts_with("\xEF\xBB\xBF") || text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
        return fail(header_line_, cells[i].column,
                    "column " + std::to_string(i + 1) + " of the header starts with a byte order mark (U+FEFF), "
                    "which only the file's first bytes may hold");
      if (std::find_if(columns_.begin(), columns_.end(), [&](const std::string& c) { return lower_case(c) == name; }) !=
          columns_.end())
        return fail(header_line_, cells[i].column, "column '" + printable(name) + "' appears twice");
      auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
      if (known == kColumnNames.end()) {  // kept as metadata
        metadata_columns_.push_back(int(i));
        unknown.push_back(cells[i]);
        columns_.emplace_back(cells[i].text);
        continue;
      }
      index_[size_t(known - kColumnNames.begin())] = int(i);
      columns_.push_back(name);
    }
    return check_header_columns(line, unknown);
  }

  // The header's columns as the file names them, for a message ("name, start, end, bytes").
  std::string named_columns() const {
    std::string text;
    for (size_t i = 0; i < columns_.size() && i < 8; ++i) text += (i ? ", " : "") + printable(columns_[i]);
    if (columns_.size() > 8) text += ", ...";
    return text;
  }

  // A known column that is missing while a metadata column is spelt nearly like it is a typo,
  // not metadata: it is rejected rather than silently kept.
  bool check_header_columns(std::string_view line, const std::vector<Cell>& unknown) {
    // One column holding tabs or semicolons: a spreadsheet's copy, or a European CSV. Said as
    // such, not as "missing column 'id'" beside a header that plainly has id.
    if (columns_.size() == 1)
      for (const char separator : {'\t', ';'})
        if (const size_t at = line.find(separator); at != std::string_view::npos)
          return fail(header_line_, int64_t(at) + 1,
                      std::string("columns are separated by ") + (separator == ';' ? "semicolons" : "tabs") +
                          "; tela reads comma-separated values (id,lower,upper,size)");
    for (int c = 0; c < kColumnCount; ++c) {
      if (index_[size_t(c)] >= 0) continue;
      // Two edits away from a short name is another word ('end' is not 'id'): one, for those.
      const size_t most = kColumnNames[size_t(c)].size() <= 4 ? 1 : 2;
      for (const Cell& cell : unknown)
        if (edit_distance(lower_case(cell.text), kColumnNames[size_t(c)]) <= most)
          return fail(header_line_, cell.column,
                      "unknown column '" + printable(cell.text) + "': did you mean '" +
                          std::string(kColumnNames[size_t(c)]) +
                          "'? (columns other than id, lower, upper, size, alignment and offset are "
                          "kept as metadata)");
    }
    for (int c = 0; c < kRequiredColumns; ++c)
      if (index_[size_t(c)] < 0)
        return fail(header_line_, int64_t(line.size()) + 1,
                    "missing column '" + std::string(kColumnNames[size_t(c)]) +
                        "'; a header needs id, lower, upper, size (this one names " + named_columns() + ")");
    if (options_.require_offsets && index_[kOffset] < 0)
      return fail(header_line_, int64_t(line.size()) + 1,
                  "missing column 'offset'; a solution gives every buffer an offset");
    return true;
  }

  // Parses a 64-bit integer cell; `name` is the column, for the message.
  bool integer(const Cell& cell, int64_t line, std::string_view name, int64_t& value) {
    if (plain_integer(cell.text, value) && value <= kMaxValue && value >= -kMaxValue) return true;
    const char* first = cell.text.data();
    const char* last = first + cell.text.size();
    if (cell.text.empty())
      return fail(line, cell.column, std::string(name) + " is empty; expected an integer");
    auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range)
      return fail(line, cell.column,
                  std::string(name) + " '" + printable(cell.text) + "' overflows 64 bits");
    if (ec != std::errc() || ptr != last)
      return fail(line, cell.column,
                  std::string(name) + " '" + printable(cell.text) + "' is not an integer");
    if (value > kMaxValue || value < -kMaxValue)
      return fail(line, cell.column,
                  std::string(name) + " " + std::to_string(value) +
                      " is out of range; values must lie within +-2^62");
    return true;
  }

  bool parse_row(const std::vector<Cell>& cells, int64_t line, Buffer& b) {
    const Cell& id = cells[index_[kId]];
    if (id.text.empty()) return fail(line, id.column, "id is empty");
    b.id = std::string(id.text);
    const Cell& lower = cells[index_[kLower]];
    const Cell& upper = cells[index_[kUpper]];
    const Cell& size = cells[index_[kSize]];
    if (!integer(lower, line, "lower", b.lower) || !integer(upper, line, "upper", b.upper) ||
        !integer(size, line, "size", b.size))
      return false;
    if (b.upper <= b.lower)
      return fail(line, upper.column,
                  "upper (" + std::to_string(b.upper) + ") must be greater than lower (" +
                      std::to_string(b.lower) + "): the live range [lower, upper) is empty");
    if (b.size < 0) return fail(line, size.column, "size " + std::to_string(b.size) + " is negative");
    if (index_[kAlignment] >= 0 && !cells[index_[kAlignment]].text.empty()) {
      const Cell& cell = cells[index_[kAlignment]];
      if (!integer(cell, line, "alignment", b.alignment)) return false;
      if (b.alignment <= 0 || (b.alignment & (b.alignment - 1)) != 0)
        return fail(line, cell.column,
                    "alignment " + std::to_string(b.alignment) + " is not a power of two");
    }
    return parse_offset(cells, line, b);
  }

  bool parse_offset(const std::vector<Cell>& cells, int64_t line, Buffer& b) {
    if (index_[kOffset] < 0) return true;
    const Cell& cell = cells[index_[kOffset]];
    if (cell.text.empty()) {
      if (options_.require_offsets) return fail(line, cell.column, "offset is empty");
      return true;
    }
    Offset offset = 0;
    if (!integer(cell, line, "offset", offset)) return false;
    if (options_.require_offsets) {
      b.fixed_offset = offset;
      return true;
    }
    if (offset < 0) return fail(line, cell.column, "offset " + std::to_string(offset) + " is negative");
    if (offset % b.alignment != 0)
      return fail(line, cell.column,
                  "offset " + std::to_string(offset) + " is not a multiple of the alignment " +
                      std::to_string(b.alignment));
    if (offset > kMaxValue - b.size)
      return fail(line, cell.column,
                  "offset " + std::to_string(offset) + " + size " + std::to_string(b.size) +
                      " ends past 2^62, the highest address tela handles");
    if (options_.capacity && offset + b.size > *options_.capacity)
      return fail(line, cell.column,
                  "offset " + std::to_string(offset) + " + size " + std::to_string(b.size) +
                      " = " + std::to_string(offset + b.size) + " exceeds the capacity " +
                      std::to_string(*options_.capacity));
    b.fixed_offset = offset;
    return true;
  }

  // Adds the buffer's size and alignment (the most padding it can need) to `total`, which must
  // stay within 2^62 so that no stack of buffers an algorithm builds can overflow.
  bool within_addressable_total(const std::vector<Cell>& cells, int64_t line, const Buffer& b, Size& total) {
    const Size own = saturating_add(b.size, b.alignment);
    if (own > kMaxValue && b.alignment > 1)
      return fail(line, cells[index_[kAlignment]].column,
                  "alignment " + std::to_string(b.alignment) + " of buffer '" + printable(b.id) +
                      "' and its size " + std::to_string(b.size) +
                      " add up to more than 2^62 bytes; tela cannot address that");
    if (own > kMaxValue)
      return fail(line, cells[index_[kSize]].column,
                  "size " + std::to_string(b.size) + " of buffer '" + printable(b.id) +
                      "' and its alignment add up to more than 2^62 bytes; tela cannot address that");
    total = saturating_add(total, own);
    if (total > kMaxValue)
      return fail(line, cells[index_[kSize]].column,
                  "the sizes and alignments up to buffer '" + printable(b.id) +
                      "' add up to more than 2^62 bytes; tela cannot address that");
    return true;
  }

  bool parse(CsvReadResult& result) {
    std::string_view text(text_);
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
      return fail(1, 1,
                  "the file is UTF-16 (it starts with a UTF-16 byte order mark); tela reads UTF-8: "
                  "save the file as UTF-8");
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
    body_ = text;
    if (const size_t nul = text.find('\0'); nul != std::string_view::npos) return fail_at_nul(text, nul);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
      return fail(1, 1, "the file is empty; expected a header such as id,lower,upper,size");
    // At most one row per line (reserved, so that rows are never copied): LFs, lone CRs, and the
    // last line.
    size_t rows = size_t(std::count(text.begin(), text.end(), '\n')) + 1;
    for (size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1))
      if (cr + 1 == text.size() || text[cr + 1] != '\n') ++rows;
    Problem& problem = result.problem;
    problem.buffers.reserve(rows);
    result.lines.reserve(rows);
    std::vector<Cell> cells;
    Size total = 0;
    bool header_done = false;
    int64_t line_number = 0;
    for (Lines lines(text); !lines.done();) {
      const std::string_view line = lines.next();
      ++line_number;
      line_ = line;
      if (line.size() > kLongestLine)
        return fail(line_number, 0,
                    "the line is longer than 1 MiB (" + std::to_string(kLongestLine) +
                        " bytes) without a line end; not a CSV file of buffers (binary, or an "
                        "endless stream?)");
      if (trim(line).empty()) continue;
      if (!header_done) {
        header_line_ = line_number;
        if (!parse_header(line)) return false;
        header_done = true;
        for (int m : metadata_columns_) problem.metadata.names.push_back(columns_[size_t(m)]);
        problem.metadata.values.resize(metadata_columns_.size());
        for (auto& column : problem.metadata.values) column.reserve(rows);
        continue;
      }
      scratch_.clear();
      if (!split(line, line_number, cells)) return false;
      if (cells.size() != columns_.size())
        return fail(line_number, int64_t(line.size()) + 1,
                    "expected " + std::to_string(columns_.size()) + " cells as in the header, found " +
                        std::to_string(cells.size()));
      Buffer& b = problem.buffers.emplace_back();
      if (!parse_row(cells, line_number, b)) return false;
      for (size_t m = 0; m < metadata_columns_.size(); ++m)
        problem.metadata.values[m].emplace_back(cells[size_t(metadata_columns_[m])].text);
      result.lines.push_back(line_number);
      if (!within_addressable_total(cells, line_number, b, total)) return false;
    }
    result.columns = columns_;
    return true;
  }

  // A NUL byte is no text: reported where it is, before anything else, and named as UTF-16
  // when the file starts as UTF-16 without a byte order mark does (ASCII, every other byte 0).
  bool fail_at_nul(std::string_view text, size_t nul) {
    int64_t line_number = 0;
    for (Lines lines(text);;) {
      line_ = lines.next();
      ++line_number;
      const size_t start = size_t(line_.data() - text.data());
      if (nul < start + line_.size()) break;  // a NUL ends no line: it is inside this one
    }
    // UTF-16 of ASCII text: the first bytes in pairs, each pair one 0 on the same side.
    const size_t paired = std::min<size_t>(text.size(), 16) & ~size_t{1};
    bool utf16 = false;
    for (size_t zero = 0; zero < 2 && paired > 0; ++zero) {
      bool all = true;
      for (size_t i = 0; i < paired; i += 2) all = all && text[i + zero] == '\0' && text[i + 1 - zero] != '\0';
      utf16 = utf16 || all;
    }
    return fail(line_number, int64_t(nul - size_t(line_.data() - text.data())) + 1,
                utf16 ? "NUL byte: the file looks like UTF-16 (every other byte is 0); tela reads "
                        "UTF-8: save the file as UTF-8"
                      : "NUL byte: not a text CSV file (UTF-16 or binary?)");
  }

  std::string text_;
  std::string_view body_;  // text_ without its byte order mark
  std::string_view line_;  // the line being read, for the character column of a message
  const std::string& file_;
  const CsvReadOptions& options_;
  int64_t header_line_ = 1;
  std::array<int, kColumnCount> index_{};  // file position of each known column, -1 if absent
  std::vector<int> metadata_columns_;       // file positions of the metadata columns, in order
  std::vector<std::string> columns_;        // known ones lower-cased, metadata as written
  std::deque<std::string> scratch_;  // unquoted cells of the current row (a deque: views stay valid)
  InputError error_;
};

void write_cell(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos && trim(text) == text) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void write_integer(std::string& out, int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// Writes rows in chunks so that a million rows never need one huge string.
void write_rows(std::ostream& out, const Problem& problem, const Solution* solution,
                const std::vector<std::string>& columns) {
  std::string text;
  text.reserve((1 << 16) + 4096);
  // Each column's metadata (-1: a column of the model's own, or none) and, for the model's,
  // which one it is (kColumnCount: none), found once: comparing names per cell cost more than
  // formatting the numbers.
  std::vector<int> metadata(columns.size(), -1), known(columns.size(), kColumnCount);
  const auto& names = problem.metadata.names;
  for (size_t c = 0; c < columns.size(); ++c) {
    if (c) text += ',';
    write_cell(text, columns[c]);
    const auto found = std::find(names.begin(), names.end(), columns[c]);
    const auto model = std::find(kColumnNames.begin(), kColumnNames.end(), columns[c]);
    if (found != names.end() && model == kColumnNames.end()) metadata[c] = int(found - names.begin());
    if (model != kColumnNames.end()) known[c] = int(model - kColumnNames.begin());
  }
  text += '\n';
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c) text += ',';
      if (metadata[c] >= 0) {
        write_cell(text, metadata_value(problem, size_t(metadata[c]), BufferIndex(i)));
        continue;
      }
      switch (known[c]) {
        case kId: write_cell(text, b.id); break;
        case kLower: write_integer(text, b.lower); break;
        case kUpper: write_integer(text, b.upper); break;
        case kSize: write_integer(text, b.size); break;
        case kAlignment: write_integer(text, b.alignment); break;
        case kOffset: {
          const Offset offset = solution ? solution->offsets[i] : b.fixed_offset.value_or(kUnplaced);
          if (offset != kUnplaced) write_integer(text, offset);
          break;
        }
        default: break;
      }
    }
    text += '\n';
    if (text.size() > (1 << 16)) {
      out.write(text.data(), std::streamsize(text.size()));
      text.clear();
    }
  }
  out.write(text.data(), std::streamsize(text.size()));
}

}  // namespace

CsvReadResult read_csv(std::istream& in, const std::string& file_name,
                       const CsvReadOptions& options) {
  // A start of blank lines holds no error yet: the rest may bring the header.
  const auto holds_error = [&](std::string_view start) {
    return start.find_first_not_of(" \t\r\n") != std::string_view::npos &&
           Parser(std::string(start), file_name, options).run().error.has_value();
  };
  return Parser(read_stream_text(in, kLongestLine, holds_error), file_name, options).run();
}

void write_solution_csv(std::ostream& out, const Problem& problem, const Solution& solution,
                        const std::vector<std::string>& columns) {
  std::vector<std::string> with_offset = columns;
  if (std::find(with_offset.begin(), with_offset.end(), "offset") == with_offset.end())
    with_offset.push_back("offset");
  write_rows(out, problem, &solution, with_offset);
}

std::vector<std::string> columns_of(const Problem& problem) {
  std::vector<std::string> columns = {"id", "lower", "upper", "size"};
  const bool aligned = std::any_of(problem.buffers.begin(), problem.buffers.end(),
                                   [](const Buffer& b) { return b.alignment != 1; });
  const bool fixed = std::any_of(problem.buffers.begin(), problem.buffers.end(),
                                 [](const Buffer& b) { return b.fixed_offset.has_value(); });
  if (aligned) columns.push_back("alignment");
  if (fixed) columns.push_back("offset");
  columns.insert(columns.end(), problem.metadata.names.begin(), problem.metadata.names.end());
  return columns;
}

void write_problem_csv(std::ostream& out, const Problem& problem) {
  write_rows(out, problem, nullptr, columns_of(problem));
}

std::optional<Size> capacity_from_file_name(const std::string& path) {
  std::string stem = path.substr(path.find_last_of("/\\") + 1);  // "A.1048576.csv"
  if (const size_t dot = stem.rfind('.'); dot != std::string::npos) stem.resize(dot);  // "A.1048576"
  const size_t dot = stem.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  Size value = 0;
  const char* first = stem.data() + dot + 1;
  const char* last = stem.data() + stem.size();
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end != last || first == last || value < 0 || value > kMaxValue) return std::nullopt;
  return value;
}

}  // namespace tela
