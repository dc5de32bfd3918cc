#pragma once
// One byte in flight on the keyboard's serial clock/data line. The IBM PC/XT and PC/AT
// keyboard interfaces shift 10-11 bits at 10-16.7 kHz, about 1 ms a byte (IBM PC AT Technical
// Reference, "Keyboard"), so a byte reaches the 8255 shift register or the 8042 input only
// `byte_time` after it starts, and the line is busy meanwhile. Shared by Kbc8042 and Ppi8255.
#include <algorithm>
#include <cstdint>

#include "devices/ps2_keyboard.hpp"
#include "memory/clock.hpp"

namespace quartz {

struct KeyboardLineTransfer {
  bool active = false;
  std::uint8_t byte = 0;
  Tick done = 0;

  void start(std::uint8_t b, Tick now, Tick byte_time) {
    active = true;
    byte = b;
    done = now + byte_time;
  }
  Tick deadline() const { return active ? done : kNever; }
  // Ends the transfer (completed, or aborted by the host pulling the clock low).
  std::uint8_t finish() {
    active = false;
    return byte;
  }
};

// Earliest tick the keyboard's next byte may start: when it is ready to send and the line
// has been free since `free_since`.
inline Tick keyboard_send_start(const Ps2Keyboard& kbd, Tick free_since) {
  return std::max(kbd.head_ready(), free_since);
}

}  // namespace quartz
