#pragma once
// CRTC-derived raster timing on the master clock. A scan line lasts horizontal_total character
// clocks of 8 or 9 dots (x2 when the sequencer halves the dot clock); a frame lasts
// vertical_total lines; the dot clock is 25.175 or 28.322 MHz (miscellaneous output bits 3-2).
// Lines are numbered absolutely from power-on ("abs line") so that the renderer can catch up
// lazily; reprogramming the timing starts a new epoch at the next line boundary.
#include <cstdint>

#include "memory/clock.hpp"

namespace quartz {

struct RasterGeometry {
  std::uint32_t dot_hz = 25'175'000;
  unsigned char_dots = 9;       // full-rate dots per character clock (incl. dot clock / 2)
  unsigned htotal = 100;        // character clocks per line
  unsigned hdisplay = 80;       // character clocks of active display
  unsigned vtotal = 449;        // lines per frame
  unsigned vdisplay = 400;      // active lines
  unsigned vretrace_start = 412;
  unsigned vretrace_end = 414;  // first line after retrace
  bool operator==(const RasterGeometry&) const = default;
  std::uint64_t line_dots() const { return std::uint64_t(htotal) * char_dots; }
  double line_hz() const { return double(dot_hz) / double(line_dots()); }
  double frame_hz() const { return line_hz() / double(vtotal); }
};

class Timing {
 public:
  void reset(const RasterGeometry& g, Tick now);
  // New timing from `now`: the line in progress counts as complete and the new epoch starts
  // with the following line of the frame.
  void reconfigure(const RasterGeometry& g, Tick now);
  const RasterGeometry& geometry() const { return g_; }

  // Lines completed or started: the abs line containing `now`.
  std::uint64_t abs_line(Tick now) const;
  // Dot within the current line at `now`.
  std::uint64_t dot_in_line(Tick now) const;
  // Line of the frame (0 = first displayed line) for an abs line of this epoch.
  unsigned frame_line(std::uint64_t abs) const {
    return unsigned((abs - epoch_line_ + epoch_frame_line_) % g_.vtotal);
  }
  // Master tick at which abs line `abs` begins (abs >= epoch start).
  Tick line_start(std::uint64_t abs) const;
  std::uint64_t epoch_line() const { return epoch_line_; }

 private:
  RasterGeometry g_{};
  ClockRatio dot_{};
  Tick origin_ = 0;
  std::uint64_t epoch_line_ = 0;
  unsigned epoch_frame_line_ = 0;
};

}  // namespace quartz
