#pragma once
// Runs a Machine without a window until the guest powers off (port 8900h), the emulated
// time limit, or a triple fault, streaming the guest's debug-port output (E9h) to `out` and,
// when asked, POST codes (port 80h) to `err`. The windowed front end drives the same
// Machine::run_until() from its frame loop.
#include <cstdio>
#include <functional>
#include <string>

#include "machine/machine.hpp"

namespace quartz {

// Exit statuses of `quartz run` (documented in its --help and docs/user-guide.md).
enum RunExit : int {
  kRunExitShutdown = 0,     // the guest wrote "Shutdown" to port 8900h
  kRunExitFailure = 1,      // a host-side failure while running (e.g. screenshot not written)
  kRunExitUsage = 2,        // bad command line or unusable input file
  kRunExitTimeLimit = 3,    // --max-seconds reached
  kRunExitTripleFault = 4,  // the CPU shut down (triple fault)
  kRunExitInterrupted = 130,  // the host asked to stop (Ctrl-C): 128 + SIGINT
};

struct HeadlessOptions {
  double max_seconds = 0;         // 0: no limit
  bool post_codes = false;        // print POST codes on `err`
  std::string screenshot;         // PNG of the VGA's last frame ("" = none)
  double screenshot_at = 0;       // emulated seconds; 0 = when the run ends
  std::function<bool()> interrupted;  // polled between slices; true ends the run
  std::FILE* out = stdout;        // debug-port text
  std::FILE* err = stderr;        // reports
};

int run_headless(Machine& machine, const HeadlessOptions& options);

}  // namespace quartz
