// Display memory data path, written from the IBM VGA Technical Reference descriptions of the
// graphics controller write modes 0-3, read modes 0-1 and the sequencer memory modes.
#include <catch2/catch.hpp>

#include "tests/vga/vga_rig.hpp"

using namespace vgatest;

namespace {
// Planar setup: mode 12h registers (A0000h, 64K, no chain, no odd/even).
Rig& planar(Rig& r) {
  r.set_mode(kMode12);
  return r;
}
void fill_planes(Rig& r, std::uint32_t addr, const std::uint8_t v[4]) {
  r.gc(5, 0x00);
  r.gc(1, 0x00);
  r.gc(8, 0xFF);
  r.gc(3, 0x00);
  for (int p = 0; p < 4; ++p) {
    r.seq(2, std::uint8_t(1 << p));
    r.poke(addr, v[p]);
  }
  r.seq(2, 0x0F);
}
}  // namespace

TEST_CASE("write mode 0 with set/reset, enable set/reset and bit mask") {
  Rig r;
  planar(r);
  const std::uint8_t init[4] = {0x0F, 0xF0, 0x33, 0xCC};
  fill_planes(r, 0xA0010, init);
  r.peek(0xA0010);   // load the latches
  r.gc(0, 0x05);     // set/reset colour 0101
  r.gc(1, 0x03);     // planes 0 and 1 take set/reset, planes 2 and 3 the CPU data
  r.gc(8, 0x3C);     // only bits 5-2 change
  r.poke(0xA0010, 0xA5);
  const Planes& p = r.vga.planes();
  // plane 0: set/reset 1 -> FF under mask 3C, latch elsewhere: (0x0F & ~0x3C) | 0x3C
  CHECK(p.plane(0, 0x10) == std::uint8_t((0x0F & 0xC3) | 0x3C));
  // plane 1: set/reset 0 -> 00 under mask
  CHECK(p.plane(1, 0x10) == std::uint8_t(0xF0 & 0xC3));
  // planes 2, 3: CPU data A5 under mask
  CHECK(p.plane(2, 0x10) == std::uint8_t((0x33 & 0xC3) | (0xA5 & 0x3C)));
  CHECK(p.plane(3, 0x10) == std::uint8_t((0xCC & 0xC3) | (0xA5 & 0x3C)));
}

TEST_CASE("write mode 0 rotate and logical functions AND/OR/XOR with the latches") {
  Rig r;
  planar(r);
  const std::uint8_t init[4] = {0xF0, 0xF0, 0xF0, 0xF0};
  fill_planes(r, 0xA0000, init);
  r.gc(8, 0xFF);
  r.gc(1, 0x00);
  struct Case { std::uint8_t fn; std::uint8_t expect; };
  // data 0x3C rotated right by 2 = 0x0F.
  for (Case c : {Case{0x00, 0x0F}, Case{0x08, 0x00}, Case{0x10, 0xFF}, Case{0x18, 0xFF}}) {
    fill_planes(r, 0xA0000, init);
    r.gc(8, 0xFF);
    r.gc(1, 0x00);
    r.peek(0xA0000);
    r.gc(3, std::uint8_t(c.fn | 2));
    r.poke(0xA0000, 0x3C);
    CHECK(r.vga.planes().plane(0, 0) == c.expect);
    CHECK(r.vga.planes().plane(3, 0) == c.expect);
  }
}

TEST_CASE("write mode 1 copies the latches to another address") {
  Rig r;
  planar(r);
  const std::uint8_t src[4] = {0x12, 0x34, 0x56, 0x78};
  fill_planes(r, 0xA0100, src);
  r.gc(5, 0x01);
  r.gc(8, 0x00);  // bit mask is ignored in write mode 1
  r.peek(0xA0100);
  r.poke(0xA0200, 0xEE);  // CPU data ignored
  for (unsigned p = 0; p < 4; ++p) CHECK(r.vga.planes().plane(p, 0x200) == src[p]);
  // Map mask still applies.
  r.seq(2, 0x01);
  r.poke(0xA0300, 0);
  CHECK(r.vga.planes().plane(0, 0x300) == 0x12);
  CHECK(r.vga.planes().plane(1, 0x300) == 0x00);
}

TEST_CASE("write mode 2 expands CPU bits 3-0 to the planes under the bit mask") {
  Rig r;
  planar(r);
  const std::uint8_t zero[4] = {0, 0, 0, 0};
  fill_planes(r, 0xA0040, zero);
  r.peek(0xA0040);
  r.gc(5, 0x02);
  r.gc(8, 0x81);
  r.poke(0xA0040, 0x0A);  // colour 1010
  CHECK(r.vga.planes().plane(0, 0x40) == 0x00);
  CHECK(r.vga.planes().plane(1, 0x40) == 0x81);
  CHECK(r.vga.planes().plane(2, 0x40) == 0x00);
  CHECK(r.vga.planes().plane(3, 0x40) == 0x81);
}

TEST_CASE("write mode 3 uses rotated data AND bit mask as the mask, set/reset as colour") {
  Rig r;
  planar(r);
  const std::uint8_t init[4] = {0xFF, 0x00, 0xFF, 0x00};
  fill_planes(r, 0xA0050, init);
  r.peek(0xA0050);
  r.gc(5, 0x03);
  r.gc(0, 0x06);  // colour 0110
  r.gc(8, 0xF0);
  r.gc(3, 0x04);  // rotate 4: CPU 0x3C -> 0xC3; mask = 0xC3 & 0xF0 = 0xC0
  r.poke(0xA0050, 0x3C);
  CHECK(r.vga.planes().plane(0, 0x50) == 0x3F);  // FF with bits 7-6 cleared
  CHECK(r.vga.planes().plane(1, 0x50) == 0xC0);
  CHECK(r.vga.planes().plane(2, 0x50) == 0xFF);
  CHECK(r.vga.planes().plane(3, 0x50) == 0x00);
}

TEST_CASE("read mode 0 selects the plane, read mode 1 compares colours with don't care") {
  Rig r;
  planar(r);
  // Pixels (bit 7..0) colours: plane bits chosen so bit 7 = colour 5, bit 6 = 7, bit 0 = 5.
  const std::uint8_t v[4] = {0xC1, 0x40, 0xC1, 0x00};
  fill_planes(r, 0xA0060, v);
  r.gc(4, 2);
  CHECK(r.peek(0xA0060) == 0xC1);
  r.gc(4, 1);
  CHECK(r.peek(0xA0060) == 0x40);
  r.gc(5, 0x08);  // read mode 1
  r.gc(2, 0x05);  // compare with colour 0101
  r.gc(7, 0x0F);
  // colour of each bit: b7 = 1|0|4|0 = 5, b6 = 1|2|4 = 7, b0 = 5, others 0
  CHECK(r.peek(0xA0060) == 0x81);
  r.gc(7, 0x05);  // only planes 0 and 2 matter: 7 matches too
  CHECK(r.peek(0xA0060) == 0xC1);
  r.gc(7, 0x00);  // nothing compared: all bits 1
  CHECK(r.peek(0xA0060) == 0xFF);
}

TEST_CASE("chain-4 maps CPU address bits 1-0 to the plane") {
  Rig r;
  r.set_mode(kMode13);
  for (std::uint32_t i = 0; i < 8; ++i) r.poke(0xA1000 + i, std::uint8_t(0x10 + i));
  const Planes& p = r.vga.planes();
  CHECK(p.plane(0, 0x1000) == 0x10);
  CHECK(p.plane(1, 0x1000) == 0x11);
  CHECK(p.plane(2, 0x1000) == 0x12);
  CHECK(p.plane(3, 0x1000) == 0x13);
  CHECK(p.plane(0, 0x1004) == 0x14);
  CHECK(p.plane(3, 0x1004) == 0x17);
  for (std::uint32_t i = 0; i < 8; ++i) CHECK(r.peek(0xA1000 + i) == 0x10 + i);
}

TEST_CASE("odd/even sends even bytes to plane 0 and odd bytes to plane 1") {
  Rig r;
  r.set_mode(kMode03);
  r.poke(0xB8000 + 0x20, 'Q');
  r.poke(0xB8000 + 0x21, 0x1E);
  CHECK(r.vga.planes().plane(0, 0x20) == 'Q');
  CHECK(r.vga.planes().plane(1, 0x20) == 0x1E);
  CHECK(r.vga.planes().plane(1, 0x21) == 0x00);
  CHECK(r.peek(0xB8020) == 'Q');
  CHECK(r.peek(0xB8021) == 0x1E);
  // Mode 03h maps B8000h-BFFFFh only.
  CHECK(r.peek(0xA0000) == 0xFF);
}
