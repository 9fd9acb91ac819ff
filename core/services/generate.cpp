#include "services/generate.h"

#include <algorithm>
#include <queue>
#include <tuple>

#include "analysis/sections.h"
#include "io/csv.h"
#include "model/checked_math.h"

namespace tela {
namespace {

// splitmix64: tiny, fast, and the same numbers on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return n <= 1 ? 0 : int64_t(next() % uint64_t(n)); }
  int64_t between(int64_t lo, int64_t hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(int percent) { return below(100) < percent; }

 private:
  uint64_t state_;
};

std::string id_of(int64_t i) { return "b" + std::to_string(i); }

Problem random_problem(const GenerateOptions& o, Rng& rng) {
  Problem p;
  const int64_t span = std::max<int64_t>(10, o.count / 2);
  for (int64_t i = 0; i < o.count; ++i) {
    const TimeValue lower = rng.below(span);
    p.buffers.push_back({.id = id_of(i), .lower = lower, .upper = lower + rng.between(1, span / 4 + 1),
                         .size = rng.between(1, 1024)});
  }
  return p;
}

// `density` outputs per time step (one op each, or one op's several); each is read by the next
// few ops, and now and then kept for much later (a skip connection, an activation saved for the
// backward pass).
Problem ml_problem(const GenerateOptions& o, Rng& rng) {
  Problem p;
  p.buffers.reserve(size_t(o.count));
  const int64_t density = std::max<int64_t>(1, o.density);
  for (int64_t i = 0; i < o.count; ++i) {
    const int64_t life = rng.chance(3) ? rng.between(16, 4096) : rng.between(1, 12);
    const Size base = Size{4096} << rng.below(9);  // 4 KiB .. 1 MiB tensors
    const TimeValue start = i / density;
    Buffer b{.id = id_of(i), .lower = start, .upper = start + life,
             .size = base + 4096 * rng.below(base / 4096 + 1)};
    if (rng.chance(25)) b.alignment = 64;
    p.buffers.push_back(std::move(b));
  }
  return p;
}

// Guillotine cuts of the rectangle [0, span) x [0, capacity): always the largest piece next,
// across time or across addresses at random, so pieces stay of mixed shapes.
Problem packing_problem(const GenerateOptions& o, Rng& rng) {
  struct Piece {
    TimeValue t0, t1;
    Offset a0, a1;
    int64_t area() const { return saturating_mul(t1 - t0, a1 - a0); }  // capacities reach 2^62
    // A total order: with ties left open, libstdc++ and libc++ heaps pop equal pieces in
    // different orders and the generated problems would differ between native and WASM.
    bool operator<(const Piece& other) const {
      return std::make_tuple(area(), t0, a0) < std::make_tuple(other.area(), other.t0, other.a0);
    }
  };
  const Size capacity = o.capacity > 0 ? o.capacity : 1024;
  const TimeValue span = std::max<int64_t>(16, o.count * 2);
  std::priority_queue<Piece> pieces;
  pieces.push({0, span, 0, capacity});
  std::vector<Piece> done;  // too small to cut
  while (int64_t(pieces.size() + done.size()) < o.count && !pieces.empty()) {
    Piece p = pieces.top();
    pieces.pop();
    const bool can_time = p.t1 - p.t0 >= 2, can_space = p.a1 - p.a0 >= 2;
    if (!can_time && !can_space) {
      done.push_back(p);
      continue;
    }
    const bool cut_time = can_time && (!can_space || rng.chance(50));
    Piece q = p;
    if (cut_time) {
      p.t1 = q.t0 = rng.between(p.t0 + 1, p.t1 - 1);
    } else {
      p.a1 = q.a0 = rng.between(p.a0 + 1, p.a1 - 1);
    }
    pieces.push(p);
    pieces.push(q);
  }
  for (; !pieces.empty(); pieces.pop()) done.push_back(pieces.top());
  std::sort(done.begin(), done.end(), [](const Piece& x, const Piece& y) {
    return std::tie(x.t0, x.a0) < std::tie(y.t0, y.a0);
  });
  Problem problem;
  problem.capacity = capacity;
  for (size_t i = 0; i < done.size(); ++i)
    problem.buffers.push_back({.id = id_of(int64_t(i)), .lower = done[i].t0, .upper = done[i].t1,
                               .size = done[i].a1 - done[i].a0});
  return problem;
}

// All live together over [0, 10), sizes 1..1024: only the order of the stack is to choose.
Problem overlap_problem(const GenerateOptions& o, Rng& rng) {
  Problem p;
  for (int64_t i = 0; i < o.count; ++i)
    p.buffers.push_back({.id = id_of(i), .lower = 0, .upper = 10, .size = rng.between(1, 1024)});
  return p;
}

}  // namespace

std::span<const GeneratorInfo> generators() {
  static constexpr GeneratorInfo kAll[] = {
      {GeneratorKind::kRandom, "random", "independent buffers with random lives and sizes"},
      {GeneratorKind::kMlTrace, "ml",
       "a compiler's trace: one op a step, most outputs short-lived, skips long-lived"},
      {GeneratorKind::kPacking, "packing",
       "a capacity x time rectangle cut into pieces: fits exactly, zero slack"},
      {GeneratorKind::kOverlap, "overlap",
       "every buffer live at the same time (1000 of them: TelaMalloc's worst case)"},
  };
  return kAll;
}

bool generator_from_name(std::string_view name, GeneratorKind& kind) {
  for (const GeneratorInfo& g : generators())
    if (g.name == name) {
      kind = g.kind;
      return true;
    }
  return false;
}

Problem generate(const GenerateOptions& options) {
  Rng rng(options.seed);
  switch (options.kind) {
    case GeneratorKind::kPacking: return packing_problem(options, rng);
    case GeneratorKind::kMlTrace: {
      Problem p = ml_problem(options, rng);
      p.capacity = lower_bound(compute_sections(p));
      return p;
    }
    case GeneratorKind::kRandom:
    case GeneratorKind::kOverlap: break;
  }
  Problem p = options.kind == GeneratorKind::kOverlap ? overlap_problem(options, rng)
                                                      : random_problem(options, rng);
  p.capacity = lower_bound(compute_sections(p));
  return p;
}

bool within_readable_total(const Problem& problem) {
  Size total = 0;  // saturating: past 2^62 is all that matters, never an overflow on the way
  for (const Buffer& b : problem.buffers) total = saturating_add(total, saturating_add(b.size, b.alignment));
  return total <= kMaxValue;
}

}  // namespace tela
