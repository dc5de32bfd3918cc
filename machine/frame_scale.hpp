#pragma once
// Scales a VGA frame to the shape the monitor shows it. The VGA scans every standard mode to
// a 4:3 picture (Frame::display_aspect) whatever its pixel count, so a 720x400 text frame is
// shown with tall pixels and a double-scanned 320x200 mode arrives here as 640x400. For
// screenshots "as seen on the monitor" the width is kept and the lines are resampled
// (nearest neighbour, no blending, so every output colour is one the VGA produced):
// 720x400 -> 720x540, 640x400 -> 640x480, 640x350 -> 640x480, 640x480 unchanged.
#include <cstdint>

#include "devices/vga/framebuffer.hpp"

namespace quartz {

struct FrameSize {
  std::uint32_t width = 0, height = 0;
};

// The output size for a frame of width x height pixels shown at display_aspect (width /
// height of the whole picture): same width, height = width / display_aspect, rounded.
FrameSize display_size(std::uint32_t width, std::uint32_t height, double display_aspect);

// Resamples `f` to display_size(f.width, f.height, f.display_aspect). Output row y shows
// source row floor((y + 1/2) * f.height / out.height) (the row under the centre of the
// output row); columns map the same way. Frame number and aspect are copied. An empty frame
// gives an empty frame.
Frame scale_to_display_aspect(const Frame& f);

}  // namespace quartz
