#include "viz/model/player.h"

#include <algorithm>
#include <set>

namespace tela::viz {

namespace {

bool lifts(EventKind kind) {
  return kind == EventKind::kMinorBacktrack || kind == EventKind::kMajorBacktrack;
}

}  // namespace

std::vector<Offset> pre_placed_offsets(const Problem& problem) {
  std::vector<Offset> offsets;
  offsets.reserve(problem.buffers.size());
  for (const Buffer& b : problem.buffers) offsets.push_back(b.fixed_offset.value_or(kUnplaced));
  return offsets;
}

namespace {

// A run without steps: its result over the pre-placed buffers (a failed run's result places
// none of them: drawn from it alone, colliding pre-placed buffers vanished).
std::vector<Offset> result_offsets(const RecordedRun& run) {
  std::vector<Offset> offsets = pre_placed_offsets(run.problem);
  for (size_t b = 0; b < offsets.size(); ++b)
    if (run.result.solution.offsets[b] != kUnplaced) offsets[b] = run.result.solution.offsets[b];
  return offsets;
}

}  // namespace

std::vector<Offset> offsets_at_end(const RecordedRun& run) {
  if (run.trace.events.empty() && run.result.solution.offsets.size() == run.problem.buffers.size())
    return result_offsets(run);
  std::vector<Offset> offsets = pre_placed_offsets(run.problem);
  for (const TraceEvent& e : run.trace.events) {
    if (e.buffer < 0 || size_t(e.buffer) >= offsets.size()) continue;
    if (e.kind == EventKind::kPlace) offsets[size_t(e.buffer)] = e.offset;
    if (lifts(e.kind)) offsets[size_t(e.buffer)] = kUnplaced;
  }
  return offsets;
}

Player::Player(const RecordedRun* run) : run_(run) {
  if (!run_) return;
  const size_t n = run_->problem.buffers.size();
  offsets_.assign(n, kUnplaced);
  changed_at_.assign(n, 0);
  // Snapshots cost n offsets each; keep their total near 4M values (32 MB) whatever the trace
  // size, so a seek replays at most `stride_` events.
  const int64_t events = steps();
  stride_ = std::max<int64_t>(64, events * int64_t(std::max<size_t>(n, 1)) / (4 << 20));
  index_run();
  offsets_ = snapshots_[0];
}

int64_t Player::steps() const { return run_ ? int64_t(run_->trace.events.size()) : 0; }

// One pass over the whole trace: the counts after every event and the snapshots.
void Player::index_run() {
  const auto& events = run_->trace.events;
  const auto& buffers = run_->problem.buffers;
  counts_.assign(events.size() + 1, StepCounts{});
  // Pre-placed buffers are where they must be from step 0: no algorithm places them.
  std::vector<Offset> offsets = pre_placed_offsets(run_->problem);
  std::vector<int64_t> changed(buffers.size(), 0);
  std::multiset<Offset> tops;  // offset + size of every placed buffer: the peak is the largest
  StepCounts c;
  // A run without its steps (minimize's answer, a trace saved without events) shows its result.
  if (events.empty() && run_->result.solution.offsets.size() == buffers.size()) offsets = result_offsets(*run_);
  for (size_t b = 0; b < buffers.size(); ++b)
    if (offsets[b] != kUnplaced) ++c.placed, tops.insert(offsets[b] + buffers[b].size);
  c.peak = tops.empty() ? 0 : *tops.rbegin();
  counts_[0] = c;
  if (events.empty()) {
    first_placing_.assign(size_t(c.placed), -1);  // a run without steps places them all at once
    first_placing_.push_back(0);
  } else {
    first_placing_.assign(size_t(c.placed) + 1, 0);  // the pre-placed, at step 0
  }
  for (size_t i = 0; i < events.size(); ++i) {
    if (int64_t(i) % stride_ == 0) {
      snapshots_.push_back(offsets);
      snapshot_changes_.push_back(changed);
    }
    const TraceEvent& e = events[i];
    const bool valid = e.buffer >= 0 && size_t(e.buffer) < buffers.size();
    if (e.kind == EventKind::kPlace && valid) {
      if (offsets[e.buffer] == kUnplaced) ++c.placed;
      else tops.erase(tops.find(offsets[e.buffer] + buffers[e.buffer].size));
      offsets[e.buffer] = e.offset;
      changed[e.buffer] = int64_t(i) + 1;
      tops.insert(e.offset + buffers[e.buffer].size);
    } else if (lifts(e.kind) && valid) {
      if (offsets[e.buffer] != kUnplaced) {
        --c.placed;
        tops.erase(tops.find(offsets[e.buffer] + buffers[e.buffer].size));
      }
      offsets[e.buffer] = kUnplaced;
      changed[e.buffer] = int64_t(i) + 1;
    }
    c.peak = tops.empty() ? 0 : *tops.rbegin();
    c.minor_backtracks += e.kind == EventKind::kMinorBacktrack;
    // One jump lifts several blocks, an event each: count the jumps, as the run's summary does.
    // A restart lifts blocks the same way, but the summary does not count it as a backtrack.
    const bool restart = e.reason == Reason::kRestart || e.reason == Reason::kRestartWithMajors;
    c.major_backtracks += e.kind == EventKind::kMajorBacktrack && !restart &&
                          (i == 0 || events[i - 1].kind != EventKind::kMajorBacktrack);
    c.conflicts += e.kind == EventKind::kConflict;
    counts_[i + 1] = c;
    if (size_t(c.placed) >= first_placing_.size()) first_placing_.push_back(int64_t(i) + 1);
  }
  if (snapshots_.empty()) {
    snapshots_.push_back(offsets);
    snapshot_changes_.push_back(changed);
  }
}

void Player::apply(const TraceEvent& e, int64_t step) {
  if (e.buffer < 0 || size_t(e.buffer) >= offsets_.size()) return;
  if (e.kind == EventKind::kPlace) {
    offsets_[e.buffer] = e.offset;
    changed_at_[e.buffer] = step;
  } else if (lifts(e.kind)) {
    offsets_[e.buffer] = kUnplaced;
    changed_at_[e.buffer] = step;
  }
}

void Player::seek(int64_t step) {
  if (!run_) return;
  step = std::clamp<int64_t>(step, 0, steps());
  const auto& events = run_->trace.events;
  // Forward by less than a stride: replay from here. Otherwise start from the snapshot below.
  if (step < step_ || step - step_ > stride_) {
    const size_t k = std::min(size_t(step / stride_), snapshots_.size() - 1);
    offsets_ = snapshots_[k];
    changed_at_ = snapshot_changes_[k];
    step_ = int64_t(k) * stride_;
  }
  for (; step_ < step; ++step_) apply(events[size_t(step_)], step_ + 1);
}

StepCounts Player::counts() const {
  return counts_.empty() ? StepCounts{} : counts_[size_t(step_)];
}

StepCounts Player::final_counts() const { return counts_.empty() ? StepCounts{} : counts_.back(); }

int64_t Player::first_step_placing(int64_t placed) const {
  return placed >= 0 && size_t(placed) < first_placing_.size() ? first_placing_[size_t(placed)] : -1;
}

const TraceEvent* Player::current_event() const {
  return step_ > 0 ? &run_->trace.events[size_t(step_ - 1)] : nullptr;
}

int64_t Player::find_next(std::initializer_list<EventKind> kinds, int64_t from) const {
  for (int64_t s = std::max<int64_t>(from, 0) + 1; s <= steps(); ++s) {
    const EventKind k = run_->trace.events[size_t(s - 1)].kind;
    if (std::find(kinds.begin(), kinds.end(), k) != kinds.end()) return s;
  }
  return -1;
}

int64_t Player::find_previous(std::initializer_list<EventKind> kinds, int64_t from) const {
  for (int64_t s = std::min(from, steps() + 1) - 1; s >= 1; --s) {
    const EventKind k = run_->trace.events[size_t(s - 1)].kind;
    if (std::find(kinds.begin(), kinds.end(), k) != kinds.end()) return s;
  }
  return -1;
}

bool Player::domain_of(BufferIndex buffer, Offset& lowest, Offset& highest) const {
  // A placed buffer's domain is spent: what the canvas shows is where it went.
  if (buffer < 0 || size_t(buffer) >= offsets_.size() || offsets_[size_t(buffer)] != kUnplaced) return false;
  for (int64_t s = step_; s >= 1; --s) {
    const TraceEvent& e = run_->trace.events[size_t(s - 1)];
    if (e.buffer != buffer) continue;
    if (e.kind == EventKind::kPropagate) {
      lowest = e.offset;
      highest = e.limit;
      return true;
    }
  }
  return false;
}

int64_t Player::last_change_of(BufferIndex buffer) const {
  return buffer >= 0 && size_t(buffer) < changed_at_.size() ? changed_at_[size_t(buffer)] : 0;
}

}  // namespace tela::viz
