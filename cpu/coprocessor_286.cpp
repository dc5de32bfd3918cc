// D8-DF: ESC on the 80286. Unlike the 8087, which watches the 8086's bus and picks the
// instruction out of the prefetch stream, the 80287 is an I/O device: the 80286 hands it each
// ESC instruction through the reserved processor-extension ports 00F8h-00FFh (80286 PRM,
// "Processor Extension Interface"; the IN/OUT pages reserve 00F8h-00FFh). Operand words move
// later, on the coprocessor's request (PEREQ/PEACK#), through the processor extension data
// channel; with no coprocessor nothing asks for them, so the 80286 reads no memory operand.
//
// What the 80286 puts on the bus for one ESC (SingleStepTests 80286 captures, D8 file, taken
// with nothing at the coprocessor ports):
//   1. I/O write, port 00F8h: the opcode word, ESC byte in the low half, ModRM in the high
//      half (the "command" the 80287 decodes);
//   2. I/O write, port 00FCh: the instruction's IP, pointing at its first prefix if any;
//   3. I/O write, port 00FCh: CS;
//   and for a memory operand
//   4. I/O write, port 00FCh: the operand's offset (the effective address);
//   5. I/O write, port 00FCh: the selector of its segment, a segment override applied.
// (2)-(5) are what the 80287 keeps as the instruction and operand pointers for FSTENV/FSAVE.
// Before any of this the 80286 checks the operand's first word against the segment: an
// offset of FFFFh (a word past the end) raises interrupt 13 in real mode and leaves the bus
// quiet (captures: EA FFFBh-FFFEh pass, FFFFh faults), and in protected mode the descriptor
// checks of a data read apply. MSW.EM/TS raise interrupt 7 first (PRM, "ESC").
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

constexpr std::uint16_t kPortCommand = 0x00F8;  // opcode word to the 80287
constexpr std::uint16_t kPortPointer = 0x00FC;  // instruction and operand pointers

// EU clocks around the transfers (captures; positions only, the transfers' order does not
// depend on them): before the command write, for a register and a memory form; the memory
// form's one idle clock between the command and the pointers; after the last write.
constexpr unsigned kSetupReg = 5, kSetupMem = 13, kAfterCommandMem = 2, kTail = 5,
                   kWrapCheck = 11;

}  // namespace

void op_esc_286(Cpu808x& c) {
  check_coprocessor(c, false);  // interrupt 7 with MSW.EM or MSW.TS
  Insn& d = c.insn();
  const bool memory = !c.rm_is_reg();
  if (memory) {
    // The first operand word must lie inside the segment (real mode: offset FFFFh is
    // interrupt 13, as for any word access; protected mode: the data-read checks).
    if (c.msw_ & 1) pm_check_data(c, d.ea_seg, d.ea, 2, false);
    // Captures: that check comes 11 clocks into the instruction (the interrupt's pushes
    // follow 17 clocks later, as for any word access at offset FFFFh).
    if (d.ea == 0xFFFF && c.traits().segment_wrap_faults) {
      c.clk(kWrapCheck);
      c.fault(13);
    }
  }
  c.clk(memory ? kSetupMem : kSetupReg);
  c.io_write(kPortCommand, true, std::uint16_t(d.op | (d.modrm << 8)));
  if (memory) c.clk(kAfterCommandMem);
  c.io_write(kPortPointer, true, d.insn_ip);
  c.io_write(kPortPointer, true, c.sreg(kCS));
  if (memory) {
    c.io_write(kPortPointer, true, d.ea);
    c.io_write(kPortPointer, true, c.sreg(d.ea_seg));
  }
  c.clk(kTail);
}

}  // namespace quartz
