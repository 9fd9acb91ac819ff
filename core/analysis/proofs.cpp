#include "analysis/proofs.h"

#include <algorithm>

#include "analysis/sections.h"
#include "io/input_error.h"  // printable
#include "model/validator.h"

namespace tela {

std::optional<std::string> prove_infeasible(const Problem& problem) {
  return prove_infeasible(problem, compute_sections(problem));
}

std::optional<std::string> prove_infeasible(const Problem& problem,
                                            const std::vector<Section>& sections) {
  for (const Buffer& b : problem.buffers)
    if (b.size > problem.capacity)
      return "buffer '" + printable(b.id) + "' alone needs " + std::to_string(b.size) +
             " bytes, more than the capacity " + std::to_string(problem.capacity);
  for (const Section& s : sections)
    if (s.load > problem.capacity)
      return "during [" + std::to_string(s.lower) + ", " + std::to_string(s.upper) + ") the " +
             std::to_string(s.live) + " live buffers need " + std::to_string(s.load) +
             " bytes, more than the capacity " + std::to_string(problem.capacity);
  // Pre-placed buffers: check them alone, as if they were a whole solution.
  if (std::none_of(problem.buffers.begin(), problem.buffers.end(),
                   [](const Buffer& b) { return b.fixed_offset.has_value(); }))
    return std::nullopt;
  Problem fixed;
  Solution offsets;
  fixed.capacity = problem.capacity;
  for (const Buffer& b : problem.buffers)
    if (b.fixed_offset) {
      fixed.buffers.push_back(b);
      offsets.offsets.push_back(*b.fixed_offset);
    }
  if (Validation v = validate(fixed, offsets); v.verdict == Verdict::kOverlap)
    return "the pre-placed buffers " + describe(fixed, v);
  return std::nullopt;
}

}  // namespace tela
