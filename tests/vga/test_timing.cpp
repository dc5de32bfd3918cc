// Raster timing seen through input status 1 (3DAh): vertical retrace (bit 3) and display
// disabled (bit 0) must change at the rates the CRTC values and dot clock define.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/vga/vga_rig.hpp"

using namespace vgatest;

namespace {
struct Measured {
  double frame_hz;
  double retrace_lines;
  double disabled_fraction_in_display;  // share of polls with bit 0 set while bit 3 clear
};

Measured measure(Rig& r, double line_ticks_expected) {
  std::vector<Tick> rises, falls;
  bool prev = r.in(0x3DA) & 0x08;
  unsigned polls = 0, disabled = 0;
  const Tick step = 37;  // master ticks between polls (prime-ish, not a line divisor)
  Tick end = r.t + Tick(3.2 * 14'318'180 / 59.0);
  while (r.t < end) {
    r.t += step;
    std::uint8_t s = r.in(0x3DA);
    bool vr = s & 0x08;
    if (vr && !prev) rises.push_back(r.t);
    if (!vr && prev) falls.push_back(r.t);
    prev = vr;
    if (rises.size() == 1 && !vr) {
      ++polls;
      if (s & 0x01) ++disabled;
    }
  }
  REQUIRE(rises.size() >= 2);
  REQUIRE(!falls.empty());
  Tick fall = 0;
  for (Tick f : falls)
    if (f > rises[0]) { fall = f; break; }
  Measured m;
  m.frame_hz = kMasterHz / double(rises[1] - rises[0]);
  m.retrace_lines = double(fall - rises[0]) / line_ticks_expected;
  m.disabled_fraction_in_display = double(disabled) / double(polls);
  return m;
}
}  // namespace

TEST_CASE("mode 03h timing - 70.086 Hz frames, 2-line vertical retrace") {
  Rig r;
  r.set_mode(kMode03);
  // 28.322 MHz / (100 chars x 9 dots) = 31.469 kHz; / 449 lines = 70.086 Hz.
  const double line_ticks = kMasterHz / (28'322'000.0 / 900.0);
  Measured m = measure(r, line_ticks);
  CHECK(m.frame_hz == Approx(70.086).epsilon(0.005));
  CHECK(m.retrace_lines == Approx(2.0).margin(0.1));  // lines 412-413 (VRS 19Ch, VRE Eh)
  // Vertical blanking share: lines 400..448 of 449, plus 20 of 100 chars on the others.
  double expected = (49.0 + 400.0 * 0.2) / 449.0;
  CHECK(m.disabled_fraction_in_display == Approx(expected).margin(0.02));
}

TEST_CASE("mode 12h timing - 59.94 Hz frames") {
  Rig r;
  r.set_mode(kMode12);
  const double line_ticks = kMasterHz / (25'175'000.0 / 800.0);
  Measured m = measure(r, line_ticks);
  CHECK(m.frame_hz == Approx(59.94).epsilon(0.005));
  CHECK(m.retrace_lines == Approx(2.0).margin(0.1));  // 1EAh .. 1EBh
}

TEST_CASE("next_event reports vertical retrace start and end") {
  Rig r;
  r.set_mode(kMode13);
  r.vga.sync(r.t);
  Tick start = r.vga.next_event();
  REQUIRE(start > r.t);
  r.t = start - 20;
  CHECK((r.in(0x3DA) & 0x08) == 0);
  r.t = start + 5;
  CHECK((r.in(0x3DA) & 0x08) != 0);
  Tick end = r.vga.next_event();
  // Mode 13h: retrace 19Ch..19Dh = 2 lines of 800 dots at 25.175 MHz.
  CHECK(double(end - start) == Approx(2 * 800 * kMasterHz / 25'175'000.0).margin(2));
  r.t = end + 5;
  CHECK((r.in(0x3DA) & 0x08) == 0);
}

namespace {
struct Line : quartz::IrqLine {
  int rises = 0;
  bool level = false;
  void set_level(bool high) override {
    if (high && !level) ++rises;
    level = high;
  }
};
}  // namespace

TEST_CASE("vertical retrace interrupt: CRTC 11h bit 4 clears, bit 5 disables, 3C2h bit 7") {
  Rig r;
  Line irq;
  r.vga.set_irq(&irq);
  r.set_mode(kMode13);  // 11h = 8Eh: bit 4 = 0 keeps the interrupt cleared
  r.run_frames(1.5);
  CHECK(irq.rises == 0);
  CHECK((r.in(0x3C2) & 0x80) == 0);
  r.crtc(0x11, 0x1E);  // enable (bit 5 = 0), stop clearing (bit 4 = 1)
  r.vga.sync(r.t);
  Tick start = r.vga.next_event();  // next retrace start
  r.t = start - 30;
  CHECK((r.in(0x3C2) & 0x80) == 0);
  r.t = start + 5;
  CHECK((r.in(0x3C2) & 0x80) != 0);
  CHECK(irq.level);
  CHECK(irq.rises == 1);
  r.crtc(0x11, 0x0E);  // bit 4 = 0: clear
  CHECK_FALSE(irq.level);
  CHECK((r.in(0x3C2) & 0x80) == 0);
  r.crtc(0x11, 0x3E);  // disabled: pending is still reported in 3C2h, the line stays low
  r.run_frames(1.5);
  CHECK((r.in(0x3C2) & 0x80) != 0);
  CHECK_FALSE(irq.level);
}
