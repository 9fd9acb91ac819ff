#include "services/explain.h"

#include <algorithm>

#include "analysis/phases.h"
#include "model/deadline.h"  // now_seconds
#include "services/portfolio.h"

namespace tela {
namespace {

Problem subproblem(const Problem& problem, const std::vector<BufferIndex>& buffers) {
  Problem sub;
  sub.capacity = problem.capacity;
  for (BufferIndex b : buffers) sub.buffers.push_back(problem.buffers[size_t(b)]);
  return sub;
}

class Explainer {
 public:
  Explainer(const Problem& problem, const SolveOptions& options) : problem_(problem), options_(options) {}

  Explanation run() {
    const SolveResult whole = check(all_buffers(problem_), 1.0);
    if (whole.status != Status::kInfeasible) {
      out_.status = whole.status == Status::kSolved ? Status::kSolved : stopped();
      out_.solution = whole.solution;
      out_.detail = whole.detail;
      return out_;
    }
    out_.status = Status::kInfeasible;
    out_.detail = whole.detail;
    std::vector<BufferIndex> subset = starting_subset();
    out_.minimal = filter(subset);
    out_.buffers = subset;
    std::sort(out_.buffers.begin(), out_.buffers.end());
    collisions();
    return out_;
  }

 private:
  // A smaller infeasible set to start from: the buffers live in an overloaded section, or else
  // the first group of buffers (phase) that does not fit on its own.
  std::vector<BufferIndex> starting_subset() {
    for (size_t i = 0; i < problem_.buffers.size(); ++i)
      if (problem_.buffers[i].size > problem_.capacity) return {BufferIndex(i)};
    const std::vector<Section> sections = compute_sections(problem_);
    const std::vector<SectionSpan> spans = compute_section_spans(problem_, sections);
    for (size_t s = 0; s < sections.size(); ++s)
      if (sections[s].load > problem_.capacity) {
        std::vector<BufferIndex> live;
        for (size_t b = 0; b < spans.size(); ++b)
          if (spans[b].first <= int32_t(s) && int32_t(s) < spans[b].last) live.push_back(BufferIndex(b));
        return live;
      }
    for (const Phase& phase : compute_phases(problem_, sections, spans))
      if (check(phase.buffers, 0.25).status == Status::kInfeasible) return phase.buffers;
    return all_buffers(problem_);
  }

  // The deletion filter: drop each buffer whose removal leaves an infeasible set. True when
  // every buffer kept was shown necessary (the rest fits without it).
  bool filter(std::vector<BufferIndex>& subset) {
    bool minimal = true;
    for (size_t i = 0; i < subset.size();) {
      std::vector<BufferIndex> rest = subset;
      rest.erase(rest.begin() + std::ptrdiff_t(i));
      const double share = 1.0 / double(subset.size() - i + 1);
      const Status s = check(rest, share).status;
      if (s == Status::kInfeasible) {
        subset = std::move(rest);
        continue;
      }
      if (s != Status::kSolved) minimal = false;
      ++i;
    }
    return minimal;
  }

  // Solves the problem restricted to `buffers` with `share` of the time left (at least 50 ms).
  SolveResult check(const std::vector<BufferIndex>& buffers, double share) {
    double budget = 0;
    if (options_.timeout_seconds > 0) {
      const double left = options_.timeout_seconds - elapsed();
      budget = std::max(1e-6, std::min(left, std::max(0.05, left * share)));
    }
    return auto_solve(subproblem(problem_, buffers),
                      {.timeout_seconds = budget, .cancel = options_.cancel,
                       .telamalloc = options_.telamalloc, .exact = options_.exact,
                       .clock = options_.clock});
  }

  // Where two or more buffers of the subset are live at once.
  void collisions() {
    for (const Section& s : compute_sections(subproblem(problem_, out_.buffers)))
      if (s.live >= 2) out_.collisions.push_back(s);
  }

  Status stopped() const {
    return options_.cancel && options_.cancel->load() ? Status::kCancelled : Status::kTimeout;
  }
  double elapsed() const { return now_seconds(options_) - start_; }

  const Problem& problem_;
  const SolveOptions& options_;
  const double start_ = now_seconds(options_);
  Explanation out_;
};

}  // namespace

Explanation explain(const Problem& problem, const SolveOptions& options) {
  return Explainer(problem, options).run();
}

}  // namespace tela
