// External interrupts and traps (8086 Family User's Manual, "Interrupts"): INTR is sampled
// between instructions when IF=1 and takes its type from the INTA cycles; NMI is
// edge-triggered and unmaskable (type 2); TF traps after each instruction (type 1); INT n,
// INTO and IRET.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

struct FakePic : InterruptAcknowledge {
  std::uint8_t vector = 0x20;
  int acks = 0;
  std::uint8_t acknowledge() override {
    ++acks;
    return vector;
  }
};

struct InteCounter : CycleTraceSink {
  int inta_t1 = 0;
  void on_cycle(const BusCycle& c) override {
    if (c.ale && c.bus_status == 0) ++inta_t1;
  }
};

}  // namespace

TEST_CASE("INTR with IF=1 runs the acknowledged vector", "[cpu]") {
  CpuRig r;
  FakePic pic;
  InteCounter trace;
  r.cpu->set_interrupt_controller(&pic);
  r.cpu->set_trace(&trace);
  r.hlt_vector(0x20);
  CpuState s;
  s.sp = 0x100;
  s.flags = IF;
  r.start({0x90, 0x90, 0x90, 0xF4}, s);
  r.cpu->step();  // nop
  r.cpu->set_intr(true);
  r.cpu->step();  // the interrupt is taken instead of the second NOP
  r.cpu->set_intr(false);
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(pic.acks == 1);
  CHECK(trace.inta_t1 == 2);  // two INTA bus cycles
  CHECK(o.cs == 0x0050);
  CHECK(o.ip == 0x41);
  CHECK(r.stack(0) == 1);                   // return to the second NOP
  CHECK((r.stack(4) & IF) == IF);           // FLAGS pushed with IF set
  CHECK((o.flags & IF) == 0);               // and cleared in the handler
  r.cpu->set_trace(nullptr);
}

TEST_CASE("INTR is ignored while IF=0", "[cpu]") {
  CpuRig r;
  FakePic pic;
  r.cpu->set_interrupt_controller(&pic);
  CpuState s;
  s.sp = 0x100;
  r.start({0x90, 0x90, 0xF4}, s);
  r.cpu->set_intr(true);
  r.run_to_halt();
  CHECK(pic.acks == 0);
  CHECK(r.cpu->state().cs == CpuRig::kCodeSeg);
}

TEST_CASE("NMI is edge-triggered and ignores IF", "[cpu]") {
  CpuRig r;
  r.hlt_vector(2);
  CpuState s;
  s.sp = 0x100;
  r.start({0x90, 0x90, 0x90, 0xF4}, s);
  r.cpu->set_nmi(true);
  r.cpu->step();
  CHECK(r.cpu->state().cs == 0x0050);
  // Holding the line high does not retrigger.
  CpuState back = r.cpu->state();
  back.cs = CpuRig::kCodeSeg;
  back.ip = 1;
  r.cpu->set_state(back);
  r.cpu->step();
  CHECK(r.cpu->state().cs == CpuRig::kCodeSeg);
}

TEST_CASE("TF traps after one instruction with INT 1", "[cpu]") {
  CpuRig r;
  r.hlt_vector(1);
  CpuState s;
  s.sp = 0x100;
  s.flags = TF;
  r.start({0x40, 0x40, 0xF4}, s);  // inc ax ; inc ax
  r.cpu->step();
  CpuState o = r.cpu->state();
  CHECK(o.ax == 1);            // the instruction ran...
  CHECK(o.cs == 0x0050);       // ...then the trap
  CHECK(r.stack(0) == 1);      // returning to the second INC
  CHECK((r.stack(4) & TF) == TF);
  CHECK((o.flags & TF) == 0);
}

TEST_CASE("INT n / IRET round trip and INTO", "[cpu]") {
  CpuRig r;
  // Handler for INT 40h at 0060:0000: inc bx ; iret. INTO (type 4) handler: inc cx ; iret.
  r.load(0x600, {0x43, 0xCF});
  r.write16(0x40 * 4, 0x0000);
  r.write16(0x40 * 4 + 2, 0x0060);
  r.load(0x700, {0x41, 0xCF});
  r.write16(4 * 4, 0x0000);
  r.write16(4 * 4 + 2, 0x0070);
  CpuState s;
  s.sp = 0x100;
  s.flags = OF;
  // int 40h ; into ; hlt
  r.start({0xCD, 0x40, 0xCE, 0xF4}, s);
  r.run_to_halt();
  CpuState o = r.cpu->state();
  CHECK(o.bx == 1);
  CHECK(o.cx == 1);
  CHECK(o.sp == 0x100);
  CHECK(o.cs == CpuRig::kCodeSeg);
  CHECK(o.ip == 4);
}

TEST_CASE("HLT stops run() until an interrupt", "[cpu]") {
  CpuRig r;
  FakePic pic;
  r.cpu->set_interrupt_controller(&pic);
  r.hlt_vector(0x20);
  CpuState s;
  s.sp = 0x100;
  s.flags = IF;
  r.start({0xF4}, s);
  CHECK(r.cpu->run(1000) == StopReason::kHalted);
  CHECK(r.cpu->halted());
  CHECK(r.cpu->cycles() >= 1000);
  r.cpu->set_intr(true);
  r.cpu->step();
  r.cpu->set_intr(false);
  CHECK(r.cpu->state().cs == 0x0050);
}

TEST_CASE("an interrupted REP string op resumes at its last prefix (override lost)", "[cpu]") {
  // 8086 erratum: after an interrupt between iterations the CPU returns to the last prefix
  // byte only, so "ES: REP MOVSB" continues as "REP MOVSB" with DS as the source segment.
  struct Pic : InterruptAcknowledge {
    Cpu* cpu = nullptr;
    std::uint8_t acknowledge() override {
      cpu->set_intr(false);
      return 0x20;
    }
  };
  struct RaiseAfterFirstWrite : CycleTraceSink {
    Cpu* cpu = nullptr;
    bool raised = false;
    void on_cycle(const BusCycle& c) override {
      if (!raised && c.ale && c.bus_status == 4) {
        cpu->set_intr(true);
        raised = true;
      }
    }
  };
  CpuRig r;
  Pic pic;
  pic.cpu = r.cpu.get();
  RaiseAfterFirstWrite raise;
  raise.cpu = r.cpu.get();
  r.cpu->set_interrupt_controller(&pic);
  r.cpu->set_trace(&raise);
  r.load(0x540, {0xCF});  // INT 20h handler at 0050:0040: IRET
  r.write16(0x20 * 4, 0x0040);
  r.write16(0x20 * 4 + 2, 0x0050);
  for (int i = 0; i < 4; ++i) {
    r.bus.poke8(0x30000 + i, 0xDD);  // DS:SI source
    r.bus.poke8(0x40000 + i, 0xEE);  // ES:SI source (the override)
  }
  CpuState s;
  s.sp = 0x100;
  s.flags = IF;
  s.ds = 0x3000;
  s.es = 0x4000;
  s.si = 0;
  s.di = 0x100;
  s.cx = 4;
  r.start({0x26, 0xF3, 0xA4, 0xF4}, s);  // es: rep movsb ; hlt
  r.run_to_halt(50);
  r.cpu->set_trace(nullptr);
  CHECK(r.cpu->state().cx == 0);
  CHECK(r.bus.peek8(0x40100) == 0xEE);  // first byte: ES override in effect
  CHECK(r.bus.peek8(0x40101) == 0xDD);  // after the interrupt: DS
  CHECK(r.bus.peek8(0x40103) == 0xDD);
}
