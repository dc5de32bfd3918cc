// Beam catch-up and the per-scan-line CRTC address sequence shared by text and graphics:
// start address latch, preset row scan, byte and pel panning, row scan / double scan,
// offset, line compare split, and the AC/DAC output stage.
#include <algorithm>
#include <cstring>

#include "devices/vga/vga.hpp"

namespace quartz {

void Vga::render_until(std::uint64_t target) {
  while (next_line_ < target) {
    const unsigned vt = timing_.geometry().vtotal;
    // Far behind (nothing touched the chip for frames): the skipped frames all look alike,
    // so count them and draw only the last one.
    if (target - next_line_ > 2ull * vt && timing_.frame_line(next_line_) == 0) {
      std::uint64_t k = (target - next_line_) / vt - 1;
      frames_ += k;
      next_line_ += k * vt;
      if (crtc_.regs[0x11] & 0x10) {  // retraces passed in the skipped frames
        irq_pending_ = true;
        update_irq();
      }
      continue;
    }
    process_line(next_line_++);
  }
}

void Vga::process_line(std::uint64_t abs) {
  const RasterGeometry& g = timing_.geometry();
  unsigned fl = timing_.frame_line(abs);
  // Vertical retrace interrupt: set when retrace starts (the line before it completes) while
  // CRTC 11h bit 4 is 1 (a 0 holds it cleared); it reaches the IRQ line unless bit 5 is 1.
  if (fl + 1 == g.vretrace_start && (crtc_.regs[0x11] & 0x10)) {
    irq_pending_ = true;
    update_irq();
  }
  if (fl == 0) begin_frame();
  if (fl < g.vdisplay) render_scanline(fl);
  if (fl + 1 == g.vdisplay) end_frame();
}

void Vga::begin_frame() {
  const RasterGeometry& g = timing_.geometry();
  std::uint32_t w = std::min(g.hdisplay * g.char_dots, 4096u);
  std::uint32_t h = std::min(g.vdisplay, 2048u);
  if (w != back_.width || h != back_.height) {
    back_.width = w;
    back_.height = h;
    back_.rgba.assign(std::size_t(w) * h * 4, 0);
    for (std::size_t i = 3; i < back_.rgba.size(); i += 4) back_.rgba[i] = 0xFF;
    dirty_ = true;
  }
  // Text blinks (cursor every 16 frames, attribute every 32) change the picture by themselves.
  unsigned key = ac_.graphics() ? 0u : unsigned((frames_ >> 4) & 3);
  if (key != blink_key_) {
    blink_key_ = key;
    dirty_ = true;
  }
  skip_frame_ = !dirty_;
  dirty_ = false;
  // The start address and preset row scan are latched once per frame.
  row_ma_ = crtc_.start_address() + crtc_.byte_panning();
  row_scan_ = crtc_.preset_row_scan();
  scan_repeat_ = 0;
  pan_enabled_ = true;
}

void Vga::end_frame() {
  ++frames_;
  if (front_.width != back_.width || front_.height != back_.height ||
      front_.rgba.size() != back_.rgba.size() || !skip_frame_ || front_.number == 0) {
    front_.width = back_.width;
    front_.height = back_.height;
    front_.rgba = back_.rgba;
  }
  front_.number = frames_;
}

void Vga::advance_row(unsigned y) {
  if (y == crtc_.line_compare()) {
    // Split screen: the lines after the compare line show memory from address 0.
    row_ma_ = 0;
    row_scan_ = 0;
    scan_repeat_ = 0;
    if (ac_.pan_reset_at_split()) pan_enabled_ = false;
    return;
  }
  if (crtc_.double_scan() && scan_repeat_ == 0) {
    scan_repeat_ = 1;
    return;
  }
  scan_repeat_ = 0;
  if (row_scan_ == crtc_.max_scan_line()) {
    row_scan_ = 0;
    // The offset register counts words (x2 character addresses per row).
    row_ma_ += crtc_.offset() * 2;
  } else {
    row_scan_ = (row_scan_ + 1) & 0x1F;
  }
}

void Vga::render_scanline(unsigned y) {
  if (!skip_frame_ && y < back_.height) {
    const RasterGeometry& g = timing_.geometry();
    const unsigned chars = g.hdisplay + 1;  // one spare character for pel panning
    const unsigned cw = seq_.dot8() ? 8 : 9;
    const bool half = seq_.dot_clock_half();
    // The frame's width was fixed at frame start; registers changed since may draw fewer
    // dots, so the line buffer always covers the frame width (the rest stays index 0).
    const std::size_t frame_dots = half ? (back_.width + 1) / 2 : back_.width;
    line_.assign(std::max(std::size_t(chars) * cw, frame_dots) + 16, 0);
    std::uint8_t* out = &back_.rgba[std::size_t(y) * back_.width * 4];
    if (seq_.screen_off() || !ac_.palette_source()) {
      // Screen off blanks to black; with PAS = 0 the display shows the overscan colour.
      std::uint32_t c = seq_.screen_off() ? 0 : dac_.rgb(ac_.overscan() & dac_.pel_mask);
      for (std::uint32_t x = 0; x < back_.width; ++x, out += 4) {
        out[0] = std::uint8_t(c >> 16);
        out[1] = std::uint8_t(c >> 8);
        out[2] = std::uint8_t(c);
      }
    } else {
      if (ac_.graphics()) draw_graphics_chars(chars);
      else draw_text_chars(chars);
      unsigned pan = pan_enabled_ ? ac_.pel_panning() : 0;
      unsigned shift;
      if (cw == 9) shift = pan >= 8 ? 0 : pan + 1;  // 9-dot text: 8 = no shift, 0 = 1 dot
      else shift = pan & 7;
      const std::uint8_t mask = dac_.pel_mask;
      const std::uint8_t* src = line_.data() + shift;
      if (half) {
        for (std::uint32_t x = 0; x < back_.width; ++x, out += 4)
          std::memcpy(out, &dac_.rgba[src[x >> 1] & mask], 4);
      } else {
        for (std::uint32_t x = 0; x < back_.width; ++x, out += 4)
          std::memcpy(out, &dac_.rgba[src[x] & mask], 4);
      }
    }
  }
  advance_row(y);
}

}  // namespace quartz
