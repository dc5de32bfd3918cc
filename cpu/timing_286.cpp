// 80286 EU clock counts for the handlers the generic Timing286 shape fits (cpu808x.hpp).
//
// Totals are those of the iAPX 286 Programmer's Reference Manual, appendix B "Instruction
// set summary" (clock counts assume the instruction is prefetched and decoded, no wait
// states, and include the effective-address computation; base+index+displacement adds one
// clock, which modrm.cpp spends). The split of a total around the bus cycles was read from
// the SingleStepTests 80286 captures: a read occupies two clocks (Ts, Tc) before the EU has
// its data; a write is posted, so the EU goes on one clock after its Ts.
//   reg  : whole instruction without a memory operand
//   pre  : start -> first bus request
//   gap  : end of the previous bus cycle (read data / posted write) -> next request
//   post : end of the last bus cycle -> end of the instruction
#include "cpu/timing_286.hpp"

#include <array>

namespace quartz {

namespace {

constexpr Timing286 T(std::uint8_t reg, std::uint8_t pre, std::uint8_t gap, std::uint8_t post) {
  return {reg, pre, gap, post, true};
}

constexpr TimingRow286 kRows[] = {
    // ALU r/m,reg / reg,r/m / acc,imm (PRM: 2 / mem,reg 7 / reg,mem 7 / 3; CMP 2/6/7):
    // read (2) + 2 + posted write (1) + 2 = 7; read (2) + 5 = 7.
    {0x00, kAllRows, T(2, 0, 2, 2)}, {0x01, kAllRows, T(2, 0, 2, 2)},
    {0x02, kAllRows, T(2, 0, 0, 5)}, {0x03, kAllRows, T(2, 0, 0, 5)},
    {0x04, kAllRows, T(3, 0, 0, 0)}, {0x05, kAllRows, T(3, 0, 0, 0)},
    {0x08, kAllRows, T(2, 0, 2, 2)}, {0x09, kAllRows, T(2, 0, 2, 2)},
    {0x0A, kAllRows, T(2, 0, 0, 5)}, {0x0B, kAllRows, T(2, 0, 0, 5)},
    {0x0C, kAllRows, T(3, 0, 0, 0)}, {0x0D, kAllRows, T(3, 0, 0, 0)},
    {0x10, kAllRows, T(2, 0, 2, 2)}, {0x11, kAllRows, T(2, 0, 2, 2)},
    {0x12, kAllRows, T(2, 0, 0, 5)}, {0x13, kAllRows, T(2, 0, 0, 5)},
    {0x14, kAllRows, T(3, 0, 0, 0)}, {0x15, kAllRows, T(3, 0, 0, 0)},
    {0x18, kAllRows, T(2, 0, 2, 2)}, {0x19, kAllRows, T(2, 0, 2, 2)},
    {0x1A, kAllRows, T(2, 0, 0, 5)}, {0x1B, kAllRows, T(2, 0, 0, 5)},
    {0x1C, kAllRows, T(3, 0, 0, 0)}, {0x1D, kAllRows, T(3, 0, 0, 0)},
    {0x20, kAllRows, T(2, 0, 2, 2)}, {0x21, kAllRows, T(2, 0, 2, 2)},
    {0x22, kAllRows, T(2, 0, 0, 5)}, {0x23, kAllRows, T(2, 0, 0, 5)},
    {0x24, kAllRows, T(3, 0, 0, 0)}, {0x25, kAllRows, T(3, 0, 0, 0)},
    {0x28, kAllRows, T(2, 0, 2, 2)}, {0x29, kAllRows, T(2, 0, 2, 2)},
    {0x2A, kAllRows, T(2, 0, 0, 5)}, {0x2B, kAllRows, T(2, 0, 0, 5)},
    {0x2C, kAllRows, T(3, 0, 0, 0)}, {0x2D, kAllRows, T(3, 0, 0, 0)},
    {0x30, kAllRows, T(2, 0, 2, 2)}, {0x31, kAllRows, T(2, 0, 2, 2)},
    {0x32, kAllRows, T(2, 0, 0, 5)}, {0x33, kAllRows, T(2, 0, 0, 5)},
    {0x34, kAllRows, T(3, 0, 0, 0)}, {0x35, kAllRows, T(3, 0, 0, 0)},
    {0x38, kAllRows, T(2, 0, 0, 4)}, {0x39, kAllRows, T(2, 0, 0, 4)},
    {0x3A, kAllRows, T(2, 0, 0, 5)}, {0x3B, kAllRows, T(2, 0, 0, 5)},
    {0x3C, kAllRows, T(3, 0, 0, 0)}, {0x3D, kAllRows, T(3, 0, 0, 0)},
    // INC/DEC reg 2, XCHG AX,reg 3, NOP 3.
    {0x40, kAllRows, T(2, 0, 0, 0)}, {0x41, kAllRows, T(2, 0, 0, 0)},
    {0x42, kAllRows, T(2, 0, 0, 0)}, {0x43, kAllRows, T(2, 0, 0, 0)},
    {0x44, kAllRows, T(2, 0, 0, 0)}, {0x45, kAllRows, T(2, 0, 0, 0)},
    {0x46, kAllRows, T(2, 0, 0, 0)}, {0x47, kAllRows, T(2, 0, 0, 0)},
    {0x48, kAllRows, T(2, 0, 0, 0)}, {0x49, kAllRows, T(2, 0, 0, 0)},
    {0x4A, kAllRows, T(2, 0, 0, 0)}, {0x4B, kAllRows, T(2, 0, 0, 0)},
    {0x4C, kAllRows, T(2, 0, 0, 0)}, {0x4D, kAllRows, T(2, 0, 0, 0)},
    {0x4E, kAllRows, T(2, 0, 0, 0)}, {0x4F, kAllRows, T(2, 0, 0, 0)},
    {0x90, kAllRows, T(3, 0, 0, 0)},
    {0x91, kAllRows, T(3, 0, 0, 0)}, {0x92, kAllRows, T(3, 0, 0, 0)},
    {0x93, kAllRows, T(3, 0, 0, 0)}, {0x94, kAllRows, T(3, 0, 0, 0)},
    {0x95, kAllRows, T(3, 0, 0, 0)}, {0x96, kAllRows, T(3, 0, 0, 0)},
    {0x97, kAllRows, T(3, 0, 0, 0)},
    // CBW CWD 2, SAHF LAHF 2, WAIT 3, CMC and the flag instructions 2 (CLI 3).
    {0x98, kAllRows, T(2, 0, 0, 0)}, {0x99, kAllRows, T(2, 0, 0, 0)},
    {0x9E, kAllRows, T(2, 0, 0, 0)}, {0x9F, kAllRows, T(2, 0, 0, 0)},
    {0xF5, kAllRows, T(2, 0, 0, 0)}, {0xF8, kAllRows, T(2, 0, 0, 0)},
    {0xF9, kAllRows, T(2, 0, 0, 0)}, {0xFA, kAllRows, T(3, 0, 0, 0)},
    {0xFB, kAllRows, T(2, 0, 0, 0)}, {0xFC, kAllRows, T(2, 0, 0, 0)},
    {0xFD, kAllRows, T(2, 0, 0, 0)},
    // DAA DAS AAA AAS 3.
    {0x27, kAllRows, T(3, 0, 0, 0)}, {0x2F, kAllRows, T(3, 0, 0, 0)},
    {0x37, kAllRows, T(3, 0, 0, 0)}, {0x3F, kAllRows, T(3, 0, 0, 0)},
    // MOV reg,imm 2; TEST acc,imm 3.
    {0xB0, kAllRows, T(2, 0, 0, 0)}, {0xB1, kAllRows, T(2, 0, 0, 0)},
    {0xB2, kAllRows, T(2, 0, 0, 0)}, {0xB3, kAllRows, T(2, 0, 0, 0)},
    {0xB4, kAllRows, T(2, 0, 0, 0)}, {0xB5, kAllRows, T(2, 0, 0, 0)},
    {0xB6, kAllRows, T(2, 0, 0, 0)}, {0xB7, kAllRows, T(2, 0, 0, 0)},
    {0xB8, kAllRows, T(2, 0, 0, 0)}, {0xB9, kAllRows, T(2, 0, 0, 0)},
    {0xBA, kAllRows, T(2, 0, 0, 0)}, {0xBB, kAllRows, T(2, 0, 0, 0)},
    {0xBC, kAllRows, T(2, 0, 0, 0)}, {0xBD, kAllRows, T(2, 0, 0, 0)},
    {0xBE, kAllRows, T(2, 0, 0, 0)}, {0xBF, kAllRows, T(2, 0, 0, 0)},
    {0xA8, kAllRows, T(3, 0, 0, 0)}, {0xA9, kAllRows, T(3, 0, 0, 0)},
    // TEST r/m,reg 2/6; XCHG r/m 3/5; MOV r/m,reg 2/3; MOV reg,r/m 2/5; MOV r/m,sreg 2/3;
    // LEA 3; MOV sreg,r/m 2/5 (real mode).
    {0x84, kAllRows, T(2, 0, 0, 4)}, {0x85, kAllRows, T(2, 0, 0, 4)},
    {0x86, kAllRows, T(3, 0, 0, 2)}, {0x87, kAllRows, T(3, 0, 0, 2)},
    {0x88, kAllRows, T(2, 0, 0, 2)}, {0x89, kAllRows, T(2, 0, 0, 2)},
    {0x8A, kAllRows, T(2, 0, 0, 3)}, {0x8B, kAllRows, T(2, 0, 0, 3)},
    {0x8C, kAllRows, T(2, 0, 0, 2)}, {0x8D, kAllRows, T(3, 0, 0, 0)},
    // MOV AL/AX,moffs 5; MOV moffs,AL/AX 3.
    {0xA0, kAllRows, T(0, 0, 0, 3)}, {0xA1, kAllRows, T(0, 0, 0, 3)},
    {0xA2, kAllRows, T(0, 0, 0, 2)}, {0xA3, kAllRows, T(0, 0, 0, 2)},
    // PUSH reg/sreg/imm/FLAGS 3 (posted write + 2); POP reg/sreg/FLAGS 5 (read + 3).
    {0x50, kAllRows, T(0, 0, 0, 2)}, {0x51, kAllRows, T(0, 0, 0, 2)},
    {0x52, kAllRows, T(0, 0, 0, 2)}, {0x53, kAllRows, T(0, 0, 0, 2)},
    {0x54, kAllRows, T(0, 0, 0, 2)}, {0x55, kAllRows, T(0, 0, 0, 2)},
    {0x56, kAllRows, T(0, 0, 0, 2)}, {0x57, kAllRows, T(0, 0, 0, 2)},
    {0x58, kAllRows, T(0, 0, 0, 3)}, {0x59, kAllRows, T(0, 0, 0, 3)},
    {0x5A, kAllRows, T(0, 0, 0, 3)}, {0x5B, kAllRows, T(0, 0, 0, 3)},
    {0x5C, kAllRows, T(0, 0, 0, 3)}, {0x5D, kAllRows, T(0, 0, 0, 3)},
    {0x5E, kAllRows, T(0, 0, 0, 3)}, {0x5F, kAllRows, T(0, 0, 0, 3)},
    {0x06, kAllRows, T(0, 0, 0, 2)}, {0x0E, kAllRows, T(0, 0, 0, 2)},
    {0x16, kAllRows, T(0, 0, 0, 2)}, {0x1E, kAllRows, T(0, 0, 0, 2)},
    {0x07, kAllRows, T(0, 0, 0, 3)}, {0x17, kAllRows, T(0, 0, 0, 3)},
    {0x1F, kAllRows, T(0, 0, 0, 3)},
    {0x68, kAllRows, T(0, 0, 0, 2)}, {0x6A, kAllRows, T(0, 0, 0, 2)},
    {0x9C, kAllRows, T(0, 0, 0, 2)},
    // XLAT 5.
    {0xD7, kAllRows, T(0, 0, 0, 3)},
    // Group 1: reg,imm 3; mem,imm 7; CMP mem,imm 6.
    {0x80, kAllRows, T(3, 0, 2, 2)}, {0x81, kAllRows, T(3, 0, 2, 2)},
    {0x82, kAllRows, T(3, 0, 2, 2)}, {0x83, kAllRows, T(3, 0, 2, 2)},
    {0x80, 7, T(3, 0, 0, 4)}, {0x81, 7, T(3, 0, 0, 4)},
    {0x82, 7, T(3, 0, 0, 4)}, {0x83, 7, T(3, 0, 0, 4)},
    // MOV r/m,imm 2/3.
    {0xC6, 0, T(2, 0, 0, 2)}, {0xC7, 0, T(2, 0, 0, 2)},
    // F6/F7: TEST r/m,imm 3/6; NOT, NEG 2/7. FE/FF: INC, DEC 2/7.
    {0xF6, 0, T(3, 0, 0, 4)}, {0xF6, 1, T(3, 0, 0, 4)}, {0xF7, 0, T(3, 0, 0, 4)},
    {0xF7, 1, T(3, 0, 0, 4)}, {0xF6, 2, T(2, 0, 2, 2)}, {0xF6, 3, T(2, 0, 2, 2)},
    {0xF7, 2, T(2, 0, 2, 2)}, {0xF7, 3, T(2, 0, 2, 2)},
    {0xFE, 0, T(2, 0, 2, 2)}, {0xFE, 1, T(2, 0, 2, 2)},
    {0xFF, 0, T(2, 0, 2, 2)}, {0xFF, 1, T(2, 0, 2, 2)},
    // MUL/IMUL r/m8 13/16, r/m16 21/24; IMUL r16,r/m16,imm 21/24. Unlike the 8086's, the
    // 286 multiplier takes the same time for any operands (captures). Memory forms as
    // captured: read (2) + 15 / + 23, a clock more than the PRM's 16/24 for F6/F7; IMUL
    // imm read (2) + 22 = 24.
    {0xF6, 4, T(13, 0, 0, 15)}, {0xF6, 5, T(13, 0, 0, 15)},
    {0xF7, 4, T(21, 0, 0, 23)}, {0xF7, 5, T(21, 0, 0, 23)},
    {0x69, kAllRows, T(21, 0, 0, 22)}, {0x6B, kAllRows, T(21, 0, 0, 22)},
    // AAD 14.
    {0xD5, kAllRows, T(14, 0, 0, 0)},
    // Data transfer and 186/286 additions (captures; PRM totals in brackets):
    // POPF [5]: read (2) + 4; LEAVE [5], LES/LDS [7]: reads (2 each) + 3; PUSHA [17]: eight
    // posted writes one clock apart + 2; POPA [19]: eight reads back to back + 3; PUSH r/m
    // [5]: (read (2) + 2 +) posted write (1) + 2; MOV sreg,r/m [2/5]: register 2, read (2) + 3.
    {0x9D, kAllRows, T(0, 0, 0, 4)},
    {0xC9, kAllRows, T(0, 0, 0, 3)},
    {0xC4, kAllRows, T(0, 0, 0, 3)}, {0xC5, kAllRows, T(0, 0, 0, 3)},
    {0x60, kAllRows, T(0, 0, 1, 2)}, {0x61, kAllRows, T(0, 0, 0, 3)},
    {0xFF, 6, T(0, 0, 2, 2)}, {0xFF, 7, T(0, 0, 2, 2)},
    {0x8E, kAllRows, T(2, 0, 0, 3)},
    // WAIT [3]: every capture shows 7 clocks from the start to the next instruction.
    {0x9B, kAllRows, T(7, 0, 0, 0)},
    // Timed by their handlers, not here: POP r/m and SALC (D6), whose clocks depend on the
    // form or on CF (data_transfer.cpp), BOUND (ops186.cpp: in bounds or interrupt 5), the
    // string instructions and IN/OUT (own per-model rows). POP r/m's row only says that its
    // stack read goes out while the address unit adds base+index+displacement (captures:
    // no extra clock before the read).
    {0x8F, 0, Timing286{.ea_overlaps = true}},
    // HLT: the halt cycle goes out as the instruction starts (PRM: 2).
    {0xF4, kAllRows, T(0, 0, 0, 0)},
};

}  // namespace

std::span<const TimingRow286> timing_rows_286() { return kRows; }

std::uint8_t fault_entry_clocks_286(std::uint8_t vector, bool at_decode, std::uint8_t op,
                                    bool rep) {
  // INS/OUTS (6C-6F), MOVS/CMPS (A4-A7), STOS/LODS/SCAS (AA-AF).
  const bool string_op = (op >= 0x6C && op <= 0x6F) || (op >= 0xA4 && op <= 0xA7) ||
                         (op >= 0xAA && op <= 0xAF);
  const bool rep_string = rep && string_op;
  // SingleStepTests 80286 captures: interrupt 6 (undefined opcode or form) pushes 4 clocks
  // after the instruction would have started; interrupt 13 for a word at offset FFFFh 17
  // clocks after the access would have gone out (20 inside a REP string instruction), and
  // for an instruction over 10 bytes 6 clocks after it would have started. Faults whose
  // handlers place the interrupt themselves (BOUND's 5, divide errors) add nothing here.
  if (at_decode) return 6;
  switch (vector) {
    case 6: return 4;
    case 13: return rep_string ? 20 : 17;
    default: return 0;
  }
}

}  // namespace quartz
