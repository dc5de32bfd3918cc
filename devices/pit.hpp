#pragma once
// Intel 8254 Programmable Interval Timer (and the 8253, which lacks the read-back command),
// ports 40h-43h on the PC. Three 16-bit down counters clocked at master/12 (kPitClock,
// 1.193182 MHz). The model is lazy: sync(now) applies every CLK pulse up to `now` in closed
// form (O(1) per interval, or O(edges) for a channel whose OUT pin someone listens to), so a
// counter read sees the count at the exact tick of the access.
//
// Time convention: PIT CLK pulse k (k = 1, 2, ...) happens at master tick kPitClock.to_ticks(k)
// = 12k. A write at tick t is therefore acted on by the first CLK pulse after t, i.e. the
// datasheet's "the count is loaded on the next CLK pulse".
#include <array>
#include <cstdint>
#include <functional>
#include <string_view>

#include "devices/device.hpp"
#include "devices/pit_counter.hpp"

namespace quartz {

class Pit : public IoDevice {
 public:
  enum class Variant : std::uint8_t { i8254, i8253 };
  using OutListener = std::function<void(Tick when, bool level)>;

  explicit Pit(Variant v = Variant::i8254);

  std::string_view name() const override { return variant_ == Variant::i8254 ? "8254" : "8253"; }
  void reset() override;
  void sync(Tick now) override;
  // Tick of the next OUT edge of a channel driving an IrqLine or a waking listener.
  Tick next_event() const override;

  // Ports: the low two address bits select counter 0-2 or the control word register (A1 A0).
  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  // --- board wiring ---------------------------------------------------------------------
  // OUTn drives `line` (on the PC: OUT0 -> PIC IR0). The line is told the current level now.
  void connect_out(int channel, IrqLine* line);
  // A callback told about each OUTn edge with its exact tick (the speaker uses OUT2).
  // Edges are reported during sync(), in order, with the tick they happened at, so a
  // listener that only needs the history (audio) can leave wake = false and be caught up
  // at its next sync; wake = true makes next_event() include the channel's edges so the
  // scheduler stops the CPU at each one. Pass an empty function to detach.
  void set_out_listener(int channel, OutListener fn, bool wake = false);

  // GATEn input (PC/AT: GATE0/1 tied high, GATE2 = port 61h bit 0). Catches up to `now`
  // first, so the edge is seen by the next CLK pulse after `now`.
  void set_gate(int channel, bool level, Tick now);
  bool gate(int channel) const { return counters_[channel].gate(); }

  // OUTn level at the last sync; out(ch, now) catches up first.
  bool out(int channel) const { return counters_[channel].out(); }
  bool out(int channel, Tick now) { sync(now); return out(channel); }

  // Debugger view.
  const PitCounter& counter(int channel) const { return counters_[channel]; }
  Variant variant() const { return variant_; }
  Tick now() const { return now_; }

 private:
  void advance_channel(int ch, std::uint64_t clocks);
  void notify(int ch, Tick when);
  bool has_observer(int ch) const { return out_line_[ch] || bool(listener_[ch]); }
  void read_back(std::uint8_t cmd);

  Variant variant_;
  std::array<PitCounter, 3> counters_;
  std::array<IrqLine*, 3> out_line_{};
  std::array<OutListener, 3> listener_{};
  std::array<bool, 3> wake_{};      // listener wants next_event() to cover its edges
  std::array<bool, 3> reported_{};  // last level told to the observers
  std::uint64_t cycle_ = 0;         // CLK pulses applied so far
  Tick now_ = 0;
};

}  // namespace quartz
