// Text fitted to a width. Wrapped: at spaces only (ImGui 1.86's TextWrapped also breaks after
// '.' and ',', so "1,000" or "68.6%" came apart across two lines: "capacity 1," then "000.").
// On one line: cut, the whole on hover, where a second line would move what lies below.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace tela::viz {

// As ImGui::TextWrapped (printf-style), breaking lines at spaces; a word wider than the whole
// line is still broken by ImGui.
void text_wrapped(const char* format, ...) IM_FMTARGS(1);

// `text` with a newline in place of each space where a line would pass `width` pixels (in
// the current font).
std::string broken_at_spaces(const std::string& text, float width);

// `text` as it fits `width` pixels on one line: whole, or its longest head (cut at a UTF-8
// character's start) that fits with "..." after it.
std::string cut_to_width(const std::string& text, float width);

// The first of `forms` (longest first) whose text fits `width` pixels, else the last: a label
// said in the words there is room for, rather than clipped mid-word.
std::string first_that_fits(const std::vector<std::string>& forms, float width);

// As text_wrapped, but on at most `lines` lines: the last one kept is cut with "...", and the
// whole text shows in a tooltip while hovered. Returns whether it was cut.
bool text_wrapped_in_lines(const std::string& text, int lines);

// A tooltip with `text` whole, wrapped at a readable width: what a cut text stands for.
void whole_text_tooltip(const std::string& text);

// A hint in the disabled colour, wrapped as text_wrapped (a narrow column clipped it).
void hint(const std::string& text);

// A clause of the core's ("it equals the lower bound (...), 1 probe") as a sentence of a
// panel: its first letter capital, a full stop at its end.
std::string as_sentence(std::string clause);

// `text` on one line within `width`, cut as cut_to_width does; a cut one shows whole in a
// tooltip while hovered.
void text_on_one_line(const std::string& text, float width);

}  // namespace tela::viz
