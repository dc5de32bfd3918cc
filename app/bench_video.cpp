#include "app/bench_video.hpp"

#include <chrono>
#include <ctime>
#include <stdexcept>

#include <fmt/core.h>

#include "machine/machine.hpp"
#include "machine/rom_files.hpp"

namespace quartz::app {

namespace {

// Guest interface of testroms/vga/benchvid.asm.
constexpr std::uint32_t kPhaseByte = 0x0500;
constexpr std::uint8_t kShutdown = 0xFF;

double cpu_seconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

// Runs until the guest's output contains `text` (at most `limit` emulated seconds).
bool run_until_output(Machine& m, const std::string& text, double limit) {
  const Tick end = m.now() + seconds_to_ticks(limit);
  while (m.now() < end) {
    if (m.debug_output().find(text) != std::string::npos) return true;
    RunResult r = m.run_for(seconds_to_ticks(0.01));
    if (r.stop == RunStop::kShutdownPort || r.stop == RunStop::kTripleFault) break;
  }
  return m.debug_output().find(text) != std::string::npos;
}

VideoBenchPhase run_phase(Machine& m, std::uint8_t phase, const char* name, double seconds) {
  m.bus().poke8(kPhaseByte, phase);
  // The mode set (INT 10h) happens before the acknowledgement; then one frame to settle.
  if (!run_until_output(m, fmt::format("phase={:04X}", phase), 1.0))
    throw std::runtime_error(fmt::format("the guest did not start phase {} ({})", phase, name));
  m.run_for(seconds_to_ticks(0.05));
  VideoBenchPhase p;
  p.name = name;
  const std::uint64_t f0 = m.vga()->frames_completed();
  const Tick t0 = m.now();
  const double h0 = cpu_seconds();
  m.run_for(seconds_to_ticks(seconds));
  p.host_seconds = cpu_seconds() - h0;
  p.emulated_seconds = ticks_to_seconds(m.now() - t0);
  p.frames = m.vga()->frames_completed() - f0;
  return p;
}

}  // namespace

double VideoBenchResult::ms_per_frame(const VideoBenchPhase& video, const VideoBenchPhase& ram) {
  if (video.frames == 0 || ram.emulated_seconds <= 0) return 0;
  const double ram_host = ram.host_seconds * video.emulated_seconds / ram.emulated_seconds;
  return (video.host_seconds - ram_host) * 1000.0 / double(video.frames);
}

VideoBenchResult measure_video(double emulated_seconds) {
  MachineConfig c;
  c.machine = "at";
  c.disk_path = find_bundled_file("testroms/vga/benchvid.img");
  c.disk_mode = DiskMode::kSnapshot;
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  if (!m.vga()) throw std::runtime_error("the 'at' machine has no VGA");
  if (!run_until_output(m, "benchvid ready", 30.0))
    throw std::runtime_error("the benchmark guest did not boot (no \"benchvid ready\")");
  VideoBenchResult r;
  r.text_video = run_phase(m, 1, "mode 03h, writing text memory", emulated_seconds);
  r.text_ram = run_phase(m, 2, "mode 03h, writing RAM only", emulated_seconds);
  r.mode13_video = run_phase(m, 3, "mode 13h, writing pixels", emulated_seconds);
  r.mode13_ram = run_phase(m, 4, "mode 13h, writing RAM only", emulated_seconds);
  m.bus().poke8(kPhaseByte, kShutdown);
  m.run_for(seconds_to_ticks(0.1));
  return r;
}

int bench_video(double emulated_seconds, std::FILE* out, std::FILE* err) {
  VideoBenchResult r;
  try {
    r = measure_video(emulated_seconds);
  } catch (const MachineError& e) {
    fmt::print(err, "quartz bench --video: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(err, "quartz bench --video: {}\n", e.what());
    return 1;
  }
  fmt::print(out,
             "video benchmark: 'at' machine booting testroms/vga/benchvid.img, {:.1f} emulated s "
             "per phase\n(speed = emulated seconds per host CPU second)\n",
             emulated_seconds);
  for (const VideoBenchPhase* p : {&r.text_video, &r.text_ram, &r.mode13_video, &r.mode13_ram})
    fmt::print(out, "  {:<32} speed {:7.2f}  frames {:5}  host {:.3f} s\n", p->name, p->speed(),
               p->frames, p->host_seconds);
  fmt::print(out, "  text 03h:  rendering slows the machine by x{:.3f}, {:.3f} host ms per frame\n",
             VideoBenchResult::cost_ratio(r.text_video, r.text_ram),
             VideoBenchResult::ms_per_frame(r.text_video, r.text_ram));
  fmt::print(out, "  mode 13h:  rendering slows the machine by x{:.3f}, {:.3f} host ms per frame\n",
             VideoBenchResult::cost_ratio(r.mode13_video, r.mode13_ram),
             VideoBenchResult::ms_per_frame(r.mode13_video, r.mode13_ram));
  return 0;
}

}  // namespace quartz::app
