// quartz run: build a machine from the command line and run it (see docs/user-guide.md).
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/core.h>

#include "app/commands.hpp"
#include "machine/config.hpp"
#include "machine/headless_runner.hpp"
#include "machine/machine.hpp"
#include "machine/rom_files.hpp"

namespace quartz::app {

namespace {

bool have_display() {
  const char* x = std::getenv("DISPLAY");
  const char* w = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (w && *w);
}

// The embedded default: the bundled hello program on the bare board (RAM + CPU), the path
// that works before the BIOS and the chips are all in.
void apply_default_run(MachineConfig& c) {
  c.program_path = find_bundled_file("testroms/hello/hello.bin");
  c.machine = "bare";
  c.debug_port = true;
}

}  // namespace

int cmd_run(Args args) {
  MachineConfig config;
  std::string error;
  switch (parse_run_options(args, config, error)) {
    case ParseStatus::kHelp:
      fmt::print("{}", run_options_help());
      return kExitOk;
    case ParseStatus::kError:
      fmt::print(stderr, "{}\n", error);
      return kExitUsage;
    case ParseStatus::kOk:
      break;
  }
  if (config.default_run) apply_default_run(config);

  bool headless = config.headless || !have_display();
  if (!headless) {
    fmt::print(stderr, "quartz run: no windowed mode in this build yet; running headless\n");
  }

  std::unique_ptr<Machine> machine;
  try {
    machine = std::make_unique<Machine>(config);
  } catch (const MachineError& e) {
    fmt::print(stderr, "quartz run: {}\n", e.what());
    return kExitUsage;
  }

  HeadlessOptions o;
  o.max_seconds = config.max_seconds;
  o.post_codes = config.post_codes;
  return run_headless(*machine, o);
}

}  // namespace quartz::app
