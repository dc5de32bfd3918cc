// All-points-addressable modes. The graphics controller's shift register mode decides how the
// four plane bytes fetched per character clock become pixels (IBM VGA Technical Reference,
// graphics mode register bits 5-6):
//   planar   : 8 pixels, pixel i takes bit 7-i of planes 0-3 (16-colour modes 0Dh-12h)
//   interleave: CGA 4-colour, 2-bit pixels from plane 0 then plane 1 (planes 2/3 for bits 2-3)
//   256-colour: 4 pixels of 8 bits, one per plane, each shown for two dots (13h, mode X)
#include <array>

#include "devices/vga/vga.hpp"

namespace quartz {

namespace {
// spread[b]: byte i (memory order) holds bit 7-i of b, so four planes OR into nibbles.
constexpr std::array<std::uint64_t, 256> make_spread() {
  std::array<std::uint64_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b)
    for (unsigned i = 0; i < 8; ++i)
      if (b & (0x80u >> i)) t[b] |= std::uint64_t(1) << (8 * i);
  return t;
}
constexpr auto kSpread = make_spread();
}  // namespace

void Vga::draw_graphics_chars(unsigned chars) {
  const unsigned cw = seq_.dot8() ? 8 : 9;
  const unsigned shift = crtc_.count_by_4() ? 2 : crtc_.count_by_2() ? 1 : 0;
  std::uint8_t lut[16];
  for (unsigned i = 0; i < 16; ++i) lut[i] = ac_.map_colour(std::uint8_t(i));
  const bool mode256 = gc_.shift_256();
  const bool interleave = gc_.shift_interleave();
  const bool direct8 = ac_.pel_width_8bit();

  std::uint8_t* px = line_.data();
  for (unsigned c = 0; c < chars; ++c) {
    std::uint32_t counter = (row_ma_ + (c >> shift)) & 0xFFFF;
    std::uint32_t w = planes_.vram[crtc_.memory_address(counter, row_scan_)];
    std::uint8_t p0 = std::uint8_t(w), p1 = std::uint8_t(w >> 8), p2 = std::uint8_t(w >> 16),
                 p3 = std::uint8_t(w >> 24);
    if (mode256) {
      const std::uint8_t v[4] = {p0, p1, p2, p3};
      for (unsigned i = 0; i < 4; ++i) {
        // 8-bit pel width: both nibbles form one DAC index (the palette is bypassed).
        std::uint8_t d = direct8 ? v[i] : lut[v[i] & 0x0F];
        *px++ = d;
        *px++ = d;
      }
    } else if (interleave) {
      for (unsigned i = 0; i < 8; ++i) {
        unsigned sh = 6 - 2 * (i & 3);
        std::uint8_t lo = i < 4 ? p0 : p1, hi = i < 4 ? p2 : p3;
        *px++ = lut[((lo >> sh) & 3) | (((hi >> sh) & 3) << 2)];
      }
    } else {
      std::uint64_t pix = kSpread[p0] | kSpread[p1] << 1 | kSpread[p2] << 2 | kSpread[p3] << 3;
      for (unsigned i = 0; i < 8; ++i) *px++ = lut[(pix >> (8 * i)) & 0x0F];
    }
    if (cw == 9) *px++ = lut[0];
  }
}

}  // namespace quartz
