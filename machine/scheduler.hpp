#pragma once
// The machine's event queue: a small binary min-heap of timed events on the master clock.
// The run loop lets the CPU execute until the earliest deadline, then fires what is due.
// Each event source (a device's next_event(), the end of a run, a screenshot, a GUI frame)
// registers once and is (re)scheduled by id, so moving a deadline is O(log n) and never
// leaves stale entries behind.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "memory/clock.hpp"

namespace quartz {

class Scheduler {
 public:
  using EventId = std::uint32_t;
  // Called with the event's deadline when it fires. The event is unscheduled before the
  // call, so the callback may reschedule it.
  using Callback = std::function<void(Tick due)>;

  // Registers an event source (initially unscheduled) and returns its id.
  EventId add(std::string_view name, Callback callback);

  // (Re)schedules `id` at absolute tick `when`; kNever unschedules it.
  void schedule(EventId id, Tick when);
  void cancel(EventId id) { schedule(id, kNever); }
  // Deadline of `id`, or kNever when unscheduled.
  Tick deadline(EventId id) const { return events_[id].when; }
  std::string_view name(EventId id) const { return events_[id].name; }

  // Earliest scheduled deadline, or kNever.
  Tick next_deadline() const { return heap_.empty() ? kNever : events_[heap_[0]].when; }

  // Fires, in deadline order, every event due at or before `now`. Events with equal
  // deadlines fire in the order they were scheduled (deterministic runs). An event that
  // reschedules itself at or before `now` fires again. Returns the number fired.
  unsigned run_due(Tick now);

  std::size_t size() const { return events_.size(); }
  std::size_t pending() const { return heap_.size(); }

 private:
  struct Event {
    std::string name;
    Callback callback;
    Tick when = kNever;
    std::uint64_t seq = 0;       // tie-break: order of scheduling
    std::uint32_t heap_pos = kNotQueued;
  };
  static constexpr std::uint32_t kNotQueued = 0xFFFFFFFFu;

  bool before(EventId a, EventId b) const {
    const Event& x = events_[a];
    const Event& y = events_[b];
    return x.when != y.when ? x.when < y.when : x.seq < y.seq;
  }
  void place(std::uint32_t pos, EventId id) {
    heap_[pos] = id;
    events_[id].heap_pos = pos;
  }
  void sift_up(std::uint32_t pos);
  void sift_down(std::uint32_t pos);
  void remove(EventId id);

  std::vector<Event> events_;
  std::vector<EventId> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace quartz
