// The FLAGS word a 286 exception pushes at an odd SP. The captures' EXCP chunk gives its
// address with A0 cleared (../shared/testdata/sst/80286: with SP odd, EXCP = SS:SP-3 and the
// first write of the interrupt sequence goes to EXCP+1 with BHE# asserted, the second to
// EXCP+2). The undefined-flag mask must fall on the two bytes the word really occupies.
#include <catch2/catch.hpp>

#include <map>

#include "app/conformance/moo_reader.hpp"
#include "app/conformance/sst_compare.hpp"

using namespace quartz;
using namespace quartz::conformance;

namespace {

constexpr std::uint16_t kDivMask = 0xF72A;  // metadata.json F6.6: o..szapc undefined

MooTest divide_error_at(std::uint16_t sp) {
  MooTest t;
  t.init.regs.present = 0x3FFF;
  t.init.regs.value[kSs] = 0x1000;
  t.init.regs.value[kSp] = sp;
  t.has_exception = true;
  // SS:SP-2 with A0 cleared, as the captures record it.
  t.exception_flag_address = (0x10000u + std::uint16_t(sp - 2)) & ~1u;
  return t;
}

}  // namespace

TEST_CASE("286 odd SP: the pushed FLAGS word is masked at SS:SP-2, not at the EXCP address") {
  MooTest t = divide_error_at(0x0101);  // FLAGS at 100FFh (low) and 10100h (high)
  REQUIRE(t.exception_flag_address == 0x100FE);
  auto fa = pushed_flags_address(CpuModel::i80286, t);
  REQUIRE(fa);
  CHECK(*fa == 0x100FF);

  // Expected FLAGS F0D7 (SF ZF AF PF CF set); the core pushed F002: only undefined bits
  // (CF PF AF ZF SF; the low byte's mask is 2Ah) differ. Masked with the high byte's F7h,
  // as when the EXCP address was taken as the word's, they would not.
  t.fina.ram = {{0x100FD, 0x34}, {0x100FE, 0x12}, {0x100FF, 0xD7}, {0x10100, 0xF0}};
  std::map<std::uint32_t, std::uint8_t> mem{
      {0x100FD, 0x34}, {0x100FE, 0x12}, {0x100FF, 0x02}, {0x10100, 0xF0}};
  auto read = [&](std::uint32_t a) { return mem[a]; };
  CpuState actual = initial_state(CpuModel::i80286, t);
  CHECK(compare_state(CpuModel::i80286, t, kDivMask, actual, read).ok());

  // The byte below the word (100FEh, CS's high byte) is compared in full.
  mem[0x100FE] = 0x13;
  CHECK(compare_state(CpuModel::i80286, t, kDivMask, actual, read).mem.size() == 1);
  mem[0x100FE] = 0x12;
  // A defined flag in the high byte (TF, bit 8) is still caught.
  mem[0x10100] = 0xF1;
  auto d = compare_state(CpuModel::i80286, t, kDivMask, actual, read);
  REQUIRE(d.mem.size() == 1);
  CHECK(d.mem[0].address == 0x10100);
  CHECK(d.mem[0].mask == 0xF7);
}

TEST_CASE("286 even SP: the EXCP address is the FLAGS word itself") {
  MooTest t = divide_error_at(0x0100);
  auto fa = pushed_flags_address(CpuModel::i80286, t);
  REQUIRE(fa);
  CHECK(*fa == 0x100FE);
}

TEST_CASE("286 odd SP: the split FLAGS write is masked on the bus too") {
  MooTest t = divide_error_at(0x0101);
  auto fa = pushed_flags_address(CpuModel::i80286, t);
  REQUIRE(fa);
  PushedFlags pf{*fa, kDivMask};
  // First cycle of the split write: odd byte 100FFh on D8-D15 (BHE# low, A0 high).
  MooCycle ts, tc;
  ts.bus.ale = 1;
  ts.bus.address = 0x100FF;
  ts.bus.bhe = 0;
  ts.bus.bus_status = 6;  // MEMW
  ts.bus.t_state = 1;
  tc.bus.bus_status = 15;
  tc.bus.t_state = 2;
  tc.bus.mem_status = 1;
  tc.bus.data = 0xD700;
  std::vector<MooCycle> e{ts, tc};
  std::vector<BusCycle> a{ts.bus, tc.bus};
  a[1].data = 0x0200;  // undefined flags only (the high byte's mask F7h would catch it)
  CHECK(compare_traces(CpuModel::i80286, e, a, pf).ok());
  // Bit 3, compared under the low byte's mask 2Ah, differing must be caught.
  a[1].data = 0xDF00;
  CHECK(compare_traces(CpuModel::i80286, e, a, pf).field == BusField::kData);
}
