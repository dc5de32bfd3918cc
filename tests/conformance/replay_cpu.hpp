#pragma once
// A stand-in CPU for testing the runner without the real core: it recognises each test by its
// initial registers and replays the captured outcome (final registers, RAM writes, the bus
// trace), optionally with one deliberate fault so each comparison can be shown to catch it.
#include <stdexcept>
#include <vector>

#include "app/conformance/moo_reader.hpp"
#include "app/conformance/sst_compare.hpp"
#include "cpu/cpu.hpp"

namespace quartz::test {

enum class Fault {
  kNone,
  kWrongAx,           // AX off by one
  kUndefinedFlag,     // flip a flag bit the opcode's mask says is undefined (must still pass)
  kDefinedFlag,       // flip CF (defined for every test we use it on)
  kWrongMemory,       // the first FINA RAM byte written wrong
  kDropLastCycle,     // one clock short
  kWrongAddress,      // first ALE clock latches a different address
  kWrongData,         // data bus of the first non-code data clock wrong in the active lanes
  kWrongInactiveLane, // data differs only in the byte lane that transfer does not use
  kWrongQueueByte,    // queue byte of the first F/S queue op wrong
  kThrow,             // the core throws mid-instruction
  kRunaway,           // the core never ends the instruction
};

class ReplayCpu : public Cpu {
 public:
  ReplayCpu(CpuModel m, Bus& bus, const std::vector<conformance::MooTest>& tests, Fault fault)
      : model_(m), bus_(bus), tests_(tests), fault_(fault) {}

  CpuModel model() const override { return model_; }
  void reset() override {}
  StopReason run(std::uint64_t) override { return StopReason::kBudget; }
  void request_return() override {}
  std::uint32_t step() override { return 0; }
  std::uint64_t cycles() const override { return 0; }
  CpuState state() const override { return state_; }
  void set_state(const CpuState& s) override { state_ = s; }
  std::vector<std::uint8_t> queue() const override { return {}; }
  void set_intr(bool) override {}
  void set_nmi(bool) override {}
  void set_interrupt_controller(InterruptAcknowledge*) override {}
  bool halted() const override { return false; }
  void set_hooks(CpuHooks*) override {}
  void set_trace(CycleTraceSink* s) override { sink_ = s; }
  void set_decode_cache(bool) override {}
  std::uint32_t last_instruction_cycles() const override { return 0; }

  void conformance_begin(const CpuState& init, std::span<const std::uint8_t>) override {
    state_ = init;
    current_ = nullptr;
    for (const auto& t : tests_) {
      CpuState s = conformance::initial_state(model_, t);
      if (s.ax == init.ax && s.bx == init.bx && s.cx == init.cx && s.ip == init.ip &&
          s.cs == init.cs && s.sp == init.sp && s.flags == init.flags) {
        current_ = &t;
        break;
      }
    }
  }

  void conformance_step() override {
    if (!current_) throw std::runtime_error("replay: unknown test");
    const auto& t = *current_;
    if (fault_ == Fault::kThrow) throw std::runtime_error("replay: deliberate fault");
    if (fault_ == Fault::kRunaway)
      for (;;) sink_->on_cycle(BusCycle{});
    // Registers.
    CpuState s = state_;
    for (unsigned r = 0; r < conformance::kMooRegCount; ++r)
      s.*conformance::kCpuStateReg[r] = conformance::expected_reg(t, r);
    if (fault_ == Fault::kWrongAx) s.ax = std::uint16_t(s.ax + 1);
    if (fault_ == Fault::kUndefinedFlag) s.flags ^= 0x0010;  // AF
    if (fault_ == Fault::kDefinedFlag) s.flags ^= 0x0001;    // CF
    state_ = s;
    // Memory.
    bool first = true;
    for (const auto& b : t.fina.ram) {
      std::uint8_t v = b.value;
      if (first && fault_ == Fault::kWrongMemory) v ^= 0xFF;
      first = false;
      bus_.write8(b.address, v);
    }
    // Trace.
    std::size_t n = t.cycles.size();
    if (fault_ == Fault::kDropLastCycle && n) --n;
    bool addr_done = false, data_done = false, q_done = false;
    for (std::size_t i = 0; i < n; ++i) {
      BusCycle c = t.cycles[i].bus;
      if (fault_ == Fault::kWrongAddress && c.ale && !addr_done) {
        c.address ^= 0x10;
        addr_done = true;
      }
      bool data_clock = (c.t_state == 3 && model_ != CpuModel::i80286) ||
                        (c.t_state == 2 && model_ == CpuModel::i80286);
      if (c.ale) {
        inactive_lane_ = lane_unused(c);
        code_ = model_ == CpuModel::i80286 ? (c.bus_status & 0xF) == 13 : (c.bus_status & 7) == 6;
      }
      // Data faults go to the first memory/I/O (not code) transfer's data clock.
      if (data_clock && ((c.mem_status | c.io_status) & 5) && !code_ && !data_done) {
        if (fault_ == Fault::kWrongData) c.data ^= 0x0101;
        if (fault_ == Fault::kWrongInactiveLane) c.data ^= inactive_lane_;
        data_done = true;
      }
      if (fault_ == Fault::kWrongQueueByte && (c.queue_op == 1 || c.queue_op == 3) && !q_done) {
        c.queue_byte ^= 0xFF;
        q_done = true;
      }
      sink_->on_cycle(c);
    }
  }

 private:
  std::uint16_t lane_unused(const BusCycle& c) const {
    bool a0 = c.address & 1, bhe = (c.bhe & 1) == 0;
    if (!a0 && !bhe) return 0xFF00;
    if (a0 && bhe) return 0x00FF;
    return 0;
  }
  CpuModel model_;
  Bus& bus_;
  const std::vector<conformance::MooTest>& tests_;
  Fault fault_;
  CpuState state_{};
  const conformance::MooTest* current_ = nullptr;
  CycleTraceSink* sink_ = nullptr;
  std::uint16_t inactive_lane_ = 0;
  bool code_ = false;
};

}  // namespace quartz::test
