// The conformance ratchet: the real core over the whole bundled SingleStepTests suite must
// reach at least the per-opcode pass counts recorded in tests/conformance/baseline-<cpu>.json.
// Rates may rise, never fall. Raise the baseline with
//   quartz conformance sst --cpu 8086 --update-baseline tests/conformance/baseline-8086.json
#include <catch2/catch.hpp>

#include <filesystem>

#include <fmt/core.h>

#include "app/conformance/baseline.hpp"
#include "app/conformance/sst_runner.hpp"

using namespace quartz;
using namespace quartz::conformance;
namespace fs = std::filesystem;

namespace {

void ratchet(const char* suite, CpuModel model) {
  fs::path data = fs::path(QUARTZ_SST_DIR) / suite;
  fs::path baseline_path =
      fs::path(QUARTZ_SOURCE_DIR) / "tests" / "conformance" / fmt::format("baseline-{}.json", suite);
  if (!fs::is_directory(data)) {
    FAIL(fmt::format("SingleStepTests data not found at {} (set QUARTZ_SST_DIR)", data.string()));
  }
  Baseline base = load_baseline(baseline_path.string());
  RunOptions o;
  o.inputs = {data.string()};
  o.model = model;
  RunResult r = run_sst(o);
  INFO(fmt::format("{}: {} tests, state {} cycles {} bus {}", suite, r.total.tests,
                   r.total.state_pass, r.total.cycles_pass, r.total.bus_pass));
  auto regressions = find_regressions(base, r);
  for (const auto& line : regressions) FAIL_CHECK(fmt::format("{} regressed: {}", suite, line));
  CHECK(regressions.empty());
  auto better = find_improvements(base, r);
  if (!better.empty()) {
    fmt::print("{}: {} opcodes above the baseline; raise it with\n  quartz conformance sst --cpu {} "
               "--update-baseline {}\n",
               suite, better.size(), suite, baseline_path.string());
  }
}

}  // namespace

TEST_CASE("8086 SingleStepTests pass counts never fall below baseline-8086.json") {
  ratchet("8086", CpuModel::i8086);
}

TEST_CASE("80286 SingleStepTests pass counts never fall below baseline-80286.json") {
  fs::path baseline =
      fs::path(QUARTZ_SOURCE_DIR) / "tests" / "conformance" / "baseline-80286.json";
  if (!fs::exists(baseline)) {
    // No 286 baseline yet: that is only right while there is no 286 core. Once make_cpu
    // builds one, this fails until the baseline is recorded.
    Bus bus(24);
    INFO("a 286 core exists: record tests/conformance/baseline-80286.json with "
         "'quartz conformance sst --cpu 80286 --update-baseline <file>'");
    CHECK(make_cpu(CpuModel::i80286, bus) == nullptr);
    return;
  }
  ratchet("80286", CpuModel::i80286);
}
