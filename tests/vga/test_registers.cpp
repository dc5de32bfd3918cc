// Register-file behaviour: attribute flip-flop, DAC indexes, CRTC protect, port selection.
#include <catch2/catch.hpp>

#include "tests/vga/vga_rig.hpp"

using namespace vgatest;

TEST_CASE("attribute flip-flop alternates index/data and input status 1 resets it") {
  Rig r;
  r.out(0x3C2, 0x01);  // colour ports
  r.in(0x3DA);
  r.out(0x3C0, 0x03);          // index 3, PAS = 0
  r.out(0x3C0, 0x2A);          // data
  CHECK(r.in(0x3C0) == 0x03);  // index reads back
  CHECK(r.in(0x3C1) == 0x2A);
  r.out(0x3C0, 0x04);          // the flip-flop is at "index" again
  r.out(0x3C0, 0x15);
  CHECK(r.in(0x3C1) == 0x15);
  r.out(0x3C0, 0x05);          // index 5 ...
  r.in(0x3DA);                 // ... reset: next write is an index again
  r.out(0x3C0, 0x06);
  r.out(0x3C0, 0x11);
  CHECK(r.in(0x3C0) == 0x06);
  CHECK(r.in(0x3C1) == 0x11);
  // Palette registers are 6 bits wide.
  r.in(0x3DA);
  r.out(0x3C0, 0x07);
  r.out(0x3C0, 0xFF);
  CHECK(r.in(0x3C1) == 0x3F);
  // With PAS = 1 the palette cannot be written, other registers can.
  r.in(0x3DA);
  r.out(0x3C0, 0x27);
  r.out(0x3C0, 0x01);
  CHECK(r.in(0x3C1) == 0x3F);
  r.out(0x3C0, 0x31);
  r.out(0x3C0, 0x09);
  CHECK(r.in(0x3C1) == 0x09);  // overscan
}

TEST_CASE("DAC write and read indexes auto-increment after three components") {
  Rig r;
  r.out(0x3C8, 0x10);
  for (int i = 0; i < 6; ++i) r.out(0x3C9, std::uint8_t(0x40 | (i * 5)));  // bits 7-6 dropped
  CHECK(r.in(0x3C8) == 0x12);
  CHECK(r.in(0x3C7) == 0x00);  // write mode
  r.out(0x3C7, 0x10);
  CHECK(r.in(0x3C7) == 0x03);  // read mode
  for (int i = 0; i < 6; ++i) CHECK(r.in(0x3C9) == i * 5);
  CHECK(r.vga.dac().read_index == 0x12);
  // An entry becomes visible only with its third component.
  r.out(0x3C8, 0x20);
  r.out(0x3C9, 0x3F);
  r.out(0x3C9, 0x3F);
  CHECK(r.vga.dac().rgb(0x20) == 0);
  r.out(0x3C9, 0x3F);
  CHECK(r.vga.dac().rgb(0x20) == 0xFFFFFF);
  r.out(0x3C6, 0x0F);
  CHECK(r.in(0x3C6) == 0x0F);
}

TEST_CASE("CRTC protect bit guards registers 0-7 except line compare bit 8") {
  Rig r;
  r.out(0x3C2, 0x01);
  r.crtc(0x11, 0x00);
  r.crtc(0x00, 0x5F);
  r.crtc(0x07, 0x00);
  r.crtc(0x11, 0x80);  // protect
  r.crtc(0x00, 0x11);
  r.crtc(0x06, 0x22);
  r.crtc(0x07, 0xFF);
  r.crtc(0x08, 0x05);  // not protected
  CHECK(r.vga.crtc().regs[0x00] == 0x5F);
  CHECK(r.vga.crtc().regs[0x06] == 0x00);
  CHECK(r.vga.crtc().regs[0x07] == 0x10);
  CHECK(r.vga.crtc().regs[0x08] == 0x05);
  r.crtc(0x11, 0x00);
  r.crtc(0x00, 0x11);
  CHECK(r.vga.crtc().regs[0x00] == 0x11);
}

TEST_CASE("misc output bit 0 moves the CRTC and input status 1 between 3Bx and 3Dx") {
  Rig r;
  r.out(0x3C2, 0x00);  // monochrome addresses
  r.out(0x3B4, 0x0C);
  r.out(0x3B5, 0x12);
  CHECK(r.in(0x3D5) == 0xFF);
  CHECK(r.in(0x3B5) == 0x12);
  r.out(0x3D4, 0x0C);  // ignored
  r.out(0x3D5, 0x77);
  CHECK(r.in(0x3B5) == 0x12);
  CHECK(r.in(0x3DA) == 0xFF);
  r.out(0x3C2, 0x01);
  CHECK(r.in(0x3CC) == 0x01);
  CHECK(r.in(0x3D5) == 0x12);  // index 0C still selected
  CHECK(r.in(0x3BA) == 0xFF);
}

TEST_CASE("CRTC vertical fields combine the overflow bits (mode 12h values)") {
  Rig r;
  r.set_mode(kMode12);
  const Crtc& c = r.vga.crtc();
  CHECK(c.vertical_total() == 525);
  CHECK(c.vertical_display_end() == 480);
  CHECK(c.vertical_retrace_start() == 0x1EA);
  CHECK(c.vertical_retrace_end() == 0x1EC);
  CHECK(c.line_compare() == 0x3FF);
  CHECK(c.horizontal_total() == 100);
  CHECK(c.display_end() == 80);
}

TEST_CASE("sequencer character map select picks the font offsets in plane 2") {
  Sequencer s;
  s.write_index(3);
  s.write_data(0x00);
  CHECK(s.font_base(true) == 0x0000);
  s.write_data(0x05);  // map A = 1 (16K), map B = 1
  CHECK(s.font_base(true) == 0x4000);
  CHECK(s.font_base(false) == 0x4000);
  s.write_data(0x30);  // map A = 4 (8K), map B = 4 (8K)
  CHECK(s.font_base(true) == 0x2000);
  CHECK(s.font_base(false) == 0x2000);
  s.write_data(0x2E);  // A: bit5=1 bits3-2=11 -> 7 (56K); B: bit4=0 bits1-0=10 -> 2 (32K)
  CHECK(s.font_base(true) == 0xE000);
  CHECK(s.font_base(false) == 0x8000);
}

TEST_CASE("random programming of every port and the window stays within bounds") {
  // Guest software may program anything; the chip must keep rendering without faults and
  // produce frames no larger than its documented limits.
  Rig r;
  std::uint32_t seed = 12345;
  auto rnd = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  for (int i = 0; i < 200000; ++i) {
    unsigned op = rnd() % 8;
    if (op < 4) {
      r.out(std::uint16_t(0x3B0 + rnd() % 0x30), std::uint8_t(rnd()));
    } else if (op < 6) {
      r.poke(0xA0000 + rnd() % 0x20000, std::uint8_t(rnd()));
    } else if (op == 6) {
      r.peek(0xA0000 + rnd() % 0x20000);
      r.in(std::uint16_t(0x3B0 + rnd() % 0x30));
    } else {
      r.t += rnd() % 20000;
    }
  }
  r.run_frames(3);
  const Frame& f = r.vga.last_frame();
  CHECK(f.width <= 4096);
  CHECK(f.height <= 2048);
  CHECK(f.rgba.size() == std::size_t(f.width) * f.height * 4);
  CHECK(r.vga.next_event() > r.t);
}
