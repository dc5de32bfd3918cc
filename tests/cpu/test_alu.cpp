// ALU results and flags (8086 Family User's Manual, "Flags" and the instruction set
// reference): every case runs real machine code on a bare Bus + 8086.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {
const std::uint16_t kArith = CF | PF | AF | ZF | SF | OF;
}

TEST_CASE("ADD AL,1 from 7Fh overflows into the sign bit", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x007F;
  r.start({0x04, 0x01, 0xF4}, s);  // add al,1 ; hlt
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0x0080);
  // 7F+1 = 80: signed overflow, sign set, carry out of bit 3, one bit set (odd parity).
  CHECK((o.flags & kArith) == (OF | SF | AF));
}

TEST_CASE("SUB AL,1 from 0 borrows", "[cpu]") {
  CpuRig r;
  r.start({0x2C, 0x01, 0xF4});  // sub al,1
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK((o.ax & 0xFF) == 0xFF);
  // FFh: borrow out of bit 7 and bit 3, sign set, eight bits set (even parity), no overflow.
  CHECK((o.flags & kArith) == (CF | AF | SF | PF));
}

TEST_CASE("CMP AX,AX sets ZF and PF, clears the rest", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x1234;
  s.flags = CF | OF | SF;
  r.start({0x39, 0xC0, 0xF4}, s);  // cmp ax,ax
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0x1234);
  CHECK((o.flags & kArith) == (ZF | PF));
}

TEST_CASE("INC and DEC leave CF alone", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.bx = 0xFFFF;
  s.flags = CF;
  r.start({0x43, 0x4B, 0x4B, 0xF4}, s);  // inc bx ; dec bx ; dec bx
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.bx == 0xFFFE);
  CHECK((o.flags & CF) == CF);
  CHECK((o.flags & SF) == SF);
}

TEST_CASE("ADC and SBB use the carry", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0xFFFF;
  s.dx = 0x0001;
  // add ax,1 (CF=1, AX=0) ; adc dx,0 (DX=2) ; sbb dx,1 with CF=0 (DX=1)
  r.start({0x05, 0x01, 0x00, 0x83, 0xD2, 0x00, 0x83, 0xDA, 0x01, 0xF4}, s);
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0);
  CHECK(o.dx == 1);
}

TEST_CASE("logical ops clear CF and OF", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x00F0;
  s.flags = CF | OF;
  r.start({0x24, 0x0F, 0xF4}, s);  // and al,0Fh
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK((o.ax & 0xFF) == 0);
  CHECK((o.flags & (CF | OF | ZF | PF)) == (ZF | PF));
}

TEST_CASE("FLAGS bits 12-15 read as 1 on the 8086", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.sp = 0x100;
  r.start({0x31, 0xC0, 0x50, 0x9D, 0x9C, 0x58, 0xF4}, s);  // xor ax,ax ; push ax ; popf ; pushf ; pop ax
  r.run_to_halt();
  CHECK(r.cpu->state().ax == 0xF002);
}

TEST_CASE("jumps and calls decode their operands from an empty queue", "[cpu]") {
  // Every instruction below starts right after a queue flush, so its operand bytes arrive
  // while the jump microcode has already suspended prefetching.
  CpuRig r;
  CpuState s;
  s.sp = 0x100;
  // jmp near +0 ; jmp far 1000:0008 ; call near +1 ; (hlt) ; inc ax ; hlt
  r.start({0xE9, 0x00, 0x00, 0xEA, 0x08, 0x00, 0x00, 0x10, 0xE8, 0x01, 0x00, 0xF4, 0x40, 0xF4},
          s);
  r.run_to_halt(100);
  CpuState o = r.cpu->state();
  CHECK(o.ax == 1);
  CHECK(o.ip == 14);
  CHECK(r.stack(0) == 11);
}
