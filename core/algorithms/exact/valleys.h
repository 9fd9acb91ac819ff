// Valleys that must be filled from wall to wall: a pruning rule of the exact search, for
// problems with little or no slack (perfect packings above all).
//
// Take a run of sections that share one floor h, with a higher floor (or the end of the part)
// on each side: a valley. In a section of it with no slack (what is left there fills it exactly
// from h up), the byte at h must be covered, by a buffer at offset exactly h (everything below
// is taken or out of reach), whose life cannot reach past the walls (their byte at h is taken).
// Buffers at one offset never meet in time, so the tight sections of a valley are covered by
// buffers left whose lives lie inside it, one after another: a path from wall to wall over their
// lives, which may step over the sections with slack. When no such path exists, no allocation
// completes the node, however far the search would go before finding out.
//
// (Runs walled on one side only, whose lives may go on over the lower floors beyond, were tried
// too: on perfect packings of 400-500 pieces they pruned nothing more that paid.)
//
// This is the time axis's version of filling a gap exactly (the subset-sum checks of perfect
// packing solvers look at the sizes; here the lives must add up).
#pragma once

#include <cstdint>
#include <vector>

#include "model/problem.h"

namespace tela {

struct Valley {
  int32_t begin, end;  // its sections
  Offset floor;
};

// Finds the valleys with a tight section, then, one valley at a time, follows the paths of the
// lives starting in it. Costs a few operations per section and per life looked at: the search
// runs it at every node.
class ValleyCheck {
 public:
  // Starts over on sections [first, last); then section() for each, in order.
  void reset(int32_t first, int32_t last);
  // The next section's floor (the lowest byte anything left could use there) and whether what
  // is left there fills it exactly from the floor up.
  void section(Offset floor, bool tight);
  // The valleys found, once every section was given.
  const std::vector<Valley>& valleys();

  // Follows the paths in valley v: give the lives starting in it in order of their first
  // section (each of a buffer left that could go at the valley's floor), then ask covered().
  void open(const Valley& v);
  void add(int32_t first, int32_t last);
  bool covered();

 private:
  void end_run();
  void advance_to(int32_t s);

  int32_t first_ = 0, next_ = 0;
  int32_t run_begin_ = 0;
  Offset run_floor_ = 0;
  bool run_tight_ = false, run_walled_ = false;
  std::vector<uint8_t> tight_;  // per section of the part, from first_
  std::vector<Valley> valleys_;
  Valley open_{};
  int32_t at_ = 0;                 // the sections before it are settled in reached_
  std::vector<uint8_t> reached_;  // per boundary of the open valley: a path gets there
};

}  // namespace tela
