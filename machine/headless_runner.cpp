#include "machine/headless_runner.hpp"

#include <fmt/core.h>

namespace quartz {

int run_headless(Machine& m, const HeadlessOptions& o) {
  m.set_debug_sink([&o](char c) {
    std::fputc(c, o.out);
    if (c == '\n') std::fflush(o.out);
  });
  if (o.post_codes)
    m.set_post_code_sink([&o](std::uint8_t v) { fmt::print(o.err, "POST {:02X}h\n", v); });

  const Tick limit = o.max_seconds > 0 ? seconds_to_ticks(o.max_seconds) : kNever;
  // Slices of 1/100 emulated second keep the host responsive to output flushing; the
  // slice boundary is only a scheduler deadline, invisible to the guest.
  const Tick slice = seconds_to_ticks(0.01);
  int status = kRunExitTimeLimit;
  for (;;) {
    Tick now = m.now();
    if (now >= limit) {
      fmt::print(o.err, "quartz run: time limit of {} emulated seconds reached\n",
                 o.max_seconds);
      status = kRunExitTimeLimit;
      break;
    }
    Tick end = limit - now > slice ? now + slice : limit;
    RunResult r = m.run_until(end);
    if (r.stop == RunStop::kShutdownPort) {
      status = kRunExitShutdown;
      break;
    }
    if (r.stop == RunStop::kTripleFault) {
      CpuState s = m.cpu().state();
      fmt::print(o.err,
                 "quartz run: triple fault (CPU shutdown) at {:.6f} emulated seconds; "
                 "the board reset the CPU, now at {:04X}:{:04X}\n",
                 ticks_to_seconds(r.at), s.cs, s.ip);
      status = kRunExitTripleFault;
      break;
    }
  }
  m.finish();
  std::fflush(o.out);
  m.set_debug_sink(nullptr);
  m.set_post_code_sink(nullptr);
  return status;
}

}  // namespace quartz
