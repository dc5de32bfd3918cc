// Placeholder until the owning work lands; reports itself honestly as unavailable.
#include <cstdio>
#include <fmt/core.h>
#include "app/commands.hpp"

namespace quartz::app {
int cmd_run(Args) {
  fmt::print(stderr, "quartz run: not available in this build yet\n");
  return kExitFailure;
}
}  // namespace quartz::app
