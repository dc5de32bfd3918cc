// 80286 clock counts of string, I/O and stack instructions against the iAPX 286 Programmer's
// Reference Manual, appendix B (clocks assume the instruction is decoded, no wait states).
// The instruction's first bus cycle goes out the clock it starts, and the HALT cycle of the
// HLT after it goes out the clock HLT starts, so "HALT Ts minus first data Ts" is the
// instruction's clock count; a REP loop's rate is the distance between its iterations' cycles.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusHalt = 4, kStatusMemRead = 5, kStatusMemWrite = 6,
                       kStatusIoRead = 9, kStatusIoWrite = 10;

// Clock (trace index) of every Ts with the given status.
struct Cycles {
  std::vector<std::size_t> reads, writes, io_reads, io_writes;
  std::size_t halt = 0;
  std::size_t first_data() const {
    std::size_t f = halt;
    for (const auto* v : {&reads, &writes, &io_reads, &io_writes})
      if (!v->empty() && v->front() < f) f = v->front();
    return f;
  }
};

// Runs `code` at 1000:0000 from an empty queue until HLT and sorts out the bus cycles.
// SS:SP, DS and ES default to 2000:0100, 3000h and 4000h.
Cycles run(const std::vector<std::uint8_t>& code, CpuState s = {}) {
  if (!s.sp) s.sp = 0x0100;
  if (!s.ds) s.ds = 0x3000;
  if (!s.es) s.es = 0x4000;
  Cycles c;
  for (const TsClock& b : ts_clocks(trace_286(code, s))) {
    switch (b.status) {
      case kStatusMemRead: c.reads.push_back(b.clock); break;
      case kStatusMemWrite: c.writes.push_back(b.clock); break;
      case kStatusIoRead: c.io_reads.push_back(b.clock); break;
      case kStatusIoWrite: c.io_writes.push_back(b.clock); break;
      case kStatusHalt: c.halt = b.clock; break;
      default: break;
    }
  }
  return c;
}

std::size_t clocks(const std::vector<std::uint8_t>& code, CpuState s = {}) {
  const Cycles c = run(code, s);
  REQUIRE(c.halt > 0);
  return c.halt - c.first_data();
}

// Every distance between consecutive entries equals `step`.
bool evenly_spaced(const std::vector<std::size_t>& v, std::size_t step) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (v[i] - v[i - 1] != step) return false;
  return true;
}

}  // namespace

TEST_CASE("286 string instructions without REP take the PRM clocks", "[cpu][286][timing]") {
  CpuState s;
  s.si = 0x10;
  s.di = 0x20;
  CHECK(clocks({0xAA, 0xF4}, s) == 3);  // STOS 3
  CHECK(clocks({0xAC, 0xF4}, s) == 5);  // LODS 5
  CHECK(clocks({0xAE, 0xF4}, s) == 7);  // SCAS 7
  CHECK(clocks({0xA6, 0xF4}, s) == 8);  // CMPS 8
  // MOVS: the PRM says 5; every capture shows 7 (read, 2 clocks, posted write, 2 clocks).
  CHECK(clocks({0xA4, 0xF4}, s) == 7);
}

TEST_CASE("286 REP string instructions repeat at the PRM rate", "[cpu][286][timing]") {
  CpuState s;
  s.si = 0x10;
  s.di = 0x20;
  s.cx = 5;
  {
    const Cycles c = run({0xF3, 0xAA, 0xF4}, s);  // REP STOS 4+3n
    REQUIRE(c.writes.size() == 5);
    CHECK(evenly_spaced(c.writes, 3));
  }
  {
    const Cycles c = run({0xF3, 0xA4, 0xF4}, s);  // REP MOVS 5+4n
    REQUIRE(c.reads.size() == 5);
    REQUIRE(c.writes.size() == 5);
    CHECK(evenly_spaced(c.reads, 4));
    CHECK(evenly_spaced(c.writes, 4));
  }
  {
    const Cycles c = run({0xF3, 0xAC, 0xF4}, s);  // REP LODS 5+4n
    REQUIRE(c.reads.size() == 5);
    CHECK(evenly_spaced(c.reads, 4));
  }
  {
    s.ax = 0x00;  // memory is zero: REPE SCASB runs to CX = 0
    const Cycles c = run({0xF3, 0xAE, 0xF4}, s);  // REP SCAS 5+8n
    REQUIRE(c.reads.size() == 5);
    CHECK(evenly_spaced(c.reads, 8));
  }
  {
    const Cycles c = run({0xF3, 0xA6, 0xF4}, s);  // REP CMPS 5+9n: two reads per item
    REQUIRE(c.reads.size() == 10);
    std::vector<std::size_t> firsts;
    for (std::size_t i = 0; i < c.reads.size(); i += 2) firsts.push_back(c.reads[i]);
    CHECK(evenly_spaced(firsts, 9));
  }
}

TEST_CASE("286 REP with CX = 0 does no bus cycle", "[cpu][286][timing]") {
  CpuState s;
  s.cx = 0;
  const Cycles c = run({0xF3, 0xA5, 0xF4}, s);
  CHECK(c.reads.empty());
  CHECK(c.writes.empty());
  CHECK(c.halt > 0);
}

TEST_CASE("286 IN/OUT and INS/OUTS take the PRM clocks", "[cpu][286][timing]") {
  CpuState s;
  s.dx = 0x60;
  s.si = 0x10;
  s.di = 0x20;
  CHECK(clocks({0xE4, 0x60, 0xF4}, s) == 5);  // IN AL,imm8 5
  CHECK(clocks({0xEC, 0xF4}, s) == 5);        // IN AL,DX 5
  CHECK(clocks({0xE6, 0x60, 0xF4}, s) == 3);  // OUT imm8,AL 3
  CHECK(clocks({0xEE, 0xF4}, s) == 3);        // OUT DX,AL 3
  CHECK(clocks({0x6E, 0xF4}, s) == 5);        // OUTS 5
  s.cx = 4;
  const Cycles c = run({0xF3, 0x6C, 0xF4}, s);  // REP INS 5+4n
  REQUIRE(c.io_reads.size() == 4);
  CHECK(evenly_spaced(c.io_reads, 4));
}

TEST_CASE("286 stack and pointer loads take the PRM clocks", "[cpu][286][timing]") {
  CpuState s;
  s.bp = 0x80;
  s.bx = 0x10;
  CHECK(clocks({0x60, 0xF4}, s) == 17);              // PUSHA 17
  CHECK(clocks({0x61, 0xF4}, s) == 19);              // POPA 19
  CHECK(clocks({0xC9, 0xF4}, s) == 5);               // LEAVE 5
  CHECK(clocks({0xC4, 0x07, 0xF4}, s) == 7);         // LES r,m 7
  CHECK(clocks({0xD7, 0xF4}, s) == 5);               // XLAT 5
  s.ax = 0;                                          // [BX] is 0000:0000: in bounds
  CHECK(clocks({0x62, 0x07, 0xF4}, s) == 13);        // BOUND 13
  // Captures: the lower bound is compared first. Below it, interrupt 5 pushes 7 clocks
  // after the second read's data; above the upper bound only, 3 clocks later still.
  s.ax = 0xFFFF;                                     // -1: below the lower bound (0)
  const Cycles lo = run({0x62, 0x07, 0xF4}, s);
  REQUIRE(lo.reads.size() >= 2);
  REQUIRE(!lo.writes.empty());
  CHECK(lo.writes.front() - (lo.reads[1] + 2) == 7);
  s.ax = 5;                                          // above the upper bound (0)
  const Cycles c = run({0x62, 0x07, 0xF4}, s);
  REQUIRE(c.reads.size() >= 2);
  REQUIRE(!c.writes.empty());
  CHECK(c.writes.front() - (c.reads[1] + 2) == 10);
  // ... and its FLAGS push is followed by an idle clock before CS and IP.
  REQUIRE(c.writes.size() >= 3);
  CHECK(c.writes[1] - c.writes[0] == 3);
  CHECK(c.writes[2] - c.writes[1] == 2);
}

TEST_CASE("286 ENTER takes the PRM clocks for each nesting level", "[cpu][286][timing]") {
  CpuState s;
  s.bp = 0x80;
  CHECK(clocks({0xC8, 0x08, 0x00, 0x00, 0xF4}, s) == 11);           // ENTER imm16,0 11
  CHECK(clocks({0xC8, 0x08, 0x00, 0x01, 0xF4}, s) == 15);           // ENTER imm16,1 15
  CHECK(clocks({0xC8, 0x08, 0x00, 0x03, 0xF4}, s) == 12 + 4 * 2);   // 12+4(n-1)
}
