// Commands the system sends to the keyboard, as a table (IBM keyboard specification /
// PC/AT Technical Reference, "Commands from the system"): every command is acknowledged
// with FAh except Echo (answered EEh) and Resend; ED, F0 and F3 take a parameter byte that
// is acknowledged too; unknown commands are answered FEh (resend).
#include "devices/ps2_keyboard.hpp"

namespace quartz {

namespace {
constexpr std::uint8_t kAck = 0xFA, kEcho = 0xEE, kResend = 0xFE;
}

const Ps2Keyboard::Command* Ps2Keyboard::find_command(std::uint8_t cmd) {
  static constexpr Command kCommands[] = {
      {0xED, 0xED, "set/reset LEDs", false, &Ps2Keyboard::cmd_ack, &Ps2Keyboard::param_leds},
      {0xEE, 0xEE, "echo", true, &Ps2Keyboard::cmd_echo, nullptr},
      {0xF0, 0xF0, "select scan code set", false, &Ps2Keyboard::cmd_ack,
       &Ps2Keyboard::param_scan_set},
      {0xF2, 0xF2, "read ID", false, &Ps2Keyboard::cmd_identify, nullptr},
      {0xF3, 0xF3, "set typematic rate/delay", false, &Ps2Keyboard::cmd_ack,
       &Ps2Keyboard::param_typematic},
      {0xF4, 0xF4, "enable", false, &Ps2Keyboard::cmd_enable, nullptr},
      {0xF5, 0xF5, "default disable", false, &Ps2Keyboard::cmd_disable, nullptr},
      {0xF6, 0xF6, "set default", false, &Ps2Keyboard::cmd_defaults, nullptr},
      // Set-3 key type commands: acknowledged; they have no effect in sets 1 and 2.
      {0xF7, 0xFD, "set-3 key types", false, &Ps2Keyboard::cmd_ack, nullptr},
      {0xFE, 0xFE, "resend", true, &Ps2Keyboard::cmd_resend, nullptr},
      {0xFF, 0xFF, "reset", false, &Ps2Keyboard::cmd_reset, nullptr},
  };
  for (const Command& c : kCommands)
    if (cmd >= c.first && cmd <= c.last) return &c;
  return nullptr;
}

void Ps2Keyboard::receive(std::uint8_t byte, Tick now) {
  sync(now);
  // A byte with bit 7 clear completes a command that takes a parameter; anything else is a
  // new command (the keyboard abandons the unfinished one).
  if (pending_cmd_ && byte < 0x80) {
    const Command* c = find_command(pending_cmd_);
    pending_cmd_ = 0;
    (this->*c->param)(byte, now);
    return;
  }
  pending_cmd_ = 0;
  const Command* c = find_command(byte);
  if (!c || !c->keeps_output) {
    // The keyboard discards its output buffer and stops repeating on a command.
    clear_output();
    repeating_ = false;
    next_repeat_ = kNever;
  }
  if (!c) {
    send(kResend, now);
    return;
  }
  (this->*c->run)(byte, now);
  if (c->param) pending_cmd_ = byte;
}

void Ps2Keyboard::cmd_ack(std::uint8_t, Tick now) { send(kAck, now); }
void Ps2Keyboard::cmd_echo(std::uint8_t, Tick now) { send(kEcho, now); }

// MF2 keyboard ID: ACK, then ABh 83h.
void Ps2Keyboard::cmd_identify(std::uint8_t, Tick now) {
  send(kAck, now);
  send(0xAB, now);
  send(0x83, now);
}

void Ps2Keyboard::cmd_enable(std::uint8_t, Tick now) {
  enabled_ = true;
  send(kAck, now);
}

void Ps2Keyboard::cmd_disable(std::uint8_t, Tick now) {
  set_defaults();
  enabled_ = false;
  send(kAck, now);
}

void Ps2Keyboard::cmd_defaults(std::uint8_t, Tick now) {
  set_defaults();
  send(kAck, now);
}

void Ps2Keyboard::cmd_resend(std::uint8_t, Tick now) {
  const std::uint8_t again = last_sent_;
  send(again, now);
}

// Reset: ACK, then the basic assurance test, then AAh.
void Ps2Keyboard::cmd_reset(std::uint8_t, Tick now) {
  send(kAck, now);
  set_defaults();
  leds_ = 0;
  enabled_ = true;
  bat_done_ = now + bat_delay_;
  send(0xAA, bat_done_);
}

void Ps2Keyboard::param_leds(std::uint8_t value, Tick now) {
  leds_ = value & 7;  // bit 0 Scroll Lock, bit 1 Num Lock, bit 2 Caps Lock
  send(kAck, now);
}

void Ps2Keyboard::param_typematic(std::uint8_t value, Tick now) {
  typematic_ = value & 0x7F;
  send(kAck, now);
}

void Ps2Keyboard::param_scan_set(std::uint8_t value, Tick now) {
  if (value == 0) {  // report the current set
    send(kAck, now);
    send(std::uint8_t(set_), now);
  } else if (value == 1 || value == 2) {
    set_ = value;
    send(kAck, now);
  } else {
    send(kResend, now);  // set 3 is not implemented by this keyboard
  }
}

}  // namespace quartz
