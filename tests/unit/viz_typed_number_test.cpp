// What the page's number fields accept: plain, grouped and unit-suffixed whole numbers; and
// what they refuse, with the reason (a number past 64 bits read as -1 before).
#include <doctest/doctest.h>

#include "viz/model/typed_number.h"

using namespace tela::viz;

namespace {
constexpr long long kMost = (1LL << 53) - 1;
long long value_of(const char* text) {
  const TypedNumber n = read_typed_number(text, kMost);
  CHECK_MESSAGE(n.error.empty(), text, ": ", n.error);
  return n.value;
}
std::string error_of(const char* text) {
  const TypedNumber n = read_typed_number(text, kMost);
  CHECK_MESSAGE(!n.error.empty(), text, " was read as ", n.value);
  return n.error;
}
}  // namespace

TEST_CASE("whole numbers as people type them") {
  CHECK(value_of("1048576") == 1048576);
  CHECK(value_of("  42 ") == 42);
  CHECK(value_of("1,048,576") == 1048576);
  CHECK(value_of("1 048 576") == 1048576);
  CHECK(value_of("1_048_576") == 1048576);
  CHECK(value_of("1'048'576") == 1048576);
  CHECK(value_of("0") == 0);
  CHECK(value_of("9007199254740991") == kMost);
}

TEST_CASE("binary units, any case, with or without iB") {
  CHECK(value_of("64K") == 65536);
  CHECK(value_of("64 KiB") == 65536);
  CHECK(value_of("1MiB") == 1048576);
  CHECK(value_of("1mb") == 1048576);
  CHECK(value_of("3G") == 3LL << 30);
  CHECK(value_of("2TiB") == 2LL << 40);
  CHECK(value_of("512B") == 512);
}

TEST_CASE("refused, with the reason") {
  CHECK(error_of("") == "nothing was typed");
  CHECK(error_of("   ") == "nothing was typed");
  CHECK(error_of("-5") == "a negative number");
  CHECK(error_of("abc").find("not a whole number") == 0);
  CHECK(error_of("1.5").find("not a whole number") == 0);
  CHECK(error_of("1e6").find("not a whole number") == 0);
  CHECK(error_of("1,,000").find("not a whole number") == 0);
  CHECK(error_of(",100").find("not a whole number") == 0);
  CHECK(error_of("100,").find("not a whole number") == 0);
  CHECK(error_of("12 Q").find("not a whole number") == 0);
  // Past the field's limit, past 64 bits, and past it only with the unit.
  CHECK(error_of("9007199254740992") == "larger than 9007199254740991");
  CHECK(error_of("99999999999999999999999") == "larger than 9007199254740991");
  CHECK(error_of("8192TiB") == "larger than 9007199254740991");
}
