// 80286 real-address mode: the instructions the 286 adds to the 8086 set and the real-mode
// differences listed in the 80286 Programmer's Reference Manual (instruction set reference
// and "Real Address Mode"; exceptions 0, 5, 6, 13). Expected values follow the manual's
// operation descriptions.
#include <catch2/catch.hpp>

#include <memory>
#include <utility>
#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

struct Rig286 : CpuRig {
  Rig286() : CpuRig(CpuModel::i80286) {}
};

// Runs `code` and a HLT from SP = 100h with the divide-error handler (a HLT at 0050h).
std::unique_ptr<CpuRig> run_divide(CpuModel m, std::vector<std::uint8_t> code, CpuState s) {
  auto p = std::make_unique<CpuRig>(m);
  p->hlt_vector(0);
  s.sp = 0x100;
  code.push_back(0xF4);
  p->start(code, s);
  p->run_to_halt();
  return p;
}

}  // namespace

TEST_CASE("286 PUSHA stores AX CX DX BX, the original SP, BP SI DI", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.ax = 1; s.cx = 2; s.dx = 3; s.bx = 4; s.sp = 0x100; s.bp = 6; s.si = 7; s.di = 8;
  r.start({0x60, 0xF4}, s);
  r.run_to_halt();
  CHECK(r.cpu->state().sp == 0xF0);
  const std::uint16_t expect[8] = {8, 7, 6, 0x100, 4, 3, 2, 1};  // from SP upwards
  for (int i = 0; i < 8; ++i) CHECK(r.stack(std::uint16_t(2 * i)) == expect[i]);
}

TEST_CASE("286 POPA restores the registers and discards the stored SP", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.ax = 1; s.bx = 4; s.sp = 0x100; s.bp = 6;
  // PUSHA; MOV AX,0; MOV BX,0; MOV BP,0; MOV SP,... is not touched; POPA; HLT
  r.start({0x60, 0xB8, 0, 0, 0xBB, 0, 0, 0xBD, 0, 0, 0x61, 0xF4}, s);
  r.run_to_halt();
  const CpuState o = r.cpu->state();
  CHECK(o.ax == 1);
  CHECK(o.bx == 4);
  CHECK(o.bp == 6);
  CHECK(o.sp == 0x100);
}

TEST_CASE("286 ENTER builds a nested frame and LEAVE removes it", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.sp = 0x100;
  s.bp = 0x1234;
  // ENTER 4,1; MOV AX,BP; MOV DX,SP; LEAVE; HLT
  r.start({0xC8, 0x04, 0x00, 0x01, 0x89, 0xE8, 0x89, 0xE2, 0xC9, 0xF4}, s);
  r.run_to_halt();
  const CpuState o = r.cpu->state();
  CHECK(o.ax == 0xFE);        // frame = SP after pushing BP
  CHECK(o.dx == 0xFC - 4);    // frame pointer copied (level 1), then 4 bytes of locals
  CHECK(r.read16(0x20000 + 0xFE) == 0x1234);
  CHECK(r.read16(0x20000 + 0xFC) == 0xFE);
  CHECK(o.bp == 0x1234);      // LEAVE
  CHECK(o.sp == 0x100);
}

TEST_CASE("286 PUSH imm, PUSH SP pushes the value before the push", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.sp = 0x100;
  r.start({0x6A, 0xFE, 0x68, 0x34, 0x12, 0x54, 0xF4}, s);
  r.run_to_halt();
  CHECK(r.cpu->state().sp == 0xFA);
  CHECK(r.stack(4) == 0xFFFE);   // 6A: sign-extended byte
  CHECK(r.stack(2) == 0x1234);
  CHECK(r.stack(0) == 0xFC);     // SP as it was before PUSH SP (8086: FAh)
}

TEST_CASE("286 IMUL r16,r/m16,imm keeps the low word, CF=OF on overflow", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.bx = 7;
  r.start({0x6B, 0xC3, 0xFD, 0xF4}, s);  // IMUL AX,BX,-3
  r.run_to_halt();
  CHECK(r.cpu->state().ax == 0xFFEB);     // -21
  CHECK((r.cpu->state().flags & (CF | OF)) == 0);
  Rig286 r2;
  s.bx = 4;
  r2.start({0x69, 0xC3, 0x00, 0x40, 0xF4}, s);  // IMUL AX,BX,4000h = 10000h
  r2.run_to_halt();
  CHECK(r2.cpu->state().ax == 0);
  CHECK((r2.cpu->state().flags & (CF | OF)) == (CF | OF));
}

TEST_CASE("286 shift counts are taken modulo 32, also for C0/C1 immediates", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.ax = 1;
  s.bx = 1;
  s.cx = 0x20;
  r.start({0xC1, 0xE0, 0x21, 0xD3, 0xE3, 0xF4}, s);  // SHL AX,33; SHL BX,CL(32)
  r.run_to_halt();
  CHECK(r.cpu->state().ax == 2);
  CHECK(r.cpu->state().bx == 1);
}

TEST_CASE("286 FLAGS bits 12-15 read as 0 in real mode", "[cpu][286]") {
  Rig286 r;
  CpuState s;
  s.sp = 0x100;
  s.flags = 0xF000 | CF;
  r.start({0x9C, 0xF4}, s);
  r.run_to_halt();
  CHECK(r.stack(0) == (0x0002 | CF));
}

TEST_CASE("286 undefined opcode raises interrupt 6 with the faulting IP", "[cpu][286]") {
  Rig286 r;
  r.hlt_vector(6);
  CpuState s;
  s.sp = 0x100;
  r.start({0x90, 0x8F, 0xC8, 0xF4}, s);  // NOP; POP with ModRM.reg=1 (undefined)
  r.run_to_halt();
  CHECK(r.cpu->state().cs == 0x0050);
  CHECK(r.stack(0) == 1);
  CHECK(r.stack(2) == CpuRig::kCodeSeg);
}

TEST_CASE("286 word access at offset FFFFh raises interrupt 13 at the first prefix", "[cpu][286]") {
  Rig286 r;
  r.hlt_vector(13);
  CpuState s;
  s.sp = 0x100;
  s.ax = 0x5555;
  r.start({0x90, 0x2E, 0xA1, 0xFF, 0xFF, 0xF4}, s);  // NOP; MOV AX,CS:[FFFFh]
  r.run_to_halt();
  CHECK(r.cpu->state().cs == 0x0050);
  CHECK(r.stack(0) == 1);             // the CS: prefix, not the opcode
  CHECK(r.cpu->state().ax == 0x5555);  // not loaded
}

TEST_CASE("286 divide error returns to the DIV itself", "[cpu][286]") {
  Rig286 r;
  r.hlt_vector(0);
  CpuState s;
  s.sp = 0x100;
  r.start({0x90, 0xF6, 0xF1, 0xF4}, s);  // NOP; DIV CL (CL = 0)
  r.run_to_halt();
  CHECK(r.cpu->state().cs == 0x0050);
  CHECK(r.stack(0) == 1);  // 8086: 3, the next instruction
}

TEST_CASE("286 BOUND raises interrupt 5 outside the signed bounds", "[cpu][286]") {
  Rig286 r;
  r.hlt_vector(5);
  CpuState s;
  s.sp = 0x100;
  s.ds = 0x3000;
  s.bx = 0x10;
  s.ax = 5;
  r.write16(0x30010, std::uint16_t(-2));
  r.write16(0x30012, 5);
  // BOUND AX,[BX] (in range); MOV AX,6; BOUND AX,[BX] (above); HLT
  r.start({0x62, 0x07, 0xB8, 0x06, 0x00, 0x62, 0x07, 0xF4}, s);
  r.run_to_halt();
  CHECK(r.cpu->state().cs == 0x0050);
  CHECK(r.stack(0) == 5);  // the second BOUND
}

TEST_CASE("286 SMSW reads FFF0h after reset, LMSW sets PE but cannot clear it", "[cpu][286]") {
  Rig286 r;
  // SMSW AX; MOV BX,1; LMSW BX; SMSW CX; MOV BX,0; LMSW BX; SMSW DX; HLT
  r.start({0x0F, 0x01, 0xE0, 0xBB, 0x01, 0x00, 0x0F, 0x01, 0xF3, 0x0F, 0x01, 0xE1,
           0xBB, 0x00, 0x00, 0x0F, 0x01, 0xF3, 0x0F, 0x01, 0xE2, 0xF4});
  r.run_to_halt();
  CHECK(r.cpu->state().ax == 0xFFF0);
  CHECK(r.cpu->state().cx == 0xFFF1);
  CHECK(r.cpu->state().dx == 0xFFF1);
}

TEST_CASE("286 real mode reaches above 1 MiB on a 24-bit bus unless A20 is gated off",
          "[cpu][286]") {
  // FFFF:0010 is physical 100000h: the 286 drives A20 (80286 PRM, real-address mode), the
  // 8086 wraps to 0; the board's A20 gate forces the 8086 behaviour.
  Bus bus(24);
  bus.map_ram(0, 2u << 20);
  bus.poke8(0x100000, 0x11);
  bus.poke8(0x100001, 0x22);
  bus.poke8(0x000000, 0x33);
  bus.poke8(0x000001, 0x44);
  // MOV AX,[0010h]; HLT at 1000:0000 with DS = FFFF
  const std::uint8_t code[] = {0xA1, 0x10, 0x00, 0xF4};
  for (unsigned i = 0; i < sizeof code; ++i) bus.poke8(0x10000 + i, code[i]);
  for (bool a20 : {true, false}) {
    bus.set_a20(a20);
    auto cpu = make_cpu(CpuModel::i80286, bus);
    REQUIRE(cpu);
    CpuState s;
    s.cs = 0x1000;
    s.ds = 0xFFFF;
    s.ss = 0x2000;
    s.sp = 0x100;
    cpu->set_state(s);
    for (int i = 0; i < 10 && !cpu->halted(); ++i) cpu->step();
    CHECK(cpu->state().ax == (a20 ? 0x2211 : 0x4433));
  }
}

TEST_CASE("286 reset starts at F000:FFF0 in real mode with MSW FFF0h", "[cpu][286]") {
  // 80286 PRM, "System Initialization": CS = F000h, IP = FFF0h, MSW = FFF0h, FLAGS = 0002h.
  Rig286 r;
  r.cpu->reset();
  const CpuState s = r.cpu->state();
  CHECK(s.cs == 0xF000);
  CHECK(s.ip == 0xFFF0);
  CHECK(s.msw == 0xFFF0);
  CHECK(s.flags == 0x0002);
  // The first instruction comes from physical FFFF0h: a HLT there halts the core.
  r.bus.poke8(0xFFFF0, 0xF4);
  r.cpu->step();
  CHECK(r.cpu->halted());
  CHECK(r.cpu->state().ip == 0xFFF1);
}

TEST_CASE("286 interrupt whose push wraps at FFFFh stops the core instead of throwing",
          "[cpu][286]") {
  // NMI with SP = 1: the FLAGS push is a word at SS:FFFF, which faults while the interrupt is
  // being delivered (80286 PRM: shutdown). The core halts; step() must not throw.
  Rig286 r;
  r.hlt_vector(2);
  CpuState s;
  s.sp = 0x0001;
  r.start({0x90, 0x90, 0xF4}, s);
  r.cpu->set_nmi(true);
  REQUIRE_NOTHROW(r.cpu->step());
  CHECK(r.cpu->halted());
  CHECK(r.cpu->state().cs == CpuRig::kCodeSeg);  // the handler was never entered
}

namespace {
struct OneVector : InterruptAcknowledge {
  std::uint8_t acknowledge() override { return 0x20; }
};
}  // namespace

TEST_CASE("286 REP string op interrupted by INTR resumes at its first prefix", "[cpu][286]") {
  // 80286 PRM (REP): an interrupted repeated string instruction restarts with all its
  // prefixes; the 8086 returns to the last prefix only and loses a segment override.
  for (CpuModel m : {CpuModel::i80286, CpuModel::i8086}) {
    CpuRig r(m);
    OneVector pic;
    r.cpu->set_interrupt_controller(&pic);
    r.hlt_vector(0x20);
    CpuState s;
    s.sp = 0x100;
    s.cx = 100;
    s.ds = 0x3000;
    s.es = 0x4000;
    // STI; ES: REP MOVSB; HLT. STI holds INTR off for one instruction, so it is recognised
    // between iterations of the string instruction.
    r.start({0xFB, 0x26, 0xF3, 0xA4, 0xF4}, s);
    r.cpu->set_intr(true);
    r.cpu->step();  // STI
    r.cpu->step();  // MOVSB iterations until the interrupt is recognised
    CHECK(r.cpu->state().cx < 100);
    CHECK(r.cpu->state().cx > 0);
    r.run_to_halt();
    CHECK(r.cpu->state().cs == 0x0050);
    CHECK(r.stack(0) == (m == CpuModel::i80286 ? 1 : 2));
  }
}

TEST_CASE("286 real-mode interrupts read their vector at the IDTR base that LIDT set",
          "[cpu][286]") {
  // 80286 PRM, real address mode: the interrupt vector table starts at the IDTR base, 0
  // after RESET; LIDT loads base and limit in real mode too. Table at 8000h: INT 21h takes
  // its vector from 8000h + 84h, not from 84h.
  Rig286 r;
  r.write16(0x84, 0x0000);  // the vector at 0:84h points at 0000:0000 (not to be used)
  r.write16(0x86, 0x0000);
  r.write16(0x8084, 0x0010);  // the relocated vector: 0060:0010 -> physical 610h, a HLT
  r.write16(0x8086, 0x0060);
  r.bus.poke8(0x610, 0xF4);
  r.write16(0x3000, 0x03FF);  // LIDT operand at DS:0 = 3000h: limit 3FFh, base 008000h
  r.write16(0x3002, 0x8000);
  r.bus.poke8(0x3004, 0x00);
  CpuState s;
  s.ds = 0x0300;
  s.sp = 0x100;
  // LIDT [0]; INT 21h
  r.start({0x0F, 0x01, 0x1E, 0x00, 0x00, 0xCD, 0x21}, s);
  r.run_to_halt(10);
  const CpuState o = r.cpu->state();
  CHECK(o.cs == 0x0060);
  CHECK(o.ip == 0x0011);  // after the HLT
}

TEST_CASE("286 instruction running past offset FFFFh of CS raises interrupt 13",
          "[cpu][286]") {
  // The 286 prefetcher does not wrap the code offset (SingleStepTests captures), and real
  // mode raises exception 13 for an instruction that crosses the segment's end (80286 PRM,
  // real address mode). MOV AX,1234h with its opcode at 1000:FFFEh: the immediate's high
  // byte would be at offset 0000h.
  Rig286 r;
  r.load(0x1FFFE, {0xB8, 0x34});
  r.load(0x10000, {0x12, 0xF4});
  r.hlt_vector(13);
  CpuState s;
  s.cs = 0x1000;
  s.ip = 0xFFFE;
  s.ss = 0x2000;
  s.sp = 0x100;
  s.ax = 0x5555;
  r.cpu->set_state(s);
  r.run_to_halt(10);
  const CpuState o = r.cpu->state();
  CHECK(o.cs == 0x0050);
  CHECK(o.ip == 13 * 2 + 1);
  CHECK(o.ax == 0x5555);                     // the MOV did not execute
  CHECK(r.read16(0x20000 + 0xFA) == 0xFFFE);  // IP pushed: the faulting instruction
  CHECK(r.read16(0x20000 + 0xFC) == 0x1000);
}

// The IDIV r/m8 quirk reported for the 286 and 386 (SingleStepTests 80386 issue 3, "the 286
// tests show the same behaviour"): AX = 9C71h (-25487) / CL = 47h (71) overflows, yet the chip
// returns AL = 80h, AH = F1h (-15), the result for the dividend with bit 14 of its magnitude
// cleared (-9103 = -128 * 71 - 15).
TEST_CASE("286 IDIV r8 returns -128 where the dividend less 4000h divides to it", "[cpu][286]") {
  // IDIV CL with the divide-error handler at 0050h; the final CS and AX.
  auto idiv_cl = [](CpuModel m, std::uint16_t ax, std::uint8_t cl) {
    CpuState s;
    s.ax = ax;
    s.cx = cl;
    const CpuState o = run_divide(m, {0xF6, 0xF9}, s)->cpu->state();
    return std::pair(o.cs, o.ax);
  };
  const auto [cs, ax] = idiv_cl(CpuModel::i80286, 0x9C71, 0x47);
  CHECK(cs != 0x0050);  // no divide error
  CHECK(ax == 0xF180);
  // A positive dividend that would need +128 (25487 / 71 without bit 14) still faults.
  CHECK(idiv_cl(CpuModel::i80286, 0x638F, 0x47).first == 0x0050);
  // An overflow that does not reduce to -128 (-25487 / 70: -130) faults.
  CHECK(idiv_cl(CpuModel::i80286, 0x9C71, 0x46).first == 0x0050);
  // The 8086 raises the divide error.
  CHECK(idiv_cl(CpuModel::i8086, 0x9C71, 0x47).first == 0x0050);
}

// A zero divisor raises the divide error; the FLAGS word it pushes carries SF/ZF/PF of the
// dividend shifted right once (DIV, AAM) or of its low half (IDIV) on the 286; AAM 0 on the
// 8086 leaves those of a zero result. Each case is a capture of the 286 suite
// (F6.6, F7.6, F7.7, D4 with a zero divisor: registers in, pushed flags out).
TEST_CASE("286 zero divisor pushes the flags of the dividend as the divider left them",
          "[cpu][286]") {
  auto pushed_szp = [](CpuModel m, std::vector<std::uint8_t> code, std::uint16_t ax,
                       std::uint16_t dx) {
    CpuState s;
    s.ax = ax;
    s.dx = dx;
    const auto p = run_divide(m, std::move(code), s);
    REQUIRE(p->cpu->state().cs == 0x0050);
    return std::uint16_t(p->stack(4) & 0x00C4);  // IP, CS, FLAGS
  };
  const CpuModel k286 = CpuModel::i80286;
  CHECK(pushed_szp(k286, {0xD4, 0x00}, 0x09B8, 0) == 0x0004);  // AAM 0: 5Ch, even parity
  CHECK(pushed_szp(k286, {0xD4, 0x00}, 0xFFFF, 0) == 0x0000);  // AAM 0: 7Fh, odd, SF clear
  CHECK(pushed_szp(k286, {0xF6, 0xF7}, 0x17E4, 0x0069) == 0x0080);  // DIV BH: F2h
  CHECK(pushed_szp(k286, {0xF6, 0xF2}, 0x2CFB, 0x0000) == 0x0004);  // DIV DL: 7Dh
  CHECK(pushed_szp(k286, {0xF7, 0xF6}, 0x0000, 0x748B) == 0x0084);  // DIV SI: 8000h
  CHECK(pushed_szp(k286, {0xF7, 0xFE}, 0xF12A, 0xB162) == 0x0080);  // IDIV SI: AX F12Ah
  CHECK(pushed_szp(k286, {0xF6, 0xFE}, 0xFF35, 0x0000) == 0x0004);  // IDIV DH: AL 35h
  CHECK(pushed_szp(CpuModel::i8086, {0xD4, 0x00}, 0x09B8, 0) == 0x0044);  // 8086: of zero
}
