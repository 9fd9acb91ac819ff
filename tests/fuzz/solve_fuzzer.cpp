// Fuzzes every algorithm in the registry (found at run time, so new ones are fuzzed the day they
// are registered) on small problems decoded from the input:
//   byte 0: bits 0-2 buffers - 1 (1..8); bit 3 extreme values (times and sizes near +-2^62);
//           bits 4-5 capacity slack above the lower bound; bit 6 capacity one below the lower
//           bound (extreme: 2^62); bit 7 record a trace and write it out
//   4 bytes a buffer: start, length, size, flags (bits 0-1 log2 alignment, bit 2 pinned,
//           bits 3-7 where it is pinned)
// The problem goes through the CSV writer and reader, so it is exactly what a file can hold.
// Promises checked: a run ends (a timeout on 8 buffers is a hang); a solved result validates;
// an infeasibility claim is never contradicted by exhaustive search, and a complete search
// (telamalloc, exact, auto) finds an allocation whenever exhaustive search does. Then the
// services built on the solvers, with the same checks on every claim they make: minimize (its
// allocation validates at its capacity, which a file may hold; proven minimal means one byte
// less does not fit; no capacity fits means none up to 2^62 does) and explain (the subset
// cannot fit; minimal means each one removed lets the rest fit; a whole problem that fits
// comes with a valid allocation).
#include <sstream>
#include <string>
#include <string_view>

#include "../common/brute_force.h"
#include "../common/complete_search.h"
#include "analysis/sections.h"
#include "io/csv.h"
#include "services/explain.h"
#include "fuzz_check.h"
#include "services/minimize.h"
#include "services/registry.h"
#include "io/trace_io.h"
#include "model/validator.h"

namespace tela::fuzz {
namespace {

constexpr int64_t kBruteForceBudget = 20000;  // offsets tried; beyond it, no cross-check
constexpr size_t kRoundTripEvents = 2000;     // longer traces are not written and read back

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }

 private:
  const uint8_t* data_;
  size_t size_, at_ = 0;
};

constexpr TimeValue kTimes[] = {-kMaxValue, -kMaxValue + 1, -1, 0, 1, 7, kMaxValue - 2, kMaxValue - 1};
constexpr Size kSizes[] = {0, 1, 3, Size{1} << 20, Size{1} << 40, Size{1} << 60, kMaxValue / 2, kMaxValue - 64};

Buffer decode_buffer(Bytes& in, int index, bool extreme) {
  const uint8_t start = in.next(), length = in.next(), size = in.next(), flags = in.next();
  Buffer b{.id = "b" + std::to_string(index)};
  if (extreme) {
    b.lower = kTimes[start % 8];
    b.upper = (length & 0x80) ? kMaxValue : std::min(kMaxValue, b.lower + 1 + length % 6);
    b.size = (size & 0x80) ? kSizes[size % 8] : size % 9;
  } else {
    b.lower = start % 8;
    b.upper = b.lower + 1 + length % 6;
    b.size = size % 9;
  }
  b.alignment = Size{1} << (flags & 3);
  if (flags & 4) b.fixed_offset = flags >> 3;  // a position from 0 to 31, scaled below
  return b;
}

// The decoded problem, as the CSV reader reads it back; nullopt when the reader refuses it
// (sizes adding up past 2^62).
std::optional<Problem> decode(const uint8_t* data, size_t size, bool& record) {
  Bytes in(data, size);
  const uint8_t head = in.next();
  const bool extreme = head & 8;
  record = head & 0x80;
  Problem p;
  Size total = 0;
  for (int i = 0; i <= (head & 7); ++i) {
    p.buffers.push_back(decode_buffer(in, i, extreme));
    total += p.buffers.back().size + p.buffers.back().alignment;
    if (total > kMaxValue) return std::nullopt;  // as the reader would (and loads would overflow)
  }
  const Size lower = lower_bound(compute_sections(p));
  if (head & 0x40) p.capacity = extreme ? kMaxValue : std::max<Size>(0, lower - 1);
  else p.capacity = std::min(kMaxValue, lower + ((head >> 4) & 3));
  for (Buffer& b : p.buffers)
    if (b.fixed_offset) {
      if (b.size > p.capacity) { b.fixed_offset.reset(); continue; }
      const Offset room = p.capacity - b.size;  // pinned at position/31 of the room, aligned
      const Offset at = room <= (Offset{1} << 40) ? room * *b.fixed_offset / 31 : room / 31 * *b.fixed_offset;
      b.fixed_offset = at / b.alignment * b.alignment;
    }
  std::ostringstream csv;
  write_problem_csv(csv, p);
  std::istringstream text(csv.str());
  CsvReadResult read = read_csv(text, "fuzz.csv", {.capacity = p.capacity});
  if (read.error) return std::nullopt;
  read.problem.capacity = p.capacity;
  return read.problem;
}

std::string as_csv(const Problem& p) {
  std::ostringstream out;
  write_problem_csv(out, p);
  return "capacity " + std::to_string(p.capacity) + "\n" + out.str();
}

void check_trace(const Problem& p, const Trace& trace, const SolveResult& result) {
  std::ostringstream out;
  write_trace_jsonl(out, {.problem = p, .trace = trace, .result = result,
                          .lower_bound = lower_bound(compute_sections(p))});
  std::istringstream in(out.str());
  const TraceReadResult back = read_trace_jsonl(in, "fuzz.jsonl");
  FUZZ_CHECK(!back.error, "a recorded trace reads back: " << back.error->message());
  FUZZ_CHECK(back.run.trace.events.size() == trace.events.size(), "with every event");
}

// Whether some allocation of `p` fits `capacity`: nullopt when exhaustive search cannot tell
// within its budget.
std::optional<bool> fits_at(Problem p, Size capacity) {
  p.capacity = capacity;
  std::vector<Offset> offsets;
  return test::brute_force_fits(p, offsets, kBruteForceBudget);
}

Problem only(const Problem& p, const std::vector<BufferIndex>& keep) {
  Problem sub;
  sub.capacity = p.capacity;
  for (BufferIndex b : keep) sub.buffers.push_back(p.buffers[size_t(b)]);
  return sub;
}

void check_minimize(const Problem& p) {
  const MinimizeResult r = minimize(p, {.timeout_seconds = 2});
  const std::string where = std::string("minimize: ") + name_of(r.status) + ": " + r.detail + "\n" + as_csv(p);
  FUZZ_CHECK(r.status == Status::kSolved || r.status == Status::kInfeasible, "minimize on 8 buffers ends: " << where);
  if (r.status == Status::kInfeasible) {
    const std::optional<bool> fits = fits_at(p, kMaxValue);
    FUZZ_CHECK(!fits || !*fits, "no capacity fits, but exhaustive search fits it at 2^62: " << where);
    return;
  }
  FUZZ_CHECK(r.capacity >= 0 && r.capacity <= kMaxValue, "a capacity solve and validate accept: " << where);
  Problem at = p;
  at.capacity = r.capacity;
  const Validation v = validate(at, r.solution);
  FUZZ_CHECK(v.ok(), "minimize's allocation validates at its capacity: " << describe(at, v) << "; " << where);
  FUZZ_CHECK(peak_of(at, r.solution) == r.capacity, "its capacity is its allocation's peak: " << where);
  if (r.proven_minimal && r.capacity > 0) {
    const std::optional<bool> below = fits_at(p, r.capacity - 1);
    FUZZ_CHECK(!below || !*below, "proven minimal, but exhaustive search fits one byte less: " << where);
  }
}

void check_explain(const Problem& p, std::optional<bool> fits) {
  const Explanation e = explain(p, {.timeout_seconds = 2});
  const std::string where = std::string("explain: ") + name_of(e.status) + ": " + e.detail + "\n" + as_csv(p);
  FUZZ_CHECK(e.status == Status::kSolved || e.status == Status::kInfeasible, "explain on 8 buffers ends: " << where);
  if (e.status == Status::kSolved) {
    const Validation v = validate(p, e.solution);
    FUZZ_CHECK(v.ok(), "explain's allocation of a problem that fits validates: " << describe(p, v) << "; " << where);
    return;
  }
  FUZZ_CHECK(!fits || !*fits, "explained as infeasible, but exhaustive search fits it: " << where);
  const std::optional<bool> subset_fits = fits_at(only(p, e.buffers), p.capacity);
  FUZZ_CHECK(!subset_fits || !*subset_fits, "the subset explain names fits after all: " << where);
  if (!e.minimal) return;
  for (size_t i = 0; i < e.buffers.size(); ++i) {
    std::vector<BufferIndex> rest = e.buffers;
    rest.erase(rest.begin() + std::ptrdiff_t(i));
    const std::optional<bool> rest_fits = fits_at(only(p, rest), p.capacity);
    FUZZ_CHECK(!rest_fits || *rest_fits, "called minimal, but the subset without one still cannot fit: " << where);
  }
}

}  // namespace
}  // namespace tela::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tela;
  bool record = false;
  const std::optional<Problem> decoded = fuzz::decode(data, size, record);
  if (!decoded) return 0;
  const Problem& p = *decoded;
  std::vector<Offset> offsets;
  const std::optional<bool> fits = test::brute_force_fits(p, offsets, fuzz::kBruteForceBudget);
  for (const Algorithm& a : algorithms()) {
    Trace trace;
    const SolveResult r = solve(p, a, {.timeout_seconds = 2, .observer = record ? &trace : nullptr});
    const std::string where = std::string(a.name) + ": " + name_of(r.status) + ": " + r.detail +
                              "\n" + fuzz::as_csv(p);
    FUZZ_CHECK(r.status != Status::kTimeout, "a run on 8 buffers ends: " << where);
    FUZZ_CHECK(r.solution.offsets.size() == p.buffers.size(), "one offset per buffer: " << where);
    if (r.status == Status::kSolved) {
      const Validation v = validate(p, r.solution);
      FUZZ_CHECK(v.ok(), "a solved result validates: " << describe(p, v) << "; " << where);
    }
    if (fits && r.status == Status::kInfeasible)
      FUZZ_CHECK(!*fits, "claimed infeasible, but exhaustive search fits it: " << where);
    if (fits && *fits && test::searches_completely(a.name))
      FUZZ_CHECK(r.status == Status::kSolved, "a complete search finds what exhaustive search finds: " << where);
    if (record && trace.events.size() <= fuzz::kRoundTripEvents) fuzz::check_trace(p, trace, r);
  }
  fuzz::check_minimize(p);
  fuzz::check_explain(p, fits);
  return 0;
}
