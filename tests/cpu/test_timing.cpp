// Clock counts of simple instructions from a full queue, against the 8086 timing table
// (MOV reg,reg 2; ADD reg,reg 3; MOV reg,imm16 4; INC reg16 2; CLC 2), using the suite's
// framing (conformance_begin/step: from the first byte leaving the queue to the next).
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

std::uint64_t clocks_of(const std::vector<std::uint8_t>& insn) {
  CpuRig r;
  std::vector<std::uint8_t> q = insn;
  while (q.size() < 6) q.push_back(0x90);
  r.load(std::uint32_t(CpuRig::kCodeSeg) << 4, q);
  for (int i = 0; i < 16; ++i) r.bus.poke8((std::uint32_t(CpuRig::kCodeSeg) << 4) + 6 + i, 0x90);
  CpuState s;
  s.cs = CpuRig::kCodeSeg;
  s.ip = 0;
  r.cpu->conformance_begin(s, q);
  const std::uint64_t start = r.cpu->cycles();
  r.cpu->conformance_step();
  return r.cpu->cycles() - start;
}

}  // namespace

TEST_CASE("documented clocks of register instructions", "[cpu]") {
  CHECK(clocks_of({0x89, 0xD8}) == 2);        // mov ax,bx
  CHECK(clocks_of({0x01, 0xD8}) == 3);        // add ax,bx
  CHECK(clocks_of({0xB8, 0x34, 0x12}) == 4);  // mov ax,1234h
  CHECK(clocks_of({0x40}) == 2);              // inc ax
  CHECK(clocks_of({0xF8}) == 2);              // clc
}

TEST_CASE("an odd-address word read is two bus cycles on the 8086", "[cpu]") {
  struct Count : CycleTraceSink {
    int memr = 0;
    void on_cycle(const BusCycle& c) override {
      if (c.ale && c.bus_status == 3) ++memr;
    }
  };
  for (std::uint16_t addr : {std::uint16_t(0x100), std::uint16_t(0x101)}) {
    CpuRig r;
    Count count;
    r.cpu->set_trace(&count);
    CpuState s;
    s.bx = addr;
    r.start({0x8B, 0x07, 0xF4}, s);  // mov ax,[bx]
    r.run_to_halt();
    r.cpu->set_trace(nullptr);
    CHECK(count.memr == (addr & 1 ? 2 : 1));
  }
}

TEST_CASE("wait states from the bus insert Tw clocks between T3 and T4", "[cpu]") {
  struct Recorder : CycleTraceSink {
    std::vector<BusCycle> cycles;
    void on_cycle(const BusCycle& c) override { cycles.push_back(c); }
  };
  std::uint64_t clocks[2];
  for (int waits = 0; waits < 2; ++waits) {
    CpuRig r;
    r.bus.set_mem_wait_states(0, 1u << 20, std::uint8_t(waits));
    Recorder rec;
    r.cpu->set_trace(&rec);
    CpuState s;
    s.bx = 0x100;
    r.start({0x8B, 0x07, 0xF4}, s);  // mov ax,[bx]
    const std::uint64_t c0 = r.cpu->cycles();
    r.run_to_halt();
    clocks[waits] = r.cpu->cycles() - c0;
    r.cpu->set_trace(nullptr);
    // Find the MEMR cycle and check its T-state sequence: T1 T2 T3 [Tw] T4.
    bool found = false;
    for (std::size_t i = 0; i + 4 < rec.cycles.size(); ++i) {
      if (rec.cycles[i].ale && rec.cycles[i].bus_status == 3) {
        found = true;
        CHECK(rec.cycles[i + 1].t_state == 2);
        CHECK(rec.cycles[i + 2].t_state == 3);
        CHECK(rec.cycles[i + 3].t_state == (waits ? 5 : 4));
        if (waits) CHECK(rec.cycles[i + 4].t_state == 4);
        break;
      }
    }
    CHECK(found);
  }
  CHECK(clocks[1] > clocks[0]);
}
