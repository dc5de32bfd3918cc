// Renderer: frames compared pixel by pixel with images computed here from the pattern and the
// documented pipeline (plane bits -> attribute palette -> DAC -> 8-bit RGB).
#include <catch2/catch.hpp>

#include <functional>

#include "tests/vga/vga_rig.hpp"

using namespace vgatest;

namespace {
// A deterministic test DAC: entry i = (i & 63, (i * 7) & 63, 63 - (i & 63)).
void load_test_dac(Rig& r) {
  for (unsigned i = 0; i < 256; ++i)
    r.dac(std::uint8_t(i), i & 63, (i * 7) & 63, 63 - (i & 63));
}
std::uint32_t test_dac(unsigned i) { return widen(i & 63, (i * 7) & 63, 63 - (i & 63)); }

std::uint8_t pattern(unsigned p, std::uint32_t a) {
  return std::uint8_t((a * 37 + p * 101 + (a >> 7) * 13) ^ (p * 0x5A));
}

unsigned count_mismatches(const Frame& f, const std::function<std::uint32_t(unsigned, unsigned)>& e) {
  unsigned bad = 0;
  for (unsigned y = 0; y < f.height; ++y)
    for (unsigned x = 0; x < f.width; ++x)
      if (f.pixel(x, y) != e(x, y)) ++bad;
  return bad;
}
}  // namespace

TEST_CASE("mode 12h planar frame matches the palette pipeline") {
  Rig r;
  r.set_mode(kMode12);
  load_test_dac(r);
  for (unsigned p = 0; p < 4; ++p) {
    r.seq(2, std::uint8_t(1 << p));
    for (std::uint32_t a = 0; a < 80 * 480; ++a) r.poke(0xA0000 + a, pattern(p, a));
  }
  r.seq(2, 0x0F);
  r.run_frames(2.2);
  const Frame& f = r.vga.last_frame();
  REQUIRE(f.width == 640);
  REQUIRE(f.height == 480);
  const std::uint8_t palette[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
                                    0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F};
  auto expect = [&](unsigned x, unsigned y) {
    std::uint32_t a = y * 80 + x / 8;
    unsigned c = 0;
    for (unsigned p = 0; p < 4; ++p) c |= ((pattern(p, a) >> (7 - x % 8)) & 1u) << p;
    return test_dac(palette[c]);
  };
  CHECK(count_mismatches(f, expect) == 0);
}

TEST_CASE("mode 13h chained 256-colour frame is 640x400 with doubled pixels") {
  Rig r;
  r.set_mode(kMode13);
  load_test_dac(r);
  for (std::uint32_t a = 0; a < 64000; ++a) r.poke(0xA0000 + a, std::uint8_t(a * 7 + a / 320));
  r.run_frames(2.2);
  const Frame& f = r.vga.last_frame();
  REQUIRE(f.width == 640);
  REQUIRE(f.height == 400);
  auto expect = [&](unsigned x, unsigned y) {
    std::uint32_t a = (y / 2) * 320 + x / 2;
    return test_dac(std::uint8_t(a * 7 + a / 320));
  };
  CHECK(count_mismatches(f, expect) == 0);

  SECTION("PEL mask limits the DAC index") {
    r.out(0x3C6, 0x0F);
    r.run_frames(2.2);
    auto masked = [&](unsigned x, unsigned y) {
      std::uint32_t a = (y / 2) * 320 + x / 2;
      return test_dac(std::uint8_t(a * 7 + a / 320) & 0x0F);
    };
    CHECK(count_mismatches(r.vga.last_frame(), masked) == 0);
  }
}

TEST_CASE("unchained mode X (320x240) shows plane p at every 4th pixel") {
  Rig r;
  r.set_mode(kMode13);
  load_test_dac(r);
  // The classic unchained 320x240 setup: chain-4 off, byte mode, 480-line timing.
  r.seq(4, 0x06);
  r.crtc(0x14, 0x00);
  r.crtc(0x17, 0xE3);
  r.out(0x3C2, 0xE3);
  r.crtc(0x11, 0x2C);
  const std::uint8_t vals[] = {0x0D, 0x3E, 0xEA, 0xAC, 0xDF, 0xE7, 0x06};
  const std::uint8_t regs[] = {0x06, 0x07, 0x10, 0x11, 0x12, 0x15, 0x16};
  for (int i = 0; i < 7; ++i) r.crtc(regs[i], vals[i]);
  for (unsigned p = 0; p < 4; ++p) {
    r.seq(2, std::uint8_t(1 << p));
    for (std::uint32_t a = 0; a < 80 * 240; ++a) r.poke(0xA0000 + a, std::uint8_t(a + p * 50));
  }
  r.run_frames(2.2);
  const Frame& f = r.vga.last_frame();
  REQUIRE(f.width == 640);
  REQUIRE(f.height == 480);
  auto expect = [&](unsigned x, unsigned y) {
    unsigned px = x / 2, py = y / 2;
    return test_dac(std::uint8_t(py * 80 + px / 4 + (px % 4) * 50));
  };
  CHECK(count_mismatches(f, expect) == 0);
}

TEST_CASE("mode 04h CGA 4-colour interleave with odd lines at 2000h") {
  Rig r;
  r.set_mode(kMode04);
  load_test_dac(r);
  for (std::uint32_t a = 0; a < 0x4000; ++a) r.poke(0xB8000 + a, std::uint8_t(a * 13 + (a >> 5)));
  r.run_frames(2.2);
  const Frame& f = r.vga.last_frame();
  REQUIRE(f.width == 640);
  REQUIRE(f.height == 400);
  const std::uint8_t palette[4] = {0x00, 0x13, 0x15, 0x17};
  auto expect = [&](unsigned x, unsigned y) {
    unsigned cx = x / 2, cy = y / 2;
    std::uint32_t a = (cy & 1) * 0x2000 + (cy / 2) * 80 + cx / 4;
    std::uint8_t b = std::uint8_t(a * 13 + (a >> 5));
    return test_dac(palette[(b >> (6 - 2 * (cx % 4))) & 3]);
  };
  CHECK(count_mismatches(f, expect) == 0);
}

TEST_CASE("mode 03h text - 9-dot glyphs, line graphics, cursor and blink") {
  Rig r;
  r.set_mode(kMode03);
  load_test_dac(r);
  // Load glyphs into plane 2 the way the BIOS does: planar access at A0000h.
  r.seq(2, 0x04);
  r.seq(4, 0x07);
  r.gc(5, 0x00);
  r.gc(6, 0x04);
  auto glyph = [](unsigned ch, unsigned row) { return std::uint8_t((ch * 3 + row * 29) | 1); };
  for (unsigned ch = 0; ch < 256; ++ch)
    for (unsigned row = 0; row < 32; ++row) r.poke(0xA0000 + ch * 32 + row, glyph(ch, row));
  r.seq(2, 0x03);
  r.seq(4, 0x02);
  r.gc(5, 0x10);
  r.gc(6, 0x0E);
  auto cell_char = [](unsigned i) { return std::uint8_t(i * 7 + 0xC0); };
  auto cell_attr = [](unsigned i) { return std::uint8_t((i * 11) & 0x7F) | (i % 5 == 0 ? 0x80 : 0); };
  for (unsigned i = 0; i < 2000; ++i) {
    r.poke(0xB8000 + 2 * i, cell_char(i));
    r.poke(0xB8000 + 2 * i + 1, cell_attr(i));
  }
  r.crtc(0x0E, 0x00);
  r.crtc(0x0F, 83);  // cursor at row 1, column 3
  const std::uint8_t palette[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
                                    0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F};
  for (int step = 0; step < 4; ++step) {
    r.run_frames(step == 0 ? 2.2 : 17.0);  // visit different cursor/blink phases
    const Frame& f = r.vga.last_frame();
    REQUIRE(f.width == 720);
    REQUIRE(f.height == 400);
    const std::uint64_t drawn = f.number - 1;  // frame counter while it was drawn
    const bool cursor_on = !((drawn >> 4) & 1);
    const bool blink_on = !((drawn >> 5) & 1);
    auto expect = [&](unsigned x, unsigned y) {
      unsigned col = x / 9, row = y / 16, dx = x % 9, scan = y % 16;
      unsigned i = row * 80 + col;
      std::uint8_t ch = cell_char(i), at = cell_attr(i);
      std::uint8_t bits = glyph(ch, scan);
      unsigned fg = at & 15, bg = (at >> 4) & 7;  // blink enabled: bit 7 blinks
      if ((at & 0x80) && !blink_on) bits = 0;
      if (i == 83 && cursor_on && scan >= 13 && scan <= 14) bits = 0xFF;  // shape 0Dh-0Eh
      bool on;
      if (dx < 8) on = (bits >> (7 - dx)) & 1;
      else on = ch >= 0xC0 && ch <= 0xDF && (bits & 1);  // line graphics enable
      return test_dac(palette[on ? fg : bg]);
    };
    CHECK(count_mismatches(f, expect) == 0);
  }
}

TEST_CASE("mid-frame palette change and line compare split appear on the right lines") {
  Rig r;
  r.set_mode(kMode13);
  load_test_dac(r);
  for (std::uint32_t a = 0; a < 65536; ++a) r.poke(0xA0000 + a, std::uint8_t(a / 320));
  // Start display at memory row 50; split after line 99 back to memory row 0.
  r.crtc(0x0C, std::uint8_t((80 * 50) >> 8));
  r.crtc(0x0D, std::uint8_t((80 * 50) & 0xFF));
  r.crtc(0x18, 99);
  r.crtc(0x07, 0x0F);  // overflow without line compare bit 8
  r.crtc(0x09, 0x01);  // max scan 1, no line compare bit 9
  r.run_frames(2.5);
  // Go to the start of a vertical retrace, then into the next frame at line 300.
  r.vga.sync(r.t);
  Tick rs = r.vga.next_event();
  const RasterGeometry& g = r.vga.geometry();
  Tick frame0 = rs + Tick((g.vtotal - g.vretrace_start) * r.line_ticks());
  r.t = frame0 + Tick(300.5 * r.line_ticks());
  r.dac(200, 1, 2, 3);  // memory row 200 is shown on lines 300-301 below the split
  r.t = frame0 + Tick(401 * r.line_ticks());
  r.vga.sync(r.t);
  const Frame& f = r.vga.last_frame();
  REQUIRE(f.height == 400);
  auto expect = [&](unsigned, unsigned y) {
    unsigned mem_row = y <= 99 ? y / 2 + 50 : (y - 100) / 2;
    std::uint8_t v = std::uint8_t(mem_row);
    if (v == 200 && y >= 300) return widen(1, 2, 3);
    return test_dac(v);
  };
  CHECK(count_mismatches(f, expect) == 0);
}

TEST_CASE("screen off blanks and PAS = 0 shows the overscan colour") {
  Rig r;
  r.set_mode(kMode13);
  load_test_dac(r);
  for (std::uint32_t a = 0; a < 64000; ++a) r.poke(0xA0000 + a, 0x55);
  r.seq(1, 0x21);
  r.run_frames(2.2);
  CHECK(r.vga.last_frame().pixel(100, 100) == 0);
  r.seq(1, 0x01);
  r.in(0x3DA);
  r.out(0x3C0, 0x11);
  r.out(0x3C0, 0x09);  // overscan 9; PAS stays 0
  r.run_frames(2.2);
  CHECK(r.vga.last_frame().pixel(100, 100) == test_dac(9));
  r.out(0x3C0, 0x20);
  r.run_frames(2.2);
  CHECK(r.vga.last_frame().pixel(100, 100) == test_dac(0x55));
}

TEST_CASE("horizontal pel panning shifts the picture, pel panning mode resets it below the split") {
  Rig r;
  r.set_mode(kMode12);
  load_test_dac(r);
  for (unsigned p = 0; p < 4; ++p) {
    r.seq(2, std::uint8_t(1 << p));
    for (std::uint32_t a = 0; a < 80 * 480; ++a) r.poke(0xA0000 + a, pattern(p, a));
  }
  r.seq(2, 0x0F);
  r.ac(0x13, 3);                          // pan 3 pixels
  r.ac(0x10, 0x21);                       // graphics + pel panning mode (reset at split)
  r.crtc(0x18, 199);                      // split after line 199
  r.crtc(0x07, 0x2E);                     // 3Eh without line compare bit 8
  r.crtc(0x09, 0x00);                     // no line compare bit 9
  r.run_frames(2.2);
  const std::uint8_t palette[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
                                    0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F};
  auto colour_at = [&](unsigned x, unsigned row) {
    // Pixel x of a memory row; the line is 80 bytes and the panned view reads one byte past
    // the displayed end (the next row's first byte).
    std::uint32_t a = row * 80 + x / 8;
    unsigned c = 0;
    for (unsigned p = 0; p < 4; ++p) c |= ((pattern(p, a) >> (7 - x % 8)) & 1u) << p;
    return test_dac(palette[c]);
  };
  auto expect = [&](unsigned x, unsigned y) {
    if (y <= 199) return colour_at(x + 3, y);
    return colour_at(x, y - 200);
  };
  CHECK(count_mismatches(r.vga.last_frame(), expect) == 0);
}

TEST_CASE("9-dot text pel panning: 8 is no shift, 0 shifts one dot") {
  Rig r;
  r.set_mode(kMode03);
  load_test_dac(r);
  r.seq(2, 0x04);
  r.seq(4, 0x07);
  r.gc(5, 0x00);
  r.gc(6, 0x04);
  for (unsigned row = 0; row < 32; ++row) r.poke(0xA0000 + 'X' * 32 + row, 0x81);
  r.seq(2, 0x03);
  r.seq(4, 0x02);
  r.gc(5, 0x10);
  r.gc(6, 0x0E);
  // 2001 cells: panning pulls in the character after the last one of each row.
  for (unsigned i = 0; i < 2001; ++i) {
    r.poke(0xB8000 + 2 * i, 'X');
    r.poke(0xB8000 + 2 * i + 1, 0x07);
  }
  r.crtc(0x0A, 0x20);  // cursor off
  const std::uint32_t fg = test_dac(0x07), bg = test_dac(0x00);
  // Glyph row 10000001b in a 9-dot cell: dots 0 and 7 lit, 8 is background.
  auto cell = [&](unsigned x) { unsigned d = x % 9; return (d == 0 || d == 7) ? fg : bg; };
  r.run_frames(2.2);
  CHECK(count_mismatches(r.vga.last_frame(), [&](unsigned x, unsigned) { return cell(x); }) == 0);
  r.ac(0x13, 0x00);
  r.run_frames(2.2);
  CHECK(count_mismatches(r.vga.last_frame(), [&](unsigned x, unsigned) { return cell(x + 1); }) == 0);
}
