// Far JMP/CALL/RET/IRET in protected mode: 80286 PRM 7.5 (control transfers, call gates,
// privilege changes), 8.3-8.5 (task switching, nesting) and the CALL/JMP/RET/IRET entries of
// appendix B.
#include <catch2/catch.hpp>

#include "cpu/pm286/control_transfer.hpp"
#include "cpu/pm286/protection.hpp"
#include "pm_rig.hpp"

using namespace quartz;
using namespace quartz::pm286;
using namespace quartz::pm286::test;

namespace {

// Ring-0 stack for the current task (TSS0): SS0:SP0 = kSelData0:2000h.
void ring0_stack(Rig& r) {
  r.set_word(kTss0 + tss::kSp0, 0x2000);
  r.set_word(kTss0 + tss::kSs0, kSelData0);
}

void fill_tss1(Rig& r) {
  r.set_word(kTss1 + tss::kIp, 0x0200);
  r.set_word(kTss1 + tss::kFlags, 0x0002);
  r.set_word(kTss1 + tss::kAx, 0x1234);
  r.set_word(kTss1 + tss::kSp, 0x3000);
  r.set_word(kTss1 + tss::kCs, kSelCode0);
  r.set_word(kTss1 + tss::kSs, kSelData0);
  r.set_word(kTss1 + tss::kDs, kSelData0);
  r.set_word(kTss1 + tss::kEs, 0);
  r.set_word(kTss1 + tss::kLdt, kSelLdt);
  r.set_word(kTss1 + tss::kBackLink, 0xBEEF);
}

}  // namespace

TEST_CASE("far CALL to same-level code pushes CS:IP", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x1000);
  r.s.ip = 0x0050;
  REQUIRE_FALSE(far_call(r.ctx, kSelCode0, 0x0400, 0x0055));
  CHECK(r.s.cs == kSelCode0);
  CHECK(r.s.ip == 0x0400);
  CHECK(r.s.sp == 0x0FFC);
  CHECK(r.stack_word(0) == 0x0055);
  CHECK(r.stack_word(2) == kSelCode0);
}

TEST_CASE("JMP to non-conforming code of another DPL is #GP(selector)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  const CpuState before = r.s;
  CHECK(*far_jump(r.ctx, kSelCode0, 0, 0) == gp(kSelCode0));
  CHECK(*far_jump(r.ctx, kSelData3 | 3, 0, 0) == gp(kSelData3));
  CHECK(*far_jump(r.ctx, 0, 0, 0) == gp(0));
  CHECK(r.s.cs == before.cs);
  CHECK(r.s.sp == before.sp);
}

TEST_CASE("JMP to conforming code keeps CPL", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x1000);
  REQUIRE_FALSE(far_jump(r.ctx, kSelConf0, 0x0010, 0));
  CHECK(r.s.cpl == 3);
  CHECK(r.s.cs == (kSelConf0 | 3));  // RPL of CS set to CPL (PRM 7.5.1)
  CHECK(r.s.ip == 0x0010);
  CHECK(r.s.seg_cache[kCS].base == 0x62000);
}

TEST_CASE("offset beyond the code limit is #GP(0)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.set_gdt(1, Descriptor::segment(0x10000, 0x0FFF, kCode0));
  r.enter(0, 1, 2, 0x1000);
  CHECK(*far_jump(r.ctx, kSelCode0, 0x1000, 0) == gp(0));
}

TEST_CASE("inter-level CALL through a call gate switches stacks and copies words",
          "[pm286]") {
  Rig r;
  standard_gdt(r);
  ring0_stack(r);
  r.enter(3, 3, 4, 0x0FFC);
  r.set_word(0x40000 + 0x0FFC, 0x1111);  // parameters on the caller's stack
  r.set_word(0x40000 + 0x0FFE, 0x2222);
  REQUIRE_FALSE(far_call(r.ctx, kSelCallGate | 3, 0xDEAD /*ignored*/, 0x0077));
  CHECK(r.s.cpl == 0);
  CHECK(r.s.cs == kSelCode0);
  CHECK(r.s.ip == 0x0100);  // the gate's offset, not the instruction's
  CHECK(r.s.ss == kSelData0);
  CHECK(r.s.seg_cache[kSS].base == 0x20000);
  // PRM figure 7-7: old SS, old SP, parameters (same order), CS, IP.
  CHECK(r.s.sp == 0x2000 - 12);
  CHECK(r.stack_word(0) == 0x0077);
  CHECK(r.stack_word(2) == (kSelCode3 | 3));
  CHECK(r.stack_word(4) == 0x1111);
  CHECK(r.stack_word(6) == 0x2222);
  CHECK(r.stack_word(8) == 0x0FFC);
  CHECK(r.stack_word(10) == (kSelData3 | 3));
}

TEST_CASE("call gate checks", "[pm286]") {
  Rig r;
  standard_gdt(r);
  ring0_stack(r);
  r.enter(3, 3, 4, 0x0FFC);
  // Gate DPL < CPL.
  r.set_gdt(12, Descriptor::gate(SystemType::kCallGate, 0, kSelCode0, 0x0100, 0));
  CHECK(*far_call(r.ctx, kSelCallGate | 3, 0, 0) == gp(kSelCallGate));
  // Gate not present.
  r.set_gdt(12, Descriptor::gate(SystemType::kCallGate, 3, kSelCode0, 0x0100, 0, false));
  CHECK(*far_call(r.ctx, kSelCallGate | 3, 0, 0) == np(kSelCallGate));
  // Target is data.
  r.set_gdt(12, Descriptor::gate(SystemType::kCallGate, 3, kSelData0, 0x0100, 0));
  CHECK(*far_call(r.ctx, kSelCallGate | 3, 0, 0) == gp(kSelData0));
  // JMP through a gate cannot go to a more privileged non-conforming segment.
  r.set_gdt(12, Descriptor::gate(SystemType::kCallGate, 3, kSelCode0, 0x0100, 0));
  CHECK(*far_jump(r.ctx, kSelCallGate | 3, 0, 0) == gp(kSelCode0));
  // Inner stack in the TSS not writable: #TS(SS selector).
  r.set_word(kTss0 + tss::kSs0, kSelRoData3);
  CHECK(*far_call(r.ctx, kSelCallGate | 3, 0, 0) == ts(kSelRoData3));
  // Inner stack not present: #SS(SS selector).
  r.set_word(kTss0 + tss::kSs0, kSelAbsent0);
  CHECK(*far_call(r.ctx, kSelCallGate | 3, 0, 0) == ss_fault(kSelAbsent0));
  CHECK(r.s.cpl == 3);
}

TEST_CASE("RETF to an outer level pops SS:SP and nulls inaccessible DS/ES", "[pm286]") {
  Rig r;
  standard_gdt(r);
  ring0_stack(r);
  r.enter(3, 3, 4, 0x0FFC);
  REQUIRE_FALSE(far_call(r.ctx, kSelCallGate | 3, 0, 0x0077));
  REQUIRE_FALSE(load_segment(r.ctx, kDS, kSelData0));
  REQUIRE_FALSE(load_segment(r.ctx, kES, kSelConf0));
  REQUIRE_FALSE(far_return(r.ctx, 4));  // RETF 4 drops the two parameters
  CHECK(r.s.cpl == 3);
  CHECK(r.s.cs == (kSelCode3 | 3));
  CHECK(r.s.ip == 0x0077);
  CHECK(r.s.ss == (kSelData3 | 3));
  CHECK(r.s.sp == 0x1000);
  CHECK(r.s.ds == 0);  // DPL0 data is not usable at CPL3 (PRM 7.5.2.4)
  CHECK_FALSE(r.s.seg_cache[kDS].valid);
  CHECK(r.s.es == kSelConf0);  // conforming code stays
}

TEST_CASE("RETF to a more privileged level is #GP(selector)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x0FFC);
  r.set_word(0x40000 + 0x0FFC, 0x0010);
  r.set_word(0x40000 + 0x0FFE, kSelCode0);
  CHECK(*far_return(r.ctx, 0) == gp(kSelCode0));
}

TEST_CASE("IRET same level restores FLAGS subject to CPL/IOPL", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(3, 3, 4, 0x0FFA);
  r.s.flags = 0x0002;
  r.set_word(0x40000 + 0x0FFA, 0x0123);
  r.set_word(0x40000 + 0x0FFC, kSelCode3 | 3);
  r.set_word(0x40000 + 0x0FFE, 0x3203);  // IOPL 3, IF, CF
  REQUIRE_FALSE(interrupt_return(r.ctx, 0));
  CHECK(r.s.ip == 0x0123);
  CHECK(r.s.sp == 0x1000);
  CHECK(r.s.flags == 0x0003);  // CPL3 > IOPL0: neither IF nor IOPL change
}

TEST_CASE("CALL to a TSS nests the task, IRET with NT returns", "[pm286]") {
  Rig r;
  standard_gdt(r);
  fill_tss1(r);
  r.enter(0, 1, 2, 0x1000);
  r.mem.ram[kGdtBase + 5 * 8 + 5] = 0x83;  // current task's TSS is busy
  r.s.ax = 0xAAAA;
  r.s.flags = 0x0202;
  r.s.msw = 0xFFF1;
  REQUIRE_FALSE(far_call(r.ctx, kSelTss1, 0, 0x0042));
  // New task (PRM 8.4): registers from TSS1, NT set, back link, busy, TS.
  CHECK(r.s.tr == kSelTss1);
  CHECK(r.s.ip == 0x0200);
  CHECK(r.s.ax == 0x1234);
  CHECK(r.s.sp == 0x3000);
  CHECK(r.s.cs == kSelCode0);
  CHECK(r.s.ldtr == kSelLdt);
  CHECK(r.s.ldtr_cache.base == kLdtBase);
  CHECK((r.s.flags & kFlagNT) != 0);
  CHECK(r.word(kTss1 + tss::kBackLink) == kSelTss0);
  CHECK(r.gdt(6).access == 0x83);  // TSS1 busy
  CHECK(r.gdt(5).access == 0x83);  // TSS0 stays busy (nested)
  CHECK((r.s.msw & kMswTS) != 0);
  // The old task's state was saved.
  CHECK(r.word(kTss0 + tss::kIp) == 0x0042);
  CHECK(r.word(kTss0 + tss::kAx) == 0xAAAA);
  CHECK(r.word(kTss0 + tss::kFlags) == 0x0202);

  r.s.ax = 0x5555;
  r.s.ip = 0x0210;
  REQUIRE_FALSE(interrupt_return(r.ctx, 0x0211));
  CHECK(r.s.tr == kSelTss0);
  CHECK(r.s.ip == 0x0042);
  CHECK(r.s.ax == 0xAAAA);
  CHECK(r.s.flags == 0x0202);
  CHECK(r.gdt(6).access == 0x81);  // TSS1 available again
  CHECK(r.word(kTss1 + tss::kIp) == 0x0211);
  CHECK(r.word(kTss1 + tss::kAx) == 0x5555);
  CHECK((r.word(kTss1 + tss::kFlags) & kFlagNT) == 0);
}

TEST_CASE("JMP to a TSS does not nest", "[pm286]") {
  Rig r;
  standard_gdt(r);
  fill_tss1(r);
  r.enter(0, 1, 2, 0x1000);
  r.mem.ram[kGdtBase + 5 * 8 + 5] = 0x83;
  REQUIRE_FALSE(far_jump(r.ctx, kSelTss1, 0, 0x0042));
  CHECK(r.s.tr == kSelTss1);
  CHECK((r.s.flags & kFlagNT) == 0);
  CHECK(r.word(kTss1 + tss::kBackLink) == 0xBEEF);
  CHECK(r.gdt(5).access == 0x81);  // old task no longer busy
  CHECK(r.gdt(6).access == 0x83);
  // A busy TSS cannot be entered again.
  CHECK(*far_jump(r.ctx, kSelTss1, 0, 0) == gp(kSelTss1));
}

TEST_CASE("CALL through a task gate from ring 3", "[pm286]") {
  Rig r;
  standard_gdt(r);
  fill_tss1(r);
  r.enter(3, 3, 4, 0x1000);
  // The TSS descriptor itself has DPL 0, so CPL 3 cannot name it directly...
  CHECK(*far_call(r.ctx, kSelTss1 | 3, 0, 0) == gp(kSelTss1));
  // ...but may use the DPL 3 task gate (PRM 8.3.2).
  REQUIRE_FALSE(far_call(r.ctx, kSelTaskGate | 3, 0, 0x0010));
  CHECK(r.s.tr == kSelTss1);
  CHECK(r.s.cpl == 0);
  CHECK(r.word(kTss1 + tss::kBackLink) == kSelTss0);
}

TEST_CASE("TSS with a limit below 2Bh is #TS(selector)", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.set_gdt(6, Descriptor::segment(kTss1, 0x2A, 0x81));
  r.enter(0, 1, 2, 0x1000);
  CHECK(*far_jump(r.ctx, kSelTss1, 0, 0) == ts(kSelTss1));
  CHECK(r.s.tr == kSelTss0);
}

TEST_CASE("a bad CS in the new TSS faults #TS in the new task", "[pm286]") {
  Rig r;
  standard_gdt(r);
  fill_tss1(r);
  r.set_word(kTss1 + tss::kCs, kSelData0);
  r.enter(0, 1, 2, 0x1000);
  CHECK(*far_jump(r.ctx, kSelTss1, 0, 0) == ts(kSelData0));
  CHECK(r.s.tr == kSelTss1);  // the switch has committed
  CHECK(r.s.ip == 0x0200);
}

TEST_CASE("IRET to an outer level pops SS:SP, IOPL changes at CPL 0", "[pm286]") {
  // PRM appendix B, IRET: RPL of the popped CS > CPL -> also pop SP and SS.
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x0FF6);
  r.s.flags = 0x0002;
  r.s.ds = kSelData0;
  r.s.seg_cache[kDS] = r.gdt(2).to_cache();
  const std::uint32_t sp = 0x20000 + 0x0FF6;
  r.set_word(sp + 0, 0x0456);             // IP
  r.set_word(sp + 2, kSelCode3 | 3);      // CS
  r.set_word(sp + 4, 0x3202);             // FLAGS: IOPL 3, IF
  r.set_word(sp + 6, 0x0800);             // SP
  r.set_word(sp + 8, kSelData3 | 3);      // SS
  REQUIRE_FALSE(interrupt_return(r.ctx, 0));
  CHECK(r.s.cpl == 3);
  CHECK(r.s.cs == (kSelCode3 | 3));
  CHECK(r.s.ip == 0x0456);
  CHECK(r.s.ss == (kSelData3 | 3));
  CHECK(r.s.sp == 0x0800);
  CHECK(r.s.flags == 0x3202);  // CPL was 0: IOPL and IF both loaded
  CHECK(r.s.ds == 0);          // DPL 0 data nulled at CPL 3
}

TEST_CASE("IRET to an outer level with a bad SS", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x0FF6);
  const std::uint32_t sp = 0x20000 + 0x0FF6;
  r.set_word(sp + 0, 0x0456);
  r.set_word(sp + 2, kSelCode3 | 3);
  r.set_word(sp + 4, 0x0002);
  r.set_word(sp + 6, 0x0800);
  r.set_word(sp + 8, kSelData3 | 2);  // RPL != new CPL
  CHECK(*interrupt_return(r.ctx, 0) == gp(kSelData3));
  r.set_word(sp + 8, kSelAbsent3 | 3);  // not present
  CHECK(*interrupt_return(r.ctx, 0) == ss_fault(kSelAbsent3));
  r.set_word(sp + 8, 0);  // null
  CHECK(*interrupt_return(r.ctx, 0) == gp(0));
  CHECK(r.s.cpl == 0);
  CHECK(r.s.sp == 0x0FF6);
}

TEST_CASE("RETF needs its frame inside the stack limit", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.set_gdt(4, Descriptor::segment(0x40000, 0x0FFF, kData3));
  r.enter(3, 3, 4, 0x0FFE);  // only one word left on the stack
  CHECK(*far_return(r.ctx, 0) == ss_fault(0));
}

TEST_CASE("task switch loads DS from the new task's LDT", "[pm286]") {
  // PRM 8.4: the LDT is loaded before the segment registers are validated, so the new
  // task's selectors may name its own LDT.
  Rig r;
  standard_gdt(r);
  fill_tss1(r);
  r.set_ldt(1, Descriptor::segment(0x77000, 0x0FFF, kData0));
  r.set_word(kTss1 + tss::kDs, 0x000C);  // LDT entry 1, RPL 0
  r.enter(0, 1, 2, 0x1000);
  REQUIRE_FALSE(far_jump(r.ctx, kSelTss1, 0, 0));
  CHECK(r.s.ds == 0x000C);
  CHECK(r.s.seg_cache[kDS].base == 0x77000);
  CHECK(r.s.seg_cache[kDS].limit == 0x0FFF);
  // The same selector with no LDT in the new task is #TS(selector).
  Rig q;
  standard_gdt(q);
  fill_tss1(q);
  q.set_word(kTss1 + tss::kLdt, 0);
  q.set_word(kTss1 + tss::kDs, 0x000C);
  q.enter(0, 1, 2, 0x1000);
  CHECK(*far_jump(q.ctx, kSelTss1, 0, 0) == ts(0x000C));
}

TEST_CASE("same-level CALL through a call gate to conforming code keeps CPL", "[pm286]") {
  Rig r;
  standard_gdt(r);
  r.set_gdt(12, Descriptor::gate(SystemType::kCallGate, 3, kSelConf0, 0x0200, 0));
  r.enter(3, 3, 4, 0x1000);
  REQUIRE_FALSE(far_call(r.ctx, kSelCallGate | 3, 0, 0x0033));
  CHECK(r.s.cpl == 3);
  CHECK(r.s.cs == (kSelConf0 | 3));
  CHECK(r.s.ip == 0x0200);
  CHECK(r.s.ss == (kSelData3 | 3));  // no stack switch
  CHECK(r.s.sp == 0x0FFC);
  CHECK(r.stack_word(0) == 0x0033);
  CHECK(r.stack_word(2) == (kSelCode3 | 3));
}

TEST_CASE("IRET with NT and a back link to a non-busy TSS is #TS(back link)", "[pm286]") {
  // PRM appendix B, IRET: the back-linked TSS must be busy, else #TS(new TSS selector).
  Rig r;
  standard_gdt(r);
  r.enter(0, 1, 2, 0x1000);
  r.s.flags = 0x4002;
  r.set_word(kTss0 + tss::kBackLink, kSelTss1);  // TSS1 is available, not busy
  CHECK(*interrupt_return(r.ctx, 0) == ts(kSelTss1));
  r.set_word(kTss0 + tss::kBackLink, kSelData0);  // not a TSS at all
  CHECK(*interrupt_return(r.ctx, 0) == ts(kSelData0));
  CHECK(r.s.tr == kSelTss0);
}
