#include "machine/headless_runner.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "machine/frame_scale.hpp"
#include "machine/png_writer.hpp"

namespace quartz {

namespace {

// Writes the VGA's most recent complete frame. Returns false (reported) on failure.
bool take_screenshot(Machine& m, const HeadlessOptions& o) {
  Vga* vga = m.vga();
  if (!vga) {
    fmt::print(o.err, "quartz run: --screenshot '{}': the '{}' machine has no display\n",
               o.screenshot, m.preset().name);
    return false;
  }
  const Frame& f = vga->last_frame();
  if (f.width == 0 || f.height == 0) {
    fmt::print(o.err, "quartz run: --screenshot '{}': no complete frame displayed yet\n",
               o.screenshot);
    return false;
  }
  std::string error;
  // --screenshot-aspect lives in the machine's configuration (MachineConfig), next to the
  // other --screenshot settings.
  if (m.config().screenshot_aspect) {
    const Frame shown = scale_to_display_aspect(f);
    if (!write_png(o.screenshot, shown.width, shown.height, shown.rgba, &error)) {
      fmt::print(o.err, "quartz run: {}\n", error);
      return false;
    }
    return true;
  }
  if (!write_png(o.screenshot, f.width, f.height, f.rgba, &error)) {
    fmt::print(o.err, "quartz run: {}\n", error);
    return false;
  }
  return true;
}

}  // namespace

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
  bool shot_pending = !o.screenshot.empty();
  const Tick shot_at = o.screenshot_at > 0 ? seconds_to_ticks(o.screenshot_at) : kNever;
  bool shot_failed = false;
  for (;;) {
    Tick now = m.now();
    if (shot_pending && now >= shot_at) {
      shot_pending = false;
      shot_failed = !take_screenshot(m, o);
    }
    if (now >= limit) {
      fmt::print(o.err, "quartz run: time limit of {} emulated seconds reached\n",
                 o.max_seconds);
      status = kRunExitTimeLimit;
      break;
    }
    if (o.interrupted && o.interrupted()) {
      fmt::print(o.err, "quartz run: interrupted after {:.3f} emulated seconds\n",
                 ticks_to_seconds(now));
      status = kRunExitInterrupted;
      break;
    }
    Tick end = limit - now > slice ? now + slice : limit;
    if (shot_pending && shot_at > now && shot_at < end) end = shot_at;
    RunResult r = m.run_until(end);
    if (r.stop == RunStop::kShutdownPort) {
      status = kRunExitShutdown;
      break;
    }
    if (r.stop == RunStop::kTripleFault) {
      // An AT BIOS returns from protected mode through a deliberate shutdown, having left
      // the reason in CMOS byte 0Fh (IBM AT Technical Reference, BIOS listing, shutdown
      // codes; 0 = none). Only an unannounced shutdown is a crash that ends the run.
      if (Cmos* cmos = m.cmos(); cmos && cmos->peek(Cmos::kShutdownStatus) != 0) continue;
      CpuState s = m.cpu().state();
      fmt::print(o.err,
                 "quartz run: triple fault (CPU shutdown) at {:.6f} emulated seconds; "
                 "the board reset the CPU, now at {:04X}:{:04X}\n",
                 ticks_to_seconds(r.at), s.cs, s.ip);
      status = kRunExitTripleFault;
      break;
    }
  }
  if (shot_pending) {
    // The run ended mid-frame: let the beam finish the picture that shows the final state
    // (the next complete frame; at most 0.1 s of emulated time, whatever the guest does).
    if (Vga* vga = m.vga()) {
      const std::uint64_t target = vga->frames_completed() + 2;
      const Tick until = m.now() + seconds_to_ticks(0.1);
      while (vga->frames_completed() < target && m.now() < until)
        m.run_until(std::min(until, m.now() + seconds_to_ticks(0.005)));
    }
    shot_failed = !take_screenshot(m, o);
  }
  m.finish();
  if (shot_failed && status == kRunExitShutdown) status = kRunExitFailure;
  std::fflush(o.out);
  m.set_debug_sink(nullptr);
  m.set_post_code_sink(nullptr);
  return status;
}

}  // namespace quartz
