// 8254/8253 register interface and lazy clocking (Intel 8254 datasheet, "Programming the
// 8254", "Read Operations", "Read-Back Command").
#include "devices/pit.hpp"

#include <algorithm>
#include <utility>

namespace quartz {

Pit::Pit(Variant v) : variant_(v) { reset(); }

void Pit::reset() {
  for (int ch = 0; ch < 3; ++ch) {
    counters_[ch].set_8253(variant_ == Variant::i8253);
    counters_[ch].reset();
    notify(ch, now_);
  }
}

void Pit::sync(Tick now) {
  if (now > now_) now_ = now;
  std::uint64_t target = kPitClock.to_cycles(now);
  if (target <= cycle_) return;
  std::uint64_t n = target - cycle_;
  for (int ch = 0; ch < 3; ++ch) advance_channel(ch, n);
  cycle_ = target;
}

void Pit::advance_channel(int ch, std::uint64_t clocks) {
  PitCounter& c = counters_[ch];
  if (!has_observer(ch)) {
    c.advance(clocks);
    reported_[ch] = c.out();
    return;
  }
  // Someone watches OUT: walk event by event so every edge is reported with its tick.
  std::uint64_t pos = cycle_;
  while (clocks) {
    std::uint64_t d = c.clocks_to_event();
    if (d == PitCounter::kNoEvent || d > clocks) {
      c.coast(clocks);
      return;
    }
    c.coast(d - 1);
    c.step();
    pos += d;
    clocks -= d;
    notify(ch, kPitClock.to_ticks(pos));
  }
}

void Pit::notify(int ch, Tick when) {
  bool level = counters_[ch].out();
  if (level == reported_[ch]) return;
  reported_[ch] = level;
  if (out_line_[ch]) out_line_[ch]->set_level(level);
  if (listener_[ch]) listener_[ch](when, level);
}

Tick Pit::next_event() const {
  Tick best = kNever;
  for (int ch = 0; ch < 3; ++ch) {
    if (!out_line_[ch] && !(listener_[ch] && wake_[ch])) continue;
    // Simulate on a copy: at most a load/trigger or an odd mode-3 step precede an edge.
    PitCounter c = counters_[ch];
    std::uint64_t total = 0;
    for (int i = 0; i < 4; ++i) {
      std::uint64_t d = c.clocks_to_event();
      if (d == PitCounter::kNoEvent) break;
      bool before = c.out();
      c.coast(d - 1);
      c.step();
      total += d;
      if (c.out() != before) {
        best = std::min(best, kPitClock.to_ticks(cycle_ + total));
        break;
      }
    }
  }
  return best;
}

void Pit::connect_out(int channel, IrqLine* line) {
  out_line_[channel] = line;
  reported_[channel] = counters_[channel].out();
  if (line) line->set_level(reported_[channel]);
}

void Pit::set_out_listener(int channel, OutListener fn, bool wake) {
  listener_[channel] = std::move(fn);
  wake_[channel] = wake;
  reported_[channel] = counters_[channel].out();
}

void Pit::set_gate(int channel, bool level, Tick now) {
  sync(now);
  counters_[channel].set_gate(level);
  notify(channel, now_);
}

std::uint8_t Pit::io_read(std::uint16_t port) {
  int sel = port & 3;
  // The control word register cannot be read; the data bus floats.
  if (sel == 3) return 0xFF;
  return counters_[sel].read_byte();
}

void Pit::io_write(std::uint16_t port, std::uint8_t value) {
  int sel = port & 3;
  if (sel != 3) {
    counters_[sel].write_count_byte(value);
    notify(sel, now_);
    return;
  }
  int sc = value >> 6;
  if (sc == 3) {
    // SC = 11 is the read-back command on the 8254 and illegal on the 8253.
    if (variant_ == Variant::i8254) read_back(value);
    return;
  }
  if ((value & 0x30) == 0) {
    counters_[sc].latch_count();
    return;
  }
  counters_[sc].write_control(value & 0x3F);
  notify(sc, now_);
}

void Pit::read_back(std::uint8_t cmd) {
  // D5 = COUNT# and D4 = STATUS# (active low), D3-D1 select counters 2-0.
  for (int ch = 0; ch < 3; ++ch) {
    if (!(cmd & (2 << ch))) continue;
    if (!(cmd & 0x20)) counters_[ch].latch_count();
    if (!(cmd & 0x10)) counters_[ch].latch_status();
  }
}

}  // namespace quartz
