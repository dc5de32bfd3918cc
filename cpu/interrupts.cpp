// Software interrupts (INT n, INT 3, INTO), IRET, the divide-error trap and the common
// interrupt sequence (8086 Family User's Manual, "Interrupts"): read the new IP and CS from
// the vector table at 0:4n, push FLAGS, clear IF and TF, push CS, jump, push IP.
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

void Cpu808x::interrupt(std::uint8_t vector, std::uint16_t return_ip, bool software) {
  if (hooks_) [[unlikely]] hooks_->on_interrupt(vector, software);
  halted_ = false;
  if (msw_ & 1) [[unlikely]] {
    suspend_prefetch();
    return pm_interrupt(*this, vector, return_ip, software);
  }
  suspend_prefetch();
  if (traits_.segment_wrap_faults) [[unlikely]] {
    // 80286 real mode: the IDT limit, and shutdown when the frame would wrap the stack
    // segment with an odd SP (cpu/shutdown.cpp).
    vector = real_mode_vector(vector, return_ip, software);
    pm_.loadall_mask &= std::uint8_t(~(1u << kCS));  // CS is loaded from the vector
    if ((regs_[kSP] & 1) && regs_[kSP] < 6) shutdown_at(software ? d_.insn_ip : return_ip);
  }
  const std::uint16_t vec = std::uint16_t(vector) * 4;
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
  c.clk(9);
  c.interrupt(3, c.ip(), true);
}

// CE: INTO (INT 4 if OF).
void op_into(Cpu808x& c) {
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
