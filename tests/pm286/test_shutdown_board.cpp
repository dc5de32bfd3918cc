// The PC/AT board and the 80286 shutdown cycle: the AT decodes the shutdown bus cycle (HALT
// status, address 0) and pulses the CPU's RESET alone (IBM AT Technical Reference, system
// board; the BIOS then reads CMOS byte 0Fh): RAM and the chips keep their state, the CPU
// restarts at F000:FFF0 (80286 PRM, "System initialization").
#include <catch2/catch.hpp>

#include <filesystem>

#include "machine/machine.hpp"

using namespace quartz;

TEST_CASE("AT board: a triple fault resets only the CPU (RAM, A20 and CMOS are kept)") {
  MachineConfig c;
  c.machine = "at";
  c.cpu = CpuModel::i80286;
  c.memory_kib = 2048;
  c.headless = true;
  c.debug_port = true;
  c.program_path =
      (std::filesystem::path(QUARTZ_BUILD_DIR) / "testroms" / "pm286" / "pm286_extras.bin")
          .string();
  Machine m(c);
  const std::uint64_t resets = m.cpu_resets();
  const std::uint8_t first_byte = m.bus().peek8(0x7C00);
  RunResult r{};
  for (int i = 0; i < 100; ++i) {
    r = m.run_for(seconds_to_ticks(0.01));
    if (r.stop == RunStop::kTripleFault) break;
  }
  INFO(m.debug_output());
  REQUIRE(r.stop == RunStop::kTripleFault);
  CHECK(m.debug_output().find("58 passed, 0 failed") != std::string::npos);
  CHECK(m.cpu_resets() == resets + 1);
  // The CPU: RESET state (F000:FFF0, real mode), running again.
  const CpuState s = m.cpu().state();
  CHECK(s.cs == 0xF000);
  CHECK(s.ip == 0xFFF0);
  CHECK((s.msw & 1) == 0);
  CHECK_FALSE(m.cpu().halted());
  // RAM: the program and the words it stored above 1 MiB through LOADALL.
  CHECK(m.bus().peek8(0x7C00) == first_byte);
  CHECK(m.bus().peek8(0x120000) == 0x5A);
  CHECK(m.bus().peek8(0x120001) == 0xA5);
  // Chips: port 92h still holds A20 on (a board reset would have cleared it), CMOS 0Fh
  // still 0 (the program never set a shutdown code).
  CHECK(m.bus().a20());
  REQUIRE(m.cmos() != nullptr);
  CHECK(m.cmos()->peek(Cmos::kShutdownStatus) == 0);
}
