#pragma once
// The `quartz` subcommands. Each takes the arguments after its name and returns the process
// exit status. Usage errors print one line to stderr and return kExitUsage.
#include <span>
#include <string_view>

namespace quartz::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the job ran and found a problem (e.g. tests failed)
inline constexpr int kExitUsage = 2;    // bad command line, missing or malformed input file

using Args = std::span<const std::string_view>;

int cmd_run(Args args);
int cmd_conformance(Args args);
int cmd_bench(Args args);

}  // namespace quartz::app
