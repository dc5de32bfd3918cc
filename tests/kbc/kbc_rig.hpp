#pragma once
// Shared helpers for the 8042 / keyboard tests: a controller with an IRQ1 probe and a clock
// that advances only through the controller's own next_event() deadlines.
#include <optional>
#include <vector>

#include "devices/kbc.hpp"

namespace quartz::test {

struct Line : IrqLine {
  bool level = false;
  int rises = 0;
  void set_level(bool high) override {
    if (high && !level) ++rises;
    level = high;
  }
};

inline Tick ms(double m) { return seconds_to_ticks(m / 1000.0); }

struct KbcRig {
  Line irq1;
  Kbc8042 kbc{&irq1};
  Tick t = 0;

  KbcRig() {
    // Let the power-on BAT complete and drain AA so each test starts from a quiet line.
    drain();
  }
  void at(Tick when) {
    t = when;
    kbc.sync(t);
  }
  void out(std::uint16_t port, std::uint8_t v) {
    kbc.sync(t);
    kbc.io_write(port, v);
  }
  std::uint8_t in(std::uint16_t port) {
    kbc.sync(t);
    return kbc.io_read(port);
  }
  std::uint8_t status() { return in(0x64); }
  // Advance to each deadline until OBF is set (or `limit` passes); return the byte read.
  std::optional<std::uint8_t> next_byte(Tick limit = ms(2000)) {
    const Tick end = t + limit;
    while (!(status() & 0x01)) {
      const Tick n = kbc.next_event();
      if (n == kNever || n > end) return std::nullopt;
      at(n > t ? n : t);
    }
    return in(0x60);
  }
  std::vector<std::uint8_t> bytes(std::size_t n) {
    std::vector<std::uint8_t> v;
    while (v.size() < n) {
      auto b = next_byte();
      if (!b) break;
      v.push_back(*b);
    }
    return v;
  }
  void drain() {
    while (next_byte(ms(50))) {
    }
  }
  // Write the command byte (controller command 60h).
  void command_byte(std::uint8_t v) {
    out(0x64, 0x60);
    out(0x60, v);
  }
};

}  // namespace quartz::test
