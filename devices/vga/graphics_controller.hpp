#pragma once
// VGA graphics controller (ports 3CEh index / 3CFh data), IBM VGA Technical Reference
// "Graphics Controller Registers": set/reset, enable set/reset, color compare, data rotate,
// read map select, graphics mode, miscellaneous, color don't care, bit mask.
#include <array>
#include <cstdint>

namespace quartz {

class GraphicsController {
 public:
  static constexpr unsigned kRegCount = 9;

  void reset() { index = 0; regs.fill(0); regs[8] = 0xFF; }
  std::uint8_t read_index() const { return index; }
  void write_index(std::uint8_t v) { index = v & 0x0F; }
  std::uint8_t read_data() const { return index < kRegCount ? regs[index] : 0xFF; }
  void write_data(std::uint8_t v);

  std::uint8_t set_reset() const { return regs[0] & 0x0F; }
  std::uint8_t enable_set_reset() const { return regs[1] & 0x0F; }
  std::uint8_t color_compare() const { return regs[2] & 0x0F; }
  unsigned rotate_count() const { return regs[3] & 0x07; }
  unsigned function_select() const { return (regs[3] >> 3) & 0x03; }  // 0 move 1 AND 2 OR 3 XOR
  unsigned read_map_select() const { return regs[4] & 0x03; }
  unsigned write_mode() const { return regs[5] & 0x03; }
  unsigned read_mode() const { return (regs[5] >> 3) & 0x01; }
  bool host_odd_even() const { return regs[5] & 0x10; }
  bool shift_interleave() const { return regs[5] & 0x20; }  // CGA 4-colour shift register
  bool shift_256() const { return regs[5] & 0x40; }         // 256-colour shift register
  bool graphics() const { return regs[6] & 0x01; }          // 0 = alphanumeric
  bool chain_odd_even() const { return regs[6] & 0x02; }
  unsigned memory_map() const { return (regs[6] >> 2) & 0x03; }
  std::uint8_t color_dont_care() const { return regs[7] & 0x0F; }
  std::uint8_t bit_mask() const { return regs[8]; }

  // CPU window selected by memory map select (bits 3-2 of the miscellaneous register).
  std::uint32_t window_base() const;
  std::uint32_t window_size() const;

  std::uint8_t index = 0;
  std::array<std::uint8_t, kRegCount> regs{};
};

}  // namespace quartz
