// 8259A behaviour. Section references are to the Intel 8259A Programmable Interrupt
// Controller datasheet (order no. 231468): "Interrupt Sequence", "Programming the 8259A",
// "Operation Command Words", "Special Mask Mode", "Poll Command", "Edge and Level Triggered
// Modes", "Special Fully Nested Mode".
#include "devices/pic.hpp"

namespace quartz {

Pic::Pic(bool sp_en_master) : sp_en_master_(sp_en_master) {
  for (int n = 0; n < 8; ++n) {
    inputs_[n].pic = this;
    inputs_[n].n = n;
  }
  reset();
}

void Pic::reset() {
  // Pin levels are external and survive a reset; everything programmable starts cleared.
  edge_latch_ = isr_ = imr_ = 0;
  icw1_ = icw2_ = icw3_ = icw4_ = 0;
  init_step_ = -1;  // INT stays inactive until the first ICW1-ICW2(-ICW4) sequence
  lowest_ = 7;
  read_isr_ = poll_ = smm_ = rotate_aeoi_ = false;
  update_int();
}

void Pic::connect_int(IrqLine* line) {
  int_line_ = line;
  if (line) line->set_level(int_);
}

bool Pic::is_master() const {
  // In buffered mode ICW4 M/S says master or slave; otherwise the SP/EN pin does.
  if (icw4_ & kBuf) return icw4_ & kMs;
  return sp_en_master_;
}

bool Pic::slave_on(int level) const {
  return cascade_mode() && is_master() && (icw3_ >> level & 1);
}

std::uint8_t Pic::irr() const {
  // Level mode: IRR follows the pins. Edge mode: a rising edge sets the edge-sense latch,
  // but the request also needs the pin still high ("the IR input must remain high until
  // after the falling edge of the first INTA pulse").
  return level_triggered() ? level_ : std::uint8_t(edge_latch_ & level_);
}

void Pic::set_ir(int n, bool high) {
  std::uint8_t bit = std::uint8_t(1u << n);
  if (high && !(level_ & bit)) edge_latch_ |= bit;
  if (high)
    level_ |= bit;
  else
    level_ &= std::uint8_t(~bit);
  update_int();
}

int Pic::highest_request() const {
  std::uint8_t req = std::uint8_t(irr() & ~imr_);
  for (int i = 1; i <= 8; ++i) {
    int lvl = (lowest_ + i) & 7;
    std::uint8_t bit = std::uint8_t(1u << lvl);
    if ((isr_ & bit) && !smm_) {
      // An in-service level blocks itself and every lower level. Special fully nested mode
      // lets a slave's new request through at the level already in service.
      if ((icw4_ & kSfnm) && slave_on(lvl) && (req & bit)) return lvl;
      return -1;
    }
    // Special mask mode: levels in service are skipped, lower levels are enabled.
    if ((req & bit) && !(isr_ & bit)) return lvl;
  }
  return -1;
}

int Pic::highest_in_service() const {
  for (int i = 1; i <= 8; ++i) {
    int lvl = (lowest_ + i) & 7;
    if (isr_ >> lvl & 1) return lvl;
  }
  return -1;
}

void Pic::update_int() {
  bool level = initialized() && highest_request() >= 0;
  if (level == int_) return;
  int_ = level;
  if (int_line_) int_line_->set_level(level);
}

Pic::Ack Pic::inta_first() {
  Ack ack;
  int lvl = highest_request();
  if (lvl >= 0) {
    std::uint8_t bit = std::uint8_t(1u << lvl);
    isr_ |= bit;
    edge_latch_ &= std::uint8_t(~bit);
    ack.level = lvl;
    ack.spurious = false;
  }
  update_int();
  return ack;
}

std::uint8_t Pic::inta_second(const Ack& ack) {
  std::uint8_t vector = std::uint8_t((icw2_ & 0xF8) | ack.level);
  if (auto_eoi() && !ack.spurious) {
    // AEOI: the ISR bit is reset at the trailing edge of the last INTA pulse.
    isr_ &= std::uint8_t(~(1u << ack.level));
    if (rotate_aeoi_) lowest_ = std::uint8_t(ack.level);
  }
  update_int();
  return vector;
}

std::uint8_t Pic::acknowledge() { return inta_second(inta_first()); }

std::uint8_t Pic::poll() {
  // Poll word: I (bit 7) set when a request was pending, W2-W0 its level. The read acts as
  // the first INTA pulse and sets the ISR bit.
  poll_ = false;
  if (highest_request() < 0) return 0;
  Ack ack = inta_first();
  return std::uint8_t(0x80 | ack.level);
}

std::uint8_t Pic::io_read(std::uint16_t port) {
  if (poll_) return poll();
  if (port & 1) return imr_;
  return read_isr_ ? isr_ : irr();
}

void Pic::io_write(std::uint16_t port, std::uint8_t value) {
  if (!(port & 1)) {
    if (value & 0x10)
      write_icw1(value);
    else if (value & 0x08)
      write_ocw3(value);
    else
      write_ocw2(value);
    update_int();
    return;
  }
  switch (init_step_) {
    case 2:
      icw2_ = value;
      init_step_ = cascade_mode() ? 3 : (icw1_ & kIc4) ? 4 : 0;
      break;
    case 3:
      icw3_ = value;
      init_step_ = (icw1_ & kIc4) ? 4 : 0;
      break;
    case 4:
      icw4_ = value;
      init_step_ = 0;
      break;
    default:
      imr_ = value;  // OCW1
      break;
  }
  update_int();
}

void Pic::write_icw1(std::uint8_t v) {
  // ICW1 starts initialization: edge-sense circuit reset, IMR cleared, IR7 lowest priority,
  // special mask mode cleared, status read set to IRR, ICW4 functions zero if IC4 = 0.
  icw1_ = v;
  edge_latch_ = 0;
  imr_ = 0;
  lowest_ = 7;
  smm_ = false;
  read_isr_ = false;
  poll_ = false;
  rotate_aeoi_ = false;
  icw3_ = 7;  // "slave mode address set to 7"
  if (!(v & kIc4)) icw4_ = 0;
  init_step_ = 2;
}

void Pic::write_ocw2(std::uint8_t v) {
  // OCW2 R SL EOI (bits 7-5) and L2-L0.
  int l = v & 7;
  switch (v >> 5) {
    case 0b001:  // non-specific EOI
    case 0b101: {  // rotate on non-specific EOI
      int lvl = highest_in_service();
      if (lvl < 0) break;
      isr_ &= std::uint8_t(~(1u << lvl));
      if (v & 0x80) lowest_ = std::uint8_t(lvl);
      break;
    }
    case 0b011:  // specific EOI
    case 0b111:  // rotate on specific EOI
      isr_ &= std::uint8_t(~(1u << l));
      if (v & 0x80) lowest_ = std::uint8_t(l);
      break;
    case 0b100: rotate_aeoi_ = true; break;   // rotate in automatic EOI mode (set)
    case 0b000: rotate_aeoi_ = false; break;  // rotate in automatic EOI mode (clear)
    case 0b110: lowest_ = std::uint8_t(l); break;  // set priority: L becomes lowest
    default: break;  // 010: no operation
  }
}

void Pic::write_ocw3(std::uint8_t v) {
  // OCW3: ESMM SMM (bits 6-5), P (bit 2), RR RIS (bits 1-0).
  if (v & 0x40) smm_ = v & 0x20;
  if (v & 0x04) poll_ = true;
  if (v & 0x02) read_isr_ = v & 0x01;
}

}  // namespace quartz
