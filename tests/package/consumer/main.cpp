// A compiler's allocation pass, reduced to its use of tela: buffers in, offsets out, checked.
#include <tela/tela.h>

#include <cstdio>
#include <vector>

// Counts the steps the algorithm reports (a TraceObserver sees every one as it happens).
struct StepCounter : tela::TraceObserver {
  int steps = 0;
  void on_event(const tela::TraceEvent&, std::span<const tela::BufferIndex>) override { ++steps; }
};

int main() {
  // Four buffers, each live during [lower, upper) in program time, `size` bytes.
  const std::vector<int64_t> lower{0, 1, 2, 3}, upper{2, 3, 4, 5}, size{4, 4, 4, 8};
  const tela::ArraysResult built = tela::problem_from_arrays(
      {.lower = lower, .upper = upper, .size = size, .capacity = 12});
  if (built.error) {
    std::fprintf(stderr, "%s\n", built.error->message().c_str());
    return 2;
  }
  const tela::Problem& problem = built.problem;

  StepCounter counter;
  const tela::SolveResult result = tela::solve(
      problem, *tela::find_algorithm("auto"), {.timeout_seconds = 10, .observer = &counter});
  const tela::Validation check = tela::validate(problem, result.solution);
  if (result.status != tela::Status::kSolved || !check.ok()) {
    std::fprintf(stderr, "%s: %s\n", tela::name_of(result.status), tela::describe(problem, check).c_str());
    return 1;
  }
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    std::printf("buffer %zu at offset %lld\n", i, (long long)result.solution.offsets[i]);
  std::printf("peak %lld of %lld (lower bound %lld), %s in %d steps, tela %s\n",
              (long long)result.peak, (long long)problem.capacity,
              (long long)tela::lower_bound(tela::compute_sections(problem)),
              result.algorithm.c_str(), counter.steps, tela::version());
}
