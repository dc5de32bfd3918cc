// quartz: the command-line front. Dispatches to the subcommands in app/cmd_*.cpp.
#include <array>
#include <cstdio>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "app/commands.hpp"

namespace {

using namespace quartz::app;

struct Command {
  std::string_view name;
  int (*fn)(Args);
  std::string_view summary;
};

constexpr std::array kCommands{
    Command{"run", cmd_run, "run a machine (default: the bundled demo disk on Quartz's BIOS)"},
    Command{"conformance", cmd_conformance, "run CPU test suites (SingleStepTests MOO files)"},
    Command{"bench", cmd_bench, "measure emulation speed"},
};

void print_help() {
  fmt::print(
      "Quartz {} - a cycle-accurate x86 PC emulator\n\n"
      "usage: quartz <command> [options]\n"
      "       quartz --help | --version\n\n"
      "commands:\n",
      QUARTZ_VERSION);
  for (const auto& c : kCommands) fmt::print("  {:<12} {}\n", c.name, c.summary);
  fmt::print("\n'quartz <command> --help' describes a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    // No command: the embedded default, as the README's first command promises.
    return cmd_run({});
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help();
    return kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    fmt::print("quartz {}\n", QUARTZ_VERSION);
    return kExitOk;
  }
  for (const auto& c : kCommands) {
    if (args[0] == c.name) return c.fn(Args(args).subspan(1));
  }
  fmt::print(stderr, "quartz: unknown command '{}' (try 'quartz --help')\n", args[0]);
  return kExitUsage;
}
