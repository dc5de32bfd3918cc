// One 8254 counter. Section references are to the Intel 8254 Programmable Interval Timer
// datasheet (order no. 231164): "Mode Definitions" and "Gate Pin Operations Summary".
#include "devices/pit_counter.hpp"

namespace quartz {

namespace {

std::uint32_t from_bcd(std::uint16_t v) {
  return (v >> 12 & 0xF) * 1000u + (v >> 8 & 0xF) * 100u + (v >> 4 & 0xF) * 10u + (v & 0xF);
}

std::uint16_t to_bcd(std::uint32_t n) {
  return std::uint16_t((n / 1000 % 10) << 12 | (n / 100 % 10) << 8 | (n / 10 % 10) << 4 |
                       (n % 10));
}

}  // namespace

void PitCounter::reset() {
  // The datasheet leaves the power-on state undefined; start as if programmed with mode 0,
  // LSB-then-MSB, binary, no count written (OUT low, nothing counting).
  // GATE is an external pin and keeps its level.
  bool gate = gate_, is_8253 = i8253_;
  *this = PitCounter();
  gate_ = gate;
  i8253_ = is_8253;
}

void PitCounter::write_control(std::uint8_t cw) {
  // "When a Control Word is written to a Counter, all Control Logic is immediately reset and
  // OUT goes to a known initial state" (low in mode 0, high in every other mode).
  control_ = cw & 0x3F;
  rw_mode_ = (cw >> 4) & 3;
  std::uint8_t m = (cw >> 1) & 7;
  mode_ = m >= 6 ? std::uint8_t(m - 4) : m;  // M2 is a don't-care for modes 2 and 3
  bcd_ = cw & 1;
  out_ = mode_ != 0;
  cr_valid_ = false;
  write_msb_next_ = false;
  read_msb_next_ = false;
  load_pending_ = false;
  trigger_pending_ = false;
  counting_enabled_ = true;
  running_ = false;
  armed_ = false;
  null_count_ = true;
  odd_ = expired_ = false;
  ol_valid_ = false;
  status_latched_ = false;
  if (ce_ >= modulus()) ce_ %= modulus();
}

void PitCounter::latch_count() {
  // A second latch before the first is read is ignored ("Counter Latch Command").
  if (ol_valid_) return;
  ol_ = count();
  ol_valid_ = true;
}

void PitCounter::latch_status() {
  if (status_latched_) return;
  status_ = status();
  status_latched_ = true;
}

std::uint8_t PitCounter::status() const {
  // Status byte (Figure "Status Byte"): OUTPUT, NULL COUNT, then the control word bits.
  return std::uint8_t((out_ ? 0x80 : 0) | (null_count_ ? 0x40 : 0) | control_);
}

std::uint16_t PitCounter::count() const {
  return bcd_ ? to_bcd(ce_) : std::uint16_t(ce_);
}

std::uint32_t PitCounter::initial_count() const {
  std::uint32_t n = bcd_ ? from_bcd(cr_) % 10000u : cr_;
  return n == 0 ? modulus() : n;
}

void PitCounter::load_ce() {
  ce_ = initial_count() % modulus();
  null_count_ = false;
  running_ = true;
}

void PitCounter::load_ce_mode3() {
  expired_ = false;
  if (i8253_) {
    load_ce();
    return;
  }
  // 8254 "Mode 3 ... Odd counts: the initial count minus one (an even number) is loaded".
  std::uint32_t n = initial_count();
  odd_ = n & 1;
  ce_ = (odd_ ? n - 1 : n) % modulus();
  null_count_ = false;
  running_ = true;
}

std::uint32_t PitCounter::mode3_value() const {
  // An odd count's N-1 is below the modulus, and 0 there (N = 1) really means 0.
  return (!i8253_ && odd_) ? ce_ : ce_value();
}

void PitCounter::write_count_byte(std::uint8_t v) {
  switch (rw_mode_) {
    case 1: cr_ = v; break;                    // LSB only: MSB taken as 0
    case 2: cr_ = std::uint16_t(v << 8); break;  // MSB only: LSB taken as 0
    default:
      if (!write_msb_next_) {
        cr_lsb_ = v;
        write_msb_next_ = true;
        // Mode 0: "Writing the first byte disables counting. OUT is set low immediately
        // (no clock pulse required)."
        if (mode_ == 0) {
          counting_enabled_ = false;
          out_ = false;
        }
        return;
      }
      write_msb_next_ = false;
      cr_ = std::uint16_t(v << 8 | cr_lsb_);
      break;
  }
  cr_valid_ = true;
  null_count_ = true;  // set on every write of CR, cleared when CR is transferred to CE
  switch (mode_) {
    case 0:
      // A new count restarts the count-down: OUT low until the new terminal count.
      out_ = false;
      counting_enabled_ = true;
      load_pending_ = true;
      break;
    case 4:
      // Software-retriggerable: the new count is loaded on the next CLK pulse.
      load_pending_ = true;
      break;
    case 2:
    case 3:
      // The first count is loaded on the next CLK pulse; later counts wait for the end of
      // the current period (mode 2) or half-cycle (mode 3), or for a GATE trigger.
      if (!running_) load_pending_ = true;
      break;
    default:
      // Modes 1 and 5 wait for a GATE trigger.
      break;
  }
}

std::uint8_t PitCounter::read_byte() {
  // A latched status is read first, then a latched count ("Read-Back Command").
  if (status_latched_) {
    status_latched_ = false;
    return status_;
  }
  std::uint16_t v = ol_valid_ ? ol_ : count();
  switch (rw_mode_) {
    case 1: ol_valid_ = false; return std::uint8_t(v);
    case 2: ol_valid_ = false; return std::uint8_t(v >> 8);
    default:
      if (!read_msb_next_) {
        read_msb_next_ = true;
        return std::uint8_t(v);
      }
      read_msb_next_ = false;
      ol_valid_ = false;
      return std::uint8_t(v >> 8);
  }
}

void PitCounter::set_gate(bool level) {
  if (level && !gate_) {
    // A trigger (rising edge) matters in modes 1, 2, 3 and 5; it takes effect on the next
    // CLK pulse ("Gate Pin Operations Summary").
    if (mode_ != 0 && mode_ != 4) trigger_pending_ = true;
  }
  if (!level && (mode_ == 2 || mode_ == 3)) {
    // Modes 2 and 3: GATE low disables counting and sets OUT high immediately.
    out_ = true;
    trigger_pending_ = false;
  }
  gate_ = level;
}

bool PitCounter::counting() const {
  if (!running_) return false;
  switch (mode_) {
    case 0: return gate_ && counting_enabled_;
    case 1:
    case 5: return true;  // GATE only triggers in these modes
    default: return gate_;
  }
}

void PitCounter::decrement(std::uint64_t k) {
  std::uint32_t m = modulus();
  ce_ = std::uint32_t((ce_ + m - k % m) % m);
}

std::uint64_t PitCounter::clocks_to_event() const {
  if (load_pending_ || trigger_pending_) return 1;
  if ((mode_ == 4 || mode_ == 5) && !out_) return 1;  // the strobe lasts one clock
  if (!counting()) return kNoEvent;
  std::uint32_t v = ce_value();
  switch (mode_) {
    case 0:
    case 1:
    case 4:
    case 5:
      // CE reaches 0 after v pulses; only the first terminal count acts on OUT.
      return armed_ ? v : kNoEvent;
    case 2:
      if (!out_) return 1;
      return v <= 2 ? 1 : v - 1;
    default:  // mode 3
      if (i8253_) return (v & 1) ? 1 : v / 2;
      if (expired_) return 1;
      v = mode3_value();
      return v <= 2 ? 1 : v / 2;
  }
}

void PitCounter::coast(std::uint64_t k) {
  if (k == 0 || !counting()) return;
  decrement(mode_ == 3 ? 2 * k : k);
}

void PitCounter::step() {
  switch (mode_) {
    case 0:
      // Mode 0 (Interrupt on Terminal Count): the pulse after the count write loads CE and
      // does not decrement, so OUT goes high N+1 pulses after the write.
      if (load_pending_) {
        load_pending_ = false;
        load_ce();
        armed_ = true;
        return;
      }
      if (!counting()) return;
      decrement(1);
      if (ce_ == 0 && armed_) {
        out_ = true;
        armed_ = false;
      }
      return;
    case 4:
      // Mode 4 (Software Triggered Strobe): OUT low for one clock when CE reaches 0.
      if (!out_) out_ = true;
      if (load_pending_) {
        load_pending_ = false;
        load_ce();
        armed_ = true;
        return;
      }
      if (!counting()) return;
      decrement(1);
      if (ce_ == 0 && armed_) {
        out_ = false;
        armed_ = false;
      }
      return;
    case 1:
    case 5:
      // Mode 1 (Hardware Retriggerable One-Shot): OUT low from the pulse after the trigger
      // until terminal count. Mode 5 (Hardware Triggered Strobe): OUT low for one clock at
      // terminal count. Both reload CE from CR on every trigger.
      if (mode_ == 5 && !out_) out_ = true;
      if (trigger_pending_) {
        trigger_pending_ = false;
        if (cr_valid_) {
          load_ce();
          armed_ = true;
          if (mode_ == 1) out_ = false;
          return;
        }
      }
      if (!counting()) return;
      decrement(1);
      if (ce_ == 0 && armed_) {
        out_ = mode_ == 1;
        armed_ = false;
      }
      return;
    case 2:
    case 3:
      if (load_pending_ || trigger_pending_) {
        load_pending_ = trigger_pending_ = false;
        if (cr_valid_) {
          if (mode_ == 3)
            load_ce_mode3();
          else
            load_ce();
          out_ = true;
          return;
        }
      }
      if (!counting()) return;
      if (mode_ == 2) {
        // Mode 2 (Rate Generator): OUT low for the one pulse during which CE = 1, then
        // reload and OUT high again; period N.
        if (!out_) {
          load_ce();
          out_ = true;
        } else if (ce_value() <= 2) {
          ce_ = 1;
          out_ = false;
        } else {
          decrement(1);
        }
        return;
      }
      if (i8253_) {
        // 8253 Mode 3 (Square Wave): CE counts down by two; an odd count first loses 1
        // while OUT is high and 3 while OUT is low, so OUT is high (N+1)/2 and low (N-1)/2
        // pulses. At the end of each half-cycle OUT toggles and CE reloads from CR.
        std::uint32_t v = ce_value();
        std::uint32_t dec = (v & 1) ? (out_ ? 1 : 3) : 2;
        if (v <= dec) {
          out_ = !out_;
          load_ce_mode3();
        } else {
          ce_ = v - dec;
        }
        return;
      }
      {
        // 8254 Mode 3: even counts toggle OUT and reload when the count expires; odd
        // counts load N-1 and "one CLK pulse after the count expires, OUT goes low" (so
        // the high half is one pulse longer), while the low half ends at expiry.
        if (expired_) {
          out_ = false;
          load_ce_mode3();
          return;
        }
        std::uint32_t v = mode3_value();
        if (v > 2) {
          ce_ = v - 2;
        } else if (odd_ && out_) {
          ce_ = 0;
          expired_ = true;
        } else {
          out_ = !out_;
          load_ce_mode3();
        }
      }
      return;
    default:
      return;
  }
}

std::uint64_t PitCounter::steady_period() const {
  if ((mode_ != 2 && mode_ != 3) || !running_ || !gate_ || null_count_ || load_pending_ ||
      trigger_pending_)
    return 0;
  std::uint64_t n = initial_count();
  // Count 1 is not a sensible square wave: the 8253 rules toggle OUT every pulse, the 8254
  // rules give two pulses high (load/expiry) and one low.
  if (n == 1) return (mode_ == 3 && !i8253_) ? 3 : 2;
  return n;
}

void PitCounter::advance(std::uint64_t clocks) {
  while (clocks) {
    std::uint64_t d = clocks_to_event();
    if (d == kNoEvent || d > clocks) {
      coast(clocks);
      return;
    }
    coast(d - 1);
    step();
    clocks -= d;
    if (std::uint64_t p = steady_period()) clocks %= p;
  }
}

}  // namespace quartz
