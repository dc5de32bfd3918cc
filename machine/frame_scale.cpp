#include "machine/frame_scale.hpp"

#include <cmath>
#include <cstring>
#include <vector>

namespace quartz {

FrameSize display_size(std::uint32_t width, std::uint32_t height, double display_aspect) {
  if (width == 0 || height == 0 || !(display_aspect > 0)) return {width, height};
  const double h = std::floor(double(width) / display_aspect + 0.5);
  return {width, h < 1 ? 1u : std::uint32_t(h)};
}

namespace {
// Index of the source sample under the centre of output sample i, in exact integer
// arithmetic: floor((2i + 1) * src / (2 * dst)).
std::vector<std::uint32_t> nearest_map(std::uint32_t src, std::uint32_t dst) {
  std::vector<std::uint32_t> map(dst);
  for (std::uint32_t i = 0; i < dst; ++i)
    map[i] = std::uint32_t((2 * std::uint64_t(i) + 1) * src / (2 * std::uint64_t(dst)));
  return map;
}
}  // namespace

Frame scale_to_display_aspect(const Frame& f) {
  Frame out;
  out.number = f.number;
  out.display_aspect = f.display_aspect;
  if (f.width == 0 || f.height == 0 || f.rgba.size() < std::size_t(f.width) * f.height * 4)
    return out;
  const FrameSize size = display_size(f.width, f.height, f.display_aspect);
  out.width = size.width;
  out.height = size.height;
  out.rgba.resize(std::size_t(out.width) * out.height * 4);
  const std::vector<std::uint32_t> rows = nearest_map(f.height, out.height);
  const std::vector<std::uint32_t> cols = nearest_map(f.width, out.width);
  const bool same_width = out.width == f.width;
  for (std::uint32_t y = 0; y < out.height; ++y) {
    const std::uint8_t* src = &f.rgba[std::size_t(rows[y]) * f.width * 4];
    std::uint8_t* dst = &out.rgba[std::size_t(y) * out.width * 4];
    if (same_width) {
      std::memcpy(dst, src, std::size_t(f.width) * 4);
      continue;
    }
    for (std::uint32_t x = 0; x < out.width; ++x)
      std::memcpy(dst + std::size_t(x) * 4, src + std::size_t(cols[x]) * 4, 4);
  }
  return out;
}

}  // namespace quartz
