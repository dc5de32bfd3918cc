// PUSHA/POPA on the 80286: the stack image is the one the 80286 PRM gives (AX at SP-2 down to
// DI at SP-16, the stored SP being the value before the instruction; POPA discards it), and
// the bus order is the one the SingleStepTests 80286 captures show: PUSHA writes upward from
// DI at SP-16 to AX at SP-2; POPA reads AX's word at SP+14 first, then upward from SP+0.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusMemRead = 5, kStatusMemWrite = 6;

// Addresses of the data cycles (memory reads or writes, by status) of a traced run.
std::vector<std::uint32_t> data_addresses(const std::vector<BusCycle>& t, std::uint8_t status) {
  std::vector<std::uint32_t> out;
  for (const auto& c : t)
    if (c.ale && c.bus_status == status) out.push_back(c.address);
  return out;
}

CpuState regs_for_pusha() {
  CpuState s;
  s.ax = 0x1111;
  s.cx = 0x2222;
  s.dx = 0x3333;
  s.bx = 0x4444;
  s.sp = 0x0100;
  s.bp = 0x6666;
  s.si = 0x7777;
  s.di = 0x8888;
  s.ss = 0x2000;
  return s;
}

}  // namespace

TEST_CASE("286 PUSHA stores AX..DI below SP, writing DI at SP-16 first", "[cpu][286]") {
  CpuRig r(CpuModel::i80286);
  const auto trace = trace_286(r, {0x60, 0xF4}, regs_for_pusha());

  CHECK(r.cpu->state().sp == 0x00F0);
  // Stack image (PRM): AX CX DX BX old-SP BP SI DI from SP-2 downward.
  const std::uint16_t want[8] = {0x1111, 0x2222, 0x3333, 0x4444, 0x0100, 0x6666, 0x7777, 0x8888};
  for (unsigned i = 0; i < 8; ++i) {
    INFO("slot " << i);
    CHECK(r.read16(0x20100 - 2 * (i + 1)) == want[i]);
  }
  const auto w = data_addresses(trace, kStatusMemWrite);
  const std::vector<std::uint32_t> order{0x200F0, 0x200F2, 0x200F4, 0x200F6,
                                         0x200F8, 0x200FA, 0x200FC, 0x200FE};
  CHECK(w == order);
}

TEST_CASE("286 POPA reads SP+14 first, then SP+0 upward, and skips the stored SP",
          "[cpu][286]") {
  CpuRig r(CpuModel::i80286);
  const std::uint16_t img[8] = {0xD1D1, 0x5151, 0xB0B0, 0x5050, 0xB3B3, 0xD3D3, 0xC3C3, 0xA3A3};
  for (unsigned i = 0; i < 8; ++i) r.write16(0x200F0 + 2 * i, img[i]);  // DI SI BP sp BX DX CX AX
  CpuState s;
  s.ss = 0x2000;
  s.sp = 0x00F0;
  const auto trace = trace_286(r, {0x61, 0xF4}, s);

  const CpuState f = r.cpu->state();
  CHECK(f.di == 0xD1D1);
  CHECK(f.si == 0x5151);
  CHECK(f.bp == 0xB0B0);
  CHECK(f.sp == 0x0100);  // SP+16, the stored 5050h discarded
  CHECK(f.bx == 0xB3B3);
  CHECK(f.dx == 0xD3D3);
  CHECK(f.cx == 0xC3C3);
  CHECK(f.ax == 0xA3A3);
  const auto rd = data_addresses(trace, kStatusMemRead);
  const std::vector<std::uint32_t> order{0x200FE, 0x200F0, 0x200F2, 0x200F4,
                                         0x200F6, 0x200F8, 0x200FA, 0x200FC};
  CHECK(rd == order);
}

TEST_CASE("286 POPA whose first read crosses the segment end faults with nothing loaded",
          "[cpu][286]") {
  // SP = FFF1: AX's word at SP+14 = FFFFh straddles the segment limit, so real-mode
  // interrupt 13 (80286 PRM, "Real Address Mode": segment overrun) strikes on the first
  // read; no register, SP included, changes before the interrupt's own pushes.
  CpuRig r(CpuModel::i80286);
  r.load(0x10000, {0x61, 0xF4});
  r.hlt_vector(13);
  CpuState s;
  s.cs = 0x1000;
  s.ss = 0x2000;
  s.sp = 0xFFF1;
  s.ax = 0x1234;
  s.di = 0x5678;
  r.cpu->conformance_begin(s, {});
  r.run_to_halt(10);
  const CpuState f = r.cpu->state();
  CHECK(f.cs == 0x0050);  // in the interrupt 13 handler
  CHECK(f.sp == 0xFFEB);  // FLAGS, CS, IP pushed below the unchanged SP
  CHECK(f.ax == 0x1234);
  CHECK(f.di == 0x5678);
  CHECK(r.read16(0x20000 + 0xFFEB) == 0x0000);  // IP of the POPA itself
}
