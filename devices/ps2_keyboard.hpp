#pragma once
// An IBM PC/AT / PS/2 keyboard (the device at the other end of the 8042's keyboard line).
// It scans keys into scan code set 2 (or set 1 on request), keeps a 16-byte output FIFO,
// repeats the last key pressed (typematic) on the master clock, and answers the host
// commands of the IBM keyboard specification: ED set LEDs, EE echo, F0 get/set scan code
// set, F2 identify (AB 83), F3 typematic rate/delay, F4 enable, F5 disable (and defaults),
// F6 defaults, F7-FD set-3 key modes (acknowledged, no effect), FE resend, FF reset (FA,
// then AA after the basic assurance test).
//
// Modifier-dependent sequences follow Microsoft's "Keyboard Scan Code Specification" (rev.
// 1.3a, scan code tables notes): with Num Lock on, the navigation keys (Insert, Delete,
// Home, End, Page Up/Down, arrows) are wrapped in a fake Left Shift make/break (E0 12 /
// E0 F0 12); with a Shift held they and keypad / are preceded by a fake break of that Shift
// and followed by its fake make; PrintScreen is E0 7C alone with Shift or Ctrl and 84 with
// Alt; Ctrl+Pause sends Break, E0 7E E0 F0 7E.
//
// The keyboard is not an I/O device: the controller (devices/kbc.hpp) moves bytes to and
// from it over the serial line and decides when each one arrives.
#include <bitset>
#include <cstdint>
#include <deque>
#include <string_view>

#include "devices/scancodes.hpp"
#include "memory/clock.hpp"

namespace quartz {

class Ps2Keyboard {
 public:
  static constexpr std::size_t kFifoSize = 16;
  static constexpr std::uint8_t kDefaultTypematic = 0x2B;  // 10.9 characters/s, 500 ms

  Ps2Keyboard();

  // Power-on: run the basic assurance test and announce AA when it completes.
  void power_on(Tick now);
  // How long the basic assurance test takes before AA is sent. Real keyboards need 300-500
  // ms; the default is shorter so that emulated POSTs are not slowed down needlessly.
  void set_bat_delay(Tick ticks) { bat_delay_ = ticks; }

  // Host (GUI / headless runner) side.
  void key_down(HostKey k, Tick now);
  void key_up(HostKey k, Tick now);
  bool key_is_down(HostKey k) const { return down_.test(std::size_t(k)); }
  void release_all(Tick now);

  // Controller side: a byte from the host arrived at `now`.
  void receive(std::uint8_t byte, Tick now);
  // Generate typematic repeats up to `now`.
  void sync(Tick now);
  // The next time sync() would add bytes by itself (typematic), or kNever.
  Tick next_event() const;
  bool has_output() const { return !fifo_.empty(); }
  // Time at which the head byte may start its trip to the controller.
  Tick head_ready() const { return fifo_.empty() ? kNever : fifo_.front().ready_at; }
  std::uint8_t pop();
  // Put a byte whose transmission the host aborted back at the head of the FIFO.
  void push_front(std::uint8_t b, Tick ready_at) { fifo_.push_front({b, ready_at}); }

  // IBM PC/XT (83-key) keyboard behaviour: scan code set 1 after every reset and no
  // commands (the XT interface is receive-only).
  void set_xt_mode(bool on) { xt_mode_ = on; set_ = on ? 1 : 2; }
  bool xt_mode() const { return xt_mode_; }

  // State visible to the GUI.
  std::uint8_t leds() const { return leds_; }  // bit 0 Scroll, bit 1 Num, bit 2 Caps Lock
  int scan_set() const { return set_; }
  bool scanning() const { return enabled_; }
  std::uint8_t typematic() const { return typematic_; }
  // Typematic timing from the rate/delay byte (IBM keyboard specification, command F3):
  // delay = (bits 6-5 + 1) x 250 ms; period = (8 + bits 2-0) x 2^(bits 4-3) x 4.17 ms.
  static Tick typematic_delay(std::uint8_t t);
  static Tick typematic_period(std::uint8_t t);

 private:
  struct Out {
    std::uint8_t byte;
    Tick ready_at;
  };
  // The keyboard command set is a table (devices/ps2_keyboard_commands.cpp).
  struct Command {
    std::uint8_t first, last;  // command code range
    std::string_view name;
    bool keeps_output;  // Echo and Resend leave the output buffer alone
    void (Ps2Keyboard::*run)(std::uint8_t cmd, Tick now);
    // Handler for the parameter byte that follows, or null when there is none.
    void (Ps2Keyboard::*param)(std::uint8_t value, Tick now);
  };
  static const Command* find_command(std::uint8_t cmd);
  void cmd_ack(std::uint8_t cmd, Tick now);
  void cmd_echo(std::uint8_t cmd, Tick now);
  void cmd_identify(std::uint8_t cmd, Tick now);
  void cmd_enable(std::uint8_t cmd, Tick now);
  void cmd_disable(std::uint8_t cmd, Tick now);
  void cmd_defaults(std::uint8_t cmd, Tick now);
  void cmd_resend(std::uint8_t cmd, Tick now);
  void cmd_reset(std::uint8_t cmd, Tick now);
  void param_leds(std::uint8_t value, Tick now);
  void param_scan_set(std::uint8_t value, Tick now);
  void param_typematic(std::uint8_t value, Tick now);

  void set_defaults();
  void send(std::uint8_t b, Tick at);
  void send_scan(const ScanSequence& set2, Tick at);
  // Set 2 sequences including the keyboard's modifier-dependent forms (fake shifts around
  // the navigation keys, Alt+PrintScreen = SysRq, Ctrl+Pause = Break).
  ScanSequence make_sequence(HostKey k) const;
  ScanSequence break_sequence(HostKey k) const;
  void clear_output() { fifo_.clear(); }

  std::deque<Out> fifo_;
  std::bitset<kHostKeyCount> down_;
  int set_ = 2;
  bool xt_mode_ = false;
  bool enabled_ = true;
  std::uint8_t leds_ = 0;
  std::uint8_t typematic_ = kDefaultTypematic;
  std::uint8_t pending_cmd_ = 0;  // ED, F0 or F3 waiting for its parameter
  std::uint8_t last_sent_ = 0xAA;
  Tick bat_delay_ = 0;
  Tick bat_done_ = 0;
  bool repeating_ = false;
  HostKey repeat_key_ = HostKey::Escape;
  Tick next_repeat_ = kNever;
};

}  // namespace quartz
