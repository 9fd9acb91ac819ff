#include "algorithms/exact/valleys.h"

namespace tela {

void ValleyCheck::reset(int32_t first, int32_t last) {
  first_ = next_ = run_begin_ = first;
  run_tight_ = false;
  run_walled_ = true;  // the part's ends are walls: nothing left there lives beyond them
  tight_.resize(size_t(last - first));
  valleys_.clear();
}

void ValleyCheck::section(Offset floor, bool tight) {
  if (next_ > first_ && floor != run_floor_) {
    const bool higher = floor > run_floor_;
    if (higher) end_run();
    run_walled_ = !higher;  // the run that starts here has the one before as its left wall
    run_begin_ = next_;
    run_tight_ = false;
  }
  run_floor_ = floor;
  run_tight_ = run_tight_ || tight;
  tight_[size_t(next_ - first_)] = tight;
  ++next_;
}

// The run [run_begin_, next_) ends at a wall (higher floor or the part's end).
void ValleyCheck::end_run() {
  if (run_walled_ && run_tight_) valleys_.push_back({run_begin_, next_, run_floor_});
}

const std::vector<Valley>& ValleyCheck::valleys() {
  if (next_ > first_) end_run();
  return valleys_;
}

void ValleyCheck::open(const Valley& v) {
  open_ = v;
  at_ = v.begin;
  reached_.assign(size_t(v.end - v.begin + 1), 0);
  reached_[0] = 1;
}

// Settles the boundaries up to s: every life starting before s has been added.
void ValleyCheck::advance_to(int32_t s) {
  for (; at_ < s; ++at_) {
    const size_t i = size_t(at_ - open_.begin);
    if (reached_[i] && !tight_[size_t(at_ - first_)]) reached_[i + 1] = 1;  // may stay empty
  }
}

void ValleyCheck::add(int32_t first, int32_t last) {
  if (first < open_.begin || last > open_.end) return;  // reaches past a wall
  advance_to(first);
  if (reached_[size_t(first - open_.begin)]) reached_[size_t(last - open_.begin)] = 1;
}

bool ValleyCheck::covered() {
  advance_to(open_.end);
  return reached_[size_t(open_.end - open_.begin)] != 0;
}

}  // namespace tela
