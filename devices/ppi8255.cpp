#include "devices/ppi8255.hpp"

#include <algorithm>

#include "devices/pit.hpp"
#include "devices/speaker.hpp"

namespace quartz {

namespace {
constexpr std::uint8_t kPB_Gate2 = 0x01, kPB_SpeakerData = 0x02, kPB_Sw2Select = 0x04,
                       kPB_SwHighSelect = 0x08, kPB_KbdClock = 0x40, kPB_KbdClear = 0x80;
// A keyboard clock held low this long resets the keyboard (the BIOS holds it ~20 ms).
constexpr double kResetHoldSeconds = 0.010;
}  // namespace

Ppi8255::Ppi8255(Model model, IrqLine* irq1, Pit* pit, Speaker* speaker)
    : model_(model), irq1_(irq1), pit_(pit), speaker_(speaker),
      byte_time_(seconds_to_ticks(0.001)) {
  kbd_.set_xt_mode(true);
  reset();
}

void Ppi8255::reset() {
  control_ = 0x9B;
  port_b_ = 0;
  port_c_latch_ = 0;
  shift_ = 0;
  shift_full_ = false;
  rx_ = {};
  set_irq_level(false);
  free_since_ = now_;
  clock_low_since_ = now_;
  kbd_.power_on(now_);
}

void Ppi8255::set_irq_level(bool level) {
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq1_) irq1_->set_level(level);
}

Tick Ppi8255::rx_start_time() const {
  if (rx_.active || shift_full_ || !(port_b_ & kPB_KbdClock) || (port_b_ & kPB_KbdClear) ||
      !kbd_.has_output())
    return kNever;
  return keyboard_send_start(kbd_, free_since_);
}

void Ppi8255::sync(Tick now) {
  if (now < now_) now = now_;
  for (;;) {
    const Tick t_rx = rx_.deadline();
    const Tick t_start = rx_start_time();
    const Tick t_kbd = kbd_.next_event();
    const Tick t = std::min({t_rx, t_start, t_kbd});
    if (t > now) break;
    now_ = std::max(now_, t);
    if (t == t_rx) {
      shift_ = rx_.finish();
      shift_full_ = true;
      set_irq_level(true);
    } else if (t == t_start) {
      rx_.start(kbd_.pop(), now_, byte_time_);
    } else {
      kbd_.sync(now_);
    }
  }
  now_ = now;
  kbd_.sync(now);
}

Tick Ppi8255::next_event() const {
  Tick t = kbd_.next_event();
  t = std::min(t, rx_.deadline());
  const Tick start = rx_start_time();
  if (start != kNever) t = std::min(t, start + byte_time_);
  return t;
}

std::uint8_t Ppi8255::port_c() const {
  std::uint8_t v = 0;
  if (model_ == Model::kPc5150) {
    v = (port_b_ & kPB_Sw2Select) ? (sw2_ & 0x0F) : ((sw2_ >> 4) & 0x01);
  } else {
    v = (port_b_ & kPB_SwHighSelect) ? (sw1_ >> 4) : (sw1_ & 0x0F);
  }
  if (pit_ && pit_->out(2)) v |= 0x20;
  return v;  // no cassette, no parity or channel-check errors
}

std::uint8_t Ppi8255::io_read(std::uint16_t port) {
  switch (port & 3) {
    case 0:
      if (model_ == Model::kPc5150 && (port_b_ & kPB_KbdClear)) return sw1_;
      return shift_;
    case 1:
      return port_b_;
    case 2:
      if (pit_) pit_->sync(now_);
      return port_c();
    default:
      return 0xFF;  // the control register cannot be read back
  }
}

void Ppi8255::io_write(std::uint16_t port, std::uint8_t value) {
  switch (port & 3) {
    case 1: {
      const std::uint8_t old = port_b_;
      port_b_ = value;
      if (pit_ && ((old ^ value) & kPB_Gate2)) pit_->set_gate(2, value & kPB_Gate2, now_);
      if (speaker_ && ((old ^ value) & kPB_SpeakerData))
        speaker_->set_data_enable(value & kPB_SpeakerData, now_);
      if (value & kPB_KbdClear) {
        // PB7 high clears the shift register and with it the interrupt request.
        shift_ = 0;
        shift_full_ = false;
        set_irq_level(false);
      }
      if ((old & kPB_KbdClock) && !(value & kPB_KbdClock)) {
        clock_low_since_ = now_;
        // The transmission is aborted; the keyboard will retry.
        if (rx_.active) kbd_.push_front(rx_.finish(), now_);
      }
      if (!(old & kPB_KbdClock) && (value & kPB_KbdClock) &&
          now_ - clock_low_since_ >= seconds_to_ticks(kResetHoldSeconds)) {
        kbd_.power_on(now_);
      }
      free_since_ = now_;
      break;
    }
    case 2:
      port_c_latch_ = value;  // port C is an input on the PC: the latch has no effect
      break;
    case 3:
      if (value & 0x80) {
        control_ = value;
      } else {
        // Bit set/reset of a port C output latch (8255A datasheet, control word format).
        const std::uint8_t bit = std::uint8_t(1u << ((value >> 1) & 7));
        port_c_latch_ = (value & 1) ? std::uint8_t(port_c_latch_ | bit)
                                    : std::uint8_t(port_c_latch_ & ~bit);
      }
      break;
    default:
      break;  // port A is an input
  }
}

}  // namespace quartz
