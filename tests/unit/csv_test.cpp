#include <charconv>
#include <set>
#include <sstream>

#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

// Reads text that must be rejected and returns the error, for its line, column and words.
InputError error_of(const std::string& text, CsvReadOptions options = {}) {
  CsvReadResult read = read_text(text, options);
  REQUIRE(read.error);
  CHECK(read.problem.buffers.empty());
  return *read.error;
}

void check_error(const std::string& text, int64_t line, int64_t column, const std::string& words,
                 CsvReadOptions options = {}) {
  const InputError e = error_of(text, options);
  INFO(e.message());
  CHECK(e.file == "test.csv");
  CHECK(e.line == line);
  CHECK(e.column == column);
  CHECK(e.what.find(words) != std::string::npos);
}

TEST_CASE("reads the field's format") {
  const Problem p = problem_from("id,lower,upper,size\nb1,0,3,4\nb2,3,9,8\n", 12);
  REQUIRE(p.buffers.size() == 2);
  CHECK(p.buffers[1].id == "b2");
  CHECK(p.buffers[1].lower == 3);
  CHECK(p.buffers[1].upper == 9);
  CHECK(p.buffers[1].size == 8);
  CHECK(p.buffers[1].alignment == 1);
  CHECK_FALSE(p.buffers[1].fixed_offset);
}

TEST_CASE("finds columns by name in any order, in any case") {
  CsvReadResult read = read_text("Size,UPPER,id,lower\n4,3,b1,0\n");
  REQUIRE_FALSE(read.error);
  CHECK(read.columns == std::vector<std::string>{"size", "upper", "id", "lower"});
  CHECK(read.problem.buffers[0].size == 4);
  CHECK(read.problem.buffers[0].upper == 3);
}

TEST_CASE("accepts CRLF, a UTF-8 byte order mark, blank lines, spaces and quoted ids") {
  CsvReadResult read =
      read_text("\xEF\xBB\xBFid,lower,upper,size\r\n\r\n \"a,b\" , 0 ,3, 4\r\n\"say \"\"hi\"\"\",1,2,5\r\n");
  INFO((read.error ? read.error->message() : ""));
  REQUIRE_FALSE(read.error);
  REQUIRE(read.problem.buffers.size() == 2);
  CHECK(read.problem.buffers[0].id == "a,b");
  CHECK(read.problem.buffers[1].id == "say \"hi\"");
  CHECK(read.lines == std::vector<int64_t>{3, 4});
}

TEST_CASE("optional alignment and offset columns; empty cells leave them unset") {
  const Problem p = problem_from(
      "id,lower,upper,size,alignment,offset\nb1,0,3,4,4,8\nb2,3,9,8,,\nb3,0,9,4,16,\n", 12);
  CHECK(p.buffers[0].alignment == 4);
  CHECK(p.buffers[0].fixed_offset == 8);
  CHECK(p.buffers[1].alignment == 1);
  CHECK_FALSE(p.buffers[1].fixed_offset);
  CHECK(p.buffers[2].alignment == 16);
}

TEST_CASE("a header alone is a problem with no buffers") {
  CsvReadResult read = read_text("id,lower,upper,size\n");
  REQUIRE_FALSE(read.error);
  CHECK(read.problem.buffers.empty());
}

TEST_CASE("every malformed input names the line, the column and what is wrong") {
  SUBCASE("empty file") { check_error("", 1, 1, "empty"); }
  SUBCASE("only blank lines") { check_error("\n \r\n", 1, 1, "empty"); }
  SUBCASE("missing column") { check_error("id,lower,size\nb,0,1\n", 1, 14, "missing column 'upper'"); }
  SUBCASE("a typo of a missing column") {
    check_error("id,lower,upper,sise\n", 1, 16, "unknown column 'sise': did you mean 'size'?");
  }
  SUBCASE("a typo of an optional column") {
    check_error("id,lower,upper,size,alignmnet\n", 1, 21, "did you mean 'alignment'?");
  }
  SUBCASE("a column with no name") { check_error("id,lower,upper,size,\n", 1, 21, "column 5 of the header has no name"); }
  SUBCASE("a byte order mark inside the header (written first, the name would read as 'size')") {
    check_error("id,lower,upper,size, \xEF\xBB\xBFSIZE\n", 1, 22,
                "column 5 of the header starts with a byte order mark (U+FEFF), which only the file's first bytes may hold");
  }
  SUBCASE("a UTF-16 byte order mark's bytes starting a header name (written first, the file would read as UTF-16)") {
    check_error(" \xFE\xFFop,id,lower,upper,size\n", 1, 2,
                "column 1 of the header starts with a byte order mark (U+FEFF), which only the file's first bytes may hold");
    check_error("id,lower,upper,size, \xFF\xFEop\n", 1, 22, "column 5 of the header starts with a byte order mark");
  }
  SUBCASE("another program's header: no far-fetched 'did you mean', the columns it names") {
    check_error("name,start,end,bytes\na,0,1,4\n", 1, 21,
                "missing column 'id'; a header needs id, lower, upper, size (this one names name, start, end, bytes)");
  }
  SUBCASE("tabs or semicolons between the columns (a spreadsheet's copy): said, at the first one") {
    check_error("id\tlower\tupper\tsize\na\t0\t1\t4\n", 1, 3, "columns are separated by tabs; tela reads comma-separated values");
    check_error("id;lower;upper;size\na;0;1;4\n", 1, 3, "columns are separated by semicolons");
  }
  SUBCASE("metadata column twice") { check_error("id,lower,upper,size,op,OP\n", 1, 24, "column 'op' appears twice"); }
  SUBCASE("column twice") { check_error("id,lower,upper,size,size\n", 1, 21, "twice"); }
  SUBCASE("not an integer") { check_error("id,lower,upper,size\nb,0,3,4x\n", 2, 7, "size '4x' is not an integer"); }
  SUBCASE("empty number") { check_error("id,lower,upper,size\nb,,3,4\n", 2, 3, "lower is empty"); }
  SUBCASE("negative size") { check_error("id,lower,upper,size\nb,0,3,4\nc,0,3,-4\n", 3, 7, "size -4 is negative"); }
  SUBCASE("lower >= upper") { check_error("id,lower,upper,size\nb,5,5,4\n", 2, 5, "must be greater than lower"); }
  SUBCASE("duplicate id") { check_error("id,lower,upper,size\nb,0,3,4\nc,0,3,4\nb,1,2,3\n", 4, 1, "duplicate id 'b' (first on line 2)"); }
  SUBCASE("duplicate id before a bad row: the duplicate, which comes first") {
    check_error("id,lower,upper,size\nb,0,3,4\nc,0,3,4\n  \"b\",1,2,3\nd,0,3,x\n", 4, 3, "duplicate id 'b' (first on line 2)");
  }
  SUBCASE("duplicate id after a bad row: the bad row") {
    check_error("id,lower,upper,size\nb,0,3,4\nc,0,3,x\nb,1,2,3\n", 3, 7, "size 'x' is not an integer");
  }
  SUBCASE("the earliest repeat, with its id's first line") {
    check_error("id,lower,upper,size\na,0,3,4\nb,0,3,4\nc,0,3,4\nb,0,3,4\na,0,3,4\nb,0,3,4\n", 5, 1,
                "duplicate id 'b' (first on line 3)");
  }
  SUBCASE("alignment not a power of two") {
    check_error("id,lower,upper,size,alignment\nb,0,3,4,12\n", 2, 9, "not a power of two");
  }
  SUBCASE("alignment zero") { check_error("id,lower,upper,size,alignment\nb,0,3,4,0\n", 2, 9, "not a power of two"); }
  SUBCASE("fixed offset + size > capacity") {
    check_error("id,lower,upper,size,offset\nb,0,3,4,10\n", 2, 9, "exceeds the capacity 12", {.capacity = 12});
  }
  SUBCASE("fixed offset not aligned") {
    check_error("id,lower,upper,size,alignment,offset\nb,0,3,4,8,4\n", 2, 11, "not a multiple");
  }
  SUBCASE("negative offset") { check_error("id,lower,upper,size,offset\nb,0,3,4,-8\n", 2, 9, "negative"); }
  SUBCASE("overflows 64 bits") {
    check_error("id,lower,upper,size\nb,0,3,99999999999999999999\n", 2, 7, "overflows 64 bits");
  }
  SUBCASE("beyond 2^62") {
    check_error("id,lower,upper,size\nb,0,3,5000000000000000000\n", 2, 7, "out of range");
  }
  SUBCASE("sizes that add up past 2^62") {
    check_error("id,lower,upper,size\na,0,3,4000000000000000000\nb,0,3,4000000000000000000\n", 3, 7,
                "add up");
  }
  SUBCASE("a size and an alignment of 2^62 each (their sum would overflow 64 bits)") {
    check_error("id,lower,upper,size,alignment\na,0,3,4611686018427387904,4611686018427387904\n", 2, 27,
                "alignment 4611686018427387904 of buffer 'a'");
  }
  SUBCASE("one huge alignment is named at the alignment column, with its buffer") {
    check_error("id,lower,upper,size,alignment\na,0,3,4,4611686018427387904\n", 2, 9,
                "alignment 4611686018427387904 of buffer 'a' and its size 4 add up to more than 2^62");
  }
  SUBCASE("a pre-placed buffer that ends past 2^62, with no capacity given") {
    check_error("id,lower,upper,size,offset\na,0,3,4,4611686018427387904\n", 2, 9, "ends past 2^62");
  }
  SUBCASE("too few cells") { check_error("id,lower,upper,size\nb,0,3\n", 2, 6, "expected 4 cells"); }
  SUBCASE("too many cells") { check_error("id,lower,upper,size\nb,0,3,4,5\n", 2, 10, "found 5"); }
  SUBCASE("empty id") { check_error("id,lower,upper,size\n,0,3,4\n", 2, 1, "id is empty"); }
  SUBCASE("unterminated quote") { check_error("id,lower,upper,size\n\"b,0,3,4\n", 2, 1, "unterminated"); }
  SUBCASE("text after a quote") { check_error("id,lower,upper,size\n\"b\"x,0,3,4\n", 2, 4, "after a quoted"); }
  SUBCASE("a solution needs offsets") {
    check_error("id,lower,upper,size\nb,0,3,4\n", 1, 20, "missing column 'offset'", {.require_offsets = true});
    check_error("id,lower,upper,size,offset\nb,0,3,4,\n", 2, 9, "offset is empty", {.require_offsets = true});
  }
}

TEST_CASE("errors print as file:line:column: what") {
  CHECK(error_of("id,lower,upper,size\nb,0,3,x\n").message() ==
        "test.csv:2:7: size 'x' is not an integer");
}

TEST_CASE("control bytes in a message are escaped") {
  CHECK(error_of("id,lower,upper,size\nb,0,3,\x1b[2J\n").what == "size '\\x1B[2J' is not an integer");
  CHECK(error_of("id,lower,upper,size\nb,0,3,4\t5\n").what == "size '4\\t5' is not an integer");
}

TEST_CASE("a lone CR ends a line, as LF and CRLF do, for the line numbers too") {
  const CsvReadResult mac = read_text("id,lower,upper,size\ra,0,3,4\rb,3,9,8\r");
  INFO((mac.error ? mac.error->message() : ""));
  REQUIRE_FALSE(mac.error);
  CHECK(mac.problem.buffers.size() == 2);
  CHECK(mac.lines == std::vector<int64_t>{2, 3});
  // Mixed endings, a blank line between two CRs, and a CR alone before a CRLF.
  const CsvReadResult mixed = read_text("id,lower,upper,size\r\na,0,3,4\r\rb,1,2,3\r\r\nc,2,3,1\n");
  INFO((mixed.error ? mixed.error->message() : ""));
  REQUIRE_FALSE(mixed.error);
  CHECK(mixed.lines == std::vector<int64_t>{2, 4, 6});
  check_error("id,lower,upper,size\ra,0,3,4\rb,0,3,x\r", 3, 7, "size 'x' is not an integer");
  check_error("id,lower,upper,size\nb,0,3,4\r5\n", 3, 2, "expected 4 cells as in the header, found 1");
}

TEST_CASE("a file that is not UTF-8 text is named as such, where it shows") {
  // A NUL byte: a binary file, or UTF-16; reported before anything else is wrong.
  check_error(std::string("id,lower,upper,size\nb,0,3,4\0\n", 28), 2, 8,
              "NUL byte: not a text CSV file (UTF-16 or binary?)");
  check_error(std::string("id,lower,upper,size\nb,x,3,4\nc,\0\0\0\n", 34), 3, 3, "NUL byte");
  // UTF-16, with a byte order mark either way round, or without one.
  const auto utf16 = [](std::string_view ascii, bool little) {
    std::string out;
    for (char c : ascii) out += little ? std::string{c, '\0'} : std::string{'\0', c};
    return out;
  };
  check_error("\xFF\xFE" + utf16("id,lower,upper,size\n", true), 1, 1, "UTF-16");
  check_error("\xFE\xFF" + utf16("id,lower,upper,size\n", false), 1, 1, "save the file as UTF-8");
  check_error(utf16("id,lower,upper,size\n", true), 1, 2, "looks like UTF-16");
  check_error(utf16("id,lower,upper,size\n", false), 1, 1, "looks like UTF-16");
  // Eight bytes of an executable's header are no UTF-16.
  check_error(std::string("\x7F" "ELF\x02\x01\x01\0", 8), 1, 8, "not a text CSV file");
}

TEST_CASE("error columns count characters, not bytes") {
  // "日本" is 2 characters in 6 bytes: the size cell starts at character 8 (byte 12).
  check_error("id,lower,upper,size\n\xE6\x97\xA5\xE6\x9C\xAC,0,3,x\n", 2, 8, "size 'x' is not an integer");
  check_error("id,lower,upper,size\n\xC3\xA9,0,3\n", 2, 6, "expected 4 cells");  // é, past the end
  // A byte that is not UTF-8 counts one, as its replacement character shows.
  check_error("id,lower,upper,size\n\xFF\xE6\x97,0,3,x\n", 2, 9, "size 'x'");
  check_error("op,id,lower,upper,size\n\xF0\x9F\x98\x80,\xF0\x9F\x98\x80,0,3,x\n", 2, 9, "size 'x'");
}

// A stream that never ends (for a reader) and cannot seek (a pipe from /dev/zero or from
// `yes`), to show that reading stops.
class EndlessBuffer : public std::streambuf {
 public:
  explicit EndlessBuffer(char fill) { block_.assign(4096, fill); }
  // `head` once, then `line` over and over (as `(echo HEAD; yes LINE)` writes).
  EndlessBuffer(std::string head, const std::string& line) : head_(std::move(head)) {
    while (block_.size() < 4096) block_ += line;
  }
  size_t served = 0;

 protected:
  int_type underflow() override {
    std::string& next = head_done_ ? block_ : head_;
    head_done_ = true;
    if (next.empty()) return underflow();  // no head
    // Ends after 64 MiB after all: a reader that does not stop fails the test's check on
    // `served` instead of running out of memory.
    if (served > (size_t{1} << 26)) return traits_type::eof();
    served += next.size();
    setg(next.data(), next.data(), next.data() + next.size());
    return traits_type::to_int_type(next[0]);
  }

 private:
  std::string head_;
  bool head_done_ = false;
  std::string block_;
};

TEST_CASE("an endless input is not read to its end") {
  EndlessBuffer zeros('\0');
  std::istream zero_stream(&zeros);
  const CsvReadResult binary = read_csv(zero_stream, "zero");
  REQUIRE(binary.error);
  CHECK(binary.error->message() == "zero:1:1: NUL byte: not a text CSV file (UTF-16 or binary?)");
  CHECK(zeros.served <= (size_t{1} << 17));

  EndlessBuffer letters('a');
  std::istream letter_stream(&letters);
  const CsvReadResult endless = read_csv(letter_stream, "letters");
  REQUIRE(endless.error);
  CHECK(endless.error->line == 1);
  CHECK(endless.error->column == 0);
  CHECK(endless.error->what.find("longer than 1 MiB") != std::string::npos);
  CHECK(letters.served <= (size_t{1} << 21));
  // The same line in a file read whole gets the same words.
  check_error("id,lower,upper,size\n" + std::string((size_t{1} << 20) + 1, 'b') + "\n", 2, 0, "longer than 1 MiB");
  CHECK_FALSE(read_text("id,lower,upper,size,note\nb,0,3,4," + std::string(size_t{1} << 19, 'n') + "\n").error);
}

// Endless lines with an error early on (`yes 1,0,1,1 | tela stats -`): the error is answered
// from the stream's start, the same words as in a file, and reading stops.
TEST_CASE("an endless input with an early error is answered from its start") {
  struct Case {
    std::string head, line;
    std::string message;
  };
  const Case cases[] = {
      {"", "1,0,1,1\n", "yes:1:5: column '1' appears twice"},
      {"id,lower,upper,size\n", "b,0,1,-1\n", "yes:2:7: size -1 is negative"},
      {"id,lower,upper,size\n", "b,0,1,1\n", "yes:3:1: duplicate id 'b' (first on line 2)"},
      {"\n\n", "id,lower,upper\n", "yes:3:15: missing column 'size'"},
  };
  for (const Case& c : cases) {
    EndlessBuffer lines(c.head, c.line);
    std::istream stream(&lines);
    const CsvReadResult read = read_csv(stream, "yes");
    REQUIRE(read.error);
    CHECK(read.error->message().rfind(c.message, 0) == 0);
    CHECK(lines.served <= (size_t{1} << 17));
  }
}

TEST_CASE("a solution is written with the problem's columns plus offset, and reads back") {
  CsvReadResult read = read_text("size,id,lower,upper\n4,\"a,b\",0,3\n8,c,1,2\n");
  REQUIRE_FALSE(read.error);
  std::ostringstream out;
  write_solution_csv(out, read.problem, Solution{{0, 4}}, read.columns);
  CHECK(out.str() == "size,id,lower,upper,offset\n4,\"a,b\",0,3,0\n8,c,1,2,4\n");
  CsvReadResult back = read_text(out.str(), {.require_offsets = true});
  REQUIRE_FALSE(back.error);
  CHECK(back.problem.buffers[0].id == "a,b");
  CHECK(back.problem.buffers[1].fixed_offset == 4);
}

TEST_CASE("other columns are kept as metadata, in file order, and written back") {
  CsvReadResult read = read_text("Name,id,lower,upper,size,op,shape\nconv 1,a,0,3,4,Conv2D,\"[1,8]\"\nrelu,b,1,2,8,ReLU,\n");
  REQUIRE_FALSE(read.error);
  const Metadata& m = read.problem.metadata;
  CHECK(m.names == std::vector<std::string>{"Name", "op", "shape"});
  REQUIRE(m.values.size() == 3);
  CHECK(m.values[0] == std::vector<std::string>{"conv 1", "relu"});
  CHECK(m.values[2] == std::vector<std::string>{"[1,8]", ""});
  CHECK(metadata_value(read.problem, 1, 1) == "ReLU");
  CHECK(metadata_value(read.problem, 3, 0).empty());  // no such column
  std::ostringstream solution;
  write_solution_csv(solution, read.problem, Solution{{0, 4}}, read.columns);
  CHECK(solution.str() == "Name,id,lower,upper,size,op,shape,offset\nconv 1,a,0,3,4,Conv2D,\"[1,8]\",0\n"
                          "relu,b,1,2,8,ReLU,,4\n");
  CsvReadResult back = read_text(solution.str(), {.require_offsets = true});
  REQUIRE_FALSE(back.error);
  CHECK(back.problem.metadata.values == m.values);
  std::ostringstream problem;
  write_problem_csv(problem, read.problem);
  CHECK(problem.str() == "id,lower,upper,size,Name,op,shape\na,0,3,4,conv 1,Conv2D,\"[1,8]\"\nb,1,2,8,relu,ReLU,\n");
  Problem edited = read.problem;
  remove_buffer(edited, 0);
  CHECK(edited.buffers.size() == 1);
  CHECK(edited.metadata.values[1] == std::vector<std::string>{"ReLU"});
}

TEST_CASE("a problem is written with the standard columns and only the optional ones it uses") {
  Problem p = problem_from("id,lower,upper,size,alignment,offset\na,0,3,4,,\nb,1,2,8,8,\n", 100);
  std::ostringstream out;
  write_problem_csv(out, p);
  CHECK(out.str() == "id,lower,upper,size,alignment\na,0,3,4,1\nb,1,2,8,8\n");
}

// The reader sums plain digits itself and leaves anything else to std::from_chars: on any
// cell both must agree, on the value or on rejecting it (up to 2^62 either way).
TEST_CASE("a size cell reads as std::from_chars reads it, or is rejected") {
  const std::string alphabet = "0123456789-+ xe.";
  Random random(9);
  int accepted = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string cell;
    const uint64_t length = 1 + random.below(uint64_t{22});
    for (uint64_t i = 0; i < length; ++i)
      cell += random.below(4) == 0 ? alphabet[size_t(random.below(alphabet.size()))] : char('0' + random.below(10));
    const size_t first = cell.find_first_not_of(' '), last = cell.find_last_not_of(' ');
    const std::string trimmed = first == std::string::npos ? "" : cell.substr(first, last - first + 1);
    int64_t expected = 0;
    const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), expected);
    const bool valid = !trimmed.empty() && ec == std::errc() && end == trimmed.data() + trimmed.size() &&
                       expected >= 0 && expected <= (int64_t{1} << 62);
    const CsvReadResult read = read_text("id,lower,upper,size\nb,0,3," + cell + "\n");
    INFO("cell '" << cell << "'");
    REQUIRE(read.error.has_value() == !valid);
    if (!valid) continue;
    CHECK(read.problem.buffers[0].size == expected);
    ++accepted;
  }
  CHECK(accepted > 1000);
  // Signed, where a column allows it: the sign and the digits summed apart.
  CHECK(read_text("id,lower,upper,size\nb,-17,3,4\n").problem.buffers[0].lower == -17);
  CHECK(read_text("id,lower,upper,size\nb,-000,3,4\n").problem.buffers[0].lower == 0);
  CHECK(read_text("id,lower,upper,size\nb,-999999999999999999,3,4\n").problem.buffers[0].lower == -999999999999999999);
}

// Random edits of a valid file: whatever comes in, the reader either accepts a well-formed
// problem or names a line and what is wrong; it never crashes (the sanitizer build runs this
// too) and never accepts garbage.
TEST_CASE("mutated files are either well-formed problems or clear errors") {
  const std::string valid =
      "id,lower,upper,size,alignment,offset\nb1,0,3,4,4,8\n\"b,2\",3,9,8,,\nb3,0,9,4,16,\n";
  const std::string alphabet = "0123456789,-\"\r\n xab\xEF\xBB\xBF+e.";
  Random random(5);
  int accepted = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = valid;
    for (uint64_t edits = 1 + random.below(4); edits > 0; --edits) {
      const size_t at = size_t(random.below(text.size() + 1));
      const char c = alphabet[size_t(random.below(alphabet.size()))];
      switch (random.below(3)) {
        case 0: text.insert(text.begin() + std::ptrdiff_t(at), c); break;
        case 1: if (at < text.size()) text.erase(at, 1); break;
        default: if (at < text.size()) text[at] = c; break;
      }
    }
    const CsvReadResult read = read_text(text, {.capacity = 64});
    if (read.error) {
      ++rejected;
      CHECK(read.error->line >= 1);
      CHECK_FALSE(read.error->what.empty());
      CHECK(read.problem.buffers.empty());
      continue;
    }
    ++accepted;
    std::set<std::string> ids;
    for (const Buffer& b : read.problem.buffers) {
      INFO(text);
      CHECK(b.upper > b.lower);
      CHECK(b.size >= 0);
      CHECK(b.alignment > 0);
      CHECK((b.alignment & (b.alignment - 1)) == 0);
      CHECK(ids.insert(b.id).second);
      if (b.fixed_offset) CHECK(*b.fixed_offset + b.size <= 64);
    }
  }
  CHECK(accepted > 100);
  CHECK(rejected > 100);
}

}  // namespace
}  // namespace tela::test
