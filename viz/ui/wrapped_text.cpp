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

std::string cut_to_width(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size()).x <= width) return text;
  const std::string dots = "...";
  std::vector<size_t> starts;  // where each character starts: a cut never splits one
  for (size_t i = 1; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  // The longest head that fits: heads widen as they lengthen, so a binary search finds it.
  const auto first_too_wide = std::partition_point(starts.begin(), starts.end(), [&](size_t end) {
    const std::string shown = text.substr(0, end) + dots;  // measured whole: widths round up
    return ImGui::CalcTextSize(shown.c_str()).x <= width;
  });
  size_t fits = first_too_wide == starts.begin() ? 0 : *(first_too_wide - 1);
  while (fits > 0 && text[fits - 1] == ' ') --fits;  // "no match..." rather than "no ..."
  return text.substr(0, fits) + dots;
}

void whole_text_tooltip(const std::string& text) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void hint(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  text_wrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

std::string as_sentence(std::string clause) {
  if (clause.empty()) return clause;
  if (clause[0] >= 'a' && clause[0] <= 'z') clause[0] = char(clause[0] - 'a' + 'A');
  if (clause.back() != '.' && clause.back() != '?' && clause.back() != '!') clause += '.';
  return clause;
}

bool text_wrapped_in_lines(const std::string& text, int lines) {
  const float width = ImGui::GetContentRegionAvail().x;
  const std::string broken = broken_at_spaces(text, width);
  std::vector<std::string> rows;
  for (size_t from = 0; from <= broken.size();) {
    const size_t end = std::min(broken.find('\n', from), broken.size());
    rows.push_back(broken.substr(from, end - from));
    from = end + 1;
  }
  if (int(rows.size()) <= std::max(lines, 1)) {
    ImGui::PushTextWrapPos(0.0f);  // a word wider than the line still wraps
    ImGui::TextUnformatted(broken.c_str(), broken.c_str() + broken.size());
    ImGui::PopTextWrapPos();
    return false;
  }
  // The rows kept, the last of them running on with the rest, cut to the width.
  std::string shown, rest;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (int(r) + 1 < lines) shown += rows[r] + "\n";
    else rest += (rest.empty() ? "" : " ") + rows[r];
  }
  shown += cut_to_width(rest, width);
  ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
  if (ImGui::IsItemHovered()) whole_text_tooltip(text);
  return true;
}

void text_on_one_line(const std::string& text, float width) {
  const std::string shown = cut_to_width(text, width);
  ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
  if (shown != text && ImGui::IsItemHovered()) whole_text_tooltip(text);
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

std::string first_that_fits(const std::vector<std::string>& forms, float width) {
  for (const std::string& form : forms)
    if (ImGui::CalcTextSize(form.c_str()).x <= width) return form;
  return forms.empty() ? std::string() : forms.back();
}

}  // namespace tela::viz
