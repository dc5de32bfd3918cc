#pragma once
// `quartz bench --video`: what the VGA's rendering costs on the full `at` machine. One run
// boots testroms/vga/benchvid.img and measures four phases of equal emulated length, the guest
// looping on the same store loop in each: text mode 03h writing the text buffer, mode 03h
// writing plain RAM, mode 13h writing pixels, mode 13h writing plain RAM. With no video writes
// the VGA keeps scanning (timing, retrace) but redraws nothing, so the RAM phases are the
// machine "without rendering" and the ratio of the two speeds is the rendering cost.
#include <cstdint>
#include <cstdio>
#include <string>

namespace quartz::app {

struct VideoBenchPhase {
  std::string name;
  double emulated_seconds = 0;
  double host_seconds = 0;      // CPU time of this process (robust on a busy host)
  std::uint64_t frames = 0;     // frames the CRTC completed during the phase
  double speed() const { return host_seconds > 0 ? emulated_seconds / host_seconds : 0; }
};

struct VideoBenchResult {
  VideoBenchPhase text_video, text_ram, mode13_video, mode13_ram;
  // speed without video writes / speed with them (>= 1 when rendering costs time).
  static double cost_ratio(const VideoBenchPhase& video, const VideoBenchPhase& ram) {
    return video.speed() > 0 ? ram.speed() / video.speed() : 0;
  }
  // Host milliseconds each rendered frame added: the extra host time of the video phase over
  // the RAM phase (scaled to the same emulated time) per frame completed.
  static double ms_per_frame(const VideoBenchPhase& video, const VideoBenchPhase& ram);
};

// Runs the four phases of `emulated_seconds` each. Throws MachineError (missing image or
// ROM) or std::runtime_error (the guest did not answer).
VideoBenchResult measure_video(double emulated_seconds);

// The `quartz bench --video` entry point: measures, prints a report on `out`, returns the
// process exit status (0; 2 when a bundled file is missing; 1 when the guest misbehaved,
// with one message on `err`).
int bench_video(double emulated_seconds = 2.0, std::FILE* out = stdout, std::FILE* err = stderr);

}  // namespace quartz::app
