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

// 80286 EU clocks of the control transfers (iAPX 286 Programmer's Reference Manual,
// appendix B: JMP/Jcc/CALL 7+m, JMP far 11+m, CALL far 13+m, RET 11+m, RETF 15+m, LOOP
// 8+m / 4, Jcc and JCXZ not taken 3 / 4). The captures show how they fall: the decoder
// hands a transfer over whole, the EU loads IP and restarts prefetching at once, and the
// new code's fetch (2 clocks) and decode (4 + 1 per byte + 3 to the EU) are the "+m".
// Stack writes are posted after their Ts, reads take Ts+Tc. Where a flush must wait for
// the bus (flush_after), its count runs from the end of the last bus cycle's Tc.
struct Xfer286 {
  std::uint8_t jump;           // Jcc/JMP rel: start -> flush (taken)
  std::uint8_t jcc_not_taken;  // Jcc not taken: whole instruction
  std::uint8_t loop_jump;      // LOOP/LOOPZ/LOOPNZ/JCXZ: start -> flush (taken)
  std::uint8_t loop_not_taken; // ... not taken: whole instruction
  std::uint8_t jmp_far;        // EA: start -> flush
  std::uint8_t push_after_flush;  // CALL: flush -> return-IP push request
  std::uint8_t far_call_push;  // 9A: start -> push CS request
  std::uint8_t after_push_cs;  // CALL far: end of the CS write's Tc -> flush
  std::uint8_t ret_near;       // RET: end of the IP read -> flush
  std::uint8_t ret_far;        // RETF, JMP m16:16: end of the CS read -> flush
  std::uint8_t jmp_m16;        // JMP m16: end of the read -> flush
  std::uint8_t call_m16;       // CALL m16: return-IP push (posted) -> flush
  std::uint8_t call_m32_push;  // CALL m16:16: request of the CS read -> push CS request
};
constexpr Xfer286 kXfer286{0, 3, 1, 4, 4, 1, 2, 3, 4, 5, 3, 2, 3};

// The 808x jump timings below are EU clocks measured on the captures: when the prefetcher is
// suspended, when the queue is flushed (QS = E) at the earliest, and how far the flush must
// trail the last bus cycle. Intel's table gives the totals for an idle bus (JMP 15, Jcc
// 16/4, CALL 19, RET 8/12 + bus cycles, LOOP 17/5).

// 70-7F (60-6F): Jcc rel8.
void op_jcc(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.traits().pipelined_bus) {
    const std::uint8_t disp = c.q_read8();
    if (!condition(c, d.op & 0xF)) return c.clk(kXfer286.jcc_not_taken);
    c.clk(kXfer286.jump);
    c.jump_near(rel8(c.ip(), disp));
    return;
  }
  c.clk(1);
  const std::uint8_t disp = c.q_read8();
  if (!condition(c, d.op & 0xF)) {
    c.clk(1);
    return;
  }
  c.clk(2);
  c.suspend_prefetch();
  c.clk(5);
  c.ip_set(rel8(c.ip(), disp));
  c.flush_after(5);
}

// EB: JMP rel8; E9: JMP rel16.
void op_jmp_short(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    const std::uint8_t disp = c.q_read8();
    c.clk(kXfer286.jump);
    c.jump_near(rel8(c.ip(), disp));
    return;
  }
  c.clk(1);
  const std::uint8_t disp = c.q_read8();
  c.suspend_prefetch();
  c.clk(5);
  c.ip_set(rel8(c.ip(), disp));
  c.flush_after(5);
}

void op_jmp_near(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    const std::uint16_t disp = c.q_read16();
    c.clk(kXfer286.jump);
    c.jump_near(std::uint16_t(c.ip() + disp));
    return;
  }
  c.clk(1);
  std::uint16_t disp = c.q_read8();
  c.suspend_prefetch();
  disp = std::uint16_t(disp | (c.q_read8() << 8));
  c.clk(4);
  c.ip_set(std::uint16_t(c.ip() + disp));
  c.flush_after(5);
}

// EA: JMP ptr16:16.
void op_jmp_far(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    const std::uint16_t ip = c.q_read16();
    const std::uint16_t cs = c.q_read16();
    c.clk(kXfer286.jmp_far);
    if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kJmpPtr, cs, ip, c.ip());
    c.jump_far(cs, ip);
    return;
  }
  c.clk(1);
  const std::uint16_t ip = c.q_read16();
  std::uint16_t cs = c.q_read8();
  c.suspend_prefetch();
  cs = std::uint16_t(cs | (c.q_read8() << 8));
  c.clk(2);
  if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kJmpPtr, cs, ip, c.ip());
  c.sreg(kCS) = cs;
  c.ip_set(ip);
  c.flush_after(3);
}

// E8: CALL rel16.
void op_call_near(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    const std::uint16_t disp = c.q_read16();
    const std::uint16_t ret = c.ip();
    c.clk(kXfer286.jump);
    c.jump_near(std::uint16_t(ret + disp));
    c.clk(kXfer286.push_after_flush);
    c.push16(ret);
    return;
  }
  c.clk(1);
  std::uint16_t disp = c.q_read8();
  c.suspend_prefetch();
  disp = std::uint16_t(disp | (c.q_read8() << 8));
  c.clk(4);
  const std::uint16_t ret = c.ip();
  c.ip_set(std::uint16_t(ret + disp));
  c.flush_after(5);
  c.clk(4);
  c.push16(ret);
}

namespace {
// The common end of a real-mode far CALL (9A and FF /3): push the return CS, load CS:IP and
// flush the queue, then push the return IP, with the EU clocks between as the captures show.
void far_call_push_and_jump(Cpu808x& c, std::uint16_t cs, std::uint16_t ip,
                            std::uint16_t ret_cs, std::uint16_t ret_ip) {
  if (c.traits().pipelined_bus) {
    c.push16(ret_cs);
    c.sreg(kCS) = cs;
    c.ip_set(ip);
    c.flush_after(kXfer286.after_push_cs);
    c.clk(kXfer286.push_after_flush);
    c.push16(ret_ip);
    return;
  }
  c.push16(ret_cs);
  c.clk(4);
  c.sreg(kCS) = cs;
  c.ip_set(ip);
  c.flush_after(0);
  c.clk(4);
  c.push16(ret_ip);
}
}  // namespace

// 9A: CALL ptr16:16.
void op_call_far(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    const std::uint16_t ip = c.q_read16();
    const std::uint16_t cs = c.q_read16();
    c.clk(kXfer286.far_call_push);
    if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kCallPtr, cs, ip, c.ip());
    return far_call_push_and_jump(c, cs, ip, c.sreg(kCS), c.ip());
  }
  c.clk(1);
  const std::uint16_t ip = c.q_read16();
  std::uint16_t cs = c.q_read8();
  cs = std::uint16_t(cs | (c.q_read8() << 8));
  c.suspend_prefetch();
  if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kCallPtr, cs, ip, c.ip());
  const std::uint16_t ret_cs = c.sreg(kCS), ret_ip = c.ip();
  c.clk(6);
  c.wait_quiet(5);
  far_call_push_and_jump(c, cs, ip, ret_cs, ret_ip);
}

// C3 (C1): RET; C2 (C0): RET imm16.
void op_ret_near(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.traits().pipelined_bus) {
    const std::uint16_t imm = (d.op & 1) ? 0 : c.q_read16();
    const std::uint16_t ip = c.pop16();
    c.r16(kSP) = std::uint16_t(c.r16(kSP) + imm);
    c.ip_set(ip);
    c.flush_after(kXfer286.ret_near);
    return;
  }
  std::uint16_t imm = 0;
  if (!(d.op & 1)) {
    c.clk(1);
    imm = c.q_read16();
    c.clk(1);
    c.suspend_prefetch();
    c.clk(2);
  } else {
    c.suspend_prefetch();
    c.clk(2);
  }
  const std::uint16_t ip = c.pop16();
  c.clk(d.op & 1 ? 2 : 3);
  c.r16(kSP) = std::uint16_t(c.r16(kSP) + imm);
  c.ip_set(ip);
  c.flush_after(0);
}

// CB (C9): RETF; CA (C8): RETF imm16.
void op_ret_far(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.traits().pipelined_bus) {
    const std::uint16_t imm = (d.op & 1) ? 0 : c.q_read16();
    if (c.msw_ & 1) return pm_far_return(c, imm);  // PRM appendix B, RET (far)
    const std::uint16_t ip = c.pop16();
    const std::uint16_t cs = c.pop16();
    c.r16(kSP) = std::uint16_t(c.r16(kSP) + imm);
    c.sreg(kCS) = cs;
    c.ip_set(ip);
    c.flush_after(kXfer286.ret_far);
    return;
  }
  std::uint16_t imm = 0;
  if (!(d.op & 1)) {
    c.clk(1);
    imm = c.q_read16();
    c.clk(1);
    c.suspend_prefetch();
    c.clk(2);
  } else {
    c.clk(2);
    c.suspend_prefetch();
    c.clk(2);
  }
  if (c.msw_ & 1) return pm_far_return(c, imm);  // PRM appendix B, RET (far)
  const std::uint16_t ip = c.pop16();
  c.clk(5);
  const std::uint16_t cs = c.pop16();
  c.clk(1);
  c.r16(kSP) = std::uint16_t(c.r16(kSP) + imm);
  c.sreg(kCS) = cs;
  c.ip_set(ip);
  c.flush_after(0);
}

// E0 LOOPNZ, E1 LOOPZ, E2 LOOP, E3 JCXZ.
void op_loop(Cpu808x& c) {
  Insn& d = c.insn();
  const bool i286 = c.traits().pipelined_bus;
  if (!i286) c.clk(3);
  const std::uint8_t disp = c.q_read8();
  bool take;
  if (d.op == 0xE3) {
    take = c.r16(kCX) == 0;
  } else {
    c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
    take = c.r16(kCX) != 0;
    if (d.op == 0xE0) take = take && !c.get_flag(flag::ZF);
    if (d.op == 0xE1) take = take && c.get_flag(flag::ZF);
  }
  // LOOPZ/LOOPNZ test ZF in one more microcode step when they jump (Intel: 18-19 vs 17).
  const bool zf_test = d.op == 0xE0 || d.op == 0xE1;
  if (i286) {
    if (!take) return c.clk(kXfer286.loop_not_taken);
    c.clk(kXfer286.loop_jump);
    c.jump_near(rel8(c.ip(), disp));
    return;
  }
  if (!take) {
    c.clk(1);
    return;
  }
  if (zf_test || d.op == 0xE3) {
    // LOOPZ/LOOPNZ/JCXZ test a condition first: prefetching is suspended two clocks later
    // than for LOOP, and the jump takes one clock more (Intel: 18-19 vs 17).
    c.clk(2);
    c.suspend_prefetch();
    c.clk(4);
  } else {
    c.suspend_prefetch();
    c.clk(5);
  }
  c.ip_set(rel8(c.ip(), disp));
  c.flush_after(5);
}

// FF /2: CALL r/m16; FF /3: CALL m16:16; FF /4: JMP r/m16; FF /5: JMP m16:16.
void op_call_rm(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t target;
  if (c.traits().pipelined_bus) {
    const std::uint16_t ret = c.ip();
    if (c.rm_is_reg()) {
      c.clk(kXfer286.jump);
      c.jump_near(c.r16(d.rm));
      c.clk(kXfer286.push_after_flush);
      c.push16(ret);
      return;
    }
    target = c.mem_read16(d.ea_seg, d.ea);
    // The push is posted; the flush follows it without waiting for the bus (captures: an
    // odd SP's second byte cycle delays only the new code's first fetch).
    c.push16(ret);
    c.clk(kXfer286.call_m16);
    c.jump_near(target);
    return;
  }
  if (c.rm_is_reg()) {
    // The register form stops prefetching a clock after the ModRM byte (in time to cancel
    // a continuation the BIU would decide at that T3).
    c.clk(1);
    c.suspend_prefetch();
    c.clk(1);
    target = c.r16(d.rm);
  } else {
    target = c.mem_read16(d.ea_seg, d.ea);
  }
  c.clk(1);
  c.suspend_prefetch();
  const std::uint16_t ret = c.ip();
  c.ip_set(target);
  if (c.rm_is_reg()) {
    c.clk(2);
    c.flush_after(5);
  } else {
    c.clk(6);
    c.flush_after(5);
  }
  c.clk(4);
  c.push16(ret);
}

void op_call_far_m(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.traits().pipelined_bus) {
    const std::uint16_t ip = c.mem_read16(d.ea_seg, d.ea);
    // The push of CS needs nothing from the read of the new CS: the EU asks for it a fixed
    // time after asking for that read, and it goes out once the read is done (captures: an
    // aligned read is followed by a clock, a split one is not).
    const std::uint64_t cs_req = c.cycles();
    const std::uint16_t cs = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
    if (c.cycles() < cs_req + kXfer286.call_m32_push)
      c.clk(unsigned(cs_req + kXfer286.call_m32_push - c.cycles()));
    if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kCallMem, cs, ip, c.ip());
    return far_call_push_and_jump(c, cs, ip, c.sreg(kCS), c.ip());
  }
  // The register form reads the "memory" at the last EA; the 8086 does not fault.
  const std::uint16_t ip = c.mem_read16(d.ea_seg, d.ea);
  c.clk(5);
  const std::uint16_t cs = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
  c.suspend_prefetch();
  if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kCallMem, cs, ip, c.ip());
  c.clk(6);
  const std::uint16_t ret_cs = c.sreg(kCS), ret_ip = c.ip();
  far_call_push_and_jump(c, cs, ip, ret_cs, ret_ip);
}

void op_jmp_rm(Cpu808x& c) {
  Insn& d = c.insn();
  std::uint16_t target;
  if (c.traits().pipelined_bus) {
    if (c.rm_is_reg()) {
      c.clk(kXfer286.jump);
      c.jump_near(c.r16(d.rm));
      return;
    }
    target = c.mem_read16(d.ea_seg, d.ea);
    c.ip_set(target);
    c.flush_after(kXfer286.jmp_m16);
    return;
  }
  if (c.rm_is_reg()) {
    target = c.r16(d.rm);
  } else {
    target = c.mem_read16(d.ea_seg, d.ea);
  }
  c.clk(1);
  c.suspend_prefetch();
  c.clk(c.rm_is_reg() ? 1 : 3);
  c.ip_set(target);
  c.flush_after(2);
}

void op_jmp_far_m(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.traits().pipelined_bus) {
    const std::uint16_t ip = c.mem_read16(d.ea_seg, d.ea);
    const std::uint16_t cs = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
    if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kJmpMem, cs, ip, c.ip());
    c.sreg(kCS) = cs;
    c.ip_set(ip);
    c.flush_after(kXfer286.ret_far);
    return;
  }
  const std::uint16_t ip = c.mem_read16(d.ea_seg, d.ea);
  c.clk(6);
  c.wait_quiet(3);
  const std::uint16_t cs = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + 2));
  c.suspend_prefetch();
  c.clk(1);
  if (c.msw_ & 1) return pm_far_transfer(c, PmTransfer286::kJmpMem, cs, ip, c.ip());
  c.sreg(kCS) = cs;
  c.ip_set(ip);
  c.flush_after(1);
}

}  // namespace quartz
