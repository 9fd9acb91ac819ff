#include "io/drawing.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "analysis/sections.h"

namespace tela {
namespace {

// What every format scales to: the placed buffers' times, and addresses from 0 to the higher
// of their top and the capacity.
struct Extent {
  std::vector<BufferIndex> placed;
  TimeValue lower = 0, upper = 1;
  uint64_t top = 1;  // offsets and sizes reach 2^62 each: a top reaches 2^63
};

Extent extent_of(const Problem& problem, const Solution& solution, Size capacity) {
  Extent e;
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    if (i < solution.offsets.size() && solution.offsets[i] != kUnplaced) e.placed.push_back(BufferIndex(i));
  if (!e.placed.empty()) {
    e.lower = problem.buffers[size_t(e.placed.front())].lower;
    e.upper = problem.buffers[size_t(e.placed.front())].upper;
  }
  uint64_t top = uint64_t(std::max<Size>(capacity, 0));
  for (BufferIndex b : e.placed) {
    const Buffer& buffer = problem.buffers[size_t(b)];
    e.lower = std::min(e.lower, buffer.lower);
    e.upper = std::max(e.upper, buffer.upper);
    top = std::max(top, uint64_t(solution.offsets[size_t(b)]) + uint64_t(buffer.size));
  }
  e.top = std::max<uint64_t>(top, 1);
  return e;
}

// A buffer's fill as SVG takes it: the caller's colour, or a hue per buffer stepping by the
// golden angle (near enough), so buffers next to each other in the file differ.
std::string svg_fill(const DrawingOptions& o, BufferIndex b) {
  char text[32];
  if (size_t(b) < o.colours.size())
    std::snprintf(text, sizeof text, "#%06x", unsigned(o.colours[size_t(b)] & 0xFFFFFFu));
  else
    std::snprintf(text, sizeof text, "hsl(%d,60%%,60%%)", int((size_t(b) * 137) % 360));
  return text;
}

// The same for TikZ: the caller's colour as xcolor's rgb,255 model, or one of eight tints.
std::string tikz_fill(const DrawingOptions& o, BufferIndex b) {
  static constexpr const char* kFills[] = {"blue!25", "red!25", "green!30", "orange!35", "violet!25", "cyan!30", "yellow!45", "teal!30"};
  if (size_t(b) >= o.colours.size()) return kFills[size_t(b) % std::size(kFills)];
  const uint32_t c = o.colours[size_t(b)];
  return "{rgb,255:red," + std::to_string(c >> 16 & 0xFF) + ";green," + std::to_string(c >> 8 & 0xFF) +
         ";blue," + std::to_string(c & 0xFF) + "}";
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// ---- ASCII ---------------------------------------------------------------------------------

// Rows: the sections (times with one live set), or runs of them when there are more than
// `rows`; row r holds sections [first[r], first[r + 1]).
std::vector<size_t> row_starts(size_t sections, size_t rows) {
  const size_t n = std::min(sections, std::max<size_t>(rows, 1));
  if (n == 0) return {};  // nothing live: no rows
  std::vector<size_t> first;
  for (size_t r = 0; r <= n; ++r) first.push_back(r * sections / n);
  return first;
}

bool overlap(const Problem& p, const Solution& s, BufferIndex a, BufferIndex b) {
  const Buffer &x = p.buffers[size_t(a)], &y = p.buffers[size_t(b)];
  const Offset ox = s.offsets[size_t(a)], oy = s.offsets[size_t(b)];
  return x.lower < y.upper && y.lower < x.upper && ox < oy + y.size && oy < ox + x.size;
}

void write_ascii(std::ostream& out, const Problem& problem, const Solution& solution, const DrawingOptions& o) {
  const Extent e = extent_of(problem, solution, o.capacity);
  const int columns = std::max(o.columns, 1);
  // Bytes per column, rounded up, in unsigned arithmetic: a top of 2^63 overflowed `+ columns`.
  const uint64_t width = std::max<uint64_t>(1, e.top / uint64_t(columns) + (e.top % uint64_t(columns) != 0));
  const int used = int(e.top / width + (e.top % width != 0));
  const std::vector<Section> sections = compute_sections(problem);
  // At most kMaxCells cells: --rows 10^6 with --columns 10^5 would ask for 4 * 10^11 bytes.
  constexpr size_t kMaxCells = size_t{1} << 24;
  const std::vector<size_t> first = row_starts(sections.size(), std::min(size_t(std::max(o.rows, 1)), kMaxCells / size_t(used)));
  const size_t rows = first.empty() ? 0 : first.size() - 1;
  // Per cell, the first buffer drawn there; kOverlap where two that overlap meet.
  constexpr BufferIndex kFree = -1, kOverlap = -2;
  std::vector<BufferIndex> cells(rows * size_t(used), kFree);
  std::vector<size_t> row_of_section(sections.size());
  for (size_t r = 0; r < rows; ++r)
    for (size_t s = first[r]; s < first[r + 1]; ++s) row_of_section[s] = r;
  const std::vector<SectionSpan> spans = compute_section_spans(problem, sections);
  for (BufferIndex b : e.placed) {
    const Buffer& buffer = problem.buffers[size_t(b)];
    if (buffer.size == 0 || spans[size_t(b)].first >= spans[size_t(b)].last) continue;
    const uint64_t at = uint64_t(solution.offsets[size_t(b)]), last = at + uint64_t(buffer.size) - 1;
    const size_t r0 = row_of_section[size_t(spans[size_t(b)].first)], r1 = row_of_section[size_t(spans[size_t(b)].last - 1)];
    for (size_t r = r0; r <= r1; ++r)
      for (uint64_t c = at / width; c <= last / width && c < uint64_t(used); ++c) {
        BufferIndex& cell = cells[r * size_t(used) + size_t(c)];
        if (cell == kFree) cell = b;
        else if (cell >= 0 && overlap(problem, solution, cell, b)) cell = kOverlap;
      }
  }
  std::vector<std::string> labels;
  size_t label_width = 4;
  for (size_t r = 0; r < rows; ++r) {
    labels.push_back("[" + std::to_string(sections[first[r]].lower) + ", " + std::to_string(sections[first[r + 1] - 1].upper) + ")");
    label_width = std::max(label_width, labels.back().size());
  }
  out << "# " << e.placed.size() << (e.placed.size() == 1 ? " buffer" : " buffers") << ", addresses [0, " << e.top
      << ") at " << width << (width == 1 ? " byte" : " bytes") << " a column; '.' free, '!' an overlap"
      << (o.capacity > 0 ? ", '|' the capacity " + std::to_string(o.capacity) : std::string()) << "\n";
  out << std::string(label_width - 4, ' ') << "time " << "0" << std::string(size_t(std::max(used - 1, 1)), ' ') << e.top << "\n";
  const int64_t capacity_column = o.capacity > 0 ? int64_t(uint64_t(o.capacity) / width) : -1;
  for (size_t r = 0; r < rows; ++r) {
    std::string line(size_t(used), '.');
    for (int c = 0; c < used; ++c) {
      const BufferIndex b = cells[r * size_t(used) + size_t(c)];
      if (b == kOverlap) line[size_t(c)] = '!';
      else if (b >= 0) line[size_t(c)] = drawing_character(size_t(b));
      else if (c == capacity_column) line[size_t(c)] = '|';
    }
    if (capacity_column == used) line += '|';
    out << std::string(label_width - labels[r].size(), ' ') << labels[r] << ' ' << line << "\n";
  }
  constexpr size_t kListed = 62;  // one of each character
  for (size_t i = 0; i < e.placed.size() && i < kListed; ++i) {
    const BufferIndex b = e.placed[i];
    const Buffer& buffer = problem.buffers[size_t(b)];
    out << drawing_character(size_t(b)) << ' ' << buffer.id << ": offset " << solution.offsets[size_t(b)] << ", size "
        << buffer.size << ", [" << buffer.lower << ", " << buffer.upper << ")\n";
  }
  if (e.placed.size() > kListed)
    out << "... and " << e.placed.size() - kListed << " more (the characters repeat every " << kListed << " buffers)\n";
}

// ---- SVG -----------------------------------------------------------------------------------

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// A plot of kWidth x kHeight px inside margins for the axes' labels.
constexpr double kWidth = 960, kHeight = 540, kLeft = 90, kTop = 20, kBottom = 40, kRight = 20;

void write_svg(std::ostream& out, const Problem& problem, const Solution& solution, const DrawingOptions& o) {
  const Extent e = extent_of(problem, solution, o.capacity);
  const double time_span = double(e.upper) - double(e.lower), top = double(e.top);
  const auto x = [&](TimeValue t) { return kLeft + (double(t) - double(e.lower)) / time_span * kWidth; };
  const auto y = [&](double a) { return kTop + kHeight - a / top * kHeight; };
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kLeft + kWidth + kRight << "\" height=\""
      << kTop + kHeight + kBottom << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" fill=\"#f8f8f8\" stroke=\"#888\"/>\n";
  for (BufferIndex b : e.placed) {
    const Buffer& buffer = problem.buffers[size_t(b)];
    const Offset at = solution.offsets[size_t(b)];
    out << "<rect x=\"" << fixed(x(buffer.lower), 3) << "\" y=\"" << fixed(y(double(at) + double(buffer.size)), 3)
        << "\" width=\"" << fixed(x(buffer.upper) - x(buffer.lower), 3) << "\" height=\""
        << fixed(double(buffer.size) / top * kHeight, 3) << "\" fill=\"" << svg_fill(o, b)
        << "\" fill-opacity=\"0.85\" stroke=\"#333\" stroke-width=\"0.5\"><title>"
        << xml_escaped(buffer.id) << ": [" << buffer.lower << ", " << buffer.upper << "), size " << buffer.size
        << ", offset " << at << "</title></rect>\n";
    // The id inside, where it fits (about 7 px a character at 12 px).
    const double width = x(buffer.upper) - x(buffer.lower), height = double(buffer.size) / top * kHeight;
    if (height >= 14 && width >= 7 * double(buffer.id.size()) + 6)
      out << "<text x=\"" << fixed(x(buffer.lower) + 3, 3) << "\" y=\"" << fixed(y(double(at) + double(buffer.size)) + 13, 3)
          << "\" pointer-events=\"none\">" << xml_escaped(buffer.id) << "</text>\n";
  }
  if (o.capacity > 0)
    out << "<line x1=\"" << kLeft << "\" x2=\"" << kLeft + kWidth << "\" y1=\"" << fixed(y(double(o.capacity)), 3)
        << "\" y2=\"" << fixed(y(double(o.capacity)), 3) << "\" stroke=\"#c00\" stroke-dasharray=\"6 4\"/>\n"
        << "<text x=\"" << kLeft - 4 << "\" y=\"" << fixed(y(double(o.capacity)) + 4, 3)
        << "\" text-anchor=\"end\" fill=\"#c00\">" << o.capacity << "</text>\n";
  out << "<text x=\"" << kLeft << "\" y=\"" << kTop + kHeight + 16 << "\" text-anchor=\"middle\">" << e.lower << "</text>\n"
      << "<text x=\"" << kLeft + kWidth << "\" y=\"" << kTop + kHeight + 16 << "\" text-anchor=\"middle\">" << e.upper << "</text>\n"
      << "<text x=\"" << kLeft + kWidth / 2 << "\" y=\"" << kTop + kHeight + 32 << "\" text-anchor=\"middle\">time</text>\n"
      << "<text x=\"" << kLeft - 4 << "\" y=\"" << kTop + kHeight + 4 << "\" text-anchor=\"end\">0</text>\n"
      << "<text x=\"" << kLeft - 8 << "\" y=\"" << kTop + kHeight / 2 << "\" text-anchor=\"end\">address</text>\n";
  if (uint64_t(o.capacity) != e.top)
    out << "<text x=\"" << kLeft - 4 << "\" y=\"" << kTop + 4 << "\" text-anchor=\"end\">" << e.top << "</text>\n";
  out << "</svg>\n";
}

// ---- TikZ ----------------------------------------------------------------------------------

std::string latex_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': out += '\\', out += c; break;
      default: out += c;
    }
  }
  return out;
}

// Coordinates are written in centimetres, scaled here: TeX's dimensions stop at 16383 pt, so
// addresses of 2^20 and more cannot be handed to TikZ as they are.
constexpr double kCmWide = 16, kCmHigh = 10;

void write_tikz(std::ostream& out, const Problem& problem, const Solution& solution, const DrawingOptions& o) {
  const Extent e = extent_of(problem, solution, o.capacity);
  const double time_span = double(e.upper) - double(e.lower), top = double(e.top);
  const auto x = [&](TimeValue t) { return (double(t) - double(e.lower)) / time_span * kCmWide; };
  const auto y = [&](double a) { return a / top * kCmHigh; };
  out << "% tela: " << e.placed.size() << (e.placed.size() == 1 ? " buffer" : " buffers") << "; time [" << e.lower << ", "
      << e.upper << ") across " << kCmWide << " cm, addresses [0, " << e.top << ") up " << kCmHigh << " cm\n"
      << "\\begin{tikzpicture}\n";
  for (BufferIndex b : e.placed) {
    const Buffer& buffer = problem.buffers[size_t(b)];
    const double at = double(solution.offsets[size_t(b)]);
    const double x0 = x(buffer.lower), x1 = x(buffer.upper), y0 = y(at), y1 = y(at + double(buffer.size));
    out << "\\draw[fill=" << tikz_fill(o, b) << "] (" << fixed(x0, 4) << "," << fixed(y0, 4)
        << ") rectangle (" << fixed(x1, 4) << "," << fixed(y1, 4) << ")";
    if (x1 - x0 >= 0.8 && y1 - y0 >= 0.3) out << " node[pos=.5] {\\tiny " << latex_escaped(buffer.id) << "}";  // where it fits
    out << ";\n";
  }
  if (o.capacity > 0)
    out << "\\draw[dashed,red] (0," << fixed(y(double(o.capacity)), 4) << ") -- (" << kCmWide << ","
        << fixed(y(double(o.capacity)), 4) << ") node[right] {\\tiny capacity " << o.capacity << "};\n";
  out << "\\draw[->] (0,0) -- (" << kCmWide + 0.5 << ",0) node[right] {time};\n"
      << "\\draw[->] (0,0) -- (0," << kCmHigh + 0.5 << ") node[above] {address};\n"
      << "\\node[below] at (0,0) {\\tiny " << e.lower << "};\n"
      << "\\node[below] at (" << kCmWide << ",0) {\\tiny " << e.upper << "};\n"
      << "\\node[left] at (0," << kCmHigh << ") {\\tiny " << e.top << "};\n"
      << "\\end{tikzpicture}\n";
}

}  // namespace

std::span<const DrawingFormatInfo> drawing_formats() {
  static constexpr DrawingFormatInfo kFormats[] = {
      {"ascii", DrawingFormat::kAscii, ".txt"}, {"svg", DrawingFormat::kSvg, ".svg"}, {"tikz", DrawingFormat::kTikz, ".tex"}};
  return kFormats;
}

std::optional<DrawingFormat> drawing_format_named(std::string_view name) {
  for (const DrawingFormatInfo& f : drawing_formats())
    if (name == f.name) return f.format;
  return std::nullopt;
}

char drawing_character(size_t i) {
  static constexpr char kCharacters[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return kCharacters[i % (sizeof kCharacters - 1)];
}

void write_drawing(std::ostream& out, const Problem& problem, const Solution& solution, const DrawingOptions& options) {
  switch (options.format) {
    case DrawingFormat::kAscii: write_ascii(out, problem, solution, options); return;
    case DrawingFormat::kSvg: write_svg(out, problem, solution, options); return;
    case DrawingFormat::kTikz: write_tikz(out, problem, solution, options); return;
  }
}

}  // namespace tela
