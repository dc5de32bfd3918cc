#pragma once
// The picture the VGA produced: one RGBA8888 image of the active display area exactly as the
// CRTC scans it (720x400 for text mode 03h, 640x480 for mode 12h, 640x400 for the double-scanned
// 320x200 modes), plus the frame counter and the shape a front end needs to show it at 4:3.
#include <cstdint>
#include <vector>

namespace quartz {

struct Frame {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  // width*height pixels, each 4 bytes R,G,B,A in memory order (A is always 255).
  std::vector<std::uint8_t> rgba;
  // Number of frames the CRTC has completed when this one was finished (blink phases count it).
  std::uint64_t number = 0;
  // The VGA monitor shows every mode at 4:3. pixel_aspect() is the width/height of one pixel
  // on the screen (720x400 -> 0.74, 640x480 -> 1.0, 640x400 -> 0.83).
  double display_aspect = 4.0 / 3.0;
  double pixel_aspect() const {
    return height && width ? display_aspect * double(height) / double(width) : 1.0;
  }
  std::uint32_t pixel(std::uint32_t x, std::uint32_t y) const {
    const std::uint8_t* p = &rgba[(std::size_t(y) * width + x) * 4];
    return std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2];  // 0xRRGGBB
  }
};

}  // namespace quartz
