// A recorded trace packed into bytes as the search runs, for reading back in order (writing a
// trace file). A `Trace` keeps ~45 bytes an event (five 64-bit fields, mostly zero); this keeps
// the fields that are set, as variable-length integers: 5-8 bytes for a placement. On a VM,
// memory touched for the first time costs ~4 ns a byte (page faults through the host), so a
// search that emits 5 M events spent more time storing them in a `Trace` than searching.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "model/problem.h"
#include "model/run.h"
#include "model/trace.h"

namespace tela {

class PackedTrace : public TraceObserver {
 public:
  void on_event(const TraceEvent& event, std::span<const BufferIndex> causes) override;
  int64_t size() const { return events_; }

  // Reads the events in the order they were recorded:
  //   for (PackedTrace::Reader r(packed); r.next();) use(r.event(), r.causes());
  class Reader {
   public:
    explicit Reader(const PackedTrace& trace) : trace_(trace) {}
    bool next();  // false after the last event
    const TraceEvent& event() const { return event_; }
    std::span<const BufferIndex> causes() const { return causes_; }

   private:
    const PackedTrace& trace_;
    size_t block_ = 0;
    const uint8_t* at_ = nullptr;  // the next event's first byte in block_ (null: not started)
    TraceEvent event_;
    std::vector<BufferIndex> causes_;
  };

  // The same events as a `Trace`, for stepping through at random.
  Trace unpack() const;

 private:
  // Bytes in blocks of bounded size: growing one array would copy it at each doubling and
  // touch twice the memory. An event never straddles two blocks.
  struct Block {
    std::unique_ptr<uint8_t[]> bytes;
    size_t used = 0;
    size_t capacity = 0;
  };
  uint8_t* room_for(size_t bytes);

  std::vector<Block> blocks_;
  int64_t events_ = 0;
};

// A run recorded packed, with its problem and lower bound: what a trace file holds.
struct PackedRun {
  Problem problem;
  PackedTrace trace;
  SolveResult result;  // status, solution, peak, algorithm, detail, seconds
  Size lower_bound = 0;
};

}  // namespace tela
