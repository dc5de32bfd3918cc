#pragma once
// VGA sequencer (ports 3C4h index / 3C5h data), IBM VGA Technical Reference "Sequencer
// Registers": reset, clocking mode, map mask, character map select, memory mode.
#include <array>
#include <cstdint>

namespace quartz {

class Sequencer {
 public:
  static constexpr unsigned kRegCount = 5;

  void reset() { index = 0; regs.fill(0); }
  std::uint8_t read_index() const { return index; }
  void write_index(std::uint8_t v) { index = v & 0x07; }
  std::uint8_t read_data() const { return index < kRegCount ? regs[index] : 0xFF; }
  void write_data(std::uint8_t v);

  // Clocking mode (index 1).
  bool dot8() const { return regs[1] & 0x01; }            // 8/9 dot clocks: 1 = 8 dots
  bool dot_clock_half() const { return regs[1] & 0x08; }  // dot clock / 2 (320-wide modes)
  bool screen_off() const { return regs[1] & 0x20; }
  // Map mask (index 2): planes a CPU write may change.
  std::uint8_t map_mask() const { return regs[2] & 0x0F; }
  // Character map select (index 3): plane-2 offset of font A (attribute bit 3 = 1) and
  // font B (attribute bit 3 = 0). The 3-bit map number is (bit5|bit3|bit2) / (bit4|bit1|bit0)
  // and selects 0, 16K, 32K, 48K, 8K, 24K, 40K, 56K.
  std::uint32_t font_base(bool attr_bit3) const;
  // Memory mode (index 4).
  bool chain4() const { return regs[4] & 0x08; }
  bool odd_even() const { return !(regs[4] & 0x04); }  // bit 2 is "odd/even disable"

  std::uint8_t index = 0;
  std::array<std::uint8_t, kRegCount> regs{};
};

}  // namespace quartz
