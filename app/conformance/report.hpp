#pragma once
// Presentation of conformance results: the per-opcode table (terminal and Markdown), the
// JSON summary (same shape as the ratchet baselines), and the detailed report of a failing
// test with the expected and actual cycle traces side by side.
#include <optional>
#include <span>
#include <string>

#include "app/conformance/moo_reader.hpp"
#include "app/conformance/sst_compare.hpp"
#include "app/conformance/sst_runner.hpp"
#include "cpu/cpu.hpp"

namespace quartz::conformance {

// `only_failing`: list only the opcodes with at least one failing check (totals always).
std::string format_table(const RunResult& r, bool only_failing = false);
std::string format_markdown(const RunResult& r, bool only_failing = false);
// {"cpu": ..., "total": {tests, state_pass, cycles_pass, bus_pass}, "opcodes": {...}}
std::string format_json(const RunResult& r);

// One clock in the trace notation of the suite's JSON files, e.g.
// "A 052FA CS R-- --- 9090 CODE T1 F 36" (808x) or "A 1094A8 B 5F00 CODE Ts" (286).
std::string format_cycle(CpuModel model, const BusCycle& c);

struct FailureContext {
  CpuModel model = CpuModel::i8086;
  std::string file_key;
  const MooTest* test = nullptr;
  std::uint16_t flags_mask = 0xFFFF;
  CpuState actual{};
  StateDiff state;
  bool cycles_ok = true;
  TraceDiff bus;
  std::optional<PushedFlags> pushed_flags;
  std::optional<std::uint32_t> halt_at;  // the terminating HLT's address (286)
  std::span<const BusCycle> actual_cycles;
  std::vector<std::uint8_t> actual_queue;  // prefetch queue after the test (808x)
  std::string error;  // exception text when the core threw or ran away
};
std::string format_failure(const FailureContext& f);
// The expected and actual traces side by side ('>>' first difference, '*' later ones).
std::string trace_listing(const FailureContext& f);

}  // namespace quartz::conformance
