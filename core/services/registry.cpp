#include "services/registry.h"

#include <algorithm>
#include <chrono>

#include "algorithms/best_fit/best_fit.h"
#include "algorithms/exact/exact.h"
#include "algorithms/greedy/greedy.h"
#include "algorithms/telamalloc/telamalloc.h"
#include "analysis/proofs.h"
#include "services/portfolio.h"

namespace tela {

const std::vector<Algorithm>& algorithms() {
  static const std::vector<Algorithm> all = {
      {"best-fit", "program order, each buffer in the smallest free gap (XLA heap simulator)",
       best_fit},
      {"greedy", "largest first, each at the lowest offset clear of its neighbours (TFLite)",
       greedy_by_size},
      {"telamalloc",
       "contention heuristic in lock step with a propagating solver, minor and major "
       "backtracking (Maas et al., ASPLOS 2023)",
       telamalloc},
      {"exact",
       "complete search in offset order with section inference, dominance, decomposition, "
       "nogoods and restarts (after MiniMalloc, Moffitt, ASPLOS 2023); proves infeasibility",
       exact},
      {"auto",
       "best-fit, greedy, greedy around a gap-free stack at the busiest time, (past 1200 buffers) "
       "the improvement of the lowest of them, then telamalloc for 1000 placements, then exact for "
       "the rest of the time; the first allocation that fits wins",
       auto_solve},
  };
  return all;
}

const Algorithm* find_algorithm(std::string_view name) {
  for (const Algorithm& a : algorithms())
    if (a.name == name) return &a;
  return nullptr;
}

const Algorithm* algorithm_named_in(std::string_view result_name) {
  return find_algorithm(result_name.substr(0, result_name.find(" (")));
}

SolveResult solve(const Problem& problem, const Algorithm& algorithm, const SolveOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  SolveResult result = algorithm.run(problem, options);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // An algorithm that delegates says to whom, as "auto (exact)"; the others are named here.
  if (result.algorithm.rfind(algorithm.name, 0) != 0) result.algorithm = std::string(algorithm.name);
  // The peak (as peak_of computes it) and whether any buffer is pre-placed, in one pass over the
  // buffers: a million of them are 80 MB to read, and twice as long to read twice.
  bool any_fixed = false;
  result.peak = 0;
  const std::vector<Offset>& offsets = result.solution.offsets;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer& b = problem.buffers[i];
    any_fixed |= b.fixed_offset.has_value();
    if (i < offsets.size() && offsets[i] != kUnplaced)
      result.peak = std::max(result.peak, offsets[i] + b.size);
  }
  if (result.status != Status::kSolved) return result;
  // Pre-placed buffers that collide make any answer wrong, whatever its peak; otherwise only an
  // answer above the capacity needs a look for a proof.
  if (result.peak <= problem.capacity && !any_fixed) return result;
  if (std::optional<std::string> proof = prove_infeasible(problem)) {
    result.status = Status::kInfeasible;
    result.detail = *proof;
  } else if (result.peak > problem.capacity) {
    result.status = Status::kNotFound;
    result.detail = result.algorithm + " needs " + std::to_string(result.peak) +
                    " bytes, more than the capacity " + std::to_string(problem.capacity) +
                    "; another algorithm may still fit it";
  }
  return result;
}

}  // namespace tela
