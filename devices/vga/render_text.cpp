// Alphanumeric modes: character in plane 0, attribute in plane 1, glyph rows in plane 2 (32
// bytes per character in the font the sequencer's character map select picks by attribute
// bit 3). IBM VGA Technical Reference: attribute byte, 9th-dot line graphics (C0h-DFh),
// underline location, cursor start/end/skew, blink (attribute mode control bit 3).
#include "devices/vga/vga.hpp"

namespace quartz {

void Vga::draw_text_chars(unsigned chars) {
  const unsigned cw = seq_.dot8() ? 8 : 9;
  const unsigned shift = crtc_.count_by_4() ? 2 : crtc_.count_by_2() ? 1 : 0;
  // Cursor on for 16 frames, off for 16; blinking characters on 32, off 32.
  const bool cursor_phase = !((frames_ >> 4) & 1);
  const bool blink_phase = !((frames_ >> 5) & 1);
  const bool cursor_row = !crtc_.cursor_off() && cursor_phase &&
                          crtc_.cursor_start() <= crtc_.cursor_end() &&
                          row_scan_ >= crtc_.cursor_start() && row_scan_ <= crtc_.cursor_end();
  const std::uint32_t cursor_at = crtc_.cursor_location() + crtc_.cursor_skew();
  const bool underline_row = row_scan_ == crtc_.underline_location();
  std::uint8_t lut[16];
  for (unsigned i = 0; i < 16; ++i) lut[i] = ac_.map_colour(std::uint8_t(i));

  std::uint8_t* px = line_.data();
  for (unsigned c = 0; c < chars; ++c) {
    std::uint32_t counter = (row_ma_ + (c >> shift)) & 0xFFFF;
    std::uint32_t word = planes_.vram[crtc_.memory_address(counter, row_scan_)];
    std::uint8_t ch = std::uint8_t(word);
    std::uint8_t at = std::uint8_t(word >> 8);
    std::uint32_t glyph_addr = seq_.font_base(at & 0x08) + ch * 32u + row_scan_;
    std::uint8_t bits = planes_.plane(2, glyph_addr);
    std::uint8_t fg = at & 0x0F;
    std::uint8_t bg = at >> 4;
    if (ac_.blink_enable()) {
      bg &= 0x07;
      if ((at & 0x80) && !blink_phase) bits = 0;
    }
    // Underline: foreground 001 on background 000 (the monochrome underline attribute).
    if (underline_row && (at & 0x77) == 0x01) bits = 0xFF;
    if (cursor_row && counter == cursor_at) bits = 0xFF;
    const std::uint8_t f = lut[fg], b = lut[bg];
    for (int i = 7; i >= 0; --i) *px++ = (bits >> i) & 1 ? f : b;
    if (cw == 9) {
      bool ninth = ac_.line_graphics() && ch >= 0xC0 && ch <= 0xDF && (bits & 1);
      *px++ = ninth ? f : b;
    }
  }
}

}  // namespace quartz
