// MUL/IMUL/DIV/IDIV, the divide error (type 0, return address after the instruction on the
// 808x) and the REP-prefix sign quirk of the 808x microcode.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

TEST_CASE("MUL r8 and r16 set CF/OF when the high half is used", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x0010;
  s.bx = 0x0010;
  s.cx = 0x1000;
  // mul bl (AX=0100h, CF=OF=1) ; mov dx,ax ; mov ax,0010h ; mul cx (DX:AX = 00010000h)
  r.start({0xF6, 0xE3, 0x89, 0xC6, 0xB8, 0x10, 0x00, 0xF7, 0xE1, 0xF4}, s);
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.si == 0x0100);
  CHECK(o.dx == 0x0001);
  CHECK(o.ax == 0x0000);
  CHECK((o.flags & (CF | OF)) == (CF | OF));
}

TEST_CASE("IMUL r8 of -2 * 3", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x00FE;
  s.bx = 0x0003;
  r.start({0xF6, 0xEB, 0xF4}, s);  // imul bl
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0xFFFA);
  CHECK((o.flags & (CF | OF)) == 0);  // the product fits in AL sign-extended
}

TEST_CASE("DIV r8 quotient and remainder", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 1000;
  s.bx = 7;
  r.start({0xF6, 0xF3, 0xF4}, s);  // div bl: 1000 / 7 = 142 r 6
  r.run_to_halt();
  CHECK(r.cpu->state().ax == ((6 << 8) | 142));
}

TEST_CASE("DIV overflow is INT 0 returning after the DIV", "[cpu]") {
  CpuRig r;
  r.hlt_vector(0);
  CpuState s;
  s.sp = 0x200;
  s.ax = 0x1000;
  s.bx = 0x0010;  // 1000h / 10h = 100h does not fit in AL
  r.start({0x90, 0xF6, 0xF3, 0xF4}, s);  // nop ; div bl
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.cs == 0x0050);
  CHECK(r.stack(0) == 3);
  CHECK(o.ax == 0x1000);
  CHECK(o.sp == 0x200 - 6);
}

TEST_CASE("DIV by zero is INT 0", "[cpu]") {
  CpuRig r;
  r.hlt_vector(0);
  CpuState s;
  s.sp = 0x200;
  s.ax = 0x1234;
  s.dx = 0x0001;
  r.start({0xF7, 0xF3, 0xF4}, s);  // div bx with BX = 0
  r.run_to_halt();
  CHECK(r.cpu->state().cs == 0x0050);
  CHECK(r.stack(0) == 2);
}

TEST_CASE("IDIV cannot produce -128 on the 8086", "[cpu]") {
  CpuRig r;
  r.hlt_vector(0);
  CpuState s;
  s.sp = 0x200;
  s.ax = std::uint16_t(-256);
  s.bx = 2;  // -256 / 2 = -128: outside the 8086's -127..127 quotient range
  r.start({0xF6, 0xFB, 0xF4}, s);
  r.run_to_halt();
  CHECK(r.cpu->state().cs == 0x0050);
}

TEST_CASE("REP before IDIV negates the quotient (808x microcode)", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 100;
  s.bx = 7;  // 100 / 7 = 14 r 2
  r.start({0xF3, 0xF6, 0xFB, 0xF4}, s);  // rep idiv bl
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK((o.ax & 0xFF) == std::uint8_t(-14));
  CHECK((o.ax >> 8) == 2);
}
