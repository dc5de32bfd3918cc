#pragma once
// Intel 8255A programmable peripheral interface as wired on the IBM PC (5150) and PC/XT
// (5160) system boards, ports 60h-63h, with the PC/XT keyboard on its serial interface
// (IBM PC and PC/XT Technical References, "8255A I/O bit map"):
//   port A (60h, input): the keyboard shift register; on the 5150 the SW1 switches instead
//     while PB7 = 1.
//   port B (61h, output): PB0 timer 2 gate, PB1 speaker data, PB2 5150: SW2 switches 1-4
//     (1) or switch 5 (0) on PC0-3, PB3 5150: cassette motor off / 5160: SW1 switches 5-8 (1)
//     or 1-4 (0) on PC0-3, PB4 RAM parity check disable, PB5 I/O channel check disable,
//     PB6 keyboard clock (0 = held low), PB7 clear keyboard (and on the 5150 select SW1).
//   port C (62h, input): PC0-3 switches, PC4 cassette data in (5150), PC5 timer 2 OUT,
//     PC6 I/O channel check, PC7 RAM parity check.
// Switch values are given as the port reads them: a bit is 1 when the switch is OFF.
//
// Keyboard: set 1 scan codes arrive ~1 ms per byte into the shift register, which raises
// IRQ1 and accepts nothing more until the BIOS pulses PB7. Holding the clock low (PB6 = 0)
// for 10 ms or more resets the keyboard, which answers AAh after its self-test.
#include <cstdint>
#include <string_view>

#include "devices/device.hpp"
#include "devices/keyboard_line.hpp"
#include "devices/ps2_keyboard.hpp"

namespace quartz {

class Pit;
class Speaker;

class Ppi8255 : public IoDevice {
 public:
  enum class Model : std::uint8_t { kPc5150, kXt5160 };

  explicit Ppi8255(Model model = Model::kXt5160, IrqLine* irq1 = nullptr, Pit* pit = nullptr,
                   Speaker* speaker = nullptr);

  std::string_view name() const override { return "ppi"; }
  void reset() override;
  void sync(Tick now) override;
  Tick next_event() const override;

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  void set_irq(IrqLine* irq1) { irq1_ = irq1; }
  void set_timer(Pit* pit, Speaker* speaker) { pit_ = pit; speaker_ = speaker; }
  // sw2 is only present on the 5150 (5 switches, bits 0-4).
  void set_switches(std::uint8_t sw1, std::uint8_t sw2 = 0) { sw1_ = sw1; sw2_ = sw2; }
  void set_byte_time(Tick t) { byte_time_ = t; }

  // Host keyboard: stamped with the last sync time (sync first, then re-read next_event()).
  void key_down(HostKey k) { sync(now_); kbd_.key_down(k, now_); }
  void key_up(HostKey k) { sync(now_); kbd_.key_up(k, now_); }
  void key_down(HostKey k, Tick now) { sync(now); kbd_.key_down(k, now_); }
  void key_up(HostKey k, Tick now) { sync(now); kbd_.key_up(k, now_); }
  Ps2Keyboard& keyboard() { return kbd_; }

  std::uint8_t port_b() const { return port_b_; }
  bool irq1_level() const { return irq_level_; }

 private:
  Tick rx_start_time() const;
  void set_irq_level(bool level);
  std::uint8_t port_c() const;

  Model model_;
  IrqLine* irq1_ = nullptr;
  Pit* pit_ = nullptr;
  Speaker* speaker_ = nullptr;
  Ps2Keyboard kbd_;

  std::uint8_t sw1_ = 0, sw2_ = 0;
  std::uint8_t port_b_ = 0;
  std::uint8_t port_c_latch_ = 0;
  std::uint8_t control_ = 0x9B;  // power-on: mode 0, all ports input

  std::uint8_t shift_ = 0;  // keyboard shift register
  bool shift_full_ = false;
  bool irq_level_ = false;

  Tick now_ = 0;
  Tick byte_time_;
  Tick free_since_ = 0;
  Tick clock_low_since_ = 0;
  KeyboardLineTransfer rx_;
};

}  // namespace quartz
