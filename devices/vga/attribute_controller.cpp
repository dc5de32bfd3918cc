#include "devices/vga/attribute_controller.hpp"

namespace quartz {

namespace {
// Palette registers hold 6 bits; 10h has no bit 4; 12h keeps the video status mux bits.
constexpr std::uint8_t writable(unsigned i) {
  return i < 0x10 ? 0x3F : i == 0x10 ? 0xEF : i == 0x11 ? 0xFF : i == 0x12 ? 0x3F : 0x0F;
}
}  // namespace

void AttributeController::write(std::uint8_t v) {
  if (!flipflop_data) {
    index = v & 0x3F;
  } else {
    unsigned i = index & 0x1F;
    // The palette registers (0-Fh) can only be written while PAS = 0, i.e. while the
    // display is not using them (IBM VGA Technical Reference, attribute address register).
    if (i < kRegCount && !(i < 0x10 && palette_source())) regs[i] = v & writable(i);
  }
  flipflop_data = !flipflop_data;
}

std::uint8_t AttributeController::read_data() const {
  unsigned i = index & 0x1F;
  return i < kRegCount ? regs[i] : 0x00;
}

std::uint8_t AttributeController::map_colour(std::uint8_t v) const {
  std::uint8_t p = regs[v & color_plane_enable() & 0x0F];
  std::uint8_t cs = color_select();
  if (p54_select()) p = std::uint8_t((p & 0x0F) | ((cs & 0x03) << 4));
  return std::uint8_t((p & 0x3F) | ((cs & 0x0C) << 4));
}

}  // namespace quartz
