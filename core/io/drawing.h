// An allocation drawn as text, for terminals, papers and other programs: ASCII (TFLM's
// memory-planner printout, one row per time, one character per range of addresses), SVG (one
// rectangle per buffer, its id on hover) and TikZ (MiniMalloc's figures, for LaTeX).
//
// Each draws what it is given, overlaps and buffers above the capacity included: the point is
// to see what is wrong with an allocation as much as what is right with it.
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "model/problem.h"

namespace tela {

enum class DrawingFormat { kAscii, kSvg, kTikz };

// The formats by name, as every front-end takes them ("ascii", "svg", "tikz"), with the
// extension a file of each gets (".txt", ".svg", ".tex").
struct DrawingFormatInfo {
  const char* name;
  DrawingFormat format;
  const char* extension;
};
std::span<const DrawingFormatInfo> drawing_formats();
// The format of that name; nullopt for any other.
std::optional<DrawingFormat> drawing_format_named(std::string_view name);

struct DrawingOptions {
  DrawingFormat format = DrawingFormat::kAscii;
  // ASCII: characters across the addresses, and rows down the times at most (more times than
  // rows: each row stands for a range of them).
  int columns = 80;
  int rows = 100;
  // A line drawn at this address (0: none): the capacity.
  Size capacity = 0;
  // SVG and TikZ: each buffer's fill as 0xRRGGBB, by its index in the problem (the page passes
  // the colours it shows). Empty, or too short for a buffer: a hue per buffer.
  std::vector<uint32_t> colours = {};
};

// Draws `problem`'s buffers at `solution`'s offsets (buffers without one are left out).
void write_drawing(std::ostream& out, const Problem& problem, const Solution& solution,
                   const DrawingOptions& options);

// The character ASCII drawings give buffer i: 0-9, a-z, A-Z, then round again.
char drawing_character(size_t i);

}  // namespace tela
