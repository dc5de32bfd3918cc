// Segment register loads and offset checks: 80286 PRM chapter 7 (7.3 type and limit
// checking, 7.4 privilege) and appendix B (MOV/POP to DS, ES, SS).
#include <catch2/catch.hpp>

#include "cpu/pm286/protection.hpp"
#include "pm_rig.hpp"

using namespace quartz;
using namespace quartz::pm286;
using namespace quartz::pm286::test;

TEST_CASE("DS load with DPL < CPL is #GP(selector)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  const auto f = load_segment(r.ctx, kDS, kSelData0 | 3);
  REQUIRE(f);
  CHECK(*f == gp(kSelData0));
  CHECK(r.s.ds == 0);  // unchanged
}

TEST_CASE("DS load with RPL > DPL is #GP(selector)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x1000);
  const auto f = load_segment(r.ctx, kDS, kSelData1 | 2);  // DPL1, RPL2
  REQUIRE(f);
  CHECK(*f == gp(kSelData1));
  CHECK_FALSE(load_segment(r.ctx, kDS, kSelData1 | 1));
}

TEST_CASE("DS load success fills the cache and sets the accessed bit", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  REQUIRE(r.mem.ram[kGdtBase + 4 * 8 + 5] == kData3);
  CHECK_FALSE(load_segment(r.ctx, kDS, kSelData3 | 3));
  CHECK(r.s.ds == (kSelData3 | 3));
  CHECK(r.s.seg_cache[kDS].base == 0x40000);
  CHECK(r.s.seg_cache[kDS].limit == 0xFFFF);
  CHECK(r.s.seg_cache[kDS].valid);
  CHECK(r.mem.ram[kGdtBase + 4 * 8 + 5] == (kData3 | 1));  // accessed bit written back
}

TEST_CASE("readable code loads into ES, execute-only code and system do not", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  CHECK_FALSE(load_segment(r.ctx, kES, kSelCode3 | 3));
  CHECK(*load_segment(r.ctx, kES, kSelExecOnly3 | 3) == gp(kSelExecOnly3));
  r.enter(0, 1, 2, 0x1000);
  CHECK(*load_segment(r.ctx, kES, kSelTss0) == gp(kSelTss0));
  // Conforming readable code DPL0 is loadable at CPL3: no privilege check (PRM 7.4).
  r.enter(3, 3, 4, 0x1000);
  CHECK_FALSE(load_segment(r.ctx, kES, kSelConf0 | 3));
}

TEST_CASE("not-present data segment is #NP(selector), SS is #SS(selector)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  CHECK(*load_segment(r.ctx, kDS, kSelAbsent3 | 3) == np(kSelAbsent3));
  CHECK(*load_segment(r.ctx, kSS, kSelAbsent3 | 3) == ss_fault(kSelAbsent3));
}

TEST_CASE("null selector rules for DS/ES versus SS", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  CHECK_FALSE(load_segment(r.ctx, kDS, 0x0003));
  CHECK(r.s.ds == 0x0003);
  CHECK_FALSE(r.s.seg_cache[kDS].valid);
  // Using the null segment faults with #GP(0) (PRM 6.3.2).
  CHECK(*check_access(r.s, kDS, 0, 1, Access::kRead) == gp(0));
  CHECK(*load_segment(r.ctx, kSS, 0x0000) == gp(0));
}

TEST_CASE("SS load checks RPL, DPL and writability", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  CHECK(*load_segment(r.ctx, kSS, kSelData3 | 2) == gp(kSelData3));  // RPL != CPL
  CHECK(*load_segment(r.ctx, kSS, kSelRoData3 | 3) == gp(kSelRoData3));  // read-only
  CHECK(*load_segment(r.ctx, kSS, kSelCode3 | 3) == gp(kSelCode3));
  r.enter(0, 1, 2, 0x1000);
  CHECK(*load_segment(r.ctx, kSS, kSelData3) == gp(kSelData3));  // DPL 3 != CPL 0
  CHECK_FALSE(load_segment(r.ctx, kSS, kSelData0));
}

TEST_CASE("selector beyond the table limit or into a null LDT", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.s.gdtr.limit = 0x47;  // entries 0..8
  r.enter(0, 1, 2, 0x1000);
  CHECK(*load_segment(r.ctx, kDS, 0x0048) == gp(0x0048));
  CHECK(*load_segment(r.ctx, kDS, 0x000C) == gp(0x000C));  // TI=1 with no LDT
  // With an LDT loaded, its entries work and its limit applies.
  r.s.ldtr = kSelLdt;
  r.s.ldtr_cache = SegmentCache{kLdtBase, 0x0F, 0x82, true};
  r.set_ldt(1, Descriptor::segment(0x70000, 0x00FF, kData0));
  CHECK_FALSE(load_segment(r.ctx, kDS, 0x000C));
  CHECK(r.s.seg_cache[kDS].base == 0x70000);
  CHECK(*load_segment(r.ctx, kES, 0x0014) == gp(0x0014));  // LDT index 2 > limit 0Fh
}

TEST_CASE("offset limit checks, expand-up and expand-down", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  REQUIRE_FALSE(load_segment(r.ctx, kDS, kSelRoData3 | 3));  // limit 00FFh
  CHECK_FALSE(check_access(r.s, kDS, 0x00FF, 1, Access::kRead));
  CHECK(*check_access(r.s, kDS, 0x00FF, 2, Access::kRead) == gp(0));  // word crosses limit
  CHECK(*check_access(r.s, kDS, 0x0010, 1, Access::kWrite) == gp(0));  // read-only
  REQUIRE_FALSE(load_segment(r.ctx, kES, kSelDown3 | 3));  // expand-down, limit 0FFFh
  CHECK(*check_access(r.s, kES, 0x0FFF, 1, Access::kRead) == gp(0));
  CHECK_FALSE(check_access(r.s, kES, 0x1000, 2, Access::kWrite));
  CHECK_FALSE(check_access(r.s, kES, 0xFFFE, 2, Access::kWrite));
  CHECK(*check_access(r.s, kES, 0xFFFF, 2, Access::kWrite) == gp(0));
  REQUIRE_FALSE(load_segment(r.ctx, kES, kSelCode3 | 3));
  CHECK(*check_access(r.s, kES, 0, 1, Access::kWrite) == gp(0));  // write to code
  CHECK_FALSE(check_access(r.s, kES, 0, 1, Access::kRead));
}

TEST_CASE("stack references fault with #SS(0)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.set_gdt(4, Descriptor::segment(0x40000, 0x00FF, kData3));
  r.enter(3, 3, 4, 0x0100);
  CHECK(*check_access(r.s, kSS, 0x0100, 2, Access::kRead) == ss_fault(0));
  CHECK_FALSE(check_access(r.s, kSS, 0x00FE, 2, Access::kWrite));
}

TEST_CASE("POPF/IRET flag merge by CPL and IOPL", "[pm286]") {
  // CPL 3, IOPL 0: neither IOPL nor IF may change (PRM appendix B, POPF).
  CHECK(merge_popped_flags(0x0002, 0x3202 | kFlagCF, 3) == (0x0002 | kFlagCF));
  // CPL 0: both may change.
  CHECK(merge_popped_flags(0x0002, 0x3202, 0) == 0x3202);
  // CPL 2, IOPL 3: IF may change, IOPL may not.
  CHECK(merge_popped_flags(0x3002, 0x0202, 2) == 0x3202);
}

TEST_CASE("stack room is checked per word with SP wrapping modulo 64K", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x0002);  // limit FFFFh: pushes at 0000h then FFFEh are both valid
  CHECK(stack_has_room(r.s, 4));
  r.set_gdt(2, Descriptor::segment(0x20000, 0x0FFF, kData0));
  r.enter(0, 1, 2, 0x0002);  // limit 0FFFh: FFFEh is outside
  CHECK(stack_has_room(r.s, 2));
  CHECK_FALSE(stack_has_room(r.s, 4));
  r.enter(0, 1, 2, 0x0FFE);
  CHECK(stack_has_data(r.s, 0, 2));
  CHECK_FALSE(stack_has_data(r.s, 0, 4));
}
