#include "devices/vga/vga.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "memory/bus.hpp"

namespace quartz {

namespace {
// Miscellaneous output bits 3-2: VGA crystal 0 = 25.175 MHz (640-dot modes), 1 = 28.322 MHz
// (720-dot modes). 2 and 3 are the feature connector's external clock; treat them as 0.
constexpr std::uint32_t kDotClocks[4] = {25'175'000, 28'322'000, 25'175'000, 25'175'000};
}  // namespace

Vga::Vga() { reset(); }

void Vga::attach(Bus& bus) {
  bus.map_io(kPortFirst, kPortLast, this);
  bus.map_mmio(kWindowBase, kWindowSize, this);
  bus.set_mem_wait_states(kWindowBase, kWindowSize, kMemWaitStates);
}

void Vga::reset() {
  seq_.reset();
  crtc_.reset();
  gc_.reset();
  ac_.reset();
  dac_.reset();
  planes_.reset();
  misc_ = 0;
  feature_ = 0;
  irq_pending_ = false;
  update_irq();
  timing_.reset(compute_geometry(), now_);
  next_line_ = 0;
  sync_horizon_ = 0;
  row_ma_ = 0;
  row_scan_ = 0;
  scan_repeat_ = 0;
  dirty_ = true;
  skip_frame_ = false;
  blink_key_ = ~0u;
}

RasterGeometry Vga::compute_geometry() const {
  RasterGeometry g;
  g.dot_hz = kDotClocks[(misc_ >> 2) & 3];
  g.char_dots = (seq_.dot8() ? 8u : 9u) * (seq_.dot_clock_half() ? 2u : 1u);
  g.htotal = crtc_.horizontal_total();
  g.hdisplay = std::min(crtc_.display_end(), g.htotal);
  g.vtotal = crtc_.vertical_total();
  g.vdisplay = std::min(crtc_.vertical_display_end(), g.vtotal);
  g.vretrace_start = crtc_.vertical_retrace_start();
  if (g.vretrace_start >= g.vtotal) g.vretrace_start = g.vdisplay % g.vtotal;
  g.vretrace_end = std::min(crtc_.vertical_retrace_end(), g.vtotal);
  if (g.vretrace_end <= g.vretrace_start) g.vretrace_end = g.vretrace_start + 1;
  return g;
}

void Vga::timing_may_have_changed() {
  RasterGeometry g = compute_geometry();
  if (g == timing_.geometry()) return;
  // Finish the line in progress under the old timing; the new one starts with the next line.
  render_until(timing_.abs_line(now_) + 1);
  timing_.reconfigure(g, now_);
  next_line_ = timing_.epoch_line();
  sync_horizon_ = 0;
  mark_dirty();
}

void Vga::sync(Tick now) {
  if (now > now_) now_ = now;
  // Nothing completes before the next line boundary: skip the clock arithmetic on the many
  // memory accesses that fall inside one scan line.
  if (now_ < sync_horizon_) return;
  render_until(timing_.abs_line(now_));
  sync_horizon_ = timing_.line_start(next_line_ + 1);
}

Tick Vga::next_event() const {
  const RasterGeometry& g = timing_.geometry();
  // Unprogrammed CRTC (power-on zeros): no meaningful raster, do not wake the scheduler
  // every few microseconds before the BIOS sets a mode.
  if (g.vtotal < 16 || g.htotal < 16) return kNever;
  std::uint64_t cur = timing_.abs_line(now_);
  unsigned fl = timing_.frame_line(cur);
  std::uint64_t target;
  if (fl < g.vretrace_start) target = cur + (g.vretrace_start - fl);
  else if (fl < g.vretrace_end) target = cur + (g.vretrace_end - fl);
  else target = cur + (g.vtotal - fl) + g.vretrace_start;
  Tick t = timing_.line_start(target);
  return t > now_ ? t : now_ + 1;
}

void Vga::update_irq() {
  if (irq_) irq_->set_level(irq_pending_ && !(crtc_.regs[0x11] & 0x20));
}

bool Vga::crtc_port(std::uint16_t port) const {
  // Miscellaneous output bit 0 (I/O address select): 1 = colour 3Dx, 0 = monochrome 3Bx.
  return (misc_ & 1) ? (port == 0x3D4 || port == 0x3D5) : (port == 0x3B4 || port == 0x3B5);
}

bool Vga::status_port(std::uint16_t port) const {
  return (misc_ & 1) ? port == 0x3DA : port == 0x3BA;
}

std::uint8_t Vga::input_status_1() const {
  const RasterGeometry& g = timing_.geometry();
  unsigned fl = timing_.frame_line(timing_.abs_line(now_));
  std::uint64_t dot = timing_.dot_in_line(now_);
  std::uint8_t v = 0;
  // Bit 3: vertical retrace in progress. Bit 0: display disabled (horizontal or vertical
  // non-display interval), which programs poll to find the end of the visible line.
  if (fl >= g.vretrace_start && fl < g.vretrace_end) v |= 0x08;
  if (fl >= g.vdisplay || dot >= std::uint64_t(g.hdisplay) * g.char_dots) v |= 0x01;
  return v;
}

std::uint8_t Vga::io_read(std::uint16_t port) {
  if ((port & 0xFFFE) == 0x3B4 || (port & 0xFFFE) == 0x3D4) {
    if (!crtc_port(port)) return 0xFF;
    return (port & 1) ? crtc_.read_data() : crtc_.read_index();
  }
  if (port == 0x3BA || port == 0x3DA) {
    if (!status_port(port)) return 0xFF;
    ac_.reset_flipflop();  // reading input status 1 points 3C0h back at the index
    return input_status_1();
  }
  switch (port) {
    case 0x3C0: return ac_.read_index();
    case 0x3C1: return ac_.read_data();
    case 0x3C2: return irq_pending_ ? 0x80 : 0x00;  // input status 0: bit 7 CRT interrupt
    case 0x3C3: return 0x01;  // VGA enable
    case 0x3C4: return seq_.read_index();
    case 0x3C5: return seq_.read_data();
    case 0x3C6: return dac_.pel_mask;
    case 0x3C7: return dac_.read_state();
    case 0x3C8: return dac_.read_write_index();
    case 0x3C9: return dac_.read_data();
    case 0x3CA: return feature_;
    case 0x3CC: return misc_;
    case 0x3CE: return gc_.read_index();
    case 0x3CF: return gc_.read_data();
    default: return 0xFF;
  }
}

void Vga::io_write(std::uint16_t port, std::uint8_t v) {
  if ((port & 0xFFFE) == 0x3B4 || (port & 0xFFFE) == 0x3D4) {
    if (!crtc_port(port)) return;
    if (!(port & 1)) {
      crtc_.write_index(v);
    } else if (crtc_.write_data(v)) {
      mark_dirty();
      timing_may_have_changed();
      // CRTC 11h bit 4 = 0 clears the vertical interrupt; bit 5 = 1 disables it.
      if (crtc_.index == 0x11) {
        if (!(v & 0x10)) irq_pending_ = false;
        update_irq();
      }
    }
    return;
  }
  if (port == 0x3BA || port == 0x3DA) {
    if (status_port(port)) feature_ = v & 0x03;
    return;
  }
  switch (port) {
    case 0x3C0:
      ac_.write(v);
      mark_dirty();
      break;
    case 0x3C2:
      misc_ = v & 0xEF;
      mark_dirty();
      timing_may_have_changed();
      break;
    case 0x3C4: seq_.write_index(v); break;
    case 0x3C5:
      seq_.write_data(v);
      mark_dirty();
      timing_may_have_changed();
      break;
    case 0x3C6:
      dac_.pel_mask = v;
      mark_dirty();
      break;
    case 0x3C7: dac_.set_read_index(v); break;
    case 0x3C8: dac_.set_write_index(v); break;
    case 0x3C9:
      dac_.write_data(v);
      mark_dirty();
      break;
    case 0x3CE: gc_.write_index(v); break;
    case 0x3CF:
      gc_.write_data(v);
      mark_dirty();
      break;
    default: break;
  }
}

std::uint8_t Vga::mmio_read(std::uint32_t addr) {
  std::uint32_t base = gc_.window_base();
  if (addr < base || addr - base >= gc_.window_size()) return 0xFF;
  return planes_.cpu_read(addr - base, seq_, gc_);
}

void Vga::mmio_write(std::uint32_t addr, std::uint8_t v) {
  std::uint32_t base = gc_.window_base();
  if (addr < base || addr - base >= gc_.window_size()) return;
  planes_.cpu_write(addr - base, v, seq_, gc_);
  mark_dirty();
}

std::uint8_t Vga::peek(std::uint32_t addr) const {
  std::uint32_t base = gc_.window_base();
  if (addr < base || addr - base >= gc_.window_size()) return 0xFF;
  std::uint32_t off = addr - base;
  if (seq_.chain4()) return planes_.plane(off & 3, off & ~3u);
  if (gc_.host_odd_even()) return planes_.plane((gc_.read_map_select() & 2) | (off & 1), off & ~1u);
  return planes_.plane(gc_.read_map_select(), off);
}

VgaModeInfo Vga::mode_info() const {
  const RasterGeometry& g = timing_.geometry();
  VgaModeInfo m;
  m.graphics = ac_.graphics();
  m.width = g.hdisplay * g.char_dots;
  m.height = g.vdisplay;
  m.char_width = seq_.dot8() ? 8 : 9;
  m.char_height = crtc_.max_scan_line() + 1;
  if (!m.graphics) {
    m.text_columns = g.hdisplay;
    m.text_rows = g.vdisplay / (m.char_height * (crtc_.double_scan() ? 2 : 1));
  }
  m.bits_per_pixel = gc_.shift_256() ? 8 : gc_.shift_interleave() ? 2 : 4;
  m.chain4 = seq_.chain4();
  m.odd_even = seq_.odd_even();
  m.double_scan = crtc_.double_scan();
  m.dot_hz = g.dot_hz;
  m.line_hz = g.line_hz();
  m.frame_hz = g.frame_hz();
  m.window_base = gc_.window_base();
  m.window_size = gc_.window_size();
  return m;
}

std::string VgaModeInfo::describe() const {
  if (!graphics)
    return fmt::format("text {}x{} ({}x{} cell), {}x{} dots, {:.3f} kHz / {:.3f} Hz", text_columns,
                       text_rows, char_width, char_height, width, height, line_hz / 1000.0,
                       frame_hz);
  return fmt::format("graphics {}x{} {} bpp{}{}, {:.3f} kHz / {:.3f} Hz", width, height,
                     bits_per_pixel, chain4 ? " chain-4" : "", double_scan ? " double-scan" : "",
                     line_hz / 1000.0, frame_hz);
}

}  // namespace quartz
