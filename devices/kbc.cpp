#include "devices/kbc.hpp"

#include <algorithm>

namespace quartz {

namespace {
// Output port after the controller's reset. The UPI-41/42 datasheet: RESET puts ports 1 and 2
// in input mode, so every P2 pin floats high until the firmware writes it: the reset line is
// inactive and the A20 gate is OPEN (an 80286's first fetch at FFFFF0h must reach the ROM).
// The OBF-interrupt pins P24/P25 are driven low by the firmware at once.
constexpr std::uint8_t kOutputPortReset = 0xCF;
// Command byte after reset: translation on, keyboard enabled, interrupts off until the BIOS
// programs it.
constexpr std::uint8_t kCommandByteReset = 0x40;
}  // namespace

Kbc8042::Kbc8042(IrqLine* kbd_irq, IrqLine* aux_irq)
    : irq1_(kbd_irq), irq12_(aux_irq), byte_time_(seconds_to_ticks(0.001)) {
  reset();
}

void Kbc8042::reset() {
  std::fill(std::begin(ram_), std::end(ram_), 0);
  ram_[0] = kCommandByteReset;
  status_ = keylock_ ? 0 : kINH;
  output_buffer_ = 0;
  pending_cmd_ = 0;
  out_queue_.clear();
  input_held_ = false;
  translator_.reset();
  tx_ = rx_ = {};
  free_since_ = now_;
  const bool a20_was = a20();
  output_port_ = kOutputPortReset;
  if (on_a20_ && a20_was != a20()) on_a20_(a20());
  kbd_.power_on(now_);
  update_irqs();
}

Tick Kbc8042::rx_start_time() const {
  if (tx_.active || rx_.active || (status_ & kOBF) || !out_queue_.empty() || input_held_ ||
      (ram_[0] & kCmdKbdDisable) || !kbd_.has_output() ||
      (keylock_ && !(ram_[0] & kCmdOverride)))
    return kNever;
  return keyboard_send_start(kbd_, free_since_);
}

void Kbc8042::sync(Tick now) {
  if (now < now_) now = now_;
  for (;;) {
    const Tick t_tx = tx_.deadline();
    const Tick t_rx = rx_.deadline();
    const Tick t_start = rx_start_time();
    const Tick t_kbd = kbd_.next_event();
    const Tick t = std::min({t_tx, t_rx, t_start, t_kbd});
    if (t > now) break;
    now_ = std::max(now_, t);
    if (t == t_tx) {
      status_ &= std::uint8_t(~kIBF);
      free_since_ = now_;
      kbd_.receive(tx_.finish(), now_);
      if (input_held_) {
        input_held_ = false;
        process_input(held_byte_, held_is_command_);
      }
    } else if (t == t_rx) {
      free_since_ = now_;
      deliver_from_keyboard(rx_.finish());
    } else if (t == t_start) {
      rx_.start(kbd_.pop(), now_, byte_time_);
    } else {
      kbd_.sync(now_);
    }
  }
  now_ = now;
  kbd_.sync(now);
}

Tick Kbc8042::next_event() const {
  Tick t = kbd_.next_event();
  t = std::min({t, tx_.deadline(), rx_.deadline()});
  const Tick start = rx_start_time();
  if (start != kNever) t = std::min(t, start + byte_time_);
  return t;
}

void Kbc8042::set_keylock(bool locked) {
  sync(now_);
  keylock_ = locked;
  status_ = locked ? std::uint8_t(status_ & ~kINH) : std::uint8_t(status_ | kINH);
  input_port_ = locked ? std::uint8_t(input_port_ & 0x7F) : std::uint8_t(input_port_ | 0x80);
  free_since_ = now_;
}

void Kbc8042::update_irqs() {
  // Output port bits 4/5 drive IRQ1/IRQ12 when the command byte enables them.
  const bool obf = status_ & kOBF, aux = status_ & kAUXB;
  const bool l1 = obf && !aux && (ram_[0] & kCmdKbdInt);
  const bool l12 = obf && aux && (ram_[0] & kCmdAuxInt);
  if (l1 != irq1_level_) {
    irq1_level_ = l1;
    if (irq1_) irq1_->set_level(l1);
  }
  if (l12 != irq12_level_) {
    irq12_level_ = l12;
    if (irq12_) irq12_->set_level(l12);
  }
}

void Kbc8042::fill_output_buffer() {
  if ((status_ & kOBF) || out_queue_.empty()) return;
  const Pending p = out_queue_.front();
  out_queue_.pop_front();
  output_buffer_ = p.byte;
  status_ |= kOBF;
  status_ = p.aux ? std::uint8_t(status_ | kAUXB) : std::uint8_t(status_ & ~kAUXB);
  update_irqs();
}

void Kbc8042::queue_output(std::uint8_t b, bool aux) {
  out_queue_.push_back({b, aux});
  fill_output_buffer();
}

void Kbc8042::deliver_from_keyboard(std::uint8_t b) {
  status_ &= std::uint8_t(~(kTIMEOUT | kPARITY));
  if (ram_[0] & kCmdTranslate) {
    if (auto out = translator_.feed(b)) queue_output(*out);
  } else {
    queue_output(b);
  }
}

std::uint8_t Kbc8042::io_read(std::uint16_t port) {
  if ((port & 0x04) == 0) {  // 60h
    const std::uint8_t v = output_buffer_;
    status_ &= std::uint8_t(~(kOBF | kAUXB));
    update_irqs();
    free_since_ = now_;
    fill_output_buffer();
    return v;
  }
  return status_;
}

void Kbc8042::io_write(std::uint16_t port, std::uint8_t value) {
  const bool is_command = port & 0x04;
  status_ = is_command ? std::uint8_t(status_ | kA2) : std::uint8_t(status_ & ~kA2);
  free_since_ = now_;
  if (input_held_ || tx_.active) {
    // The controller is still clocking a byte out to the keyboard: the new byte waits in
    // the input buffer (IBF stays set); a second write overwrites it, as on the chip.
    input_held_ = true;
    held_byte_ = value;
    held_is_command_ = is_command;
    status_ |= kIBF;
    return;
  }
  process_input(value, is_command);
}

void Kbc8042::process_input(std::uint8_t v, bool is_command) {
  if (is_command) {
    pending_cmd_ = 0;
    execute_command(v);
  } else {
    write_data(v);
  }
}

void Kbc8042::send_to_keyboard(std::uint8_t b) {
  // Transmitting to the keyboard releases the keyboard clock, i.e. re-enables the
  // interface, and aborts a byte the keyboard was sending: the keyboard keeps it for a
  // later retry (most commands then clear the keyboard's buffer anyway).
  ram_[0] &= std::uint8_t(~kCmdKbdDisable);
  if (rx_.active) kbd_.push_front(rx_.finish(), now_);
  status_ &= std::uint8_t(~kTIMEOUT);
  tx_.start(b, now_, byte_time_);
  status_ |= kIBF;
}

void Kbc8042::set_output_port(std::uint8_t v) {
  const bool a20_was = a20();
  output_port_ = std::uint8_t(v | kOutReset);  // reset is a pulse: the CPU restarts
  if (a20_was != a20() && on_a20_) on_a20_(a20());
  if (!(v & kOutReset) && on_reset_) on_reset_();
}

}  // namespace quartz
