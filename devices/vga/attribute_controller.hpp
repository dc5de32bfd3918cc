#pragma once
// VGA attribute controller (port 3C0h index/data through one flip-flop, 3C1h read), IBM VGA
// Technical Reference "Attribute Controller Registers": palette 0-15, mode control, overscan,
// color plane enable, horizontal pel panning, color select.
#include <array>
#include <cstdint>

namespace quartz {

class AttributeController {
 public:
  static constexpr unsigned kRegCount = 0x15;

  void reset() { index = 0; flipflop_data = false; regs.fill(0); }
  // Port 3C0h write: the flip-flop alternates between index and data. Reading input status 1
  // resets it to "index" (reset_flipflop()).
  void write(std::uint8_t v);
  std::uint8_t read_index() const { return index; }  // 3C0h read: index incl. PAS bit 5
  std::uint8_t read_data() const;                     // 3C1h
  void reset_flipflop() { flipflop_data = false; }

  // Palette address source (index bit 5): 0 = CPU owns the palette and the screen shows the
  // overscan colour; 1 = normal display.
  bool palette_source() const { return index & 0x20; }
  std::uint8_t mode() const { return regs[0x10]; }
  bool graphics() const { return regs[0x10] & 0x01; }
  bool mono_emulation() const { return regs[0x10] & 0x02; }
  bool line_graphics() const { return regs[0x10] & 0x04; }  // 9th dot copies 8th for C0-DF
  bool blink_enable() const { return regs[0x10] & 0x08; }
  bool pan_reset_at_split() const { return regs[0x10] & 0x20; }
  bool pel_width_8bit() const { return regs[0x10] & 0x40; }
  bool p54_select() const { return regs[0x10] & 0x80; }
  std::uint8_t overscan() const { return regs[0x11]; }
  std::uint8_t color_plane_enable() const { return regs[0x12] & 0x0F; }
  std::uint8_t pel_panning() const { return regs[0x13] & 0x0F; }
  std::uint8_t color_select() const { return regs[0x14] & 0x0F; }

  // The palette path for a 4-bit pixel: color plane enable, palette register, then bits 7-6
  // (and 5-4 when P54S) from the color select register. Result: the 8-bit DAC index.
  std::uint8_t map_colour(std::uint8_t v) const;

  std::uint8_t index = 0;
  bool flipflop_data = false;
  std::array<std::uint8_t, kRegCount> regs{};
};

}  // namespace quartz
