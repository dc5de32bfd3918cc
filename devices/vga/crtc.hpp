#pragma once
// VGA CRT controller (3B4h/3B5h or 3D4h/3D5h by miscellaneous output bit 0), IBM VGA Technical
// Reference "CRT Controller Registers", indexes 00h-18h. Field accessors combine the overflow
// bits (07h, 09h) into the full 10-bit vertical values.
#include <array>
#include <cstdint>

namespace quartz {

class Crtc {
 public:
  static constexpr unsigned kRegCount = 0x19;

  void reset() { index = 0; regs.fill(0); }
  std::uint8_t read_index() const { return index; }
  void write_index(std::uint8_t v) { index = v & 0x1F; }
  std::uint8_t read_data() const { return index < kRegCount ? regs[index] : 0xFF; }
  // Returns true when the write landed (the protect bit may swallow it).
  bool write_data(std::uint8_t v);

  // Register 11h bit 7: protects 00h-07h, except the line compare bit 4 of 07h.
  bool protect() const { return regs[0x11] & 0x80; }

  // Horizontal, in character clocks.
  unsigned horizontal_total() const { return regs[0x00] + 5u; }
  unsigned display_end() const { return regs[0x01] + 1u; }
  // Vertical, in scan lines.
  unsigned vertical_total() const {
    return (regs[0x06] | (regs[0x07] & 0x01) << 8 | (regs[0x07] & 0x20) << 4) + 2u;
  }
  unsigned vertical_display_end() const {
    return (regs[0x12] | (regs[0x07] & 0x02) << 7 | (regs[0x07] & 0x40) << 3) + 1u;
  }
  unsigned vertical_retrace_start() const {
    return regs[0x10] | (regs[0x07] & 0x04) << 6 | (regs[0x07] & 0x80) << 2;
  }
  // Retrace ends when the low 4 bits of the line counter equal register 11h bits 3-0.
  unsigned vertical_retrace_end() const {
    unsigned s = vertical_retrace_start();
    unsigned w = ((regs[0x11] & 0x0F) - s) & 0x0F;
    return s + (w ? w : 16);
  }
  unsigned line_compare() const {
    return regs[0x18] | (regs[0x07] & 0x10) << 4 | (regs[0x09] & 0x40) << 3;
  }
  unsigned preset_row_scan() const { return regs[0x08] & 0x1F; }
  unsigned byte_panning() const { return (regs[0x08] >> 5) & 0x03; }
  unsigned max_scan_line() const { return regs[0x09] & 0x1F; }
  bool double_scan() const { return regs[0x09] & 0x80; }
  bool cursor_off() const { return regs[0x0A] & 0x20; }
  unsigned cursor_start() const { return regs[0x0A] & 0x1F; }
  unsigned cursor_end() const { return regs[0x0B] & 0x1F; }
  unsigned cursor_skew() const { return (regs[0x0B] >> 5) & 0x03; }
  unsigned start_address() const { return unsigned(regs[0x0C]) << 8 | regs[0x0D]; }
  unsigned cursor_location() const { return unsigned(regs[0x0E]) << 8 | regs[0x0F]; }
  unsigned offset() const { return regs[0x13]; }
  unsigned underline_location() const { return regs[0x14] & 0x1F; }
  bool doubleword() const { return regs[0x14] & 0x40; }
  bool count_by_4() const { return regs[0x14] & 0x20; }
  bool cga_compat() const { return !(regs[0x17] & 0x01); }   // row scan 0 -> MA13
  bool hercules_compat() const { return !(regs[0x17] & 0x02); }  // row scan 1 -> MA14
  bool count_by_2() const { return regs[0x17] & 0x08; }
  bool address_wrap() const { return regs[0x17] & 0x20; }
  bool byte_mode() const { return regs[0x17] & 0x40; }
  bool sync_enable() const { return regs[0x17] & 0x80; }

  // Memory address presented to the planes for character address counter `ma` on row scan
  // `row` (CRTC mode control 17h and underline 14h: word/doubleword rotation, CGA/Hercules
  // row-scan substitution).
  std::uint32_t memory_address(std::uint32_t ma, unsigned row) const;

  std::uint8_t index = 0;
  std::array<std::uint8_t, kRegCount> regs{};
};

}  // namespace quartz
