// ESC (D8-DF) on the 80286 with no coprocessor: the instruction is handed to the processor
// extension through I/O writes (80286 PRM, "Processor Extension Interface": ports 00F8h-00FFh
// are reserved for it); the order and contents are those of the SingleStepTests 80286
// captures: opcode word to 00F8h, then IP (first prefix) and CS to 00FCh, then for memory
// operands the offset and segment selector to 00FCh. No memory operand is read.
#include <catch2/catch.hpp>

#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kTc = 2;
constexpr std::uint8_t kStatusMemRead = 5, kStatusIoWrite = 10;

struct Transfer {
  std::uint8_t status;
  std::uint32_t address;
  std::uint16_t data;
  bool operator==(const Transfer&) const = default;
};

// Every non-code transfer of a run: status and address from the Ts, data from the Tc.
std::vector<Transfer> transfers(const std::vector<BusCycle>& t) {
  std::vector<Transfer> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!t[i].ale || t[i].bus_status == 13 || t[i].bus_status == 4) continue;
    std::uint16_t data = 0;
    for (std::size_t j = i + 1; j < t.size() && j < i + 4; ++j)
      if (t[j].t_state == kTc) {
        data = t[j].data;
        break;
      }
    out.push_back({t[i].bus_status, t[i].address, data});
  }
  return out;
}

std::vector<Transfer> run_esc(CpuRig& r, const std::vector<std::uint8_t>& code, CpuState s) {
  return transfers(trace_286(r, code, s));
}

}  // namespace

TEST_CASE("286 ESC register form: opcode word to 00F8h, IP and CS to 00FCh", "[cpu][286]") {
  CpuRig r(CpuModel::i80286);
  CpuState s;
  s.ip = 0x0120;
  const auto t = run_esc(r, {0xD8, 0xE0, 0xF4}, s);  // fsub st0
  const std::vector<Transfer> want{{kStatusIoWrite, 0xF8, 0xE0D8},
                                   {kStatusIoWrite, 0xFC, 0x0120},
                                   {kStatusIoWrite, 0xFC, 0x1000}};
  CHECK(t == want);
  CHECK(r.cpu->state().ip == 0x0123);  // past the HLT
}

TEST_CASE("286 ESC memory form: pointers include the prefix IP, offset and override segment",
          "[cpu][286]") {
  CpuRig r(CpuModel::i80286);
  CpuState s;
  s.ip = 0x0200;
  s.es = 0x4321;
  s.bx = 0x0010;
  s.si = 0x0005;
  // es: fld dword [bx+si+7] (D9 /0, disp8): EA = 0010h + 0005h + 7 = 001Ch.
  const auto t = run_esc(r, {0x26, 0xD9, 0x40, 0x07, 0xF4}, s);
  const std::vector<Transfer> want{{kStatusIoWrite, 0xF8, 0x40D9},
                                   {kStatusIoWrite, 0xFC, 0x0200},  // the ES: prefix
                                   {kStatusIoWrite, 0xFC, 0x1000},
                                   {kStatusIoWrite, 0xFC, 0x001C},
                                   {kStatusIoWrite, 0xFC, 0x4321}};
  CHECK(t == want);
  for (const auto& x : t) CHECK(x.status != kStatusMemRead);
}

TEST_CASE("286 ESC with the operand's first word past the segment end: interrupt 13, no I/O",
          "[cpu][286]") {
  CpuRig r(CpuModel::i80286);
  r.hlt_vector(13);
  CpuState s;
  s.ip = 0x0300;
  s.bx = 0xFFFF;
  s.sp = 0x0100;
  const auto t = run_esc(r, {0xDC, 0x07, 0xF4}, s);  // fadd qword [bx], EA FFFFh
  for (const auto& x : t) CHECK(x.status != kStatusIoWrite);
  const CpuState f = r.cpu->state();
  CHECK(f.cs == 0x0050);
  CHECK(r.read16(0x20000 + 0x00FA) == 0x0300);  // IP of the ESC itself
}

TEST_CASE("286 ESC with the operand at FFFEh still runs (only the first word is checked)",
          "[cpu][286]") {
  CpuRig r(CpuModel::i80286);
  r.hlt_vector(13);
  CpuState s;
  s.ip = 0x0300;
  s.bx = 0xFFFE;
  s.ds = 0x0700;
  const auto t = run_esc(r, {0xD8, 0x07, 0xF4}, s);  // fadd dword [bx]
  REQUIRE(t.size() == 5);
  CHECK(t[3] == Transfer{kStatusIoWrite, 0xFC, 0xFFFE});
  CHECK(t[4] == Transfer{kStatusIoWrite, 0xFC, 0x0700});
  CHECK(r.cpu->state().cs == 0x1000);
}
