// The 80286 instruction decoder between the prefetch queue and the EU (80286 datasheet,
// "Instruction unit"; iAPX 286 PRM appendix B: instruction clocks assume the instruction has
// been prefetched and decoded). The numbers are the rules the SingleStepTests 80286
// captures of a real N80C286-12 show, with PRM clock counts for the EU:
//  - the decoder takes a byte 4 clocks after the Tc that fetched it, one byte per clock, two
//    for an 8-bit value it sign-extends (disp8, the imm8 of 83/6A/6B, rel8);
//  - the EU starts an instruction 3 clocks after its last byte was decoded;
//  - bytes the decoder has taken free queue room for the next word fetch;
//  - the decoder stops after HLT.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusHalt = 4, kStatusMemRead = 5, kStatusMemWrite = 6,
                       kStatusCode = 13;

// Clock index (from the first fetch after the jump) of every Ts, with its status; DS = 3000h,
// SS:SP = 2000:0100, BX = 0010h.
std::vector<TsClock> run(const std::vector<std::uint8_t>& code) {
  CpuState s{};
  s.ds = 0x3000;
  s.ss = 0x2000;
  s.sp = 0x100;
  s.bx = 0x10;
  return ts_clocks(trace_286(code, s));
}

unsigned halt_clock(const std::vector<TsClock>& t) { return first_ts(t, kStatusHalt); }

unsigned count(const std::vector<TsClock>& t, std::uint8_t status) {
  unsigned n = 0;
  for (const TsClock& x : t) n += x.status == status;
  return n;
}

}  // namespace

TEST_CASE("286 decoder: a one-byte instruction starts 8 clocks after the jump",
          "[cpu][286][decoder]") {
  // Word 0 arrives at Tc clock 1; decoded at 5; the EU starts at 8. INC reg is 2 clocks
  // (PRM), NOP 3, so the HLT's halt cycle goes out at 10 and 11.
  CHECK(halt_clock(run({0x40, 0xF4})) == 10);
  CHECK(halt_clock(run({0x90, 0xF4})) == 11);
}

TEST_CASE("286 decoder: each instruction byte costs the decoder one clock",
          "[cpu][286][decoder]") {
  // MOV AL,imm8 (2 clocks): its second byte decodes at 6, the EU starts at 9.
  CHECK(halt_clock(run({0xB0, 0x12, 0xF4})) == 11);
  // ADD AX,imm16 (3 clocks): the imm16's high byte is in word 1 (Tc 3, decoded at 7): 10.
  CHECK(halt_clock(run({0x05, 0x34, 0x12, 0xF4})) == 13);
  // A segment prefix is one more byte: MOV DL,BL with DS: ends a clock later than without.
  CHECK(halt_clock(run({0x3E, 0x8A, 0xD3, 0xF4})) == halt_clock(run({0x8A, 0xD3, 0xF4})) + 1);
}

TEST_CASE("286 decoder: sign-extended bytes take two clocks", "[cpu][286][decoder]") {
  // LEA (3 clocks, no bus cycle): [BX] vs [BX+disp8] vs [BX+disp16]. The disp8 is one byte
  // shorter than the disp16 but costs the same: both start the EU at 11.
  CHECK(halt_clock(run({0x8D, 0x07, 0xF4})) == 12);
  CHECK(halt_clock(run({0x8D, 0x47, 0x05, 0xF4})) == 14);
  CHECK(halt_clock(run({0x8D, 0x87, 0x05, 0x00, 0xF4})) == 14);
  // ADD r16,imm16 and ADD r16,sign-extended imm8 (3 clocks each) also end together.
  CHECK(halt_clock(run({0x83, 0xC0, 0x05, 0xF4})) == 14);
  CHECK(halt_clock(run({0x81, 0xC0, 0x05, 0x00, 0xF4})) == 14);
}

TEST_CASE("286 decoder: decoded bytes free queue room for the next fetch",
          "[cpu][286][decoder]") {
  // Four words fill the 6-byte queue plus what the decoder took. A fifth fetch needs two
  // bytes of room: ADD AX,imm16 + HLT (4 bytes decoded by clock 8) gets it at clock 8, a
  // disp8 form (decoded one clock later) at 9; INC AX + HLT (2 bytes, then the decoder
  // stops at HLT) never does.
  auto fifth_fetch = [](const std::vector<TsClock>& t) {
    unsigned n = 0;
    for (const TsClock& x : t)
      if (x.status == kStatusCode && ++n == 5) return x.clock;
    return ~0u;
  };
  CHECK(fifth_fetch(run({0x05, 0x34, 0x12, 0xF4})) == 8);
  CHECK(fifth_fetch(run({0x00, 0x5F, 0x0E, 0xF4})) == 9);
  CHECK(count(run({0x40, 0xF4}), kStatusCode) == 4);
}

TEST_CASE("286 EU: PRM clock counts around the bus cycles of memory forms",
          "[cpu][286][decoder]") {
  // ADD [BX],AL (PRM 7): read at the EU start (9), posted write 4 clocks later, HLT at 16.
  const auto rmw = run({0x00, 0x07, 0xF4});
  REQUIRE(rmw.size() >= 7);
  CHECK(rmw[4].clock == 9);
  CHECK(rmw[4].status == kStatusMemRead);
  CHECK(rmw[5].clock == 13);
  CHECK(rmw[5].status == kStatusMemWrite);
  CHECK(halt_clock(rmw) == 16);
  // MOV AL,[BX] (PRM 5) and MOV [BX],AL (PRM 3).
  CHECK(halt_clock(run({0x8A, 0x07, 0xF4})) == 14);
  CHECK(halt_clock(run({0x88, 0x07, 0xF4})) == 12);
  // PUSH AX (PRM 3): the write goes out as the EU starts.
  const auto push = run({0x50, 0xF4});
  CHECK(push[4].clock == 8);
  CHECK(push[4].status == kStatusMemWrite);
  CHECK(halt_clock(push) == 11);
}
