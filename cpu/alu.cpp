// Two-operand ALU instructions: ADD OR ADC SBB AND SUB XOR CMP in their r/m,reg / reg,r/m /
// acc,imm / group-1 forms, TEST, INC/DEC, NOT, NEG. Clock counts are the 8086 timing table's
// (reg,reg 3; reg,mem 9+EA; mem,reg 16+EA; acc,imm 4; mem,imm 17+EA; CMP mem 9/10+EA) laid
// out as EU clocks around the bus cycles the captures show.
#include "cpu/alu.hpp"

#include "cpu/handlers.hpp"

namespace quartz {

std::uint16_t alu(Cpu808x& c, unsigned op, std::uint16_t a, std::uint16_t b, bool w) {
  const std::uint32_t mask = w ? 0xFFFF : 0xFF;
  const std::uint32_t msb = w ? 0x8000 : 0x80;
  std::uint32_t r;
  std::uint16_t f = c.flags() & ~(flag::CF | flag::AF | flag::OF);
  switch (op) {
    case kAdd:
    case kAdc: {
      const std::uint32_t carry = (op == kAdc && c.get_flag(flag::CF)) ? 1 : 0;
      r = std::uint32_t(a) + b + carry;
      if (r & (mask + 1)) f |= flag::CF;
      if ((a ^ b ^ r) & 0x10) f |= flag::AF;
      if ((~(a ^ b) & (a ^ r)) & msb) f |= flag::OF;
      break;
    }
    case kSub:
    case kSbb:
    case kCmp: {
      const std::uint32_t borrow = (op == kSbb && c.get_flag(flag::CF)) ? 1 : 0;
      r = std::uint32_t(a) - b - borrow;
      if (r & (mask + 1)) f |= flag::CF;
      if ((a ^ b ^ r) & 0x10) f |= flag::AF;
      if (((a ^ b) & (a ^ r)) & msb) f |= flag::OF;
      break;
    }
    case kOr: r = a | b; break;
    case kAnd: r = a & b; break;
    default: r = a ^ b; break;  // kXor
  }
  c.set_flags(f);
  set_szp(c, std::uint16_t(r & mask), w);
  return std::uint16_t(r & mask);
}

std::uint16_t alu_inc_dec(Cpu808x& c, std::uint16_t a, bool dec, bool w) {
  // INC/DEC leave CF alone (Intel: "CF is not affected").
  const bool cf = c.get_flag(flag::CF);
  std::uint16_t r = alu(c, dec ? kSub : kAdd, a, 1, w);
  c.set_flag(flag::CF, cf);
  return r;
}

namespace {
bool writes_back(unsigned op) { return op != kCmp; }
}  // namespace

// 00-3B (low 3 bits 0-3): ALU r/m,reg (d=0) and reg,r/m (d=1).
void op_alu_rm(Cpu808x& c) {
  Insn& d = c.insn();
  const unsigned op = d.arg;
  const bool to_reg = d.op & 2;
  if (c.rm_is_reg()) {
    c.clk(1);
    const std::uint16_t a = to_reg ? c.reg(d.reg, d.w) : c.reg(d.rm, d.w);
    const std::uint16_t b = to_reg ? c.reg(d.rm, d.w) : c.reg(d.reg, d.w);
    const std::uint16_t r = alu(c, op, a, b, d.w);
    if (writes_back(op)) c.set_reg(to_reg ? d.reg : d.rm, d.w, r);
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  if (to_reg) {
    c.clk(4);
    const std::uint16_t r = alu(c, op, c.reg(d.reg, d.w), m, d.w);
    if (writes_back(op)) c.set_reg(d.reg, d.w, r);
    return;
  }
  const std::uint16_t r = alu(c, op, m, c.reg(d.reg, d.w), d.w);
  if (!writes_back(op)) {
    c.clk(4);
    return;
  }
  c.clk(7);
  c.mem_write(d.ea_seg, d.ea, d.w, r);
}

// 04/05, 0C/0D, ...: ALU AL/AX, imm.
void op_alu_acc_imm(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint16_t imm = d.w ? c.q_read16() : c.q_read8();
  if (!d.w) c.clk(1);
  const std::uint16_t r = alu(c, d.arg, c.reg(kAX, d.w), imm, d.w);
  if (writes_back(d.arg)) c.set_reg(kAX, d.w, r);
}

// 80-83 group 1: ALU r/m, imm (82 = 80; 83 sign-extends an imm8).
void op_grp1(Cpu808x& c) {
  Insn& d = c.insn();
  const unsigned op = d.reg;
  const bool imm8 = (d.op != 0x81);
  if (c.rm_is_reg()) {
    std::uint16_t imm = imm8 ? c.q_read8() : c.q_read16();
    if (d.op == 0x83) imm = std::uint16_t(std::int16_t(std::int8_t(imm)));
    if (imm8) c.clk(1);
    const std::uint16_t r = alu(c, op, c.reg(d.rm, d.w), imm, d.w);
    if (writes_back(op)) c.set_reg(d.rm, d.w, r);
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(3);
  std::uint16_t imm = imm8 ? c.q_read8() : c.q_read16();
  if (d.op == 0x83) imm = std::uint16_t(std::int16_t(std::int8_t(imm)));
  const std::uint16_t r = alu(c, op, m, imm, d.w);
  if (!writes_back(op)) {
    c.clk(imm8 ? 2 : 1);
    return;
  }
  c.clk(imm8 ? 4 : 3);
  c.mem_write(d.ea_seg, d.ea, d.w, r);
}

// 84/85: TEST r/m, reg.
void op_test_rm(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    c.clk(1);
    alu(c, kAnd, c.reg(d.rm, d.w), c.reg(d.reg, d.w), d.w);
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(4);
  alu(c, kAnd, m, c.reg(d.reg, d.w), d.w);
}

// A8/A9: TEST AL/AX, imm.
void op_test_acc_imm(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint16_t imm = d.w ? c.q_read16() : c.q_read8();
  if (!d.w) c.clk(1);
  alu(c, kAnd, c.reg(kAX, d.w), imm, d.w);
}

// F6/F7 /0 and /1 (undocumented alias): TEST r/m, imm.
void op_test_rm_imm(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    c.clk(1);
    const std::uint16_t imm = d.w ? c.q_read16() : c.q_read8();
    c.clk(d.w ? 0 : 1);
    alu(c, kAnd, c.reg(d.rm, d.w), imm, d.w);
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(3);
  const std::uint16_t imm = d.w ? c.q_read16() : c.q_read8();
  c.clk(d.w ? 1 : 2);
  alu(c, kAnd, m, imm, d.w);
}

// F6/F7 /2 NOT, /3 NEG.
void op_not(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    c.clk(1);
    c.set_reg(d.rm, d.w, std::uint16_t(~c.reg(d.rm, d.w)));
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(6);
  c.mem_write(d.ea_seg, d.ea, d.w, std::uint16_t(~m));
}

void op_neg(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    c.clk(1);
    c.set_reg(d.rm, d.w, alu(c, kSub, 0, c.reg(d.rm, d.w), d.w));
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(6);
  c.mem_write(d.ea_seg, d.ea, d.w, alu(c, kSub, 0, m, d.w));
}

// 40-4F: INC/DEC reg16 (2 clocks).
void op_inc_dec_reg(Cpu808x& c) {
  Insn& d = c.insn();
  const unsigned r = d.op & 7;
  c.clk(d.clocks);
  c.r16(r) = alu_inc_dec(c, c.r16(r), d.op & 8, true);
}

// FE/FF /0 INC, /1 DEC r/m.
void op_inc_dec_rm(Cpu808x& c) {
  Insn& d = c.insn();
  const bool dec = d.reg & 1;
  if (c.rm_is_reg()) {
    c.clk(1);
    c.set_reg(d.rm, d.w, alu_inc_dec(c, c.reg(d.rm, d.w), dec, d.w));
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(6);
  c.mem_write(d.ea_seg, d.ea, d.w, alu_inc_dec(c, m, dec, d.w));
}

}  // namespace quartz
