// The instructions the 80186/80286 added to the 8086 set, in real mode (80286 Programmer's
// Reference Manual, instruction set reference): PUSHA/POPA, BOUND, PUSH imm, IMUL imm,
// INS/OUTS, ENTER/LEAVE, the 0F map's SMSW/LMSW, and the invalid-opcode trap (interrupt 6).
// Clock counts are placeholders on the 808x bus model until the 286 BIU exists.
#include <array>

#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

// Undefined opcodes and forms (e.g. LEA/LES with a register operand, 8F /1-/7): interrupt 6
// with the address of the offending instruction (80286 PRM, "Interrupt 6").
// The interrupt's entry clocks are in fault_entry_clocks_286() (timing_286.cpp).
[[noreturn]] void invalid_opcode(Cpu808x& c) { c.fault(6); }
void op_invalid(Cpu808x& c) { invalid_opcode(c); }

// C6/C7 /1-/7: the decoder takes the immediate too, so with prefixes the 10-byte limit
// (interrupt 13) can strike before interrupt 6 (SingleStepTests 80286).
void op_invalid_imm(Cpu808x& c) {
  c.q_read8();
  if (c.insn().w) c.q_read8();
  invalid_opcode(c);
}

// 60: PUSHA: AX CX DX BX, the SP before the instruction, BP SI DI, stored at SP-2 down to
// SP-16. The 80286 writes them in ascending address order, DI at SP-16 first and AX at SP-2
// last (SingleStepTests 80286 captures); SP moves only after the last write, so a fault on
// the way leaves it unchanged.
void op_pusha(Cpu808x& c) {
  const std::uint16_t sp = c.r16(kSP);
  c.clk(1);
  for (int r = kDI; r >= int(kAX); --r) {
    const std::uint16_t off = std::uint16_t(sp - 2 * (r + 1));
    c.mem_write16(kSS, off, unsigned(r) == kSP ? sp : c.r16(unsigned(r)));
  }
  c.r16(kSP) = std::uint16_t(sp - 16);
}

// 61: POPA: DI SI BP, skip the stored SP, BX DX CX AX from SP+0 up to SP+14. The 80286 reads
// AX's word at SP+14 first, then the other seven words upward from SP+0, the stored SP
// included (captures). The registers are written only after the last read: a fault on the
// way leaves them unchanged (SingleStepTests 80286).
void op_popa(Cpu808x& c) {
  c.clk(1);
  std::array<std::uint16_t, 8> v{};
  const std::uint16_t sp = c.r16(kSP);
  v[kAX] = c.mem_read16(kSS, std::uint16_t(sp + 14));
  for (int r = kDI; r > int(kAX); --r)
    v[unsigned(r)] = c.mem_read16(kSS, std::uint16_t(sp + 2 * (kDI - r)));
  for (unsigned r = kAX; r <= kDI; ++r)
    if (r != kSP) c.r16(r) = v[r];
  c.r16(kSP) = std::uint16_t(sp + 16);
}

// 62 /r: BOUND r16, m16&16: interrupt 5 unless lower <= r16 <= upper (signed). 286 only
// (62 is a Jcc alias on the 8086). Captures: the two reads back to back, then 9 clocks when
// in bounds (PRM 13 = 2 reads + 9) or 7 before interrupt 5 begins.
void op_bound(Cpu808x& c) {
  constexpr unsigned kInBounds = 9, kToInterrupt = 7, kUpperCompare = 3;
  Insn& d = c.insn();
  if (c.rm_is_reg()) c.fault(6);
  const auto lower = std::int16_t(c.mem_read16(d.ea_seg, d.ea));
  const auto upper = std::int16_t(c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2)));
  const auto v = std::int16_t(c.r16(d.reg));
  // The lower bound is compared first: when it already fails, interrupt 5 starts 3 clocks
  // sooner than when only the upper bound does (captures).
  if (v < lower || v > upper) {
    c.clk(v < lower ? kToInterrupt : kToInterrupt + kUpperCompare);
    c.int_flags_gap_ = c.traits().pipelined_bus;
    c.fault(5);
  }
  c.clk(kInBounds);
}

// 68 iw / 6A ib (sign-extended): PUSH immediate.
void op_push_imm(Cpu808x& c) {
  const std::uint16_t v = c.insn().op == 0x68 ? c.q_read16()
                                                 : std::uint16_t(std::int8_t(c.q_read8()));
  c.clk(1);
  c.push16(v);
}

// 69 /r iw, 6B /r ib: IMUL r16, r/m16, imm: the low 16 bits of the signed product; CF = OF =
// the product does not fit in 16 bits.
void op_imul_imm(Cpu808x& c) {
  Insn& d = c.insn();
  const auto src = std::int16_t(c.rm_read_w(true));
  const auto imm = d.op == 0x69 ? std::int16_t(c.q_read16()) : std::int16_t(std::int8_t(c.q_read8()));
  const std::int32_t p = std::int32_t(src) * imm;
  c.clk(18);
  c.r16(d.reg) = std::uint16_t(p);
  const bool overflow = p != std::int16_t(std::uint16_t(p));
  c.set_flag(flag::CF, overflow);
  c.set_flag(flag::OF, overflow);
  set_szp(c, std::uint16_t(p), true);
}

namespace {
// INS/OUTS EU clocks (80286 only: the 8086 map has Jcc aliases at 6C-6F), counted from the
// clock the decoded instruction starts, fitted to the SingleStepTests 80286 captures. Like
// REP MOVS (string_ops.cpp), REP INS/OUTS move one item per 4 clocks (PRM 5+4n): read (2),
// posted write (1) + 1. A single INS waits 2 clocks between its I/O read and the store;
// both end 2 clocks after the posted write's Ts (PRM INS/OUTS 5).
struct InsOutsTiming {
  std::uint8_t ins_mid, outs_mid;  // no REP: read -> write
  std::uint8_t tail;               // no REP: after the write
  std::uint8_t rep_zero;           // REP with CX = 0
  std::uint8_t rep_first;          // REP: start -> first read
  std::uint8_t rep_mid;            // REP: read -> write
  std::uint8_t rep_next;           // REP: write -> next iteration's read
  std::uint8_t rep_end;            // REP: after the last write
};
constexpr InsOutsTiming kInsOuts286{2, 0, 2, 7, 4, 0, 1, 3};

// One INS (6C/6D) or OUTS (6E/6F) transfer: port DX <-> ES:DI / seg:SI.
void ins_outs_once(Cpu808x& c, bool outs, unsigned mid) {
  Insn& d = c.insn();
  const std::uint16_t step = std::uint16_t((c.get_flag(flag::DF) ? -1 : 1) * (d.w ? 2 : 1));
  if (outs) {
    const std::uint16_t si = c.r16(kSI);
    c.r16(kSI) = std::uint16_t(si + step);  // advanced even if the read faults (captures)
    const std::uint16_t v = c.mem_read(c.seg_for(kDS), si, d.w);
    c.clk(mid);
    const std::uint16_t port = c.r16(kDX);
    if (d.w && (port & 1)) {
      // A word to an odd port: OUTS holds the EU for both byte cycles (captures: it ends 2
      // clocks later than to an even port; OUT leaves the second to the bus unit).
      c.io_write(port, false, v);
      c.io_write(c.io_next_port(port), false, v >> 8);
    } else {
      c.io_write(port, d.w, v);
    }
  } else {
    const std::uint16_t v = c.io_read(c.r16(kDX), d.w);
    c.clk(mid);
    const std::uint16_t di = c.r16(kDI);
    c.r16(kDI) = std::uint16_t(di + step);
    rep_store_fault_count(c, di);
    // REP INS holds the EU for both byte cycles of an odd word store, as REP MOVS does.
    if (d.rep && d.w && (di & 1)) store_word_held(c, kES, di, v);
    else c.mem_write(kES, di, d.w, v);
  }
}

void ins_outs(Cpu808x& c, bool outs) {
  pm_check_privilege(c, PmPrivilege::kIopl);  // 80286 protected mode: CPL > IOPL -> #GP(0)
  Insn& d = c.insn();
  const InsOutsTiming& tm = kInsOuts286;
  if (!d.rep) {
    ins_outs_once(c, outs, outs ? tm.outs_mid : tm.ins_mid);
    c.clk(tm.tail);
    return;
  }
  if (c.r16(kCX) == 0) {
    c.clk(tm.rep_zero);
    return;
  }
  c.clk(tm.rep_first);
  for (;;) {
    c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);  // before the transfer, as string_ops.cpp
    ins_outs_once(c, outs, tm.rep_mid);
    if (c.r16(kCX) == 0) {
      c.clk(tm.rep_end);
      return;
    }
    if (c.interrupt_pending()) {
      // Resume at the prefix the model restarts from (286: the first one).
      c.clk(tm.rep_end);
      c.rep_restart();
      c.flush_queue();
      return;
    }
    c.clk(tm.rep_next);
  }
}
}  // namespace

void op_ins(Cpu808x& c) { ins_outs(c, false); }
void op_outs(Cpu808x& c) { ins_outs(c, true); }

// C8 iw ib: ENTER size, level: push BP, copy level-1 frame pointers of the enclosing
// procedures, push the new frame pointer; BP = frame, SP -= size. Level is taken mod 32.
// 286 only (C8 is a RET alias on the 8086). No captures: the clocks give the iAPX 286 PRM
// totals, ENTER imm16,0 11, imm16,1 15, imm16,n 12+4(n-1): a push costs its posted Ts (one
// more when the previous write's Tc still holds the bus), a copied frame pointer a read (2)
// + push (1) + 1.
void op_enter(Cpu808x& c) {
  constexpr unsigned kPerLevelTail = 1, kEndLevel0 = 10, kEndLevel1 = 12, kEndNested = 9;
  const std::uint16_t size = c.q_read16();
  const unsigned level = c.q_read8() & 31;
  c.push16(c.r16(kBP));
  const std::uint16_t frame = c.r16(kSP);
  if (level > 0) {
    for (unsigned i = 1; i < level; ++i) {
      c.r16(kBP) = std::uint16_t(c.r16(kBP) - 2);
      c.push16(c.mem_read16(kSS, c.r16(kBP)));
      c.clk(kPerLevelTail);
    }
    c.push16(frame);
  }
  c.clk(level == 0 ? kEndLevel0 : level == 1 ? kEndLevel1 : kEndNested);
  c.r16(kBP) = frame;
  c.r16(kSP) = std::uint16_t(c.r16(kSP) - size);
}

// C9: LEAVE: SP = BP, pop BP. The read comes first: a fault leaves SP and BP unchanged.
void op_leave(Cpu808x& c) {
  c.clk(1);
  const std::uint16_t bp = c.r16(kBP);
  const std::uint16_t v = c.mem_read16(kSS, bp);
  c.r16(kSP) = std::uint16_t(bp + 2);
  c.r16(kBP) = v;
}

// 0F (the two-byte map) and 63 (ARPL) live in protected_mode.cpp.
// C4/C5 (LES/LDS), 8D (LEA), FF /3 /5 (far CALL/JMP) need a memory operand on the 286.
void op_load_far_ptr_286(Cpu808x& c) {
  if (c.rm_is_reg()) invalid_opcode(c);
  op_load_far_ptr(c);
}
void op_lea_286(Cpu808x& c) {
  if (c.rm_is_reg()) invalid_opcode(c);
  op_lea(c);
}
void op_call_far_m_286(Cpu808x& c) {
  if (c.rm_is_reg()) invalid_opcode(c);
  op_call_far_m(c);
}
void op_jmp_far_m_286(Cpu808x& c) {
  if (c.rm_is_reg()) invalid_opcode(c);
  op_jmp_far_m(c);
}

}  // namespace quartz
