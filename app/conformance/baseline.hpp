#pragma once
// The conformance ratchet: a baseline file (the JSON shape of `--json`) holds the pass counts
// per opcode that the core has reached; a run may raise them, never lower them.
#include <map>
#include <string>
#include <vector>

#include "app/conformance/sst_runner.hpp"

namespace quartz::conformance {

struct Baseline {
  std::string cpu;
  PassCounts total;
  std::map<std::string, PassCounts> opcodes;
};

// Parses a baseline / --json file; throws MooError naming `display_name` when malformed.
Baseline parse_baseline(std::string_view json_text, const std::string& display_name);
// Throws MooError "<path>: no such baseline file" when absent.
Baseline load_baseline(const std::string& path);

// One line per regression, e.g. "opcode F6.6: bus pass 812 < baseline 900"; an opcode in the
// baseline that the run did not cover counts as a regression too (unless `only_run` is set,
// for runs restricted with --opcode).
std::vector<std::string> find_regressions(const Baseline& base, const RunResult& now,
                                          bool only_run = false);

// Opcodes whose counts rose above the baseline ("opcode 00: state 900 -> 1000").
std::vector<std::string> find_improvements(const Baseline& base, const RunResult& now);

// The run's counts merged over the old baseline (opcodes not run keep their old counts),
// serialised like format_json().
std::string merged_baseline_json(const Baseline& old, const RunResult& now);

}  // namespace quartz::conformance
