// Data movement: MOV in all its forms, XCHG, LEA, LDS/LES, PUSH/POP, PUSHF/POPF, LAHF/SAHF,
// CBW/CWD, XLAT and the undocumented SALC. Clock counts follow the 8086 timing table; on the
// 80286 most of these handlers are timed by their row in timing_286.cpp (clk() muted), POP
// r/m and SALC by the per-model numbers below.
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

// 88-8B: MOV r/m,reg / reg,r/m.
void op_mov_rm(Cpu808x& c) {
  Insn& d = c.insn();
  const bool to_reg = d.op & 2;
  if (c.rm_is_reg()) {
    if (to_reg) c.set_reg(d.reg, d.w, c.reg(d.rm, d.w));
    else c.set_reg(d.rm, d.w, c.reg(d.reg, d.w));
    return;
  }
  if (to_reg) {
    const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
    c.clk(3);
    c.set_reg(d.reg, d.w, m);
    return;
  }
  c.clk(4);
  c.mem_write(d.ea_seg, d.ea, d.w, c.reg(d.reg, d.w));
}

// C6/C7: MOV r/m, imm (ModRM.reg is ignored by the 8086).
void op_mov_rm_imm(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    const std::uint16_t imm = d.w ? c.q_read16() : c.q_read8();
    c.clk(d.w ? 0 : 1);
    c.set_reg(d.rm, d.w, imm);
    return;
  }
  c.clk(1);
  const std::uint16_t imm = d.w ? c.q_read16() : c.q_read8();
  c.clk(d.w ? 2 : 3);
  c.mem_write(d.ea_seg, d.ea, d.w, imm);
}

// B0-BF: MOV reg, imm.
void op_mov_reg_imm(Cpu808x& c) {
  Insn& d = c.insn();
  const bool w = d.op & 8;
  c.clk(1);
  const std::uint16_t imm = w ? c.q_read16() : c.q_read8();
  if (!w) c.clk(1);
  c.set_reg(d.op & 7, w, imm);
}

// A0-A3: MOV AL/AX, [moffs] and back.
void op_mov_acc_moffs(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  const std::uint16_t off = c.q_read16();
  const unsigned seg = c.seg_for(kDS);
  if (d.op & 2) {
    c.clk(3);
    c.mem_write(seg, off, d.w, c.reg(kAX, d.w));
  } else {
    const std::uint16_t v = c.mem_read(seg, off, d.w);
    c.clk(1);
    c.set_reg(kAX, d.w, v);
  }
}

// 8C: MOV r/m16, sreg (only ModRM.reg bits 0-1 select the segment register).
void op_mov_rm_sreg(Cpu808x& c) {
  Insn& d = c.insn();
  const std::uint16_t v = c.sreg(d.reg & 3);
  if (c.rm_is_reg()) {
    c.r16(d.rm) = v;
    return;
  }
  c.clk(3);
  c.mem_write16(d.ea_seg, d.ea, v);
}

// 8E: MOV sreg, r/m16. Interrupts are held off for one instruction (8086 manual: so SS:SP
// can be loaded as a pair).
void op_mov_sreg_rm(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t v;
  if (c.rm_is_reg()) {
    v = c.r16(d.rm);
  } else {
    v = c.mem_read16(d.ea_seg, d.ea);
    c.clk(3);
  }
  if (c.msw_ & 1) {  // descriptor checks and cache
    pm_load_segment(c, d.reg & 3, v,
                    c.rm_is_reg() ? PmSegLoad286::kMovReg : PmSegLoad286::kMovMem);
  } else {
    c.sreg(d.reg & 3) = v;
  }
  c.inhibit_irq_ = true;
}

// 8D: LEA reg16, m (the register form takes the last computed EA; undefined).
void op_lea(Cpu808x& c) {
  Insn& d = c.insn();
  c.clk(1);
  c.r16(d.reg) = d.ea;
}

// C4/C5: LES / LDS reg16, m32.
void op_load_far_ptr(Cpu808x& c) {
  Insn& d = c.insn();
  const std::uint16_t off = c.mem_read16(d.ea_seg, d.ea);
  c.clk(6);
  const std::uint16_t seg = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
  c.clk(1);
  // Protected mode: the segment load's checks come first, a fault leaves the register.
  if (c.msw_ & 1) pm_load_segment(c, d.op == 0xC4 ? kES : kDS, seg, PmSegLoad286::kLoadFarPtr);
  else c.sreg(d.op == 0xC4 ? kES : kDS) = seg;
  c.r16(d.reg) = off;
}

// 86/87: XCHG r/m, reg.
void op_xchg_rm(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    c.clk(2);
    const std::uint16_t a = c.reg(d.rm, d.w);
    c.set_reg(d.rm, d.w, c.reg(d.reg, d.w));
    c.set_reg(d.reg, d.w, a);
    return;
  }
  const std::uint16_t m = c.mem_read(d.ea_seg, d.ea, d.w);
  c.clk(8);
  c.mem_write(d.ea_seg, d.ea, d.w, c.reg(d.reg, d.w));
  c.set_reg(d.reg, d.w, m);
}

// 90-97: XCHG AX, reg16 (90 = NOP).
void op_xchg_ax(Cpu808x& c) {
  const unsigned r = c.insn().op & 7;
  c.clk(c.insn().clocks);
  std::swap(c.r16(kAX), c.r16(r));
}

// 50-57: PUSH reg16. The 808x pushes the already-decremented SP for PUSH SP.
void op_push_reg(Cpu808x& c) {
  const unsigned r = c.insn().op & 7;
  c.clk(5);
  c.r16(kSP) = std::uint16_t(c.r16(kSP) - 2);
  const std::uint16_t v = (r == kSP && !c.traits().push_sp_pushes_new)
                              ? std::uint16_t(c.r16(kSP) + 2)
                              : c.r16(r);
  c.mem_write16(kSS, c.r16(kSP), v);
}

// 58-5F: POP reg16.
void op_pop_reg(Cpu808x& c) {
  const unsigned r = c.insn().op & 7;
  c.clk(2);
  const std::uint16_t v = c.pop16();
  c.clk(1);
  c.r16(r) = v;
}

// 06/0E/16/1E: PUSH sreg.
void op_push_sreg(Cpu808x& c) {
  c.clk(5);
  c.push16(c.sreg(c.insn().arg));
}

// 07/0F/17/1F: POP sreg (0F is POP CS on the 808x: CS changes, the queue is not flushed).
void op_pop_sreg(Cpu808x& c) {
  c.clk(2);
  if (c.msw_ & 1) {
    // Protected mode: SP moves only after the load succeeded (the instruction restarts).
    const std::uint16_t sel = c.mem_read16(kSS, c.r16(kSP));
    c.clk(1);
    pm_load_segment(c, c.insn().arg, sel, PmSegLoad286::kPop);
    c.r16(kSP) = std::uint16_t(c.r16(kSP) + 2);
    c.inhibit_irq_ = true;
    return;
  }
  const std::uint16_t v = c.pop16();
  c.clk(1);
  c.sreg(c.insn().arg) = v;
  c.inhibit_irq_ = true;
}

// 8F /0: POP r/m16 (the 8086 ignores ModRM.reg). Both forms read the stack, so the timing
// is per model rather than a generic 286 row: 808x microcode clocks; 80286 (captures, PRM
// POP r/m 5): register form read (2) + 3, memory form read (2) + 2 + posted write (1) + 2.
namespace {
struct PopRmTiming {
  std::uint8_t pre_reg, pre_mem;  // before the stack read
  std::uint8_t reg_tail;          // register form: after the read
  std::uint8_t mem_gap, mem_tail; // memory form: read -> write, after the write
};
constexpr PopRmTiming kPopRm808x{2, 3, 2, 5, 0};
constexpr PopRmTiming kPopRm286{0, 0, 3, 2, 2};
}  // namespace

void op_pop_rm(Cpu808x& c) {
  Insn& d = c.insn();
  const PopRmTiming& tm = c.traits().pipelined_bus ? kPopRm286 : kPopRm808x;
  c.clk(c.rm_is_reg() ? tm.pre_reg : tm.pre_mem);
  const std::uint16_t v = c.pop16();
  if (c.rm_is_reg()) {
    c.clk(tm.reg_tail);
    c.r16(d.rm) = v;
    return;
  }
  c.clk(tm.mem_gap);
  c.mem_write16(d.ea_seg, d.ea, v);
  c.clk(tm.mem_tail);
}

// FF /6 (and /7): PUSH r/m16.
void op_push_rm(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) {
    c.clk(5);
    const std::uint16_t v = (d.rm == kSP && !c.traits().push_sp_pushes_new) ? c.r16(kSP)
                                                                             : std::uint16_t(c.r16(kSP) - 2);
    c.r16(kSP) = std::uint16_t(c.r16(kSP) - 2);
    c.mem_write16(kSS, c.r16(kSP), d.rm == kSP ? v : c.r16(d.rm));
    return;
  }
  const std::uint16_t v = c.mem_read16(d.ea_seg, d.ea);
  c.clk(7);
  c.push16(v);
}

// 9C PUSHF, 9D POPF.
void op_pushf(Cpu808x& c) {
  c.clk(5);
  c.push16(c.flags());
}

void op_popf(Cpu808x& c) {
  c.clk(2);
  const std::uint16_t f = c.pop16();
  c.clk(1);
  // Protected mode: IOPL changes only at CPL 0, IF only when CPL <= IOPL (PRM 10.3).
  c.set_flags((c.msw_ & 1) ? pm_popped_flags(c, f) : f);
}

// 9E SAHF: SF ZF AF PF CF from AH. 9F LAHF.
void op_sahf(Cpu808x& c) {
  c.clk(c.insn().clocks);
  const std::uint16_t mask = flag::SF | flag::ZF | flag::AF | flag::PF | flag::CF;
  c.set_flags(std::uint16_t((c.flags() & ~mask) | (c.r8(4) & mask)));
}

void op_lahf(Cpu808x& c) {
  c.clk(c.insn().clocks);
  c.set_r8(4, std::uint8_t(c.flags()));
}

// 98 CBW, 99 CWD.
void op_cbw(Cpu808x& c) {
  c.clk(c.insn().clocks);
  c.r16(kAX) = std::uint16_t(std::int16_t(std::int8_t(c.r8(0))));
}

void op_cwd(Cpu808x& c) {
  c.clk((c.r16(kAX) & 0x8000) ? 5 : 4);
  c.r16(kDX) = (c.r16(kAX) & 0x8000) ? 0xFFFF : 0;
}

// D7: XLAT: AL = [seg:BX+AL].
void op_xlat(Cpu808x& c) {
  c.clk(5);
  const std::uint8_t v =
      c.mem_read8(c.seg_for(kDS), std::uint16_t(c.r16(kBX) + c.r8(0)));
  c.clk(1);
  c.set_r8(0, v);
}

// D6: SALC (undocumented): AL = CF ? FFh : 00h. Its clocks depend on CF: 808x 3/2
// (set/clear); 80286 3/4 (SingleStepTests 80286 captures; the PRM does not list SALC).
void op_salc(Cpu808x& c) {
  const bool cf = c.get_flag(flag::CF);
  if (c.traits().pipelined_bus) c.clk(cf ? 3 : 4);
  else c.clk(cf ? 3 : 2);
  c.set_r8(0, cf ? 0xFF : 0x00);
}

}  // namespace quartz
