// Decimal adjust instructions with the worked examples of the 8086 instruction reference.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

TEST_CASE("DAA after 79h+35h gives 14h with carry", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x0079;
  r.start({0x04, 0x35, 0x27, 0xF4}, s);  // add al,35h ; daa
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK((o.ax & 0xFF) == 0x14);
  CHECK((o.flags & CF) == CF);
}

TEST_CASE("DAS after 35h-47h gives 88h with borrow", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x0035;
  r.start({0x2C, 0x47, 0x2F, 0xF4}, s);  // sub al,47h ; das
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK((o.ax & 0xFF) == 0x88);
  CHECK((o.flags & CF) == CF);
}

TEST_CASE("AAA after 9+8 gives AX=0107h", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x0009;
  r.start({0x04, 0x08, 0x37, 0xF4}, s);  // add al,8 ; aaa
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0x0107);
  CHECK((o.flags & (CF | AF)) == (CF | AF));
}

TEST_CASE("AAS after 2-5 borrows from AH", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x0102;
  r.start({0x2C, 0x05, 0x3F, 0xF4}, s);  // sub al,5 ; aas
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 0x0007);
  CHECK((o.flags & (CF | AF)) == (CF | AF));
}

TEST_CASE("AAM splits 63 into 6 and 3, AAD joins them back", "[cpu]") {
  CpuRig r;
  CpuState s;
  s.ax = 0x003F;
  r.start({0xD4, 0x0A, 0x89, 0xC3, 0xD5, 0x0A, 0xF4}, s);  // aam ; mov bx,ax ; aad
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.bx == 0x0603);
  CHECK(o.ax == 0x003F);
}

TEST_CASE("AAM 0 raises INT 0 with the address of the next instruction", "[cpu]") {
  CpuRig r;
  r.hlt_vector(0);
  CpuState s;
  s.sp = 0x100;
  s.ax = 0x0012;
  r.start({0x90, 0xD4, 0x00, 0xF4}, s);  // nop ; aam 0
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.cs == 0x0050);
  CHECK(o.ip == 1);          // just past the HLT of the handler
  CHECK(r.stack(0) == 3);    // 808x: return address after AAM
  CHECK(r.stack(2) == CpuRig::kCodeSeg);
  CHECK(o.ax == 0x0012);     // AX untouched
}
