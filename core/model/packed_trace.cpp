#include "model/packed_trace.h"

#include <algorithm>

namespace tela {
namespace {

// An event's first byte: its kind (3 bits), then which fields follow (those not at their
// default: buffer -1, everything else 0). Its second: the reason (7 bits), and whether causes
// follow (a count, then the buffers).
static_assert(kEventKindCount <= 8, "an event's kind fits in 3 bits");
static_assert(kReasonCount <= 128, "a reason fits in 7 bits");
enum Field : uint8_t { kBuffer = 1, kOffset = 2, kLimit = 4, kTimeLower = 8, kTimeUpper = 16 };
constexpr uint8_t kHasCauses = 0x80;

constexpr size_t kMaxVarint = 10;  // bytes of a 64-bit value, 7 bits a byte
constexpr size_t kFirstBlock = size_t{1} << 12;
constexpr size_t kLargestBlock = size_t{1} << 20;

// Small negative values (time -1, a buffer index) stay short: sign in the lowest bit.
uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
int64_t unzigzag(uint64_t u) { return int64_t(u >> 1) ^ -int64_t(u & 1); }

uint8_t* put(uint8_t* at, int64_t value) {
  uint64_t u = zigzag(value);
  while (u >= 0x80) {
    *at++ = uint8_t(u | 0x80);
    u >>= 7;
  }
  *at++ = uint8_t(u);
  return at;
}

const uint8_t* get(const uint8_t* at, int64_t& value) {
  uint64_t u = 0;
  int shift = 0;
  while (*at & 0x80) {
    u |= uint64_t(*at++ & 0x7F) << shift;
    shift += 7;
  }
  u |= uint64_t(*at++) << shift;
  value = unzigzag(u);
  return at;
}

// Writes `value` when it is not `usual`, and marks it in `fields`.
uint8_t* put_field(uint8_t* at, int64_t value, int64_t usual, Field field, uint8_t& fields) {
  if (value == usual) return at;
  fields |= field;
  return put(at, value);
}

template <typename Value>
const uint8_t* get_field(const uint8_t* at, Value& value, Field field, uint8_t fields) {
  if (!(fields & field)) return at;
  int64_t v = 0;
  at = get(at, v);
  value = Value(v);
  return at;
}

}  // namespace

uint8_t* PackedTrace::room_for(size_t bytes) {
  if (blocks_.empty() || blocks_.back().capacity - blocks_.back().used < bytes) {
    const size_t grown =
        blocks_.empty() ? kFirstBlock : std::min(blocks_.back().capacity * 2, kLargestBlock);
    const size_t capacity = std::max(grown, bytes);
    // (Left uninitialised: each byte is written once, by the event it belongs to.)
    blocks_.push_back({std::unique_ptr<uint8_t[]>(new uint8_t[capacity]), 0, capacity});
  }
  return blocks_.back().bytes.get() + blocks_.back().used;
}

void PackedTrace::on_event(const TraceEvent& e, std::span<const BufferIndex> causes) {
  uint8_t* const first = room_for(2 + (6 + causes.size()) * kMaxVarint);
  uint8_t* at = first + 2;
  uint8_t fields = 0;
  at = put_field(at, e.buffer, -1, kBuffer, fields);
  at = put_field(at, e.offset, 0, kOffset, fields);
  at = put_field(at, e.limit, 0, kLimit, fields);
  at = put_field(at, e.time_lower, 0, kTimeLower, fields);
  at = put_field(at, e.time_upper, 0, kTimeUpper, fields);
  first[0] = uint8_t(uint8_t(e.kind) | uint8_t(fields << 3));
  first[1] = uint8_t(uint8_t(e.reason) | (causes.empty() ? 0 : kHasCauses));
  if (!causes.empty()) {
    at = put(at, int64_t(causes.size()));
    for (const BufferIndex b : causes) at = put(at, b);
  }
  blocks_.back().used = size_t(at - blocks_.back().bytes.get());
  ++events_;
}

bool PackedTrace::Reader::next() {
  const std::vector<Block>& blocks = trace_.blocks_;
  if (!at_ && block_ < blocks.size()) at_ = blocks[block_].bytes.get();
  while (block_ < blocks.size() && at_ == blocks[block_].bytes.get() + blocks[block_].used)
    if (++block_ < blocks.size()) at_ = blocks[block_].bytes.get();
  if (block_ >= blocks.size()) return false;
  const uint8_t fields = uint8_t(at_[0] >> 3);
  event_ = TraceEvent{EventKind(at_[0] & 7), Reason(at_[1] & 0x7F)};
  const bool has_causes = at_[1] & kHasCauses;
  at_ += 2;
  at_ = get_field(at_, event_.buffer, kBuffer, fields);
  at_ = get_field(at_, event_.offset, kOffset, fields);
  at_ = get_field(at_, event_.limit, kLimit, fields);
  at_ = get_field(at_, event_.time_lower, kTimeLower, fields);
  at_ = get_field(at_, event_.time_upper, kTimeUpper, fields);
  causes_.clear();
  if (has_causes) {
    int64_t count = 0, b = 0;
    at_ = get(at_, count);
    for (int64_t i = 0; i < count; ++i) at_ = get(at_, b), causes_.push_back(BufferIndex(b));
  }
  return true;
}

Trace PackedTrace::unpack() const {
  Trace trace;
  trace.events.reserve(size_t(events_));
  trace.cause_begin.reserve(size_t(events_) + 1);
  for (Reader r(*this); r.next();) trace.on_event(r.event(), r.causes());
  return trace;
}

}  // namespace tela
