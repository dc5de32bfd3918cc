// Whole-machine VGA check: boots testroms/vga/vgamodes.img on Quartz's BIOS and VGA BIOS.
// The boot program reports INT 10h results on port E9h; expected values come from the IBM VGA
// BIOS interface (Ralf Brown's Interrupt List / IBM VGA Technical Reference), and the final
// mode 13h picture is computed here from the pattern the program draws and the grey-ramp DAC
// it loads through INT 10h AX=1012h.
#include <catch2/catch.hpp>

#include <string>

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
  MachineConfig c;
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
  INFO(out);
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
