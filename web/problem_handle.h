// The JS `Problem` object: one problem read from CSV text, and everything that can be asked of
// it before and after solving (stats, lower bound, sections, solve, validate, solution CSV).
#pragma once

#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "io/csv.h"  // LoadedProblem: shared, so runs outlive the Problem that started them

namespace tela::web {

using emscripten::val;

class ProblemHandle {
 public:
  explicit ProblemHandle(std::shared_ptr<const LoadedProblem> loaded) : loaded_(std::move(loaded)) {}

  int bufferCount() const { return int(problem().buffers.size()); }
  double capacity() const { return double(problem().capacity); }
  // {id: string[], lower, upper, size, alignment, fixedOffset: Float64Array (NaN: free)}
  val buffers() const;
  // The fields of `tela stats`, by the same names in camelCase.
  val stats() const;
  double lowerBound() const;
  // {lower, upper, load: Float64Array, live: Int32Array}: the time intervals with a constant
  // live set, in time order.
  val sections() const;
  // Why nothing can fit at this capacity, as `tela stats` says it; null when not proven.
  val proveInfeasible() const;
  // {run: Run} or {error: string} (an unknown algorithm). Options: see solve_options.h.
  val solve(const std::string& algorithm, const val& options) const;
  // The validator's verdict on `offsets` (an array of numbers, NaN for unplaced).
  val validate(const val& offsets) const;
  // The solution as `tela solve` writes it: the file's rows and columns plus the offsets.
  std::string solutionCsv(const val& offsets) const;
  // `tela draw`: {text} or {error}; options {format: 'ascii' | 'svg' | 'tikz', columns, rows,
  // capacity (default: the problem's)}.
  val draw(const val& offsets, const val& options) const;
  // `tela minimize`: {status, capacity, lowerBound, boundArgument, provenMinimal, algorithm,
  // detail, seconds, offsets: Float64Array (NaN: not placed)}, or {error}. Options: as for
  // solve, and onStep: function({seconds, capacity, provenBelow, foundBy, moves, offsets?}),
  // called each time the capacity found or the one proven below moves
  // (core/services/minimize.h). `offsets` (Float64Array, NaN: not placed) comes with the steps
  // that bring an allocation at a capacity lower than any sent before, so a caller that stops
  // minimize early keeps the best one.
  val minimize(const val& options) const;
  // `tela explain`: {status ('infeasible': `buffers` cannot fit together; 'solved': the whole
  // problem fits; else undecided), buffers: Int32Array (indices), minimal, detail,
  // collisions: {lower, upper, load: Float64Array, live: Int32Array}, and when solved,
  // offsets: Float64Array, an allocation that fits}, or {error}.
  val explain(const val& options) const;
  // The plain-words text of an event given as {kind, reason, buffer, offset, limit, timeLower,
  // timeUpper, causes}, so a trace that arrived as typed arrays can be read out.
  std::string describeEvent(const val& event) const;

 private:
  const Problem& problem() const { return loaded_->problem; }
  std::shared_ptr<const LoadedProblem> loaded_;
};

// {problem: Problem} or {error: "file:line:column: what is wrong"}, the message `tela` prints.
// `capacity` (a number, or undefined/null for none) is checked against pre-placed buffers
// while reading, as `tela --capacity` is.
val load_problem(const std::string& csv_text, const std::string& file_name, const val& capacity);

}  // namespace tela::web
