#pragma once
// The IBM VGA chip: ports 3B0h-3DFh and the memory window A0000h-BFFFFh, built from its
// register groups (sequencer, CRTC, graphics controller, attribute controller, DAC), the four
// display planes and the raster timing. Rendering is lazy: every port or memory access first
// catches the beam up to that tick (sync), drawing the scan lines completed since, so mid-frame
// changes (palette, start address, split screen, panning) land on the lines real hardware shows.
//
// Board wiring:   Vga vga; vga.attach(bus);            // ports, MMIO window, wait-state hints
// Scheduler:      vga.next_event() -> next vertical retrace start or end; then vga.sync(t)
// Front end:      vga.last_frame() (RGBA, native resolution, frame number, 4:3 aspect)
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "devices/device.hpp"
#include "devices/vga/attribute_controller.hpp"
#include "devices/vga/crtc.hpp"
#include "devices/vga/dac.hpp"
#include "devices/vga/framebuffer.hpp"
#include "devices/vga/graphics_controller.hpp"
#include "devices/vga/planes.hpp"
#include "devices/vga/sequencer.hpp"
#include "devices/vga/timing.hpp"

namespace quartz {

class Bus;

// What the debugger shows about the current mode (decoded from the registers).
struct VgaModeInfo {
  bool graphics = false;
  unsigned width = 0, height = 0;        // output frame size in pixels (dots, lines)
  unsigned text_columns = 0, text_rows = 0, char_height = 0, char_width = 0;
  unsigned bits_per_pixel = 0;           // 4 planar/text, 2 CGA, 8 for 256-colour
  bool chain4 = false, odd_even = false, double_scan = false;
  std::uint32_t dot_hz = 0;
  double line_hz = 0, frame_hz = 0;
  std::uint32_t window_base = 0, window_size = 0;
  std::string describe() const;
};

class Vga : public IoDevice, public MmioHandler {
 public:
  static constexpr std::uint16_t kPortFirst = 0x3B0, kPortLast = 0x3DF;
  static constexpr std::uint32_t kWindowBase = 0xA0000, kWindowSize = 0x20000;
  // Wait states a board charges per access (8-bit ISA VGA card: memory ~ 4 extra cycles at
  // 8 MHz ISA, I/O ports 1). Hints only: the board owns the bus timing.
  static constexpr std::uint8_t kMemWaitStates = 4, kIoWaitStates = 1;

  Vga();
  explicit Vga(Bus& bus) : Vga() { attach(bus); }
  // Map the ports and the A0000h-BFFFFh window on `bus` and set the wait-state hints.
  void attach(Bus& bus);
  // The card's interrupt line (IRQ 2 on the PC, IRQ 2/9 on the AT), driven by the vertical
  // retrace interrupt when CRTC 11h bit 5 enables it. Optional.
  void set_irq(IrqLine* line) { irq_ = line; }

  // Device
  std::string_view name() const override { return "vga"; }
  void reset() override;
  void sync(Tick now) override;
  Tick next_event() const override;

  // IoHandler / MmioHandler
  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;
  void mmio_sync(Tick now) override { sync(now); }
  std::uint8_t mmio_read(std::uint32_t addr) override;
  void mmio_write(std::uint32_t addr, std::uint8_t value) override;

  // The most recently completed frame.
  const Frame& last_frame() const { return front_; }
  std::uint64_t frames_completed() const { return frames_; }
  VgaModeInfo mode_info() const;

  // Register groups, for the debugger and tests (read-only views).
  const Sequencer& sequencer() const { return seq_; }
  const Crtc& crtc() const { return crtc_; }
  const GraphicsController& graphics_controller() const { return gc_; }
  const AttributeController& attribute_controller() const { return ac_; }
  const Dac& dac() const { return dac_; }
  const Planes& planes() const { return planes_; }
  std::uint8_t misc_output() const { return misc_; }
  const RasterGeometry& geometry() const { return timing_.geometry(); }
  // Side-effect-free peek of the CPU view (no latch load), for debuggers.
  std::uint8_t peek(std::uint32_t addr) const;
  std::uint8_t mmio_peek(std::uint32_t addr) const override { return peek(addr); }

 private:
  bool crtc_port(std::uint16_t port) const;  // 3B4/5 or 3D4/5 per misc bit 0
  bool status_port(std::uint16_t port) const;
  std::uint8_t input_status_1() const;
  void timing_may_have_changed();
  RasterGeometry compute_geometry() const;
  void mark_dirty() { dirty_ = true; skip_frame_ = false; }
  void update_irq();

  // Rendering (render_*.cpp).
  void render_until(std::uint64_t abs_line);  // render lines [next_line_, abs_line)
  void process_line(std::uint64_t abs);
  void begin_frame();
  void end_frame();
  void render_scanline(unsigned y);
  void advance_row(unsigned y);
  // Fill line_ with DAC indexes for `chars` character clocks of the current row.
  void draw_text_chars(unsigned chars);
  void draw_graphics_chars(unsigned chars);

  Sequencer seq_;
  Crtc crtc_;
  GraphicsController gc_;
  AttributeController ac_;
  Dac dac_;
  Planes planes_;
  Timing timing_;
  std::uint8_t misc_ = 0;
  std::uint8_t feature_ = 0;
  IrqLine* irq_ = nullptr;
  bool irq_pending_ = false;  // input status 0 bit 7
  Tick now_ = 0;

  // Beam state.
  std::uint64_t next_line_ = 0;  // next abs line to render
  Tick sync_horizon_ = 0;        // no line completes before this tick
  std::uint64_t frames_ = 0;
  std::uint32_t row_ma_ = 0;     // CRTC character address counter at the start of this row
  unsigned row_scan_ = 0;
  unsigned scan_repeat_ = 0;     // double scan: second showing of the row scan
  bool pan_enabled_ = true;
  bool dirty_ = true;
  bool skip_frame_ = false;
  unsigned blink_key_ = ~0u;
  Frame back_, front_;
  std::vector<std::uint8_t> line_;  // DAC indexes of one scan line (one spare char for panning)
};

}  // namespace quartz
