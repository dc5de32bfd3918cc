// Whole-machine VGA check: boots testroms/vga/vgamodes.img on Quartz's BIOS and VGA BIOS.
// The boot program reports INT 10h results on port E9h; expected values come from the IBM VGA
// BIOS interface (Ralf Brown's Interrupt List / IBM VGA Technical Reference), and the final
// mode 13h picture is computed here from the pattern the program draws and the grey-ramp DAC
// it loads through INT 10h AX=1012h.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "machine/machine.hpp"
#include "tests/vga/vga_rig.hpp"

using namespace quartz;

namespace {
std::string value_of(const std::string& out, const std::string& key, std::size_t from = 0) {
  std::size_t p = out.find(key + "=", from);
  if (p == std::string::npos) return "";
  return out.substr(p + key.size() + 1, 4);
}
}  // namespace

TEST_CASE("BIOS services and mode 13h picture on the full machine") {
  // Both boards: the AT preset and the 4.77 MHz 8088 PC (the BIOS must stay 8086-only and
  // fast enough there).
  const std::string preset = GENERATE(std::string("at"), std::string("pc"));
  MachineConfig c;
  c.machine = preset;
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/vgamodes.img";
  c.disk_mode = DiskMode::kSnapshot;
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int step = 0; step < 300; ++step) {
    m.run_for(seconds_to_ticks(0.1));
    if (m.debug_output().find("vga-test done") != std::string::npos) break;
  }
  const std::string out = m.debug_output();
  INFO(preset << "\n" << out);
  REQUIRE(out.find("vga-test done") != std::string::npos);
  // AH=0Fh in the power-on mode: 80 columns, mode 03h.
  CHECK(value_of(out, "getmode") == "5003");
  CHECK(value_of(out, "dcc_al") .substr(2) == "1A");  // AH=1Ah supported
  CHECK(value_of(out, "dcc_bx") == "0008");           // VGA with analog colour display
  CHECK(value_of(out, "ega_info_bx") == "0003");      // colour, 256 KiB
  CHECK(value_of(out, "font_height") == "0010");      // 8x16 in 400-line text
  CHECK(value_of(out, "font_rows") == "0018");        // 25 rows - 1
  CHECK(value_of(out, "cursor") == "0A0E");           // write string moved it 9 columns
  CHECK(value_of(out, "readchar") == "1E48");         // 'H', attribute 1Eh
  CHECK(value_of(out, "getmode", out.find("readchar")) == "2813");  // 40 columns, mode 13h
  CHECK(value_of(out, "dac_read_dx") == "2000");      // entry 81h red = 81h/4 = 20h
  CHECK(value_of(out, "readpixel") == "007B");        // AH=0Dh at x=123 (colour x & FFh)

  const Frame& f = m.vga()->last_frame();
  REQUIRE(f.width == 640);
  REQUIRE(f.height == 400);
  unsigned bad = 0;
  for (unsigned y = 0; y < 400; ++y)
    for (unsigned x = 0; x < 640; ++x) {
      unsigned px = x / 2, py = y / 2;
      std::uint8_t colour = py < 100 ? std::uint8_t(px + 2 * py) : std::uint8_t(px);
      std::uint8_t g = colour / 4;
      if (f.pixel(x, y) != vgatest::widen(g, g, g)) ++bad;
    }
  CHECK(bad == 0);
}

TEST_CASE("mode X set by direct register writes on the full machine") {
  MachineConfig c;
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/modex.img";
  c.disk_mode = DiskMode::kSnapshot;
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int step = 0; step < 300; ++step) {
    m.run_for(seconds_to_ticks(0.1));
    if (m.debug_output().find("vga-test done") != std::string::npos) break;
  }
  INFO(m.debug_output());
  REQUIRE(m.debug_output().find("vga-test done") != std::string::npos);
  const Frame& f = m.vga()->last_frame();
  REQUIRE(f.width == 640);
  REQUIRE(f.height == 480);
  // CRTC 06h = 0Dh with overflow bit 9: 20Dh + 2 = 527 lines of 800 dots at 25.175 MHz.
  CHECK(m.vga()->mode_info().frame_hz == Approx(25'175'000.0 / 800 / 527).epsilon(0.001));
  unsigned bad = 0;
  for (unsigned y = 0; y < 480; ++y)
    for (unsigned x = 0; x < 640; ++x) {
      unsigned i = ((x / 2) ^ (y / 2)) & 0xFF;
      std::uint32_t expect = vgatest::widen(std::uint8_t(i / 4), std::uint8_t((3 * i / 4) & 0x3F),
                                            std::uint8_t(63 - i / 4));
      if (f.pixel(x, y) != expect) ++bad;
    }
  CHECK(bad == 0);
}

TEST_CASE("INT 10h AX=1112h: 80x50 text with the ROM 8x8 font on the full machine") {
  MachineConfig c;
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/vgafont.img";
  c.disk_mode = DiskMode::kSnapshot;
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int step = 0; step < 300; ++step) {
    m.run_for(seconds_to_ticks(0.1));
    if (m.debug_output().find("vga-test done") != std::string::npos) break;
  }
  const std::string out = m.debug_output();
  INFO(out);
  REQUIRE(out.find("vga-test done") != std::string::npos);
  CHECK(value_of(out, "rows") == "0031");      // 400 lines / 8 = 50 rows
  CHECK(value_of(out, "height") == "0008");
  CHECK(value_of(out, "pagesize") == "1F40");  // 80 x 50 x 2 bytes
  CHECK(value_of(out, "font8x8_seg") == "C000");
  CHECK(value_of(out, "font_cx") == "0008");

  // The glyphs come from the ROM image at the offset AX=1130h reported.
  std::FILE* rom = std::fopen(QUARTZ_BUILD_DIR "/bios/quartz-vgabios.bin", "rb");
  REQUIRE(rom);
  std::vector<std::uint8_t> image(32768);
  REQUIRE(std::fread(image.data(), 1, image.size(), rom) == image.size());
  std::fclose(rom);
  const unsigned font = unsigned(std::stoul(value_of(out, "font8x8_off"), nullptr, 16));

  const Frame& f = m.vga()->last_frame();
  REQUIRE(f.width == 720);
  REQUIRE(f.height == 400);
  // EGA colour bits (palette registers of mode 03h: 1 -> 01h, 4 -> 04h, 14 -> 3Eh, 15 -> 3Fh):
  // bits 2/1/0 = R/G/B at 2/3, bits 5/4/3 = R/G/B at 1/3.
  auto ega = [](unsigned v) {
    auto c = [&](unsigned hi, unsigned lo) { return (v >> hi & 1) * 42u + (v >> lo & 1) * 21u; };
    return vgatest::widen(std::uint8_t(c(2, 5)), std::uint8_t(c(1, 4)), std::uint8_t(c(0, 3)));
  };
  struct Cell { unsigned col, row; std::uint8_t ch; std::uint32_t fg, bg; };
  for (Cell cell : {Cell{0, 0, 'A', ega(0x3F), ega(0x01)}, Cell{79, 49, 'B', ega(0x3E), ega(0x04)}}) {
    unsigned bad = 0;
    for (unsigned r = 0; r < 8; ++r)
      for (unsigned x = 0; x < 9; ++x) {
        std::uint8_t bits = image[font + cell.ch * 8u + r];
        bool on = x < 8 && ((bits >> (7 - x)) & 1);
        if (f.pixel(cell.col * 9 + x, cell.row * 8 + r) != (on ? cell.fg : cell.bg)) ++bad;
      }
    CHECK(bad == 0);
  }
}

TEST_CASE("INT 10h palette, DAC, CGA palette and state information services") {
  MachineConfig c;
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/vgapal.img";
  c.disk_mode = DiskMode::kSnapshot;
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int step = 0; step < 300; ++step) {
    m.run_for(seconds_to_ticks(0.1));
    if (m.debug_output().find("vga-test done") != std::string::npos) break;
  }
  const std::string out = m.debug_output();
  INFO(out);
  REQUIRE(out.find("vga-test done") != std::string::npos);
  CHECK(value_of(out, "palreg") == "002A");    // 1000h then 1007h
  CHECK(value_of(out, "overscan") == "0011");  // 1001h then 1008h
  CHECK(value_of(out, "dac_dx") == "0100");    // 1015h: DH = red
  CHECK(value_of(out, "dac_cx") == "223F");    // CH = green, CL = blue
  CHECK(value_of(out, "pelmask") == "00F0");   // 1018h then 1019h
  CHECK(value_of(out, "acmode") == "0004");    // 1003h BL=0 clears mode control bit 3 (0Ch)
  // 101Bh: grey = 30% R + 59% G + 11% B of (01h, 22h, 3Fh) = 27.7 -> 1Bh on G and B.
  CHECK(value_of(out, "grey_cx") == "1B1B");
  CHECK(value_of(out, "grey_auto_cx") == "1B1B");  // 12h/33h on: 1010h writes grey
  CHECK(value_of(out, "state_al") == "001B");
  CHECK(value_of(out, "state_mode") == "5003");    // 1Bh buffer: mode 03h, 80 columns
  CHECK(value_of(out, "state_rows") == "1019");    // 25 rows, 16-line characters
  CHECK(value_of(out, "state_colors") == "0010");  // 16 colours
  CHECK(value_of(out, "state_lines") == "0802");   // 8 pages, 400 scan lines (code 2)
  CHECK(value_of(out, "static") == "0FFF");        // static table: modes 00h-07h, 10h-13h
  // 0Bh BH=1 BL=0 in mode 04h: palette 0 is green/red/brown = registers 02h, 04h, 06h.
  CHECK(value_of(out, "cga_pal") == "0602");
}

TEST_CASE("INT 10h AH=12h BL=30h selects 200- and 350-line text for the next mode set") {
  struct Case { const char* image; const char* height; unsigned w, h; double hz; };
  // 350 lines: 9x14 cells, 720x350 at 28.322 MHz; 200 lines: 8x8 cells double scanned,
  // 640x400 at 25.175 MHz; both 449 lines per frame.
  for (Case k : {Case{"vgalines350", "000E", 720, 350, 28'322'000.0 / 900 / 449},
                 Case{"vgalines200", "0008", 640, 400, 25'175'000.0 / 800 / 449}}) {
    MachineConfig c;
    c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/" + k.image + ".img";
    c.disk_mode = DiskMode::kSnapshot;
    c.headless = true;
    c.debug_port = true;
    Machine m(c);
    for (int step = 0; step < 300; ++step) {
      m.run_for(seconds_to_ticks(0.1));
      if (m.debug_output().find("vga-test done") != std::string::npos) break;
    }
    const std::string out = m.debug_output();
    INFO(k.image << "\n" << out);
    REQUIRE(out.find("vga-test done") != std::string::npos);
    CHECK(value_of(out, "select") == "0012");
    CHECK(value_of(out, "height") == k.height);
    CHECK(value_of(out, "rows") == "0018");
    CHECK(m.vga()->last_frame().width == k.w);
    CHECK(m.vga()->last_frame().height == k.h);
    CHECK(m.vga()->mode_info().frame_hz == Approx(k.hz).epsilon(0.001));
  }
}

TEST_CASE("graphics modes: BIOS text, AH=08h glyph read-back and frame sizes") {
  struct Case { const char* image; const char* getmode; unsigned w, h; };
  // AH=0Fh: AH = columns, AL = mode. Frame = active area as the CRTC scans it.
  for (Case k : {Case{"vgagfx", "5012", 640, 480}, Case{"vgagfx04", "2804", 640, 400},
                 Case{"vgagfx06", "5006", 640, 400}, Case{"vgagfx0D", "280D", 640, 400},
                 Case{"vgagfx10", "5010", 640, 350}, Case{"vgagfx11", "5011", 640, 480},
                 Case{"vgagfx13", "2813", 640, 400}}) {
    MachineConfig c;
    c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/vga/" + k.image + ".img";
    c.disk_mode = DiskMode::kSnapshot;
    c.headless = true;
    c.debug_port = true;
    Machine m(c);
    for (int step = 0; step < 300; ++step) {
      m.run_for(seconds_to_ticks(0.1));
      if (m.debug_output().find("vga-test done") != std::string::npos) break;
    }
    const std::string out = m.debug_output();
    INFO(k.image << "\n" << out);
    REQUIRE(out.find("vga-test done") != std::string::npos);
    CHECK(value_of(out, "getmode") == k.getmode);
    CHECK(value_of(out, "readchar") == "0051");  // 'Q' of the top line after scrolling
    CHECK(m.vga()->last_frame().width == k.w);
    CHECK(m.vga()->last_frame().height == k.h);
  }
}
