// When the board's interrupt controller is asked for the vector. 8259A datasheet, "Interrupt
// sequence": the 8259A resolves priority and sets the ISR bit at the first INTA pulse (an
// IR input that has fallen by then gets the IR7 vector); it only drives the vector byte in
// the second. The board's InterruptAcknowledge therefore has to be called in the first of
// the CPU's two INTA bus cycles, on the 8086 (8086 datasheet, "Interrupt acknowledge") and
// on the 80286 (80286 datasheet, bus cycle status COD/INTA# = 0, M/IO# = 0, S1# = S0# = 0).
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

// Numbers the bus clocks as they are traced and notes which ones start an INTA cycle (status
// INTA with ALE) and how many clocks had been traced when the vector was asked for. The
// trace of a clock may reach the sink up to one clock late, so an acknowledge inside the
// first INTA cycle sees between the first INTA's start and the clock before the second's.
struct IntaWatch final : InterruptAcknowledge, CycleTraceSink {
  int clocks = 0;
  std::vector<int> inta_starts;
  std::vector<int> clocks_at_ack;
  void on_cycle(const BusCycle& c) override {
    if (c.ale && c.bus_status == 0) inta_starts.push_back(clocks);
    ++clocks;
  }
  std::uint8_t acknowledge() override {
    clocks_at_ack.push_back(clocks);
    return 0x20;
  }
};

}  // namespace

TEST_CASE("the interrupt controller is asked in the first of the two INTA cycles") {
  for (CpuModel model : {CpuModel::i8086, CpuModel::i80286}) {
    INFO("model " << int(model));
    CpuRig r(model);
    IntaWatch w;
    r.cpu->set_interrupt_controller(&w);
    r.cpu->set_trace(&w);
    r.hlt_vector(0x20);
    CpuState s;
    s.sp = 0x100;
    s.flags = IF;
    r.start({0x90, 0x90, 0x90, 0xF4}, s);
    r.cpu->step();  // NOP
    r.cpu->set_intr(true);
    r.cpu->step();  // INTR taken before the second NOP
    r.cpu->set_intr(false);
    r.run_to_halt();
    r.cpu->set_trace(nullptr);
    REQUIRE(w.inta_starts.size() == 2);        // two INTA bus cycles
    REQUIRE(w.clocks_at_ack.size() == 1);      // one acknowledge for the pair
    CHECK(w.clocks_at_ack[0] >= w.inta_starts[0]);  // taken in the first cycle,
    CHECK(w.clocks_at_ack[0] < w.inta_starts[1]);   // before the second starts
    CHECK(r.cpu->state().cs == 0x0050);       // vector 20h from the answer
    CHECK(r.cpu->state().ip == 0x41);
  }
}
