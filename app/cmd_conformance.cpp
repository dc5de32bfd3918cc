// `quartz conformance sst ...`: runs SingleStepTests MOO files against the CPU core and
// reports per-opcode pass rates (app/conformance/, docs/conformance.md).
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/core.h>

#include "app/commands.hpp"
#include "app/conformance/baseline.hpp"
#include "app/conformance/moo_reader.hpp"
#include "app/conformance/report.hpp"
#include "app/conformance/sst_runner.hpp"

namespace quartz::app {

namespace {

using namespace quartz::conformance;

constexpr const char* kUsage =
    "usage: quartz conformance sst [options] [FILE_OR_DIR...]\n"
    "\n"
    "Runs SingleStepTests MOO files (.MOO or .MOO.gz; folders are searched for them) against\n"
    "the CPU core and prints per-opcode pass counts for final state, cycle count and bus\n"
    "trace. metadata.json must sit beside the files. Without FILE_OR_DIR the bundled suite\n"
    "for --cpu is used (" QUARTZ_SST_DIR "/<cpu>).\n"
    "\n"
    "options:\n"
    "  --cpu 8086|8088|80286     CPU model (default: from the MOO header)\n"
    "  --opcode XX[,YY...]       only these opcodes (\"F6\" = F6.0-F6.7, \"F6.6\" = one file)\n"
    "  --show-failures N         print N failing tests in detail (traces side by side)\n"
    "  --failures KIND           which failures to show: any (default), state, cycles, bus;\n"
    "                            all shows passing tests too (e.g. with --test N);\n"
    "                            unexplained: not just the 286 capture signature\n"
    "  --per-opcode M            show at most M failures per opcode file\n"
    "  --only-failing            list only opcodes with failures (table and --markdown)\n"
    "  --test N                  run only the test at position N (0-based) of each file\n"
    "  --json OUT                write the results as JSON (the baseline format)\n"
    "  --markdown OUT            write the per-opcode table as Markdown\n"
    "  --threads N               worker threads (default: one per hardware thread)\n"
    "  --check-baseline FILE     exit 1 if any opcode's pass count is below FILE's\n"
    "  --update-baseline FILE    raise FILE to this run's counts (refused on a regression)\n"
    "\n"
    "exit status: 0 every test passed (or the baseline holds), 1 failures (or a regression),\n"
    "2 bad command line or input file.\n";

int usage_error(const std::string& msg) {
  fmt::print(stderr, "quartz conformance: {}\n", msg);
  return kExitUsage;
}

bool parse_count(std::string_view s, std::size_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << text;
  return bool(out.flush());
}

int cmd_sst(Args args) {
  RunOptions opts;
  std::string json_out, md_out, check_baseline, update_baseline;
  bool only_failing = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    auto value = [&](std::string_view& v) {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string_view v;
    if (a == "--help" || a == "-h") {
      fmt::print("{}", kUsage);
      return kExitOk;
    } else if (a == "--cpu") {
      CpuModel m;
      if (!value(v)) return usage_error("--cpu needs a model (8086, 8088 or 80286)");
      if (!parse_cpu_model(v, m)) return usage_error(fmt::format("unknown CPU model '{}'", v));
      opts.model = m;
    } else if (a == "--opcode") {
      if (!value(v) || v.empty()) return usage_error("--opcode needs an opcode such as F6 or 00");
      opts.opcode_filter = std::string(v);
    } else if (a == "--show-failures") {
      if (!value(v) || !parse_count(v, opts.show_failures))
        return usage_error("--show-failures needs a number");
    } else if (a == "--failures") {
      if (!value(v)) {
        return usage_error("--failures needs any, state, cycles, bus, all or unexplained");
      }
      if (v == "any") opts.show_kind = FailureKind::kAny;
      else if (v == "state") opts.show_kind = FailureKind::kState;
      else if (v == "cycles") opts.show_kind = FailureKind::kCycles;
      else if (v == "bus") opts.show_kind = FailureKind::kBus;
      else if (v == "all") opts.show_kind = FailureKind::kAll;
      else if (v == "unexplained") opts.show_kind = FailureKind::kUnexplained;
      else return usage_error(fmt::format(
          "--failures: unknown kind '{}' (any, state, cycles, bus, all, unexplained)", v));
    } else if (a == "--test") {
      std::size_t n = 0;
      if (!value(v) || !parse_count(v, n) || n > 0xFFFFFFFFu)
        return usage_error("--test needs a test position (0, 1, ...)");
      opts.only_test = std::uint32_t(n);
    } else if (a == "--per-opcode") {
      if (!value(v) || !parse_count(v, opts.failures_per_opcode) || opts.failures_per_opcode == 0)
        return usage_error("--per-opcode needs a number of at least 1");
    } else if (a == "--only-failing") {
      only_failing = true;
    } else if (a == "--threads") {
      std::size_t n = 0;
      if (!value(v) || !parse_count(v, n) || n == 0 || n > 256)
        return usage_error("--threads needs a number from 1 to 256");
      opts.threads = unsigned(n);
    } else if (a == "--json") {
      if (!value(v)) return usage_error("--json needs an output file");
      json_out = std::string(v);
    } else if (a == "--markdown") {
      if (!value(v)) return usage_error("--markdown needs an output file");
      md_out = std::string(v);
    } else if (a == "--check-baseline") {
      if (!value(v)) return usage_error("--check-baseline needs a baseline file");
      check_baseline = std::string(v);
    } else if (a == "--update-baseline") {
      if (!value(v)) return usage_error("--update-baseline needs a baseline file");
      update_baseline = std::string(v);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error(fmt::format("unknown option '{}' (try 'quartz conformance sst --help')", a));
    } else {
      opts.inputs.emplace_back(a);
    }
  }
  if (opts.inputs.empty()) {
    if (!opts.model) {
      return usage_error("no MOO files or folders given (or use --cpu for the bundled suite)");
    }
    const char* sub = *opts.model == CpuModel::i80286 ? "80286"
                      : *opts.model == CpuModel::i8086 ? "8086"
                                                       : nullptr;
    if (!sub) return usage_error("no bundled suite for the 8088: give MOO files or folders");
    opts.inputs.push_back((std::filesystem::path(QUARTZ_SST_DIR) / sub).string());
  }

  // Read the baseline before the (long) run so a bad path fails at once.
  Baseline base;
  bool have_base = false;
  try {
    if (!check_baseline.empty()) {
      base = load_baseline(check_baseline);
      have_base = true;
    } else if (!update_baseline.empty() && std::filesystem::exists(update_baseline)) {
      base = load_baseline(update_baseline);
      have_base = true;
    }
  } catch (const MooError& e) {
    return usage_error(e.what());
  }

  RunResult r;
  try {
    r = run_sst(opts);
  } catch (const MooError& e) {
    return usage_error(e.what());
  } catch (const RunError& e) {
    fmt::print(stderr, "quartz conformance: {}\n", e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    // Anything else (out of memory, a core that cannot be built) is still one line, not a crash.
    fmt::print(stderr, "quartz conformance: {}\n", e.what());
    return kExitFailure;
  }

  for (const auto& w : r.warnings) fmt::print(stderr, "quartz conformance: warning: {}\n", w);
  for (const auto& f : r.failures) fmt::print("{}\n", f);
  fmt::print("{}", format_table(r, only_failing));

  if (!json_out.empty() && !write_file(json_out, format_json(r)))
    return usage_error(fmt::format("{}: cannot write the JSON report", json_out));
  if (!md_out.empty() && !write_file(md_out, format_markdown(r, only_failing)))
    return usage_error(fmt::format("{}: cannot write the Markdown table", md_out));

  if (!check_baseline.empty() || !update_baseline.empty()) {
    bool only_run = !opts.opcode_filter.empty();
    auto regressions = have_base ? find_regressions(base, r, only_run) : std::vector<std::string>{};
    for (const auto& line : regressions) fmt::print("REGRESSION {}\n", line);
    if (!regressions.empty()) {
      if (!update_baseline.empty())
        fmt::print(stderr, "quartz conformance: {} not updated: the run is below it\n",
                   update_baseline);
      return kExitFailure;
    }
    if (have_base)
      for (const auto& line : find_improvements(base, r)) fmt::print("improved {}\n", line);
    if (!update_baseline.empty()) {
      if (!write_file(update_baseline, merged_baseline_json(base, r)))
        return usage_error(fmt::format("{}: cannot write the baseline", update_baseline));
      fmt::print("baseline {} updated\n", update_baseline);
    }
    return kExitOk;
  }
  const auto& t = r.total;
  bool all = t.state_pass == t.tests && t.cycles_pass == t.tests && t.bus_pass == t.tests;
  return all ? kExitOk : kExitFailure;
}

}  // namespace

int cmd_conformance(Args args) {
  if (args.empty()) return usage_error("which suite? (try 'quartz conformance --help')");
  if (args[0] == "--help" || args[0] == "-h") {
    fmt::print("{}", kUsage);
    return kExitOk;
  }
  if (args[0] == "sst") return cmd_sst(args.subspan(1));
  return usage_error(fmt::format("unknown suite '{}' (known: sst)", args[0]));
}

}  // namespace quartz::app
