// System instructions: 80286 PRM chapter 10 and appendix B (LGDT/SGDT, LMSW/SMSW, CLTS,
// LLDT, LTR, ARPL, LAR, LSL, VERR, VERW, ESC/WAIT with the MSW bits).
#include <catch2/catch.hpp>

#include "cpu/pm286/system_insns.hpp"
#include "pm_rig.hpp"

using namespace quartz;
using namespace quartz::pm286;
using namespace quartz::pm286::test;

TEST_CASE("LGDT loads 24 bits, SGDT stores FFh in the sixth byte", "[pm286]") {
  Rig r;
  r.s.msw = 0xFFF0;  // real mode: LGDT is allowed at any time
  REQUIRE_FALSE(lgdt(r.ctx, {0x17, 0x00, 0x00, 0x10, 0x02, 0x77}));
  CHECK(r.s.gdtr.limit == 0x0017);
  CHECK(r.s.gdtr.base == 0x021000);  // the sixth byte is ignored
  const std::array<std::uint8_t, 6> expect{0x17, 0x00, 0x00, 0x10, 0x02, 0xFF};
  CHECK(sgdt(r.s) == expect);
  REQUIRE_FALSE(lidt(r.ctx, {0xFF, 0x03, 0x00, 0x00, 0x00, 0x00}));
  CHECK(sidt(r.s)[5] == 0xFF);
  r.s.msw = 0xFFF1;
  r.s.cpl = 3;
  CHECK(*lgdt(r.ctx, {0, 0, 0, 0, 0, 0}) == gp(0));
  CHECK(*lidt(r.ctx, {0, 0, 0, 0, 0, 0}) == gp(0));
}

TEST_CASE("LMSW cannot clear PE, CLTS clears TS, CPL 0 only", "[pm286]") {
  Rig r;
  r.s.msw = 0xFFF0;
  REQUIRE_FALSE(lmsw(r.ctx, 0x000F));
  CHECK(smsw(r.s) == 0xFFFF);
  REQUIRE_FALSE(lmsw(r.ctx, 0x0000));
  CHECK(smsw(r.s) == 0xFFF1);  // PE stays set
  r.s.msw = 0xFFF9;
  REQUIRE_FALSE(clts(r.ctx));
  CHECK(r.s.msw == 0xFFF1);
  r.s.cpl = 1;
  CHECK(*clts(r.ctx) == gp(0));
  CHECK(*lmsw(r.ctx, 0x0001) == gp(0));
}

TEST_CASE("LLDT and LTR", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x1000);
  REQUIRE_FALSE(lldt(r.ctx, kSelLdt));
  CHECK(sldt(r.s) == kSelLdt);
  CHECK(r.s.ldtr_cache.base == kLdtBase);
  CHECK(r.s.ldtr_cache.limit == 0x3F);
  CHECK(*lldt(r.ctx, kSelData0) == gp(kSelData0));
  CHECK(*lldt(r.ctx, kSelLdt | 4) == gp(kSelLdt | 4));  // must be in the GDT; TI kept in the code
  REQUIRE_FALSE(lldt(r.ctx, 0));
  CHECK_FALSE(r.s.ldtr_cache.valid);

  REQUIRE_FALSE(ltr(r.ctx, kSelTss1));
  CHECK(str(r.s) == kSelTss1);
  CHECK(r.gdt(6).access == 0x83);  // marked busy
  CHECK(*ltr(r.ctx, kSelTss1) == gp(kSelTss1));  // busy TSS rejected
  CHECK(*ltr(r.ctx, 0) == gp(0));
  r.s.cpl = 3;
  CHECK(*ltr(r.ctx, kSelTss0) == gp(0));
}

TEST_CASE("ARPL", "[pm286]") {
  CHECK(arpl(0x0010, 0x0003).value == 0x0013);
  CHECK(arpl(0x0010, 0x0003).zf);
  CHECK(arpl(0x0013, 0x0001).value == 0x0013);
  CHECK_FALSE(arpl(0x0013, 0x0001).zf);
  CHECK_FALSE(arpl(0x0012, 0x0002).zf);
}

TEST_CASE("LAR and LSL", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  const auto a = lar(r.ctx, kSelData3 | 3);
  CHECK(a.zf);
  CHECK(a.value == 0xF200);
  CHECK(lsl(r.ctx, kSelRoData3 | 3).zf);
  CHECK(lsl(r.ctx, kSelRoData3 | 3).value == 0x00FF);
  CHECK_FALSE(lar(r.ctx, kSelData0).zf);           // DPL0 invisible at CPL3
  CHECK(lar(r.ctx, kSelConf0 | 3).zf);             // conforming: no privilege check
  CHECK(lar(r.ctx, kSelCallGate | 3).value == 0xE400);  // gates are valid for LAR
  CHECK_FALSE(lsl(r.ctx, kSelCallGate | 3).zf);    // ... but have no limit
  CHECK(lar(r.ctx, kSelAbsent3 | 3).zf);           // presence not required
  CHECK_FALSE(lar(r.ctx, 0).zf);
  CHECK_FALSE(lar(r.ctx, 0xFFF8).zf);              // beyond the GDT limit: ZF=0, no fault
  r.enter(0, 1, 2, 0x1000);
  CHECK(lsl(r.ctx, kSelTss0).value == 0x002B);
  CHECK(lsl(r.ctx, kSelLdt).value == 0x003F);
  CHECK_FALSE(lar(r.ctx, kSelData1 | 2).zf);       // RPL 2 > DPL 1
}

TEST_CASE("VERR and VERW", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  CHECK(verr(r.ctx, kSelData3 | 3));
  CHECK(verw(r.ctx, kSelData3 | 3));
  CHECK(verr(r.ctx, kSelRoData3 | 3));
  CHECK_FALSE(verw(r.ctx, kSelRoData3 | 3));
  CHECK(verr(r.ctx, kSelCode3 | 3));
  CHECK_FALSE(verw(r.ctx, kSelCode3 | 3));
  CHECK_FALSE(verr(r.ctx, kSelExecOnly3 | 3));
  CHECK_FALSE(verr(r.ctx, kSelData0));
  CHECK_FALSE(verr(r.ctx, kSelCallGate | 3));
  CHECK_FALSE(verr(r.ctx, 0));
}

TEST_CASE("ESC and WAIT with EM, MP and TS (PRM table 10-1)", "[pm286]") {
  CpuState s;
  s.msw = 0xFFF1;
  CHECK_FALSE(check_esc(s));
  CHECK_FALSE(check_wait(s));
  s.msw = 0xFFF5;  // EM
  CHECK(check_esc(s)->vector == kNoMathUnit);
  CHECK_FALSE(check_wait(s));
  s.msw = 0xFFF9;  // TS, MP=0
  CHECK(check_esc(s)->vector == kNoMathUnit);
  CHECK_FALSE(check_wait(s));
  s.msw = 0xFFFB;  // TS, MP
  CHECK(check_esc(s)->vector == kNoMathUnit);
  CHECK(check_wait(s)->vector == kNoMathUnit);
  CHECK_FALSE(check_wait(s)->has_error);
}

TEST_CASE("IOPL-sensitive and CPL-0 instructions", "[pm286]") {
  CpuState s;
  s.msw = 0xFFF1;
  s.cpl = 3;
  s.flags = 0x2002;  // IOPL 2
  CHECK(*check_io_privilege(s) == gp(0));
  CHECK(*check_cpl0(s) == gp(0));
  s.cpl = 2;
  CHECK_FALSE(check_io_privilege(s));
  CHECK(*check_cpl0(s) == gp(0));
  s.cpl = 0;
  CHECK_FALSE(check_cpl0(s));
  s.msw = 0xFFF0;  // real mode: no checks
  s.cpl = 3;
  s.flags = 0x0002;
  CHECK_FALSE(check_io_privilege(s));
  CHECK_FALSE(check_cpl0(s));
}
