// Text wrapped to the panel's width at spaces only. ImGui 1.86's TextWrapped also breaks after
// '.' and ',', so "1,000" or "68.6%" came apart across two lines ("capacity 1," then "000.").
#pragma once

#include <imgui.h>

#include <string>

namespace tela::viz {

// As ImGui::TextWrapped (printf-style), breaking lines at spaces; a word wider than the whole
// line is still broken by ImGui.
void text_wrapped(const char* format, ...) IM_FMTARGS(1);

// `text` with a newline in place of each space where a line would pass `width` pixels (in
// the current font).
std::string broken_at_spaces(const std::string& text, float width);

}  // namespace tela::viz
