// Software interrupts (INT n, INT 3, INTO), IRET, the divide-error trap and the common
// interrupt sequence (8086 Family User's Manual, "Interrupts"): read the new IP and CS from
// the vector table at 0:4n, push FLAGS, clear IF and TF, push CS, jump, push IP.
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

namespace {
// 80286 EU clocks of the software interrupts and IRET (iAPX 286 PRM appendix B, real mode:
// INT n 23+m, INT 3 23+m, INTO 24+m / 3, IRET 17+m), split as the captures show. Flushes
// are counted from the end of the last bus cycle's Tc.
struct Int286 {
  std::uint8_t int_n;          // CD: start -> first push
  std::uint8_t int3;           // CC: start -> first push
  std::uint8_t into;           // CE: start -> first push (OF set)
  std::uint8_t into_not_taken; // CE: whole instruction (OF clear)
  std::uint8_t iret;           // CF: start -> first pop
  std::uint8_t vector_to_flush;  // end of the vector CS read -> flush
  std::uint8_t iret_flush;     // IRET: end of the last pop -> flush
};
constexpr Int286 kInt286{2, 3, 3, 3, 1, 5, 5};
}  // namespace

void Cpu808x::interrupt(std::uint8_t vector, std::uint16_t return_ip, bool software) {
  if (hooks_) [[unlikely]] hooks_->on_interrupt(vector, software);
  halted_ = false;
  const bool flags_gap = int_flags_gap_;
  int_flags_gap_ = false;
  if (msw_ & 1) [[unlikely]] {
    suspend_prefetch();
    return pm_interrupt(*this, vector, return_ip, software);
  }
  if (traits_.segment_wrap_faults) [[unlikely]] {
    // 80286 real mode: the IDT limit, and shutdown when the frame would wrap the stack
    // segment with an odd SP (cpu/shutdown.cpp).
    vector = real_mode_vector(vector, return_ip, software);
    pm_.loadall_mask &= std::uint8_t(~(1u << kCS));  // CS is loaded from the vector
    if ((regs_[kSP] & 1) && regs_[kSP] < 6) shutdown_at(software ? d_.insn_ip : return_ip);
  }
  const std::uint16_t vec = std::uint16_t(vector) * 4;
  if (traits_.pipelined_bus) {
    // 80286 (SingleStepTests captures): FLAGS, CS and IP are pushed first, back to back
    // (posted writes), then the vector is read; the new code is fetched 4 clocks after the
    // vector's CS arrives. With the caller's clocks this gives the PRM's INT n 23+m.
    const std::uint16_t old_flags = flags_;
    push16(old_flags);
    flags_ &= std::uint16_t(~(flag::IF | flag::TF));
    if (flags_gap) [[unlikely]] eu_clocks(2);
    push16(sregs_[kCS]);
    push16(return_ip);
    const std::uint16_t new_ip = vector_read16(vec);
    const std::uint16_t new_cs = vector_read16(std::uint16_t(vec + 2));
    sregs_[kCS] = new_cs;
    ip_ = new_ip;
    flush_after(kInt286.vector_to_flush);
    return;
  }
  suspend_prefetch();
  // The vector table lives at physical 0; the cycles carry no segment.
  const std::uint16_t new_ip = vector_read16(vec);
  clk(3);
  const std::uint16_t new_cs = vector_read16(std::uint16_t(vec + 2));
  clk(4);
  const std::uint16_t old_flags = flags_;
  push16(old_flags);
  flags_ &= std::uint16_t(~(flag::IF | flag::TF));
  clk(6);
  push16(sregs_[kCS]);
  clk(4);
  sregs_[kCS] = new_cs;
  ip_ = new_ip;
  flush_after(0);
  clk(5);
  push16(return_ip);
}

void Cpu808x::divide_error() {
  // The 808x pushes the address of the instruction after the DIV (Intel manual: type 0); the
  // 286 that of the DIV itself, prefixes included (80286 PRM, interrupt 0).
  interrupt(0, traits().div_fault_returns_next ? ip_ : d_.insn_ip);
}

// CD ib: INT n.
void op_int(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    const std::uint8_t v = c.q_read8();
    c.clk(kInt286.int_n);
    return c.interrupt(v, c.ip(), true);
  }
  c.clk(1);
  const std::uint8_t v = c.q_read8();
  c.clk(2);
  c.suspend_prefetch();
  c.clk(5);
  c.wait_quiet(5);
  c.interrupt(v, c.ip(), true);
}

// CC: INT 3.
void op_int3(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    c.clk(kInt286.int3);
    return c.interrupt(3, c.ip(), true);
  }
  c.clk(9);
  c.interrupt(3, c.ip(), true);
}

// CE: INTO (INT 4 if OF).
void op_into(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    if (!c.get_flag(flag::OF)) return c.clk(kInt286.into_not_taken);
    c.clk(kInt286.into);
    return c.interrupt(4, c.ip(), true);
  }
  c.clk(2);
  if (!c.get_flag(flag::OF)) {
    c.clk(1);
    return;
  }
  c.suspend_prefetch();
  c.clk(8);
  c.interrupt(4, c.ip(), true);
}

// CF: IRET.
void op_iret(Cpu808x& c) {
  if (c.traits().pipelined_bus) {
    c.clk(kInt286.iret);
    if (c.msw_ & 1) return pm_iret(c);  // PRM appendix B, IRET (protected mode)
    // Captures: FLAGS (SP+4) is read first, then IP and CS.
    const std::uint16_t sp = c.r16(kSP);
    const std::uint16_t f = c.mem_read16(kSS, std::uint16_t(sp + 4));
    const std::uint16_t ip = c.mem_read16(kSS, sp);
    const std::uint16_t cs = c.mem_read16(kSS, std::uint16_t(sp + 2));
    c.r16(kSP) = std::uint16_t(sp + 6);
    c.sreg(kCS) = cs;
    c.ip_set(ip);
    c.set_flags(f);
    c.flush_after(kInt286.iret_flush);
    return;
  }
  c.clk(2);
  c.suspend_prefetch();
  c.clk(2);
  if (c.msw_ & 1) return pm_iret(c);  // PRM appendix B, IRET (protected mode)
  const std::uint16_t ip = c.pop16();
  c.clk(5);
  const std::uint16_t cs = c.pop16();
  c.clk(1);
  c.sreg(kCS) = cs;
  c.ip_set(ip);
  c.flush_after(0);
  c.clk(3);
  const std::uint16_t f = c.pop16();
  c.set_flags(f);
}

}  // namespace quartz
