// The list of algorithms and the one way to run one. Every algorithm has the signature
// `AlgorithmFunction` (model/run.h) and is listed in `algorithms()`, so the CLI, the bench, the
// tests and the web bindings pick up a new one without changes.
#pragma once

#include <string_view>
#include <vector>

#include "model/run.h"

namespace tela {

struct Algorithm {
  std::string_view name;     // as given to --algo
  std::string_view summary;  // one line for --help
  AlgorithmFunction run;
};

// Every algorithm tela has, in the order --help lists them.
const std::vector<Algorithm>& algorithms();
const Algorithm* find_algorithm(std::string_view name);
// The algorithm a result's name starts with: "auto (exact)" is auto's; nullptr for names no
// algorithm gives ("minimize: exact", "improve (from greedy)"), so a caller keeps its choice.
const Algorithm* algorithm_named_in(std::string_view result_name);

// Runs `algorithm` on `problem`, times it, computes the peak and classifies the outcome:
// solved when the peak fits the capacity, infeasible when a quick proof says nothing can fit.
SolveResult solve(const Problem& problem, const Algorithm& algorithm, const SolveOptions& options);

}  // namespace tela
