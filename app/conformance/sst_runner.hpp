#pragma once
// Runs SingleStepTests MOO files against the Quartz CPU core: one Bus + Cpu per worker
// thread, files shared out between the workers, results gathered per opcode.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cpu/cpu.hpp"
#include "memory/bus.hpp"

namespace quartz::conformance {

// Problems with the run itself (no CPU core, no input): distinct from MooError (bad files).
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using CpuFactory = std::function<std::unique_ptr<Cpu>(CpuModel, Bus&)>;

// Which tests --show-failures reports: failing any / one check, every test (kAll, for
// looking at a passing test's trace with --test), or failing without the 286 capture
// signature as the whole explanation (kUnexplained).
enum class FailureKind : std::uint8_t { kAny, kState, kCycles, kBus, kAll, kUnexplained };

struct RunOptions {
  std::vector<std::string> inputs;     // MOO files and/or folders of them
  std::optional<CpuModel> model;       // default: from the first file's MOO header
  std::string opcode_filter;           // "F6" runs F6.0-F6.7, "F6.6" only that file
  std::size_t show_failures = 0;       // keep a detailed report of this many failing tests
  FailureKind show_kind = FailureKind::kAny;  // ... failing this check
  std::size_t failures_per_opcode = 0;  // at most this many of them per file (0: no cap)
  std::optional<std::uint32_t> only_test;  // run only the test at this position in each file
  unsigned threads = 0;                // 0: one per hardware thread
  CpuFactory factory;                  // default: make_cpu
};

struct PassCounts {
  std::uint64_t tests = 0, state_pass = 0, cycles_pass = 0, bus_pass = 0;
  void add(const PassCounts& o) {
    tests += o.tests;
    state_pass += o.state_pass;
    cycles_pass += o.cycles_pass;
    bus_pass += o.bus_pass;
  }
  bool operator==(const PassCounts&) const = default;
};

struct RunResult {
  CpuModel model = CpuModel::i8086;
  std::map<std::string, PassCounts> opcodes;  // key: "00", "F6.1", "0F04"
  PassCounts total;
  std::uint64_t revoked_skipped = 0;          // tests named by revocation_list.txt
  std::uint64_t cycle_failures = 0;           // tests failing the cycle check (no core error)
  std::uint64_t capture_signature = 0;        // ... of which carry the 286 capture signature
  std::map<std::string, std::uint64_t> first_bus_diff;  // bus failures by first differing field
  std::map<std::string, std::map<std::string, std::uint64_t>> opcode_bus_diff;  // ... per opcode
  std::vector<std::string> failures;          // detailed reports (at most show_failures)
  std::vector<std::string> warnings;          // e.g. files captured on another CPU than run
  std::size_t files = 0;
  double seconds = 0;
};

// The opcode key of a test file: "F6.6.MOO.gz" -> "F6.6", "00.MOO" -> "00".
std::string opcode_key_of(const std::string& path);

// The MOO files named by `inputs` (folders expanded, sorted by name), filtered by opcode.
// Throws MooError for an unreadable path or a folder without MOO files.
std::vector<std::string> collect_moo_files(const std::vector<std::string>& inputs,
                                           const std::string& opcode_filter);

// Runs everything. Throws MooError (bad input: corrupt/truncated file, missing metadata.json)
// or RunError (no CPU core for the model, nothing to run).
RunResult run_sst(const RunOptions& opts);

}  // namespace quartz::conformance
