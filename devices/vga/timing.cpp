#include "devices/vga/timing.hpp"

namespace quartz {

void Timing::reset(const RasterGeometry& g, Tick now) {
  g_ = g;
  dot_ = ClockRatio::from_hz(g.dot_hz);
  origin_ = now;
  epoch_line_ = 0;
  epoch_frame_line_ = 0;
}

void Timing::reconfigure(const RasterGeometry& g, Tick now) {
  std::uint64_t cur = abs_line(now);
  unsigned fl = frame_line(cur) + 1;
  g_ = g;
  dot_ = ClockRatio::from_hz(g.dot_hz);
  origin_ = now;
  epoch_line_ = cur + 1;
  epoch_frame_line_ = fl < g.vtotal ? fl : 0;
}

std::uint64_t Timing::abs_line(Tick now) const {
  if (now < origin_) return epoch_line_ ? epoch_line_ - 1 : 0;
  return epoch_line_ + dot_.to_cycles(now - origin_) / g_.line_dots();
}

std::uint64_t Timing::dot_in_line(Tick now) const {
  if (now < origin_) return 0;
  return dot_.to_cycles(now - origin_) % g_.line_dots();
}

Tick Timing::line_start(std::uint64_t abs) const {
  return origin_ + dot_.to_ticks((abs - epoch_line_) * g_.line_dots());
}

}  // namespace quartz
