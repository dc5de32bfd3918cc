#include "machine/scheduler.hpp"

namespace quartz {

Scheduler::EventId Scheduler::add(std::string_view name, Callback callback) {
  Event e;
  e.name = std::string(name);
  e.callback = std::move(callback);
  events_.push_back(std::move(e));
  return EventId(events_.size() - 1);
}

void Scheduler::sift_up(std::uint32_t pos) {
  EventId id = heap_[pos];
  while (pos > 0) {
    std::uint32_t parent = (pos - 1) / 2;
    if (!before(id, heap_[parent])) break;
    place(pos, heap_[parent]);
    pos = parent;
  }
  place(pos, id);
}

void Scheduler::sift_down(std::uint32_t pos) {
  EventId id = heap_[pos];
  const std::uint32_t n = std::uint32_t(heap_.size());
  for (;;) {
    std::uint32_t child = 2 * pos + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], id)) break;
    place(pos, heap_[child]);
    pos = child;
  }
  place(pos, id);
}

void Scheduler::remove(EventId id) {
  std::uint32_t pos = events_[id].heap_pos;
  if (pos == kNotQueued) return;
  events_[id].heap_pos = kNotQueued;
  EventId last = heap_.back();
  heap_.pop_back();
  if (last == id) return;
  place(pos, last);
  sift_down(pos);
  sift_up(events_[last].heap_pos);
}

void Scheduler::schedule(EventId id, Tick when) {
  Event& e = events_[id];
  if (e.heap_pos != kNotQueued && e.when == when) return;  // unchanged: keep its FIFO place
  remove(id);
  e.when = when;
  if (when == kNever) return;
  e.seq = next_seq_++;
  heap_.push_back(id);
  events_[id].heap_pos = std::uint32_t(heap_.size() - 1);
  sift_up(events_[id].heap_pos);
}

unsigned Scheduler::run_due(Tick now) {
  unsigned fired = 0;
  while (!heap_.empty() && events_[heap_[0]].when <= now) {
    EventId id = heap_[0];
    Tick due = events_[id].when;
    remove(id);
    events_[id].when = kNever;
    ++fired;
    if (events_[id].callback) events_[id].callback(due);
  }
  return fired;
}

}  // namespace quartz
