// The exact search at depth: parts of tens of thousands of buffers, each placement a node
// nested in the one before, searched on an explicit stack (a recursion this deep overflows the
// thread's stack, and much sooner under AddressSanitizer). Every allocation is validated.
#include <string>

#include "algorithms/exact/exact.h"
#include "analysis/sections.h"
#include "support.h"

namespace tela::test {
namespace {

// Buffer i lives [i, i + 2): each overlaps the next, so the whole chain is one part. Sizes
// cycle through 1-3 and the capacity is the most two neighbours need (zero slack there).
Problem chain(int count) {
  Problem p;
  for (int i = 0; i < count; ++i)
    p.buffers.push_back({.id = "c" + std::to_string(i), .lower = i, .upper = i + 2, .size = 1 + i % 3});
  p.capacity = 5;
  return p;
}

// Every buffer lives at once, and their sizes sum to the capacity exactly: a stack.
Problem stack(int count) {
  Problem p;
  for (int i = 0; i < count; ++i)
    p.buffers.push_back({.id = "s" + std::to_string(i), .lower = 0, .upper = 10, .size = 1 + i % 4});
  p.capacity = compute_stats(p).total_size;
  return p;
}

// The buffers placed in a partial allocation, alone: they must fit together.
void check_placed_valid(const Problem& p, const Solution& partial) {
  Problem placed;
  placed.capacity = p.capacity;
  Solution offsets;
  for (size_t i = 0; i < p.buffers.size(); ++i)
    if (partial.offsets[i] != kUnplaced) {
      placed.buffers.push_back(p.buffers[i]);
      offsets.offsets.push_back(partial.offsets[i]);
    }
  const Validation v = validate(placed, offsets);
  INFO(describe(placed, v));
  CHECK(v.ok());
}

TEST_CASE("exact solves a chain of 5,000 buffers, one part placed 5,000 deep") {
  // (Each placement splits off a part and ranks the rest afresh, which sorts it: 20,000 take
  // tens of seconds. Past a few thousand, the rank log is too long to keep: ranks are computed
  // again when a placement is undone.)
  const Problem p = chain(5000);
  const SolveResult r = solve_checked(p, "exact", {.timeout_seconds = 0});
  INFO(r.detail);
  CHECK(r.status == Status::kSolved);
}

TEST_CASE("exact solves a stack of 20,000 buffers at zero slack") {
  const Problem p = stack(20000);
  const SolveResult r = solve_checked(p, "exact", {.timeout_seconds = 0});
  INFO(r.detail);
  CHECK(r.status == Status::kSolved);
  CHECK(r.peak == p.capacity);
}

TEST_CASE("a time limit stops exact in a part of 100,000 buffers, with what it placed valid") {
  const Problem p = chain(100000);
  // A clock that ticks once per read (about every 8,000 buffers looked at): the limit falls
  // within the first few nodes, on any machine.
  int64_t reads = 0;
  const SolveResult r = exact(p, {.timeout_seconds = 300, .clock = [&reads] { return double(++reads); }});
  INFO(r.detail);
  CHECK(r.status == Status::kTimeout);
  REQUIRE(r.solution.offsets.size() == p.buffers.size());
  check_placed_valid(p, r.solution);
}

}  // namespace
}  // namespace tela::test
