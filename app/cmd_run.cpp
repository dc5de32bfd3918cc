// quartz run: build a machine from the command line and run it (see docs/user-guide.md).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

#include <fmt/core.h>

#include "app/commands.hpp"
#include "machine/config.hpp"
#include "machine/headless_runner.hpp"
#include "machine/machine.hpp"
#include "machine/presets.hpp"
#include "machine/rom_files.hpp"
#ifdef QUARTZ_HAVE_GUI
#include "gui/gui_app.hpp"
#endif

namespace quartz::app {

namespace {

// Set by SIGINT/SIGTERM so the run ends between slices and closes its outputs (the WAV
// header, the screenshot). A signal is process-wide by nature; the flag is the only state
// outside the Machine and holds nothing of it.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int) { g_stop_signal = 1; }

bool have_display() {
  const char* x = std::getenv("DISPLAY");
  const char* w = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (w && *w);
}

// The embedded default: the bundled demo disk (read-only, debug port on so a headless run
// shows the demo's report) booted by Quartz's own BIOS, or by --bios if given. If the build
// outputs are missing, the bundled hello program on the bare board is the fallback.
bool apply_default_run(MachineConfig& c, std::string& error) {
  const auto* preset = find_preset(c.machine);
  std::string demo = find_bundled_file("testroms/demo/demo.img");
  std::error_code ec;
  const bool have_demo = std::filesystem::is_regular_file(demo, ec);
  const bool have_bios = !c.bios_path.empty() ||
                         (preset->uses_bios &&
                          std::filesystem::is_regular_file(find_bundled_file(preset->bios_file), ec));
  if (have_demo && have_bios) {
    c.disk_path = demo;
    c.disk_mode = DiskMode::kReadOnly;
    c.debug_port = true;
    return true;
  }
  std::string hello = find_bundled_file("testroms/hello/hello.bin");
  if (c.bios_path.empty() && std::filesystem::is_regular_file(hello, ec)) {
    c.program_path = hello;
    c.machine = "bare";
    c.debug_port = true;
    return true;
  }
  error = fmt::format(
      "quartz run: the bundled demo disk '{}' is missing (build the quartz_roms target){}", demo,
      c.bios_path.empty() ? fmt::format(", and so is '{}'", hello) : std::string());
  return false;
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
  if (config.default_run && !apply_default_run(config, error)) {
    fmt::print(stderr, "{}\n", error);
    return kExitUsage;
  }

  bool headless = config.headless || !have_display();
#ifndef QUARTZ_HAVE_GUI
  if (!headless) {
    fmt::print(stderr, "quartz run: no windowed mode in this build yet; running headless\n");
  }
#endif

  std::unique_ptr<Machine> machine;
  try {
    machine = std::make_unique<Machine>(config);
  } catch (const MachineError& e) {
    fmt::print(stderr, "quartz run: {}\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "quartz run: cannot build the machine: {}\n", e.what());
    return kExitFailure;
  }

#ifdef QUARTZ_HAVE_GUI
  if (!headless) {
    int rc = gui::run_window(*machine, gui::GuiOptions{});  // gui/gui_app.hpp
    if (rc != gui::kWindowUnavailable) return rc;
  }
#endif

  HeadlessOptions o;
  o.max_seconds = config.max_seconds;
  o.post_codes = config.post_codes;
  o.screenshot = config.screenshot;
  o.screenshot_at = config.screenshot_at;
  g_stop_signal = 0;
  o.interrupted = [] { return g_stop_signal != 0; };
  auto old_int = std::signal(SIGINT, on_stop_signal);
  auto old_term = std::signal(SIGTERM, on_stop_signal);
  int status = run_headless(*machine, o);
  std::signal(SIGINT, old_int);
  std::signal(SIGTERM, old_term);
  return status;
}

}  // namespace quartz::app
