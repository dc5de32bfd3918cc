// 80286 timing of control transfers. Expected clocks are the iAPX 286 Programmer's Reference
// Manual's (appendix B, real mode): "+m" is the fetch and decode of the next instruction,
// here a one-byte HLT, so m = 1. The clock counted is from the transfer's EU start (the
// decoder hands an instruction over 3 clocks after its last byte; with the code at an even
// address after the test's initial jump, byte k of the stream is decoded at clock 5 + k, a
// sign-extended rel8 takes two clocks) to the halt cycle of the HLT at the target.
// Where the SingleStepTests 80286 captures show one clock more than the PRM, the test says so.
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusHalt = 4;

struct Extra {
  std::uint32_t phys;
  std::vector<std::uint8_t> bytes;
};

// Clock of the halt cycle, counted from the first code fetch; code at 1000:0000, SS:SP =
// 2000:0100, DS = 3000, BX = 0010.
unsigned halt_clock(const std::vector<std::uint8_t>& code, const std::vector<Extra>& mem = {},
                    std::uint16_t flags = 0x0002, std::uint16_t cx = 0) {
  CpuRig r(CpuModel::i80286);
  for (const Extra& e : mem) r.load(e.phys, e.bytes);
  CpuState s{};
  s.ds = 0x3000;
  s.ss = 0x2000;
  s.sp = 0x100;
  s.bx = 0x10;
  s.cx = cx;
  s.flags = flags;
  return first_ts(ts_clocks(trace_286(r, code, s)), kStatusHalt);
}

constexpr unsigned m = 1;  // the HLT at the target

}  // namespace

TEST_CASE("286 Jcc: 7+m taken, 3 not taken", "[cpu][286][jump-timing]") {
  // 7x rel8: opcode at 5, rel8 at 6-7, EU start 10.
  // The targets are the HLT after the jump: a conditional transfer does not stop the
  // decoder, and more decoded bytes would let a fifth fetch hold the bus at the flush.
  CHECK(halt_clock({0x75, 0x00, 0xF4}) == 10 + 7 + m);  // JNZ, ZF clear
  CHECK(halt_clock({0x74, 0x00, 0xF4}) == 10 + 3);      // JZ not taken
}

TEST_CASE("286 JMP: short and near 7+m, far 11+m", "[cpu][286][jump-timing]") {
  CHECK(halt_clock({0xEB, 0x02, 0x90, 0x90, 0xF4}) == 10 + 7 + m);
  CHECK(halt_clock({0xE9, 0x01, 0x00, 0x90, 0xF4}) == 10 + 7 + m);
  // EA: five bytes decoded at 5-9, EU start 12.
  CHECK(halt_clock({0xEA, 0x06, 0x00, 0x00, 0x10, 0x90, 0xF4}) == 12 + 11 + m);
}

TEST_CASE("286 CALL: near 7+m, far 13+m", "[cpu][286][jump-timing]") {
  CHECK(halt_clock({0xE8, 0x01, 0x00, 0x90, 0xF4}) == 10 + 7 + m);
  CHECK(halt_clock({0x9A, 0x06, 0x00, 0x00, 0x10, 0x90, 0xF4}) == 12 + 13 + m);
}

TEST_CASE("286 FF group: JMP r16 7+m, m16 11+m, m32 15+m, CALL r16 7+m, m32 16+m",
          "[cpu][286][jump-timing]") {
  const std::vector<Extra> ptr{{0x30010, {0x04, 0x00, 0x00, 0x10}}};  // DS:BX -> 1000:0004
  // FF modrm: decoded at 5-6, EU start 9. BX = 0010: FF E3 jumps to 0010.
  std::vector<std::uint8_t> code(0x11, 0x90);
  code[0] = 0xFF;
  code[1] = 0xE3;  // JMP BX
  code[0x10] = 0xF4;
  CHECK(halt_clock(code) == 9 + 7 + m);
  code[1] = 0xD3;  // CALL BX
  CHECK(halt_clock(code) == 9 + 7 + m);
  CHECK(halt_clock({0xFF, 0x27, 0x90, 0x90, 0xF4}, ptr) == 9 + 11 + m);  // JMP [BX]
  CHECK(halt_clock({0xFF, 0x2F, 0x90, 0x90, 0xF4}, ptr) == 9 + 15 + m);  // JMP FAR [BX]
  CHECK(halt_clock({0xFF, 0x1F, 0x90, 0x90, 0xF4}, ptr) == 9 + 16 + m);  // CALL FAR [BX]
  // CALL [BX]: PRM 11+m; the captures show the flush 2 clocks after the posted push of the
  // return address, one clock later.
  CHECK(halt_clock({0xFF, 0x17, 0x90, 0x90, 0xF4}, ptr) == 9 + 11 + m + 1);
}

TEST_CASE("286 RET: RETF and RETF n 15+m, RET and RET n one more than the PRM's 11+m",
          "[cpu][286][jump-timing]") {
  const std::vector<Extra> stack{{0x20100, {0x04, 0x00, 0x00, 0x10}}};  // 1000:0004
  CHECK(halt_clock({0xCB, 0x90, 0x90, 0x90, 0xF4}, stack) == 8 + 15 + m);
  CHECK(halt_clock({0xCA, 0x02, 0x00, 0x90, 0xF4}, stack) == 10 + 15 + m);
  // Captures: the new code is fetched 4 clocks after the return address arrives.
  CHECK(halt_clock({0xC3, 0x90, 0x90, 0x90, 0xF4}, stack) == 8 + 11 + m + 1);
  CHECK(halt_clock({0xC2, 0x02, 0x00, 0x90, 0xF4}, stack) == 10 + 11 + m + 1);
}

TEST_CASE("286 LOOP and JCXZ: 8+m taken, 4 not taken", "[cpu][286][jump-timing]") {
  CHECK(halt_clock({0xE2, 0x00, 0xF4}, {}, 0x0002, 2) == 10 + 8 + m);
  CHECK(halt_clock({0xE2, 0x00, 0xF4}, {}, 0x0002, 1) == 10 + 4);
  CHECK(halt_clock({0xE3, 0x00, 0xF4}, {}, 0x0002, 0) == 10 + 8 + m);
  CHECK(halt_clock({0xE3, 0x00, 0xF4}, {}, 0x0002, 1) == 10 + 4);
}

TEST_CASE("286 INT n 23+m, INTO 24+m / 3, INT 3 and IRET one more than the PRM",
          "[cpu][286][jump-timing]") {
  // Vectors 3, 4 and 20h -> 1000:0006; the HLT at 1000:0006.
  const std::vector<Extra> ivt{{0x0C, {0x06, 0x00, 0x00, 0x10, 0x06, 0x00, 0x00, 0x10}},
                               {0x80, {0x06, 0x00, 0x00, 0x10}}};
  // CD ib: decoded at 5-6, EU start 9.
  CHECK(halt_clock({0xCD, 0x20, 0x90, 0x90, 0x90, 0x90, 0xF4}, ivt) == 9 + 23 + m);
  CHECK(halt_clock({0xCE, 0x90, 0x90, 0x90, 0x90, 0x90, 0xF4}, ivt, 0x0802) == 8 + 24 + m);
  CHECK(halt_clock({0xCE, 0xF4}, ivt) == 8 + 3);
  // INT 3: the captures show its first push one clock later than INT n's.
  CHECK(halt_clock({0xCC, 0x90, 0x90, 0x90, 0x90, 0x90, 0xF4}, ivt) == 8 + 23 + m + 1);
  // IRET: FLAGS, IP and CS are read, the new code fetched 4 clocks after CS arrives.
  const std::vector<Extra> frame{{0x20100, {0x04, 0x00, 0x00, 0x10, 0x02, 0x00}}};
  CHECK(halt_clock({0xCF, 0x90, 0x90, 0x90, 0xF4}, frame) == 8 + 17 + m + 1);
}
