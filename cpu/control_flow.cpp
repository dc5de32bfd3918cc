// Transfers of control: Jcc (70-7F and their 60-6F aliases on the 808x), JMP, CALL, RET,
// LOOP/LOOPZ/LOOPNZ/JCXZ. Every taken transfer flushes the prefetch queue.
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

// Condition codes in opcode order (low nibble of 70-7F): O NO B NB Z NZ BE NBE S NS P NP L
// NL LE NLE.
bool condition(const Cpu808x& c, unsigned cc) {
  const std::uint16_t f = c.flags();
  const bool of = f & flag::OF, cf = f & flag::CF, zf = f & flag::ZF, sf = f & flag::SF,
             pf = f & flag::PF;
  bool r;
  switch (cc >> 1) {
    case 0: r = of; break;
    case 1: r = cf; break;
    case 2: r = zf; break;
    case 3: r = cf || zf; break;
    case 4: r = sf; break;
    case 5: r = pf; break;
    case 6: r = sf != of; break;
    default: r = zf || (sf != of); break;
  }
  return (cc & 1) ? !r : r;
}

std::uint16_t rel8(std::uint16_t ip, std::uint8_t d) {
  return std::uint16_t(ip + std::int16_t(std::int8_t(d)));
}

}  // namespace

// 70-7F (60-6F): Jcc rel8. 16 clocks taken, 4 not.
void op_jcc(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint8_t disp = c.q_read8();
  if (!condition(c, d.op & 0xF)) {
    c.clk(1);
    return;
  }
  c.clk(1);
  c.jump_near(rel8(c.ip(), disp));
  c.clk(1);
}

// EB: JMP rel8; E9: JMP rel16.
void op_jmp_short(Cpu808x& c) {
  c.clk(1);
  const std::uint8_t disp = c.q_read8();
  c.clk(1);
  c.jump_near(rel8(c.ip(), disp));
  c.clk(1);
}

void op_jmp_near(Cpu808x& c) {
  c.clk(1);
  const std::uint16_t disp = c.q_read16();
  c.clk(1);
  c.jump_near(std::uint16_t(c.ip() + disp));
  c.clk(1);
}

// EA: JMP ptr16:16.
void op_jmp_far(Cpu808x& c) {
  c.clk(1);
  const std::uint16_t ip = c.q_read16();
  const std::uint16_t cs = c.q_read16();
  c.clk(1);
  c.jump_far(cs, ip);
  c.clk(1);
}

// E8: CALL rel16.
void op_call_near(Cpu808x& c) {
  c.clk(1);
  const std::uint16_t disp = c.q_read16();
  c.clk(1);
  const std::uint16_t ret = c.ip();
  c.jump_near(std::uint16_t(ret + disp));
  c.clk(3);
  c.push16(ret);
}

// 9A: CALL ptr16:16.
void op_call_far(Cpu808x& c) {
  c.clk(1);
  const std::uint16_t ip = c.q_read16();
  const std::uint16_t cs = c.q_read16();
  c.clk(1);
  const std::uint16_t ret_cs = c.sreg(kCS), ret_ip = c.ip();
  c.push16(ret_cs);
  c.jump_far(cs, ip);
  c.clk(3);
  c.push16(ret_ip);
}

// C3 (C1): RET; C2 (C0): RET imm16.
void op_ret_near(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t imm = 0;
  if (!(d.op & 1)) imm = c.q_read16();
  c.clk(1);
  const std::uint16_t ip = c.pop16();
  c.clk(d.op & 1 ? 1 : 2);
  c.r16(kSP) = std::uint16_t(c.r16(kSP) + imm);
  c.jump_near(ip);
  c.clk(1);
}

// CB (C9): RETF; CA (C8): RETF imm16.
void op_ret_far(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t imm = 0;
  if (!(d.op & 1)) imm = c.q_read16();
  c.clk(1);
  const std::uint16_t ip = c.pop16();
  c.clk(1);
  const std::uint16_t cs = c.pop16();
  c.clk(d.op & 1 ? 1 : 2);
  c.r16(kSP) = std::uint16_t(c.r16(kSP) + imm);
  c.jump_far(cs, ip);
  c.clk(1);
}

// E0 LOOPNZ, E1 LOOPZ, E2 LOOP, E3 JCXZ.
void op_loop(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint8_t disp = c.q_read8();
  bool take;
  if (d.op == 0xE3) {
    c.clk(1);
    take = c.r16(kCX) == 0;
  } else {
    c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
    take = c.r16(kCX) != 0;
    if (d.op == 0xE0) take = take && !c.get_flag(flag::ZF);
    if (d.op == 0xE1) take = take && c.get_flag(flag::ZF);
    c.clk(1);
  }
  if (!take) {
    c.clk(1);
    return;
  }
  c.clk(1);
  c.jump_near(rel8(c.ip(), disp));
  c.clk(1);
}

// FF /2: CALL r/m16; FF /3: CALL m16:16; FF /4: JMP r/m16; FF /5: JMP m16:16.
void op_call_rm(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t target;
  if (c.rm_is_reg()) {
    c.clk(1);
    target = c.r16(d.rm);
  } else {
    target = c.mem_read16(d.ea_seg, d.ea);
    c.clk(1);
  }
  const std::uint16_t ret = c.ip();
  c.jump_near(target);
  c.clk(3);
  c.push16(ret);
}

void op_call_far_m(Cpu808x& c) {
  Insn& d = c.insn();
  // The register form reads the "memory" at the last EA; the 8086 does not fault.
  const std::uint16_t ip = c.mem_read16(d.ea_seg, d.ea);
  c.clk(1);
  const std::uint16_t cs = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
  c.clk(1);
  const std::uint16_t ret_cs = c.sreg(kCS), ret_ip = c.ip();
  c.push16(ret_cs);
  c.jump_far(cs, ip);
  c.clk(3);
  c.push16(ret_ip);
}

void op_jmp_rm(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t target;
  if (c.rm_is_reg()) {
    c.clk(1);
    target = c.r16(d.rm);
  } else {
    target = c.mem_read16(d.ea_seg, d.ea);
    c.clk(1);
  }
  c.jump_near(target);
  c.clk(1);
}

void op_jmp_far_m(Cpu808x& c) {
  Insn& d = c.insn();
  const std::uint16_t ip = c.mem_read16(d.ea_seg, d.ea);
  c.clk(1);
  const std::uint16_t cs = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
  c.clk(1);
  c.jump_far(cs, ip);
  c.clk(1);
}

}  // namespace quartz
