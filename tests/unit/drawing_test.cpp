#include <sstream>

#include "../common/random.h"
#include "analysis/sections.h"
#include "io/drawing.h"
#include "model/validator.h"
#include "support.h"

namespace tela::test {
namespace {

std::string drawn(const Problem& p, const Solution& s, DrawingOptions o = {}) {
  std::ostringstream out;
  write_drawing(out, p, s, o);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_CASE("ascii: a row per section, a character per byte, the capacity, which character is which") {
  const Problem p = problem_from("id,lower,upper,size\nb1,0,3,4\nb2,3,9,4\nb3,0,9,4\nb4,9,21,4\nb5,0,21,4\n", 12);
  const Solution s{{0, 0, 4, 0, 8}};
  REQUIRE(validate(p, s).ok());
  CHECK(drawn(p, s, {.capacity = 12}) ==
        "# 5 buffers, addresses [0, 12) at 1 byte a column; '.' free, '!' an overlap, '|' the capacity 12\n"
        "   time 0           12\n"
        " [0, 3) 000022224444|\n"
        " [3, 9) 111122224444|\n"
        "[9, 21) 3333....4444|\n"
        "0 b1: offset 0, size 4, [0, 3)\n"
        "1 b2: offset 0, size 4, [3, 9)\n"
        "2 b3: offset 4, size 4, [0, 9)\n"
        "3 b4: offset 0, size 4, [9, 21)\n"
        "4 b5: offset 8, size 4, [0, 21)\n");
}

TEST_CASE("ascii: '!' where two buffers overlap, not where two merely share a column") {
  // x and y overlap in [5, 10) x [4, 8); z sits beside y in addresses, sharing its columns at
  // 8 bytes a column, without overlapping it.
  const Problem p = problem_from("id,lower,upper,size\nx,0,10,8\ny,5,15,8\nz,12,20,4\n", 64);
  const Solution s{{0, 4, 12}};
  CHECK_FALSE(validate(p, s).ok());
  const std::vector<std::string> rows = lines_of(drawn(p, s, {.columns = 2}));
  // Sections [0,5) [5,10) [10,12) [12,15) [15,20); 16 bytes, 8 a column.
  REQUIRE(rows.size() >= 7);
  CHECK(rows[2].substr(rows[2].size() - 2) == "0.");
  CHECK(rows[3].substr(rows[3].size() - 2) == "!1");
  CHECK(rows[5].substr(rows[5].size() - 2) == "11");  // z shares y's column: the first drawn keeps it
  CHECK(rows[6].substr(rows[6].size() - 2) == ".2");
}

// With a row per section and a byte per column, every cell shows the buffer that covers that
// time and address, or '.', on random valid allocations.
TEST_CASE("ascii: each cell is the buffer there, on random allocations") {
  Random random(5);
  for (int round = 0; round < 200; ++round) {
    Problem p;
    const int count = 1 + int(random.below(8));
    for (int i = 0; i < count; ++i) {
      const int64_t lower = random.below(12);
      p.buffers.push_back({.id = "b" + std::to_string(i), .lower = lower, .upper = lower + 1 + random.below(6), .size = 1 + random.below(5)});
    }
    p.capacity = 64;
    const SolveResult r = solve_checked(p, "greedy", {});
    Offset top = 0;
    for (size_t i = 0; i < p.buffers.size(); ++i) top = std::max(top, r.solution.offsets[i] + p.buffers[i].size);
    const std::vector<Section> sections = compute_sections(p);
    const std::vector<std::string> rows = lines_of(drawn(p, r.solution, {.columns = int(top), .rows = 1000}));
    REQUIRE(rows.size() == 2 + sections.size() + p.buffers.size());
    for (size_t k = 0; k < sections.size(); ++k) {
      const std::string cells = rows[2 + k].substr(rows[2 + k].size() - size_t(top));
      for (Offset a = 0; a < top; ++a) {
        char expected = '.';
        for (size_t i = 0; i < p.buffers.size(); ++i) {
          const Buffer& b = p.buffers[i];
          if (b.lower <= sections[k].lower && sections[k].lower < b.upper && r.solution.offsets[i] <= a &&
              a < r.solution.offsets[i] + b.size)
            expected = drawing_character(i);
        }
        CHECK(cells[size_t(a)] == expected);
      }
    }
  }
}

TEST_CASE("ascii: more sections than rows, each row a run of them; a short life still shows") {
  Problem p;
  for (int i = 0; i < 1000; ++i) p.buffers.push_back({.id = "b" + std::to_string(i), .lower = i, .upper = i + 1, .size = 1});
  p.buffers.push_back({.id = "short", .lower = 500, .upper = 501, .size = 1});
  p.capacity = 2;
  Solution s;
  s.offsets.assign(1000, 0);
  s.offsets.push_back(1);
  REQUIRE(validate(p, s).ok());
  const std::vector<std::string> rows = lines_of(drawn(p, s, {.columns = 2, .rows = 10}));
  REQUIRE(rows.size() >= 12);
  CHECK(rows[2].find("[0, 100)") != std::string::npos);
  CHECK(rows[7].find("[500, 600)") != std::string::npos);
  CHECK(rows[7].back() == drawing_character(1000));  // the short one, at address 1
  CHECK(rows[6].back() == '.');
  CHECK(rows[11].find("[900, 1000)") != std::string::npos);
}

TEST_CASE("nothing to draw: no buffers, or none placed, in every format") {
  const Problem empty = problem_from("id,lower,upper,size\n", 12);
  const Problem one = problem_from("id,lower,upper,size\na,0,4,2\n", 12);
  for (const DrawingFormat f : {DrawingFormat::kAscii, DrawingFormat::kSvg, DrawingFormat::kTikz}) {
    CHECK_FALSE(drawn(empty, Solution{}, {.format = f}).empty());
    CHECK_FALSE(drawn(one, Solution{{kUnplaced}}, {.format = f, .capacity = 12}).empty());
  }
  CHECK(drawn(empty, Solution{}).starts_with("# 0 buffers"));
  // Rows and columns past what memory holds are cut to fewer rows, each a run of sections.
  Problem many;
  for (int i = 0; i < 2000; ++i) many.buffers.push_back({.id = "b" + std::to_string(i), .lower = i, .upper = i + 1, .size = 100000});
  const std::vector<std::string> rows = lines_of(drawn(many, Solution{std::vector<Offset>(2000, 0)}, {.columns = 100000, .rows = 1000000}));
  CHECK(rows.size() == 2 + 167 + 62 + 1);  // 2^24 cells / 10^5 columns = 167 rows, a legend of 62 and "... more"
}

TEST_CASE("addresses up to 2^63: a top past 2^62 drawn, nothing overflows") {
  Problem p;
  const Offset big = (Offset{1} << 62) - 1;
  p.buffers.push_back({.id = "a", .lower = 0, .upper = 10, .size = big});
  p.buffers.push_back({.id = "b", .lower = 5, .upper = 15, .size = 1});
  const Solution s{{big, 3}};
  for (const int columns : {1, 3, 80}) {
    const std::string text = drawn(p, s, {.columns = columns});
    CHECK(text.find("addresses [0, 9223372036854775806)") != std::string::npos);
    const std::vector<std::string> rows = lines_of(text);
    for (size_t r = 2; r < rows.size(); ++r) CHECK(rows[r].find('!') == std::string::npos);  // no overlap
  }
  CHECK(drawn(p, s, {.format = DrawingFormat::kSvg}).find("<svg") == 0);
  CHECK(drawn(p, s, {.format = DrawingFormat::kTikz}).find("10.0000)") != std::string::npos);
}

TEST_CASE("svg: a rectangle per buffer placed, ids escaped, the capacity line") {
  const Problem p = problem_from("id,lower,upper,size\n\"a<b&c\",0,4,2\nd,2,6,3\nleft,0,1,1\n", 8);
  const Solution s{{0, 2, kUnplaced}};
  const std::string svg = drawn(p, s, {.format = DrawingFormat::kSvg, .capacity = 8});
  size_t rects = 0;
  for (size_t at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) ++rects;
  CHECK(rects == 3);  // the plot's background and the two placed
  CHECK(svg.find("<title>a&lt;b&amp;c: [0, 4), size 2, offset 0</title>") != std::string::npos);
  CHECK(svg.find("left") == std::string::npos);
  CHECK(svg.find("stroke-dasharray") != std::string::npos);
  CHECK(svg.rfind("</svg>\n") == svg.size() - 7);
}

TEST_CASE("tikz: coordinates in centimetres within the picture, LaTeX's special characters escaped") {
  const Problem p = problem_from("id,lower,upper,size\nx_1%,0,100,1048576\ny,50,200,2097152\n", 1 << 22);
  const Solution s{{0, 1048576}};
  const std::string tikz = drawn(p, s, {.format = DrawingFormat::kTikz});
  CHECK(tikz.find("{\\tiny x\\_1\\%}") != std::string::npos);
  CHECK(tikz.find("(0.0000,0.0000) rectangle (8.0000,3.3333)") != std::string::npos);
  CHECK(tikz.find("(4.0000,3.3333) rectangle (16.0000,10.0000)") != std::string::npos);
  CHECK(tikz.find("\\begin{tikzpicture}") != std::string::npos);
  CHECK(tikz.find("\\end{tikzpicture}") != std::string::npos);
}

TEST_CASE("svg and tikz: the caller's colours where given, a default fill for the rest") {
  const Problem p = problem_from("id,lower,upper,size\na,0,4,2\nb,2,6,3\n", 8);
  const Solution s{{0, 2}};
  DrawingOptions o{.format = DrawingFormat::kSvg};
  o.colours = {0x0072b2};  // only the first buffer's
  const std::string svg = drawn(p, s, o);
  CHECK(svg.find("fill=\"#0072b2\"") != std::string::npos);
  CHECK(svg.find("fill=\"hsl(137,60%,60%)\"") != std::string::npos);
  o.format = DrawingFormat::kTikz;
  const std::string tikz = drawn(p, s, o);
  CHECK(tikz.find("\\draw[fill={rgb,255:red,0;green,114;blue,178}]") != std::string::npos);
  CHECK(tikz.find("\\draw[fill=red!25]") != std::string::npos);
}

}  // namespace
}  // namespace tela::test
