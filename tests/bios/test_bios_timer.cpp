// INT 08h and the POST programming of the PIT and PIC: the BIOS tick count at 40:6Ch must
// advance at 1193182 / 65536 = 18.2065 Hz (PIT counter 0 in mode 3 with count 0 = 65536,
// IBM PC/AT Technical Reference "System Timer"), on both boards.
#include <catch2/catch.hpp>

#include <string>

#include "machine/machine.hpp"

using namespace quartz;

namespace {

std::uint32_t bios_ticks(Machine& m) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | m.bus().peek8(0x46C + i);
  return v;
}

void check_tick_rate(const std::string& preset) {
  MachineConfig c;
  c.machine = preset;
  c.disk_path = std::string(QUARTZ_BUILD_DIR) + "/testroms/bios/keyecho.img";
  c.headless = true;
  c.debug_port = true;
  Machine m(c);
  for (int i = 0; i < 200 && m.debug_output().find("KEYECHO ready") == std::string::npos; ++i)
    m.run_for(seconds_to_ticks(0.1));
  REQUIRE(m.debug_output().find("KEYECHO ready") != std::string::npos);
  const std::uint32_t before = bios_ticks(m);
  m.run_for(seconds_to_ticks(10.0));
  const std::uint32_t after = bios_ticks(m);
  // 10 s * 18.2065 Hz = 182.07 ticks: 182 or 183 depending on the phase at the start
  CHECK(after - before >= 182);
  CHECK(after - before <= 183);
}

}  // namespace

TEST_CASE("BIOS ticks advance at 18.2 Hz on the AT") { check_tick_rate("at"); }
TEST_CASE("BIOS ticks advance at 18.2 Hz on the PC") { check_tick_rate("pc"); }
