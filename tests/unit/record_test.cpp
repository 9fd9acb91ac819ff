// The one way front-ends record a run (services/record.h), packed (services/record_packed.h),
// and the columns traces travel in (services/trace_columns.h).
#include <doctest/doctest.h>

#include <cmath>
#include <type_traits>

#include "analysis/sections.h"
#include "services/generate.h"
#include "services/record.h"
#include "services/record_packed.h"
#include "services/trace_columns.h"
#include "support.h"

namespace tela::test {
namespace {

RecordedRun recorded(const char* algorithm, int64_t max_events) {
  const Problem problem = generate({.kind = GeneratorKind::kRandom, .count = 40, .seed = 7});
  return record_run(problem, *find_algorithm(algorithm), {}, max_events);
}

TEST_CASE("record_run keeps every event, or the first N and says how many more there were") {
  const RecordedRun all = recorded("telamalloc", 0);
  CHECK(validate(all.problem, all.result.solution).ok());
  CHECK(all.result.status == Status::kSolved);
  CHECK(all.lower_bound == compute_stats(all.problem).lower_bound);
  REQUIRE(all.trace.events.size() > 10);
  CHECK(all.trace.cause_begin.size() == all.trace.events.size() + 1);

  const RecordedRun capped = recorded("telamalloc", 10);
  CHECK(capped.trace.events.size() == 10);
  CHECK(capped.trace.cause_begin.size() == 11);
  const std::string more = std::to_string(all.trace.events.size() - 10) + " more were not recorded";
  CHECK(capped.result.detail.find(more) != std::string::npos);
  CHECK(capped.result.solution.offsets == all.result.solution.offsets);  // the run went on
}

TEST_CASE("solve_recording without a trace records nothing and reports nothing dropped") {
  Problem problem = generate({.kind = GeneratorKind::kRandom, .count = 30, .seed = 3});
  problem.capacity = 0;
  for (const Buffer& b : problem.buffers) problem.capacity += b.size;  // room for any order
  int64_t dropped = -1;
  const SolveResult r = solve_recording(problem, *find_algorithm("greedy"), {}, nullptr, 5, &dropped);
  CHECK(dropped == 0);
  CHECK(validate(problem, r.solution).ok());
  CHECK(r.detail.find("not recorded") == std::string::npos);
}

// Every field of every event, and its causes, alike.
void check_same_events(const Trace& a, const Trace& b) {
  REQUIRE(a.events.size() == b.events.size());
  CHECK(a.cause_begin == b.cause_begin);
  CHECK(a.causes == b.causes);
  for (size_t i = 0; i < a.events.size(); ++i) {
    const TraceEvent &x = a.events[i], &y = b.events[i];
    CAPTURE(i);
    CHECK((x.kind == y.kind && x.reason == y.reason && x.buffer == y.buffer &&
           x.offset == y.offset && x.limit == y.limit && x.time_lower == y.time_lower &&
           x.time_upper == y.time_upper));
  }
}

TEST_CASE("a packed trace reads back the events a Trace records, capped alike") {
  const Problem problem = generate({.kind = GeneratorKind::kRandom, .count = 40, .seed = 7});
  for (const char* algorithm : {"telamalloc", "exact", "best-fit", "greedy"})
    for (const int64_t max_events : {int64_t{0}, int64_t{10}}) {
      const std::string name = algorithm;
      CAPTURE(name);
      CAPTURE(max_events);
      const RecordedRun plain = record_run(problem, *find_algorithm(algorithm), {}, max_events);
      const PackedRun packed = record_packed_run(problem, *find_algorithm(algorithm), {}, max_events);
      CHECK(packed.trace.size() == int64_t(plain.trace.events.size()));
      check_same_events(packed.trace.unpack(), plain.trace);
      CHECK(packed.result.detail == plain.result.detail);  // "N more were not recorded"
      CHECK(packed.result.solution.offsets == plain.result.solution.offsets);
      CHECK(packed.result.status == plain.result.status);
      if (packed.result.status == Status::kSolved)
        CHECK(validate(packed.problem, packed.result.solution).ok());
    }
}

TEST_CASE("a packed trace keeps any field's value: negative, zero, 2^62, many causes") {
  const int64_t big = int64_t{1} << 62;
  std::vector<BufferIndex> many(5000);
  for (size_t i = 0; i < many.size(); ++i) many[i] = BufferIndex(i * 40503 % 2147483647);
  Trace direct;
  PackedTrace packed;
  const auto both = [&](const TraceEvent& e, std::span<const BufferIndex> causes) {
    direct.on_event(e, causes);
    packed.on_event(e, causes);
  };
  // Enough events to fill several blocks, the fields set in turn, one event larger than a block.
  for (int64_t i = 0; i < 300000; ++i) {
    const int64_t v = (i % 3 == 0 ? -1 : 1) * (i % 7 == 0 ? big - i : i);
    both({EventKind(i % kEventKindCount), Reason(i % kReasonCount), BufferIndex(i % 5 - 1), v,
          -v, i % 2 ? v : 0, i % 11 ? 0 : big},
         std::span(many).first(size_t(i % 4)));
    if (i == 150000) both({EventKind::kConflict, Reason::kNone, 3, 0, 0, 0, 0}, many);
  }
  check_same_events(packed.unpack(), direct);
  PackedTrace::Reader r(packed);
  for (int64_t i = 0; i < packed.size(); ++i) REQUIRE(r.next());
  CHECK_FALSE(r.next());
  CHECK_FALSE(r.next());  // and stays at the end
  PackedTrace empty;
  CHECK_FALSE(PackedTrace::Reader(empty).next());
  CHECK(empty.unpack().events.empty());
}

TEST_CASE("exit codes: 0 only when solved") {
  CHECK(exit_code_of(Status::kSolved) == kExitDone);
  for (Status s : kAllStatuses)
    if (s != Status::kSolved) CHECK(exit_code_of(s) == kExitNoAllocation);
}

TEST_CASE("status names go both ways and reject anything else") {
  for (Status s : kAllStatuses) CHECK(status_from_name(name_of(s)) == s);
  CHECK_FALSE(status_from_name("Solved").has_value());
  CHECK_FALSE(status_from_name("").has_value());
}

TEST_CASE("a trace survives columns, and its JS form, unchanged") {
  const RecordedRun run = recorded("telamalloc", 0);
  const TraceColumns columns = columns_of(run.trace);
  std::string error;
  std::optional<Trace> back = trace_from_columns(columns, run.problem.buffers.size(), error);
  REQUIRE_MESSAGE(back, error);
  CHECK(back->cause_begin == run.trace.cause_begin);
  CHECK(back->causes == run.trace.causes);
  REQUIRE(back->events.size() == run.trace.events.size());
  for (size_t i = 0; i < back->events.size(); ++i) {
    CHECK(back->events[i].kind == run.trace.events[i].kind);
    CHECK(back->events[i].offset == run.trace.events[i].offset);
    CHECK(back->events[i].time_upper == run.trace.events[i].time_upper);
  }

  // Over the JS wire: int64 columns as doubles, the rest as themselves, by camelCase name.
  TraceColumns received;
  for_each_column(columns, [&](ColumnName name, const auto& column) {
    using T = typename std::decay_t<decltype(column)>::value_type;
    if constexpr (std::is_same_v<T, int64_t>) {
      std::vector<double> wire(column.begin(), column.end());
      CHECK(set_column_from_js(received, name.camel, wire.data(), wire.size() * sizeof(double)));
    } else {
      CHECK(set_column_from_js(received, name.camel, column.data(), column.size() * sizeof(T)));
    }
  });
  CHECK(received.offset == columns.offset);
  CHECK(received.causes == columns.causes);
  CHECK(received.kind == columns.kind);
  CHECK(trace_from_columns(received, run.problem.buffers.size(), error));
}

TEST_CASE("columns that disagree are refused with a reason") {
  const RecordedRun run = recorded("greedy", 0);
  const size_t buffers = run.problem.buffers.size();
  std::string error;
  TraceColumns c = columns_of(run.trace);
  c.limit.pop_back();
  CHECK_FALSE(trace_from_columns(c, buffers, error));
  CHECK(error.find("length") != std::string::npos);

  c = columns_of(run.trace);
  c.cause_begin.clear();
  CHECK_FALSE(trace_from_columns(c, buffers, error));
  c = columns_of(run.trace);
  c.kind[0] = uint8_t(kEventKindCount);
  CHECK_FALSE(trace_from_columns(c, buffers, error));
  c = columns_of(run.trace);
  c.buffer[0] = int32_t(buffers);
  CHECK_FALSE(trace_from_columns(c, buffers, error));

  TraceColumns wire;
  const double bad[] = {1.0, std::nan("")};
  CHECK_FALSE(set_column_from_js(wire, "offset", bad, sizeof bad));  // NaN is no offset
  CHECK_FALSE(set_column_from_js(wire, "time_lower", bad, sizeof(double)));  // snake_case: not JS
  CHECK_FALSE(set_column_from_js(wire, "buffer", bad, 3));  // not a whole number of int32
}

}  // namespace
}  // namespace tela::test
