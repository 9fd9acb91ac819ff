#include "viz/ui/wrapped_text.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

namespace tela::viz {

std::string broken_at_spaces(const std::string& text, float width) {
  std::string out;
  out.reserve(text.size());
  size_t line_start = 0;  // in `out`
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = text.find_first_of(" \n", i);
    const size_t word_end = end == std::string::npos ? text.size() : end;
    const size_t before = out.size();
    if (before > line_start) out += ' ';
    out.append(text, i, word_end - i);
    const char* line = out.c_str() + line_start;
    if (before > line_start && ImGui::CalcTextSize(line, out.c_str() + out.size()).x > width) {
      out[before] = '\n';  // the space before this word
      line_start = before + 1;
    }
    if (word_end < text.size() && text[word_end] == '\n') {
      out += '\n';
      line_start = out.size();
    }
    i = word_end + 1;
  }
  return out;
}

void text_wrapped(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  const int length = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::vector<char> buffer(size_t(std::max(length, 0)) + 1);
  std::vsnprintf(buffer.data(), buffer.size(), format, args);
  va_end(args);
  const std::string text = broken_at_spaces(buffer.data(), ImGui::GetContentRegionAvail().x);
  ImGui::PushTextWrapPos(0.0f);  // what is still too wide (one long word) wraps as ImGui does
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
}

}  // namespace tela::viz
