// Flag instructions, HLT, WAIT, ESC and NOP-like forms.
#include "cpu/handlers.hpp"

namespace quartz {

// F5 CMC, F8 CLC, F9 STC, FA CLI, FB STI, FC CLD, FD STD (2 clocks each).
void op_flag_op(Cpu808x& c) {
  Insn& d = c.insn();
  // CLI/STI are IOPL-sensitive in protected mode: #GP(0) when CPL > IOPL (PRM 10.3).
  if (d.op == 0xFA || d.op == 0xFB) pm_check_privilege(c, PmPrivilege::kIopl);
  c.clk(d.clocks);
  switch (d.op) {
    case 0xF5: c.set_flag(flag::CF, !c.get_flag(flag::CF)); break;
    case 0xF8: c.set_flag(flag::CF, false); break;
    case 0xF9: c.set_flag(flag::CF, true); break;
    case 0xFA: c.set_flag(flag::IF, false); break;
    case 0xFB:
      c.set_flag(flag::IF, true);
      c.inhibit_irq_ = true;  // STI: interrupts are recognised after the next instruction
      break;
    case 0xFC: c.set_flag(flag::DF, false); break;
    default: c.set_flag(flag::DF, true); break;
  }
}

// F4: HLT. The CPU issues a HALT status cycle and idles until NMI or INTR.
void op_hlt(Cpu808x& c) {
  pm_check_privilege(c, PmPrivilege::kCpl0);  // #GP(0) above CPL 0 (PRM 10.3)
  c.clk(1);
  c.halt_cycle();
  c.halted_ = true;
}

// 9B: WAIT: TEST# is never asserted without a coprocessor, so it completes at once.
void op_wait(Cpu808x& c) {
  check_coprocessor(c, true);
  c.clk(3);
}

// D8-DF: ESC. No coprocessor: the EU computes the EA and, for memory forms, performs the
// read the 8087 would watch (8086 manual, "ESC").
void op_esc(Cpu808x& c) {
  check_coprocessor(c, false);  // 286: #NM with MSW.EM or MSW.TS
  Insn& d = c.insn();
  if (c.rm_is_reg()) return;
  c.mem_read(d.ea_seg, d.ea, true);
  c.clk(3);
}

}  // namespace quartz
