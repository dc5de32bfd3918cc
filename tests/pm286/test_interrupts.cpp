// Interrupt and exception delivery in protected mode: 80286 PRM chapter 9 (9.3 IDT, 9.4
// interrupt/trap gates, 9.5 task gates, 9.7 error codes, 9.8 double fault and shutdown).
#include <catch2/catch.hpp>

#include "cpu/pm286/interrupts.hpp"
#include "cpu/pm286/task_switch.hpp"
#include "pm_rig.hpp"

using namespace quartz;
using namespace quartz::pm286;
using namespace quartz::pm286::test;

namespace {

void idt_setup(Rig& r) {
  standard_gdt(r);
  r.set_word(kTss0 + tss::kSp0, 0x2000);
  r.set_word(kTss0 + tss::kSs0, kSelData0);
  r.set_idt(0x20, Descriptor::gate(SystemType::kInterruptGate, 3, kSelCode0, 0x0300));
  r.set_idt(0x21, Descriptor::gate(SystemType::kTrapGate, 3, kSelCode0, 0x0310));
  r.set_idt(0x22, Descriptor::gate(SystemType::kInterruptGate, 0, kSelCode0, 0x0320));
  r.set_idt(kDoubleFault, Descriptor::gate(SystemType::kInterruptGate, 0, kSelCode0, 0x0800));
  r.set_idt(kNotPresent, Descriptor::gate(SystemType::kInterruptGate, 0, kSelCode0, 0x0B00));
  r.set_idt(kGeneralProtection, Descriptor::gate(SystemType::kTrapGate, 0, kSelCode0, 0x0D00));
}

}  // namespace

TEST_CASE("interrupt gate clears IF and TF, trap gate keeps IF", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.enter(0, 1, 2, 0x1000);
  r.s.flags = 0x0302;  // IF, TF
  REQUIRE_FALSE(deliver(r.ctx, 0x20, EventSource::kSoftware, std::nullopt, 0x0042));
  CHECK(r.s.ip == 0x0300);
  CHECK(r.s.flags == 0x0002);
  CHECK(r.s.sp == 0x0FFA);
  CHECK(r.stack_word(0) == 0x0042);
  CHECK(r.stack_word(2) == kSelCode0);
  CHECK(r.stack_word(4) == 0x0302);

  Rig t;
  idt_setup(t);
  t.enter(0, 1, 2, 0x1000);
  t.s.flags = 0x4302;  // NT, IF, TF
  REQUIRE_FALSE(deliver(t.ctx, 0x21, EventSource::kSoftware, std::nullopt, 0x0042));
  CHECK(t.s.ip == 0x0310);
  CHECK(t.s.flags == 0x0202);  // TF and NT cleared, IF kept
}

TEST_CASE("INT n through a gate with DPL < CPL is #GP(vector*8+2)", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.enter(3, 3, 4, 0x1000);
  CHECK(*deliver(r.ctx, 0x22, EventSource::kSoftware, std::nullopt, 0) == gp(0x22 * 8 + 2));
  // A hardware interrupt ignores the gate's DPL.
  r.ctx.ext = true;
  CHECK_FALSE(deliver(r.ctx, 0x22, EventSource::kExternal, std::nullopt, 0x0010));
  CHECK(r.s.cpl == 0);
}

TEST_CASE("vector beyond the IDT limit is #GP with IDT and EXT bits", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.s.idtr.limit = 0x00FF;  // vectors 0..31
  r.enter(0, 1, 2, 0x1000);
  r.ctx.ext = true;
  CHECK(*deliver(r.ctx, 0x20, EventSource::kExternal, std::nullopt, 0) == gp(0x0103));
}

TEST_CASE("exception from ring 3 switches to the ring-0 stack with error code",
          "[pm286]") {
  Rig r;
  idt_setup(r);
  r.enter(3, 3, 4, 0x0F00);
  r.s.flags = 0x0202;
  r.s.ip = 0x0055;
  REQUIRE(raise_fault(r.ctx, gp(0x0048)) == DeliveryResult::kDelivered);
  CHECK(r.s.cpl == 0);
  CHECK(r.s.cs == kSelCode0);
  CHECK(r.s.ip == 0x0D00);
  CHECK(r.s.ss == kSelData0);
  CHECK(r.s.sp == 0x2000 - 12);
  // PRM figure 9-5: SS, SP, FLAGS, CS, IP, error code.
  CHECK(r.stack_word(0) == 0x0048);
  CHECK(r.stack_word(2) == 0x0055);
  CHECK(r.stack_word(4) == (kSelCode3 | 3));
  CHECK(r.stack_word(6) == 0x0202);
  CHECK(r.stack_word(8) == 0x0F00);
  CHECK(r.stack_word(10) == (kSelData3 | 3));
  CHECK(r.s.flags == 0x0202);  // trap gate
}

TEST_CASE("benign then contributory exceptions are handled serially", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.enter(0, 1, 2, 0x1000);
  r.s.ip = 0x0066;
  // #UD (benign) with a not-present gate: #NP(6*8+2+EXT) is delivered instead.
  r.set_idt(kInvalidOpcode,
            Descriptor::gate(SystemType::kInterruptGate, 0, kSelCode0, 0x0600, 0, false));
  REQUIRE(raise(r.ctx, kInvalidOpcode, EventSource::kException, std::nullopt, 0x0066) ==
          DeliveryResult::kDelivered);
  CHECK(r.s.ip == 0x0B00);
  CHECK(r.stack_word(0) == 0x0033);
  CHECK(r.stack_word(2) == 0x0066);
}

TEST_CASE("#GP while delivering #NP is a double fault with error code 0", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.enter(0, 1, 2, 0x1000);
  r.s.ip = 0x0077;
  // The #NP gate names a selector beyond the GDT: #GP(0801h) during delivery.
  r.set_idt(kNotPresent, Descriptor::gate(SystemType::kInterruptGate, 0, 0x0800, 0x0B00));
  REQUIRE(raise_fault(r.ctx, np(kSelAbsent0)) == DeliveryResult::kDelivered);
  CHECK(r.s.ip == 0x0800);
  CHECK(r.stack_word(0) == 0x0000);  // #DF error code is always 0
  CHECK(r.stack_word(2) == 0x0077);
}

TEST_CASE("a fault while delivering #DF shuts the processor down", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.enter(0, 1, 2, 0x1000);
  r.set_idt(kNotPresent, Descriptor::gate(SystemType::kInterruptGate, 0, 0x0800, 0x0B00));
  r.set_idt(kDoubleFault,
            Descriptor::gate(SystemType::kInterruptGate, 0, kSelCode0, 0x0800, 0, false));
  CHECK(raise_fault(r.ctx, np(kSelAbsent0)) == DeliveryResult::kShutdown);
  // Stack overflow on the handler's stack: #SS during #GP delivery -> #DF -> #SS -> shutdown.
  Rig s;
  idt_setup(s);
  s.set_gdt(2, Descriptor::segment(0x20000, 0x0FFF, 0x96));  // expand-down, offsets >= 1000h
  s.enter(0, 1, 2, 0x1004);
  CHECK(raise_fault(s.ctx, gp(0)) == DeliveryResult::kShutdown);
}

TEST_CASE("interrupt through a task gate nests the handler task", "[pm286]") {
  Rig r;
  idt_setup(r);
  r.set_word(kTss1 + tss::kIp, 0x0200);
  r.set_word(kTss1 + tss::kFlags, 0x0002);
  r.set_word(kTss1 + tss::kSp, 0x3000);
  r.set_word(kTss1 + tss::kCs, kSelCode0);
  r.set_word(kTss1 + tss::kSs, kSelData0);
  r.set_idt(kGeneralProtection, Descriptor::gate(SystemType::kTaskGate, 0, kSelTss1, 0));
  r.enter(0, 1, 2, 0x1000);
  r.mem.ram[kGdtBase + 5 * 8 + 5] = 0x83;
  r.s.ip = 0x0099;
  REQUIRE(raise_fault(r.ctx, gp(0x0050)) == DeliveryResult::kDelivered);
  CHECK(r.s.tr == kSelTss1);
  CHECK(r.s.ip == 0x0200);
  CHECK((r.s.flags & kFlagNT) != 0);
  CHECK(r.word(kTss1 + tss::kBackLink) == kSelTss0);
  CHECK(r.word(kTss0 + tss::kIp) == 0x0099);  // the faulting instruction restarts later
  CHECK(r.s.sp == 0x2FFE);  // error code pushed on the new task's stack (PRM 9.5)
  CHECK(r.stack_word(0) == 0x0050);
}

TEST_CASE("exception classes and error-code vectors (PRM table 9-3)", "[pm286]") {
  for (std::uint8_t v : {0, 10, 11, 12, 13}) CHECK(exception_class(v) == ExceptionClass::kContributory);
  for (std::uint8_t v : {1, 2, 3, 4, 5, 6, 7, 16}) CHECK(exception_class(v) == ExceptionClass::kBenign);
  for (std::uint8_t v : {8, 10, 11, 12, 13}) CHECK(pushes_error_code(v));
  for (std::uint8_t v : {0, 6, 7, 9, 14, 16}) CHECK_FALSE(pushes_error_code(v));
}

TEST_CASE("inner stack without room for the frame is #SS(0)", "[pm286]") {
  // PRM appendix B, INT: "new stack must have room for 10 bytes else #SS(0)".
  Rig r;
  idt_setup(r);
  r.set_gdt(2, Descriptor::segment(0x20000, 0x1FFF, kData0));  // no room below SP0 = 8
  r.set_word(kTss0 + tss::kSp0, 0x0008);
  r.enter(3, 3, 4, 0x1000);
  r.ctx.ext = true;
  CHECK(*deliver(r.ctx, 0x20, EventSource::kExternal, std::nullopt, 0) == ss_fault(0));
  CHECK(r.s.cpl == 3);
  CHECK(r.s.sp == 0x1000);
  // A null SS0 in the TSS is #TS(EXT).
  r.set_word(kTss0 + tss::kSp0, 0x2000);
  r.set_word(kTss0 + tss::kSs0, 0);
  CHECK(*deliver(r.ctx, 0x20, EventSource::kExternal, std::nullopt, 0) == ts(1));
}

TEST_CASE("faults while delivering a hardware interrupt carry the EXT bit", "[pm286]") {
  // PRM 9.7: EXT (bit 0) is set when the fault was caused by an event external to the
  // program. Here the gate's code segment is not present: #NP(selector + 1).
  Rig r;
  idt_setup(r);
  r.set_gdt(18, Descriptor::segment(0x10000, 0xFFFF, 0x1A));  // code DPL0, not present
  r.set_idt(0x20, Descriptor::gate(SystemType::kInterruptGate, 0, 0x0090, 0x0300));
  r.enter(0, 1, 2, 0x1000);
  r.ctx.ext = true;
  CHECK(*deliver(r.ctx, 0x20, EventSource::kExternal, std::nullopt, 0) == np(0x0091));
  // The same gate reached by INT n reports the selector without EXT.
  r.set_idt(0x20, Descriptor::gate(SystemType::kInterruptGate, 3, 0x0090, 0x0300));
  r.ctx.ext = false;
  CHECK(*deliver(r.ctx, 0x20, EventSource::kSoftware, std::nullopt, 0) == np(0x0090));
  // raise() delivers that #NP through vector 11 with the error code on the stack.
  r.s.ip = 0x0044;
  REQUIRE(raise(r.ctx, 0x20, EventSource::kExternal, std::nullopt, 0x0044) ==
          DeliveryResult::kDelivered);
  CHECK(r.s.ip == 0x0B00);
  CHECK(r.stack_word(0) == 0x0091);
}
