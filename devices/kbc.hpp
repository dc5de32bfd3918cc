#pragma once
// Intel 8042 keyboard controller as programmed by the IBM PC/AT (and PS/2-style) firmware:
// data port 60h, status/command port 64h, with a PS/2 keyboard attached and no mouse.
//
// Status register (64h read, IBM PC/AT Technical Reference "Keyboard controller"):
//   bit 0 OBF output buffer full, bit 1 IBF input buffer full, bit 2 system flag (command
//   byte bit 2), bit 3 command/data (1 = last write went to 64h), bit 4 keyboard not
//   inhibited (keylock), bit 5 auxiliary output buffer full, bit 6 timeout, bit 7 parity.
// Command byte (20h/60h): bit 0 keyboard interrupt (IRQ1) enable, bit 1 aux interrupt
//   enable, bit 2 system flag, bit 3 inhibit override, bit 4 disable keyboard, bit 5
//   disable aux, bit 6 translate set 2 -> set 1.
// Output port (D0h/D1h): bit 0 system reset (active low), bit 1 A20 gate, bit 4 output
//   buffer full (IRQ1), bit 5 input buffer empty, bit 6 keyboard clock, bit 7 keyboard data.
//
// Timing: each byte takes ~1 ms on the serial keyboard line in either direction (11 bits at
// 10-16.7 kHz); IBF stays set while a byte is being clocked out to the keyboard. Controller
// commands are answered at once.
#include <cstdint>
#include <deque>
#include <functional>
#include <string_view>

#include "devices/device.hpp"
#include "devices/keyboard_line.hpp"
#include "devices/ps2_keyboard.hpp"

namespace quartz {

class Kbc8042 : public IoDevice {
 public:
  static constexpr std::uint16_t kDataPort = 0x60;
  static constexpr std::uint16_t kStatusPort = 0x64;

  // Status register bits.
  static constexpr std::uint8_t kOBF = 0x01, kIBF = 0x02, kSYS = 0x04, kA2 = 0x08,
                                kINH = 0x10, kAUXB = 0x20, kTIMEOUT = 0x40, kPARITY = 0x80;
  // Command byte bits.
  static constexpr std::uint8_t kCmdKbdInt = 0x01, kCmdAuxInt = 0x02, kCmdSys = 0x04,
                                kCmdOverride = 0x08, kCmdKbdDisable = 0x10,
                                kCmdAuxDisable = 0x20, kCmdTranslate = 0x40;
  // Output port bits.
  static constexpr std::uint8_t kOutReset = 0x01, kOutA20 = 0x02;

  explicit Kbc8042(IrqLine* kbd_irq = nullptr, IrqLine* aux_irq = nullptr);

  std::string_view name() const override { return "kbc"; }
  void reset() override;  // power-on reset of the controller and the keyboard
  void sync(Tick now) override;
  Tick next_event() const override;

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  // Wiring.
  void set_irqs(IrqLine* kbd_irq, IrqLine* aux_irq) { irq1_ = kbd_irq; irq12_ = aux_irq; }
  void set_on_a20(std::function<void(bool)> cb) { on_a20_ = std::move(cb); }
  void set_on_reset(std::function<void()> cb) { on_reset_ = std::move(cb); }
  // Input port (C0h): bit 7 keyboard not inhibited, bit 6 primary display (1 = MDA,
  // 0 = CGA/colour), bit 5 manufacturing jumper absent, bit 4 second 256K enabled (0).
  void set_input_port(std::uint8_t v) { input_port_ = v; }
  // The keylock switch: when locked, status bit 4 and input port bit 7 read 0 and the
  // controller accepts nothing from the keyboard unless the command byte's inhibit
  // override bit (3) is set.
  void set_keylock(bool locked);
  bool keylock() const { return keylock_; }
  // Byte time on the keyboard line (default 1 ms).
  void set_byte_time(Tick t) { byte_time_ = t; }

  // Host keyboard (GUI / headless runner). Keys are stamped with the controller's last
  // sync time: call sync(now) first, then re-read next_event().
  void key_down(HostKey k) { sync(now_); kbd_.key_down(k, now_); }
  void key_up(HostKey k) { sync(now_); kbd_.key_up(k, now_); }
  void key_down(HostKey k, Tick now) { sync(now); kbd_.key_down(k, now_); }
  void key_up(HostKey k, Tick now) { sync(now); kbd_.key_up(k, now_); }
  Ps2Keyboard& keyboard() { return kbd_; }
  const Ps2Keyboard& keyboard() const { return kbd_; }

  // State for the board and the debugger.
  bool a20() const { return output_port_ & kOutA20; }
  std::uint8_t status() const { return status_; }
  std::uint8_t command_byte() const { return ram_[0]; }
  std::uint8_t output_port() const { return output_port_; }
  bool irq1_level() const { return irq1_level_; }

 private:
  struct Pending {
    std::uint8_t byte;
    bool aux;
  };
  // The controller command set is a table (devices/kbc_commands.cpp).
  struct Command {
    std::uint8_t first, last;  // command code range
    std::string_view name;
    void (Kbc8042::*run)(std::uint8_t cmd);
    // Handler for the data byte that follows on port 60h, or null for none.
    void (Kbc8042::*data)(std::uint8_t cmd, std::uint8_t value);
  };
  static const Command* find_command(std::uint8_t cmd);
  void execute_command(std::uint8_t cmd);
  void write_data(std::uint8_t v);
  // Command handlers.
  void cmd_read_ram(std::uint8_t cmd);
  void cmd_expect_data(std::uint8_t cmd);
  void cmd_aux_disable(std::uint8_t cmd);
  void cmd_aux_enable(std::uint8_t cmd);
  void cmd_aux_test(std::uint8_t cmd);
  void cmd_self_test(std::uint8_t cmd);
  void cmd_kbd_test(std::uint8_t cmd);
  void cmd_kbd_disable(std::uint8_t cmd);
  void cmd_kbd_enable(std::uint8_t cmd);
  void cmd_read_input(std::uint8_t cmd);
  void cmd_poll_input_low(std::uint8_t cmd);
  void cmd_poll_input_high(std::uint8_t cmd);
  void cmd_read_output(std::uint8_t cmd);
  void cmd_a20_off(std::uint8_t cmd);
  void cmd_a20_on(std::uint8_t cmd);
  void cmd_read_test_inputs(std::uint8_t cmd);
  void cmd_pulse_output(std::uint8_t cmd);
  void data_write_ram(std::uint8_t cmd, std::uint8_t v);
  void data_write_output(std::uint8_t cmd, std::uint8_t v);
  void data_kbd_buffer(std::uint8_t cmd, std::uint8_t v);
  void data_aux_buffer(std::uint8_t cmd, std::uint8_t v);
  void data_to_aux(std::uint8_t cmd, std::uint8_t v);
  void process_input(std::uint8_t v, bool is_command);
  void queue_output(std::uint8_t b, bool aux = false);
  void fill_output_buffer();
  void deliver_from_keyboard(std::uint8_t b);
  void set_output_port(std::uint8_t v);
  void send_to_keyboard(std::uint8_t b);
  void update_irqs();
  Tick rx_start_time() const;

  Ps2Keyboard kbd_;
  Set1Translator translator_;
  IrqLine* irq1_ = nullptr;
  IrqLine* irq12_ = nullptr;
  bool irq1_level_ = false, irq12_level_ = false;
  std::function<void(bool)> on_a20_;
  std::function<void()> on_reset_;

  std::uint8_t status_ = kINH;
  std::uint8_t ram_[32] = {};  // ram_[0] is the command byte
  std::uint8_t output_buffer_ = 0;
  std::uint8_t output_port_ = 0;
  std::uint8_t input_port_ = 0xA0;
  bool keylock_ = false;
  std::uint8_t pending_cmd_ = 0;  // controller command waiting for its data byte
  std::deque<Pending> out_queue_;  // bytes waiting for the output buffer

  // Input buffer held while the keyboard line is busy (IBF = 1).
  bool input_held_ = false;
  std::uint8_t held_byte_ = 0;
  bool held_is_command_ = false;

  // Keyboard line.
  Tick now_ = 0;
  Tick byte_time_;
  Tick free_since_ = 0;
  KeyboardLineTransfer tx_;  // host -> keyboard
  KeyboardLineTransfer rx_;  // keyboard -> host
};

}  // namespace quartz
