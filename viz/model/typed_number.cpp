#include "viz/model/typed_number.h"

#include <cctype>

namespace tela::viz {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool is_group_mark(char c) { return c == ',' || c == '_' || c == ' ' || c == '\''; }

// The multiplier a unit names (1 for none); 0 when it names none we know.
long long unit_multiplier(std::string_view unit) {
  std::string lower;
  for (char c : trimmed(unit)) lower += char(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty() || lower == "b") return 1;
  const char prefix = lower[0];
  const std::string_view rest = std::string_view(lower).substr(1);
  if (rest != "" && rest != "b" && rest != "ib") return 0;
  switch (prefix) {
    case 'k': return 1LL << 10;
    case 'm': return 1LL << 20;
    case 'g': return 1LL << 30;
    case 't': return 1LL << 40;
    default: return 0;
  }
}

}  // namespace

TypedNumber read_typed_number(std::string_view text, long long most) {
  const std::string_view whole = trimmed(text);
  if (whole.empty()) return {0, "nothing was typed"};
  if (whole.front() == '-') return {0, "a negative number"};
  // Digits and the marks between them; a mark must sit between two digits.
  long long value = 0;
  bool too_large = false;
  size_t i = 0;
  for (; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c >= '0' && c <= '9') {
      const int digit = c - '0';
      if (value > (most - digit) / 10) too_large = true;
      else value = value * 10 + digit;
      continue;
    }
    const bool between_digits = i > 0 && i + 1 < whole.size() && std::isdigit(static_cast<unsigned char>(whole[i - 1])) &&
                                std::isdigit(static_cast<unsigned char>(whole[i + 1]));
    if (is_group_mark(c) && between_digits) continue;
    break;
  }
  if (i == 0) return {0, "not a whole number"};
  const long long unit = unit_multiplier(whole.substr(i));
  if (unit == 0) return {0, "not a whole number (units: K, M, G, T, as in 64K or 1MiB)"};
  if (too_large || value > most / unit) return {0, "larger than " + std::to_string(most)};
  return {value * unit, ""};
}

}  // namespace tela::viz
