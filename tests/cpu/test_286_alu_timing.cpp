// 80286 EU clocks of shifts/rotates, multiply/divide and AAM/AAD (iAPX 286 Programmer's
// Reference Manual, appendix B "Instruction set summary": clocks assume the instruction is
// decoded). Each instruction's clocks are measured against a reference instruction of the
// same length and decode pattern whose PRM count is known, so the decoder's share cancels:
//   shift/rotate reg by 1 2, reg by CL/imm8 5+n, mem by 1 7, mem by CL 8+n;
//   MUL/IMUL r8 13, r16 21, IMUL r16,r/m16,imm 21; DIV r8 14, r16 22; IDIV r8 17, r16 25;
//   AAM 16, AAD 14.
// Unlike the 8086's microcode loops, the 286 takes the same time for any operands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusHalt = 4, kStatusMemRead = 5, kStatusMemWrite = 6;

// Every Ts (clock from the first fetch, status) of `code` run at 1000:0000 up to its HLT,
// with DS = 3000h and SS:SP = 2000:0100.
std::vector<TsClock> run(const std::vector<std::uint8_t>& code, CpuState s = {}) {
  s.ds = 0x3000;
  s.ss = 0x2000;
  s.sp = 0x100;
  return ts_clocks(trace_286(code, s));
}

unsigned first(const std::vector<TsClock>& t, std::uint8_t status) { return first_ts(t, status); }

unsigned halt_clock(const std::vector<TsClock>& t) { return first_ts(t, kStatusHalt); }

// Clocks of `code` + HLT: its HLT clock minus that of `ref` + HLT, plus ref's PRM count.
unsigned clocks(std::vector<std::uint8_t> code, std::vector<std::uint8_t> ref,
                unsigned ref_clocks, CpuState s = {}) {
  code.push_back(0xF4);
  ref.push_back(0xF4);
  return halt_clock(run(code, s)) - halt_clock(run(ref, s)) + ref_clocks;
}

// References: MOV DL,BL (8A D3) 2; MOV AL,imm8 (B0 ib) 2; ADD AL,imm8 (80 C0 ib) 3;
// ADD AX,sign-extended imm8 (83 C0 ib) 3.
const std::vector<std::uint8_t> kModrmReg{0x8A, 0xD3}, kImm8{0xB0, 0x0A},
    kModrmImm8{0x80, 0xC0, 0x05}, kModrmSimm8{0x83, 0xC0, 0x05};

CpuState with(std::uint16_t ax, std::uint16_t bx, std::uint16_t cx, std::uint16_t dx = 0) {
  CpuState s{};
  s.ax = ax;
  s.bx = bx;
  s.cx = cx;
  s.dx = dx;
  return s;
}

}  // namespace

TEST_CASE("286 shifts and rotates: PRM clocks", "[cpu][286][timing]") {
  CHECK(clocks({0xD0, 0xE0}, kModrmReg, 2) == 2);  // SHL AL,1
  CHECK(clocks({0xD1, 0xCB}, kModrmReg, 2) == 2);  // ROR BX,1
  for (unsigned n : {0u, 1u, 7u, 31u}) {
    // SHL AL,CL: 5+n.
    CHECK(clocks({0xD2, 0xE0}, kModrmReg, 2, with(0, 0x10, std::uint16_t(n))) == 5 + n);
    // RCR AX,imm8: 5+n.
    CHECK(clocks({0xC1, 0xD8, std::uint8_t(n)}, kModrmImm8, 3) == 5 + n);
  }
  // The count is taken mod 32 first: 33 costs as much as 1.
  CHECK(clocks({0xD2, 0xE0}, kModrmReg, 2, with(0, 0x10, 33)) == 6);
}

TEST_CASE("286 shifts and rotates of memory: read, write-back, PRM totals",
          "[cpu][286][timing]") {
  // SHL BYTE [BX],1 (PRM 7): read at the EU start (clock 9, as ADD [BX],AL), posted write
  // 4 clocks later, end 3 after that.
  const auto one = run({0xD0, 0x27, 0xF4}, with(0, 0x10, 0));
  CHECK(first(one, kStatusMemRead) == 9);
  CHECK(first(one, kStatusMemWrite) == 13);
  CHECK(halt_clock(one) == 9 + 7);
  // SHL BYTE [BX],CL (PRM 8+n).
  for (unsigned n : {1u, 5u}) {
    const auto t = run({0xD2, 0x27, 0xF4}, with(0, 0x10, std::uint16_t(n)));
    CHECK(first(t, kStatusMemRead) == 9);
    CHECK(halt_clock(t) == 9 + 8 + n);
  }
  // A count of 0 leaves the operand alone: no write-back (captures).
  const auto none = run({0xD2, 0x27, 0xF4}, with(0, 0x10, 0x20));
  CHECK(first(none, kStatusMemWrite) == ~0u);
}

TEST_CASE("286 multiply: PRM clocks, whatever the operands", "[cpu][286][timing]") {
  for (std::uint16_t v : {0x0000, 0x00FF, 0x8001, 0xFFFF}) {
    const CpuState s = with(v, v, 0);
    CHECK(clocks({0xF6, 0xE3}, kModrmReg, 2, s) == 13);  // MUL BL
    CHECK(clocks({0xF6, 0xEB}, kModrmReg, 2, s) == 13);  // IMUL BL
    CHECK(clocks({0xF7, 0xE3}, kModrmReg, 2, s) == 21);  // MUL BX
    CHECK(clocks({0xF7, 0xEB}, kModrmReg, 2, s) == 21);  // IMUL BX
    CHECK(clocks({0x6B, 0xC3, 0x85}, kModrmSimm8, 3, s) == 21);  // IMUL AX,BX,imm8
  }
}

TEST_CASE("286 divide and AAM/AAD: PRM clocks, whatever the operands",
          "[cpu][286][timing]") {
  // AX / BL (no overflow): 1000 / 7 and 255 / 255; signed -500 / 7 and 500 / 7.
  for (std::uint16_t ax : {1000, 255}) {
    const CpuState s = with(ax, ax == 255 ? 255 : 7, 0);
    CHECK(clocks({0xF6, 0xF3}, kModrmReg, 2, s) == 14);  // DIV BL
  }
  CHECK(clocks({0xF6, 0xFB}, kModrmReg, 2, with(std::uint16_t(-500), 7, 0)) == 17);  // IDIV BL
  CHECK(clocks({0xF6, 0xFB}, kModrmReg, 2, with(500, 7, 0)) == 17);
  CHECK(clocks({0xF7, 0xF3}, kModrmReg, 2, with(0x1234, 0x100, 0, 0x12)) == 22);  // DIV BX
  CHECK(clocks({0xF7, 0xFB}, kModrmReg, 2, with(0x1234, 0x100, 0, 0x12)) == 25);  // IDIV BX
  CHECK(clocks({0xD4, 0x0A}, kImm8, 2, with(99, 0x10, 0)) == 16);  // AAM
  CHECK(clocks({0xD4, 0x07}, kImm8, 2, with(3, 0x10, 0)) == 16);
  CHECK(clocks({0xD5, 0x0A}, kImm8, 2, with(0x0909, 0x10, 0)) == 14);  // AAD
}

TEST_CASE("286 divide error: found at the same clock whatever the cause",
          "[cpu][286][timing]") {
  // DIV BL by zero and DIV BL overflowing (1000 / 2) start interrupt 0 at the same clock;
  // so do the two IDIV causes.
  // The first bus cycle of the interrupt sequence, whichever it is.
  auto fault_start = [](std::uint8_t modrm, std::uint16_t ax, std::uint16_t bx) {
    const auto t = run({0xF6, modrm, 0xF4}, with(ax, bx, 0));
    return std::min(first(t, kStatusMemWrite), first(t, kStatusMemRead));
  };
  CHECK(fault_start(0xF3, 1000, 0) == fault_start(0xF3, 1000, 2));
  CHECK(fault_start(0xFB, 1000, 0) == fault_start(0xFB, 1000, 2));
}
