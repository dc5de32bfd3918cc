#pragma once
// A scripted stand-in for the x86 core, for board tests that must not depend on the CPU's
// instruction timing: every "instruction" takes `clocks_per_insn` clocks, and a script of
// I/O writes is performed at given clock counts (as the core would mid-instruction).
#include <map>
#include <utility>
#include <vector>

#include "cpu/cpu.hpp"

namespace quartz::test {

class FakeCpu final : public Cpu {
 public:
  FakeCpu(CpuModel m, Bus& bus) : model_(m), bus_(bus) {}
  CpuModel model() const override { return model_; }
  void reset() override {
    state_ = CpuState{};
    state_.cs = 0xFFFF;
    ++resets;
  }
  StopReason run(std::uint64_t deadline) override {
    return_requested_ = false;
    ++runs;
    deadlines.push_back(deadline);
    while (cycles_ < deadline) {
      cycles_ += clocks_per_insn;
      for (auto it = script.begin(); it != script.end() && it->first <= cycles_;) {
        bus_.io_write8(it->second.first, it->second.second);
        it = script.erase(it);
      }
      if (shutdown_at && cycles_ >= shutdown_at) {
        shutdown_at = 0;
        return StopReason::kShutdown;
      }
      if (return_requested_) break;
    }
    return StopReason::kBudget;
  }
  void request_return() override { return_requested_ = true; }
  std::uint32_t step() override {
    cycles_ += clocks_per_insn;
    return clocks_per_insn;
  }
  std::uint64_t cycles() const override { return cycles_; }
  CpuState state() const override { return state_; }
  void set_state(const CpuState& s) override { state_ = s; }
  std::vector<std::uint8_t> queue() const override { return {}; }
  void set_intr(bool level) override { intr = level; }
  void set_nmi(bool) override {}
  void set_interrupt_controller(InterruptAcknowledge*) override {}
  bool halted() const override { return false; }
  void set_hooks(CpuHooks*) override {}
  void set_trace(CycleTraceSink*) override {}
  void set_decode_cache(bool) override {}
  std::uint32_t last_instruction_cycles() const override { return clocks_per_insn; }
  void conformance_begin(const CpuState&, std::span<const std::uint8_t>) override {}
  void conformance_step() override {}

  std::uint32_t clocks_per_insn = 4;
  // cycle count -> (port, value): written once the CPU's clock reaches that count.
  std::multimap<std::uint64_t, std::pair<std::uint16_t, std::uint8_t>> script;
  std::uint64_t shutdown_at = 0;
  std::vector<std::uint64_t> deadlines;
  int runs = 0;
  int resets = 0;
  bool intr = false;

 private:
  CpuModel model_;
  Bus& bus_;
  CpuState state_{};
  std::uint64_t cycles_ = 0;
  bool return_requested_ = false;
};

}  // namespace quartz::test
