#include <map>
#include <string>

#include "../common/random.h"
#include "io/duplicate_ids.h"
#include "support.h"

namespace tela::test {
namespace {

std::vector<Buffer> with_ids(const std::vector<std::string>& ids) {
  std::vector<Buffer> buffers;
  for (const std::string& id : ids) buffers.push_back({.id = id, .lower = 0, .upper = 1, .size = 1});
  return buffers;
}

uint64_t same_hash(std::string_view) { return 42; }
uint64_t first_letter_hash(std::string_view id) { return id.empty() ? 0 : uint64_t(id[0]); }

TEST_CASE("first_duplicate_id finds the first repeat, with its id's first row") {
  for (const IdHash hash : {standard_id_hash, same_hash, first_letter_hash}) {
    CAPTURE(hash == same_hash);
    CHECK(!first_duplicate_id(with_ids({}), hash));
    CHECK(!first_duplicate_id(with_ids({"a"}), hash));
    CHECK(!first_duplicate_id(with_ids({"a", "ab", "b", "ba", "abc"}), hash));
    // Row 3 repeats row 1; row 4 repeats row 0 but comes later.
    auto d = first_duplicate_id(with_ids({"a", "b", "c", "b", "a"}), hash);
    REQUIRE(d);
    CHECK(d->row == 3);
    CHECK(d->first == 1);
    // A third occurrence is not what is reported: the second is, with the first.
    d = first_duplicate_id(with_ids({"x", "ab", "y", "ab", "ab"}), hash);
    REQUIRE(d);
    CHECK(d->row == 3);
    CHECK(d->first == 1);
    // Ids of one hash that differ are not duplicates of each other.
    d = first_duplicate_id(with_ids({"ab", "ac", "ad", "ac"}), hash);
    REQUIRE(d);
    CHECK(d->row == 3);
    CHECK(d->first == 1);
  }
}

TEST_CASE("first_duplicate_id agrees with a row-by-row map on many rows") {
  Random random(7);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::string> ids;
    const int rows = 1 + random.below(20000);
    const int distinct = 1 + random.below(rows * 2);
    for (int i = 0; i < rows; ++i) ids.push_back("b" + std::to_string(random.below(distinct)));
    std::optional<DuplicateId> expected;
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < ids.size() && !expected; ++i)
      if (auto [at, added] = seen.emplace(ids[i], i); !added) expected = DuplicateId{i, at->second};
    const auto found = first_duplicate_id(with_ids(ids));
    REQUIRE(found.has_value() == expected.has_value());
    if (found) {
      CHECK(found->row == expected->row);
      CHECK(found->first == expected->first);
    }
  }
}

}  // namespace
}  // namespace tela::test
