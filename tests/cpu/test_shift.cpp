// Shifts and rotates: the 808x does not mask CL (80186+ use CL mod 32), CL = 0 changes
// nothing, and group-2 /6 is the undocumented SETMO.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

TEST_CASE("SHL AX,CL with CL=32 clears AX on the 8086 (no count masking)", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x8001;
  s.cx = 32;
  r.start({0xD3, 0xE0, 0xF4}, s);
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0);
  CHECK((o.flags & (ZF | CF)) == ZF);  // the last bit shifted out was 0
}

TEST_CASE("ROL AL,CL with CL=9 equals ROL by 1", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x0081;
  s.cx = 9;
  r.start({0xD2, 0xC0, 0xF4}, s);
  r.run_to_halt();
  CHECK((r.cpu->state().ax & 0xFF) == 0x03);
}

TEST_CASE("a shift count of 0 leaves operand and flags alone", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x1234;
  s.cx = 0;
  s.flags = CF | OF | ZF;
  r.start({0xD3, 0xE8, 0xF4}, s);  // shr ax,cl
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0x1234);
  CHECK((o.flags & (CF | OF | ZF)) == (CF | OF | ZF));
}

TEST_CASE("SHR by 1 puts the old sign bit in OF, SAR keeps the sign", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x8000;
  s.bx = 0x8000;
  r.start({0xD1, 0xE8, 0xD1, 0xFB, 0xF4}, s);  // shr ax,1 ; sar bx,1
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0x4000);
  CHECK(o.bx == 0xC000);
  CHECK((o.flags & OF) == 0);  // SAR by 1 clears OF
}

TEST_CASE("D0 /6 (SETMO) sets the operand to all ones", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x1200;
  r.start({0xD0, 0xF0, 0xF4}, s);
  r.run_to_halt();
  CHECK(r.cpu->state().ax == 0x12FF);
}
