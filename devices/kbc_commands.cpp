// The 8042 controller command set (port 64h), as a table. Command codes and results from
// the IBM PC/AT Technical Reference, "Keyboard controller commands", plus the PS/2 auxiliary
// port commands (A7h-A9h, D3h, D4h) and the widely supported DDh/DFh A20 commands.
#include "devices/kbc.hpp"

namespace quartz {

const Kbc8042::Command* Kbc8042::find_command(std::uint8_t cmd) {
  static constexpr Command kCommands[] = {
      {0x20, 0x3F, "read controller RAM", &Kbc8042::cmd_read_ram, nullptr},
      {0x60, 0x7F, "write controller RAM", &Kbc8042::cmd_expect_data, &Kbc8042::data_write_ram},
      {0xA7, 0xA7, "disable aux interface", &Kbc8042::cmd_aux_disable, nullptr},
      {0xA8, 0xA8, "enable aux interface", &Kbc8042::cmd_aux_enable, nullptr},
      {0xA9, 0xA9, "test aux interface", &Kbc8042::cmd_aux_test, nullptr},
      {0xAA, 0xAA, "self-test", &Kbc8042::cmd_self_test, nullptr},
      {0xAB, 0xAB, "test keyboard interface", &Kbc8042::cmd_kbd_test, nullptr},
      {0xAD, 0xAD, "disable keyboard", &Kbc8042::cmd_kbd_disable, nullptr},
      {0xAE, 0xAE, "enable keyboard", &Kbc8042::cmd_kbd_enable, nullptr},
      {0xC0, 0xC0, "read input port", &Kbc8042::cmd_read_input, nullptr},
      {0xC1, 0xC1, "poll input port low", &Kbc8042::cmd_poll_input_low, nullptr},
      {0xC2, 0xC2, "poll input port high", &Kbc8042::cmd_poll_input_high, nullptr},
      {0xD0, 0xD0, "read output port", &Kbc8042::cmd_read_output, nullptr},
      {0xD1, 0xD1, "write output port", &Kbc8042::cmd_expect_data, &Kbc8042::data_write_output},
      {0xD2, 0xD2, "write keyboard output buffer", &Kbc8042::cmd_expect_data,
       &Kbc8042::data_kbd_buffer},
      {0xD3, 0xD3, "write aux output buffer", &Kbc8042::cmd_expect_data,
       &Kbc8042::data_aux_buffer},
      {0xD4, 0xD4, "write to aux device", &Kbc8042::cmd_expect_data, &Kbc8042::data_to_aux},
      {0xDD, 0xDD, "disable A20", &Kbc8042::cmd_a20_off, nullptr},
      {0xDF, 0xDF, "enable A20", &Kbc8042::cmd_a20_on, nullptr},
      {0xE0, 0xE0, "read test inputs", &Kbc8042::cmd_read_test_inputs, nullptr},
      {0xF0, 0xFF, "pulse output port", &Kbc8042::cmd_pulse_output, nullptr},
  };
  for (const Command& c : kCommands)
    if (cmd >= c.first && cmd <= c.last) return &c;
  return nullptr;
}

void Kbc8042::execute_command(std::uint8_t cmd) {
  // Undefined commands are ignored by the controller firmware.
  if (const Command* c = find_command(cmd)) (this->*c->run)(cmd);
}

void Kbc8042::write_data(std::uint8_t v) {
  const std::uint8_t cmd = pending_cmd_;
  pending_cmd_ = 0;
  const Command* c = cmd ? find_command(cmd) : nullptr;
  if (c && c->data) {
    (this->*c->data)(cmd, v);
  } else {
    send_to_keyboard(v);  // data with no command pending goes to the keyboard
  }
}

void Kbc8042::cmd_read_ram(std::uint8_t cmd) { queue_output(ram_[cmd & 0x1F]); }
void Kbc8042::cmd_expect_data(std::uint8_t cmd) { pending_cmd_ = cmd; }
void Kbc8042::cmd_aux_disable(std::uint8_t) { ram_[0] |= kCmdAuxDisable; }
void Kbc8042::cmd_aux_enable(std::uint8_t) { ram_[0] &= std::uint8_t(~kCmdAuxDisable); }
// Aux clock/data line test: with nothing attached the lines idle high, no fault (00h).
void Kbc8042::cmd_aux_test(std::uint8_t) { queue_output(0x00); }
void Kbc8042::cmd_self_test(std::uint8_t) { queue_output(0x55); }  // 55h = passed
void Kbc8042::cmd_kbd_test(std::uint8_t) { queue_output(0x00); }   // 00h = no fault
void Kbc8042::cmd_kbd_disable(std::uint8_t) { ram_[0] |= kCmdKbdDisable; }
void Kbc8042::cmd_kbd_enable(std::uint8_t) { ram_[0] &= std::uint8_t(~kCmdKbdDisable); }
void Kbc8042::cmd_read_input(std::uint8_t) { queue_output(input_port_); }

// C1h/C2h copy input port bits 3-0 / 7-4 into status bits 7-4.
void Kbc8042::cmd_poll_input_low(std::uint8_t) {
  status_ = std::uint8_t((status_ & 0x0F) | ((input_port_ & 0x0F) << 4));
}
void Kbc8042::cmd_poll_input_high(std::uint8_t) {
  status_ = std::uint8_t((status_ & 0x0F) | (input_port_ & 0xF0));
}

void Kbc8042::cmd_read_output(std::uint8_t) {
  // Bits 4 and 5 are the OBF (IRQ1) and aux OBF (IRQ12) outputs.
  std::uint8_t v = output_port_ & 0xCF;
  if ((status_ & kOBF) && !(status_ & kAUXB)) v |= 0x10;
  if ((status_ & kOBF) && (status_ & kAUXB)) v |= 0x20;
  queue_output(v);
}

void Kbc8042::cmd_a20_off(std::uint8_t) { set_output_port(output_port_ & std::uint8_t(~kOutA20)); }
void Kbc8042::cmd_a20_on(std::uint8_t) { set_output_port(output_port_ | kOutA20); }

// Test inputs T0 (keyboard clock) and T1 (keyboard data); both idle high unless the
// controller holds the clock low because the keyboard is disabled.
void Kbc8042::cmd_read_test_inputs(std::uint8_t) {
  queue_output((ram_[0] & kCmdKbdDisable) ? 0x02 : 0x03);
}

// F0h-FFh pulse the output port bits whose command bit is 0 low for ~6 us; only bit 0
// (system reset) has an effect worth modelling.
void Kbc8042::cmd_pulse_output(std::uint8_t cmd) {
  if (!(cmd & 0x01) && on_reset_) on_reset_();
}

void Kbc8042::data_write_ram(std::uint8_t cmd, std::uint8_t v) {
  ram_[cmd & 0x1F] = v;
  if (cmd == 0x60) {  // the command byte: the system flag shows in status bit 2
    status_ = (v & kCmdSys) ? std::uint8_t(status_ | kSYS) : std::uint8_t(status_ & ~kSYS);
    update_irqs();
  }
}

void Kbc8042::data_write_output(std::uint8_t, std::uint8_t v) { set_output_port(v); }
// D2h/D3h: the byte appears as if the keyboard / the mouse had sent it (no translation).
void Kbc8042::data_kbd_buffer(std::uint8_t, std::uint8_t v) { queue_output(v, false); }
void Kbc8042::data_aux_buffer(std::uint8_t, std::uint8_t v) { queue_output(v, true); }

// Nothing is plugged into the auxiliary port: the transmission times out and the
// controller reports FEh with the timeout bit, which is how firmware and drivers conclude
// that no mouse is present.
void Kbc8042::data_to_aux(std::uint8_t, std::uint8_t) {
  status_ |= kTIMEOUT;
  queue_output(0xFE, true);
}

}  // namespace quartz
