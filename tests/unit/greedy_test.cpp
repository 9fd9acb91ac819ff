// Greedy by size against a plain reference implementation, and the structures that find its
// offsets on dense problems (address_union.h, placed_blocks.h) against brute force.
#include "algorithms/greedy/address_union.h"
#include "algorithms/greedy/placed_blocks.h"
#include "../common/random.h"
#include "support.h"

namespace tela::test {
namespace {

// The lowest multiple x >= start of `alignment` with [x, x + size) clear of every block: the
// definition, by raising x past any block in the way until none is.
Offset lowest_clear(const std::vector<Occupied>& blocks, Offset start, Size size, Size alignment) {
  Offset x = align_up(start, alignment);
  for (bool moved = true; moved;) {
    moved = false;
    for (const Occupied& b : blocks)
      if (b.lower < b.upper && b.lower < x + size && x < b.upper) {
        x = align_up(b.upper, alignment);
        moved = true;
      }
  }
  return x;
}

Size random_alignment(Random& random) {
  static const Size kAlignments[] = {1, 1, 1, 2, 8, 64};
  return kAlignments[random.below(6)];
}

TEST_CASE("an address union finds the lowest clear spot, as the blocks it merged would") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Random random(seed);
    AddressUnion merged;
    std::vector<Occupied> blocks;
    // Enough blocks, over a span wide enough, for many chunks, splits and merges across them.
    const Offset span = 1000 + random.below(Offset{200000});
    for (int i = 0; i < 1500; ++i) {
      const Offset lower = random.below(span);
      const Occupied block{lower, lower + 1 + random.below(Offset{40})};
      merged.add(block);
      blocks.push_back(block);
      if (i % 10 != 0) continue;
      const Size alignment = random_alignment(random);
      const Offset x = align_up(random.below(span), alignment);
      const Size size = 1 + random.below(Size{60});
      INFO("seed " << seed << ", block " << i << ", x " << x << ", size " << size);
      CHECK(merged.first_fit(x, size, alignment) == lowest_clear(blocks, x, size, alignment));
    }
  }
}

TEST_CASE("an address union's searches that resume, and its memory of where no window fits") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Random random(seed + 50);
    AddressUnion merged;
    std::vector<Occupied> blocks;
    const Offset span = 1000 + random.below(Offset{100000});
    Size size = 1 + random.below(Size{80});
    for (int i = 0; i < 2000; ++i) {
      // Clustered additions (where the last went, as greedy's do) and scattered ones.
      const Offset near = blocks.empty() ? 0 : blocks.back().upper + random.below(Offset{30});
      const Offset lower = random.below(3) == 0 ? random.below(span) : near;
      const Occupied block{lower, lower + 1 + random.below(Offset{40})};
      merged.add(block);
      blocks.push_back(block);
      if (i % 7 != 0) continue;
      // Sizes mostly shrink, as greedy asks them; now and then one grows again.
      if (random.below(10) == 0) size = 1 + random.below(Size{80});
      else if (random.below(3) == 0 && size > 1) size -= 1 + random.below(size - 1);
      const Size alignment = random_alignment(random);
      INFO("seed " << seed << ", block " << i << ", size " << size << ", alignment " << alignment);
      AddressUnion::Cursor at;
      const Offset end = merged.dense_end(size, at);
      CHECK(lowest_clear(blocks, 0, size, 1) >= end);  // no window of the size starts below
      // From there, searches that resume give the lowest clear spots, each from the last.
      Offset x = align_up(end, alignment);
      for (int step = 0; step < 3; ++step) {
        const Offset expected = lowest_clear(blocks, x, size, alignment);
        REQUIRE(merged.first_fit(x, size, alignment, at) == expected);
        x = expected + align_up(random.below(Offset{200}), alignment);
      }
    }
  }
}

TEST_CASE("placed blocks find the lowest spot clear during a range of ranks") {
  struct Placed {
    int32_t lo, hi;
    Occupied block;
  };
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Random random(seed + 100);
    const int32_t ranks = 1 + random.below(int32_t{40});
    PlacedBlocks placed{size_t(ranks)};
    std::vector<Placed> all;
    const auto random_range = [&] {
      const int32_t lo = random.below(ranks);
      return std::pair{lo, lo + 1 + random.below(ranks - lo)};
    };
    for (int i = 0; i < 600; ++i) {
      const auto range = random_range();  // plain names: clang 14 cannot capture bindings (INFO)
      const int32_t lo = range.first, hi = range.second;
      const Size size = 1 + random.below(Size{50});
      const Size alignment = random_alignment(random);
      std::vector<Occupied> alongside;
      for (const Placed& p : all)
        if (p.lo < hi && lo < p.hi) alongside.push_back(p.block);
      const Offset expected = lowest_clear(alongside, 0, size, alignment);
      INFO("seed " << seed << ", step " << i << ", ranks [" << lo << ", " << hi << ")");
      REQUIRE(placed.lowest_fit(lo, hi, size, alignment) == expected);
      // Mostly where greedy would put it; now and then anywhere (blocks may then overlap).
      const Offset at = random.below(4) == 0 ? random.below(Offset{3000}) : expected;
      placed.add(lo, hi, {at, at + size});
      all.push_back({lo, hi, {at, at + size}});
    }
  }
}

TEST_CASE("placed blocks near 2^62, the highest address tela handles") {
  constexpr Offset kTop = Offset{1} << 62;
  PlacedBlocks placed{3};
  placed.add(0, 2, {0, kTop - 100});
  placed.add(1, 3, {kTop - 40, kTop});
  CHECK(placed.lowest_fit(0, 1, 100, 1) == kTop - 100);
  CHECK(placed.lowest_fit(0, 1, 101, 1) == -1);
  CHECK(placed.lowest_fit(1, 2, 60, 4) == kTop - 100);
  CHECK(placed.lowest_fit(1, 2, 61, 1) == -1);
  CHECK(placed.lowest_fit(2, 3, kTop - 40, 1) == 0);
  CHECK(placed.lowest_fit(2, 3, kTop - 39, 1) == -1);
  CHECK(placed.lowest_fit(0, 3, 1, Offset{1} << 61) == -1);
}

// Greedy by size as its header states it, with nothing clever: pre-placed first, then largest
// first, longest-lived next, then by index; each at the lowest aligned offset clear of every
// buffer placed before it that is live alongside.
std::vector<Offset> reference_greedy(const Problem& p) {
  std::vector<BufferIndex> order = all_buffers(p);
  std::stable_sort(order.begin(), order.end(), [&](BufferIndex x, BufferIndex y) {
    const Buffer& a = p.buffers[size_t(x)];
    const Buffer& b = p.buffers[size_t(y)];
    if (a.fixed_offset.has_value() != b.fixed_offset.has_value()) return a.fixed_offset.has_value();
    if (a.size != b.size) return a.size > b.size;
    return lifetime(a) > lifetime(b);
  });
  std::vector<Offset> offsets(p.buffers.size(), kUnplaced);
  std::vector<BufferIndex> done;
  for (BufferIndex i : order) {
    const Buffer& b = p.buffers[size_t(i)];
    std::vector<Occupied> alongside;
    for (BufferIndex j : done)
      if (overlap_in_time(b, p.buffers[size_t(j)]))
        alongside.push_back({offsets[size_t(j)], offsets[size_t(j)] + p.buffers[size_t(j)].size});
    std::sort(alongside.begin(), alongside.end(),
              [](const Occupied& x, const Occupied& y) { return x.lower < y.lower; });
    offsets[size_t(i)] = b.fixed_offset ? *b.fixed_offset
                         : b.size == 0  ? 0
                                        : lowest_clear(alongside, 0, b.size, b.alignment);
    done.push_back(i);
  }
  return offsets;
}

// `count` buffers starting within `start_span` (a small span: thousands live at once), living
// 1 to 8 steps or, one in eight, up to `long_life`; sizes of 0 to 2000, some aligned, a few
// pre-placed high up where nothing collides.
Problem random_trace(Random& random, int count, TimeValue start_span, TimeValue long_life) {
  Problem p;
  for (int i = 0; i < count; ++i) {
    const TimeValue lower = random.below(start_span);
    const TimeValue life = random.below(8) == 0 ? 1 + random.below(long_life) : 1 + random.below(TimeValue{8});
    Buffer b{.id = "b" + std::to_string(i), .lower = lower, .upper = lower + life,
             .size = random.below(20) == 0 ? 0 : 1 + random.below(Size{2000}),
             .alignment = random_alignment(random)};
    if (random.below(50) == 0) b.fixed_offset = (Offset{1} << 40) + 4096 * Offset(i);
    p.buffers.push_back(std::move(b));
  }
  p.capacity = Offset{1} << 41;
  return p;
}

TEST_CASE("greedy gives exactly the reference's offsets, on dense and sparse problems") {
  bool dense_seen = false, sparse_seen = false;  // both ways of finding neighbours exercised
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    Random random(seed * 7919);
    for (const TimeValue start_span : {TimeValue{3}, TimeValue{12}, TimeValue{3000}}) {
      const Problem p = random_trace(random, 1500, start_span, 40);
      (placed_blocks_pay_off(start_ranks(p)) ? dense_seen : sparse_seen) = true;
      const SolveResult r = solve_checked(p, "greedy", {});
      REQUIRE(r.status == Status::kSolved);
      const std::vector<Offset> expected = reference_greedy(p);
      CHECK(validate(p, {expected}).ok());
      INFO("seed " << seed << ", starts within " << start_span);
      CHECK(r.solution.offsets == expected);
    }
  }
  CHECK(dense_seen);
  CHECK(sparse_seen);
}

}  // namespace
}  // namespace tela::test
