// The 80286 bus as the trace shows it: two-clock bus cycles (Ts: status and ALE, Tc:
// command and data), pipelined so cycles run back to back, the 286 status codes, BHE#/A0
// byte lanes and the HALT cycle at address 2 (80286 datasheet, "Bus operation", "Bus cycle
// status definition", "Halt/shutdown"). After a jump the prefetcher fills the queue with word
// fetches (SingleStepTests 80286 README: tests start with four code fetches).
#include <catch2/catch.hpp>

#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kTs = 1, kTc = 2;
constexpr std::uint8_t kStatusHalt = 4, kStatusMemWrite = 6, kStatusCode = 13;
constexpr std::uint8_t kCmdRead = 4, kCmdWrite = 1;

std::vector<BusCycle> bus_cycles_with_ale(const std::vector<BusCycle>& t) {
  std::vector<BusCycle> out;
  for (const auto& c : t)
    if (c.ale) out.push_back(c);
  return out;
}

}  // namespace

TEST_CASE("286 code fetches after a jump are back-to-back Ts/Tc word cycles", "[cpu][286][bus]") {
  const auto t = trace_286({0x90, 0xF4, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66});
  REQUIRE(t.size() >= 8);
  for (unsigned i = 0; i < 4; ++i) {
    const BusCycle& ts = t[2 * i];
    const BusCycle& tc = t[2 * i + 1];
    INFO("fetch " << i);
    CHECK(ts.ale == 1);
    CHECK(ts.t_state == kTs);
    CHECK(ts.bus_status == kStatusCode);
    CHECK(ts.address == 0x10000u + 2 * i);
    CHECK(ts.bhe == 0);  // word: BHE# low
    CHECK(tc.ale == 0);
    CHECK(tc.t_state == kTc);
    CHECK(tc.mem_status == kCmdRead);
  }
  CHECK(t[1].data == 0xF490);
  CHECK(t[3].data == 0x2211);
}

TEST_CASE("286 HALT cycle drives address 2 and ends the trace", "[cpu][286][bus]") {
  const auto t = trace_286({0x90, 0xF4});
  REQUIRE(!t.empty());
  const BusCycle& last = t.back();
  CHECK(last.ale == 1);
  CHECK(last.t_state == kTs);
  CHECK(last.bus_status == kStatusHalt);
  CHECK(last.address == 2u);
}

TEST_CASE("286 odd-address word write is two byte cycles, odd byte on D15-D8 first",
          "[cpu][286][bus]") {
  CpuState s;
  s.ax = 0xBEEF;
  s.ds = 0x3000;
  // MOV [0005h],AX ; HLT
  const auto t = trace_286({0xA3, 0x05, 0x00, 0xF4}, s);
  std::vector<std::size_t> writes;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].ale && t[i].bus_status == kStatusMemWrite) writes.push_back(i);
  REQUIRE(writes.size() == 2);
  const BusCycle& w0 = t[writes[0]];
  const BusCycle& w1 = t[writes[1]];
  CHECK(w0.address == 0x30005u);
  CHECK(w0.bhe == 0);  // odd byte: BHE# low, A0 high
  CHECK(t[writes[0] + 1].t_state == kTc);
  CHECK(t[writes[0] + 1].mem_status == kCmdWrite);
  CHECK((t[writes[0] + 1].data >> 8) == 0xEF);
  CHECK(w1.address == 0x30006u);
  CHECK(w1.bhe == 1);  // even byte only: BHE# high
  CHECK((t[writes[1] + 1].data & 0xFF) == 0xBE);
  // Pipelined: the second cycle's Ts directly follows the first one's Tc.
  CHECK(writes[1] == writes[0] + 2);
}

TEST_CASE("286 decoder frees queue room: a longer instruction lets a fifth fetch out",
          "[cpu][286][bus]") {
  // 80286 captures (SingleStepTests): after NOP;HLT the queue stays full after four fetches
  // (6 bytes left, nothing after the HLT is decoded); after MOV [BX+SI-0Dh],SI;HLT only 4 bytes remain, so a fifth goes out.
  const auto nop = bus_cycles_with_ale(trace_286({0x90, 0xF4}));
  std::size_t nop_fetches = 0;
  for (const auto& c : nop) nop_fetches += c.bus_status == kStatusCode;
  CHECK(nop_fetches == 4);
  CpuState s;
  s.ds = 0x3000;
  const auto mov = bus_cycles_with_ale(trace_286({0x89, 0x70, 0xF3, 0xF4}, s));
  std::size_t mov_fetches = 0;
  for (const auto& c : mov) mov_fetches += c.bus_status == kStatusCode;
  CHECK(mov_fetches == 5);
}

TEST_CASE("286 writes are posted: the EU goes on after the write's Ts", "[cpu][286][bus]") {
  // iAPX 286 PRM: STOS takes 3 clocks. Captures (STOSB; HLT): the MEMW Ts goes out the clock
  // STOS starts, the EU goes on after it (a read would hold the EU until its Tc) and HLT,
  // whose HALT Ts goes out as it starts, follows 3 clocks after the write's Ts.
  CpuState s;
  s.es = 0x3000;
  s.di = 0x0010;
  const auto t = trace_286({0xAA, 0xF4}, s);
  std::size_t write = 0, halt = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].ale && t[i].bus_status == kStatusMemWrite) write = i;
    if (t[i].ale && t[i].bus_status == kStatusHalt) halt = i;
  }
  REQUIRE(write > 0);
  CHECK(halt == write + 3);
}

TEST_CASE("286 odd word write: the bus unit runs the second byte cycle on its own",
          "[cpu][286][bus]") {
  // Captures (STOSW to an odd address; HLT): writes at Ts n and n+2, HALT Ts at n+4.
  CpuState s;
  s.es = 0x3000;
  s.di = 0x0011;
  s.ax = 0x1234;
  const auto t = trace_286({0xAB, 0xF4}, s);
  std::vector<std::size_t> writes;
  std::size_t halt = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].ale && t[i].bus_status == kStatusMemWrite) writes.push_back(i);
    if (t[i].ale && t[i].bus_status == kStatusHalt) halt = i;
  }
  REQUIRE(writes.size() == 2);
  CHECK(t[writes[0]].address == 0x30011u);
  CHECK(t[writes[1]].address == 0x30012u);
  CHECK(writes[1] == writes[0] + 2);
  CHECK(halt == writes[0] + 4);
}
