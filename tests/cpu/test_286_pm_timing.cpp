// 80286 protected-mode clock counts: far transfers, returns, interrupts and segment loads take
// the iAPX 286 Programmer's Reference Manual's counts (appendix B: JMP, CALL, RET, IRET, INT,
// MOV, POP, LDS/LES), with no wait states. "+m" is the fetch and decode of the instruction
// at the target.
//
// Clocks are counted as in test_286_jump_timing.cpp: from the instruction's EU start (with the
// code at an even address after the initial jump, byte k of the stream is decoded at clock
// 5 + k and the EU starts 3 clocks after the last byte) to the halt cycle of a HLT at the
// target. Where the target runs at CPL 3 (a HLT there would fault), the test counts to the
// target's first code fetch instead and adds the distance from that fetch to the halt cycle,
// which depends only on the prefetcher and decoder (measured on the same-level case).
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

constexpr std::uint8_t kStatusHalt = 4, kStatusCode = 13;
constexpr unsigned m = 1;  // the HLT at the target

// The protected-mode world (linear addresses below 1 MiB):
constexpr std::uint32_t kGdt = 0x1000, kIdt = 0x2000;
constexpr std::uint32_t kCode0 = 0x10000, kStack0 = 0x20000, kData0 = 0x30000;
constexpr std::uint32_t kTssA = 0x40000, kTssB = 0x40100;
constexpr std::uint32_t kCode3 = 0x50000, kStack3 = 0x60000;
constexpr std::uint16_t kTarget = 0x0100;  // offset of the target in code0 / code3
// Selectors.
constexpr std::uint16_t kSelCode0 = 0x08, kSelStack0 = 0x10, kSelData0 = 0x18,
                        kSelGate0 = 0x20, kSelTssA = 0x28, kSelTssB = 0x30,
                        kSelTaskGate = 0x38, kSelCode3 = 0x43, kSelStack3 = 0x4B,
                        kSelGate3 = 0x53, kSelGate3Params = 0x5B;
constexpr std::uint8_t kVecIntGate = 0x40, kVecTaskGate = 0x41;

struct PmRig : CpuRig {
  PmRig() : CpuRig(CpuModel::i80286) {
    // Descriptors (PRM 6.3.1): limit, base 0-15, base 16-23, access byte.
    segment(kSelCode0, kCode0, 0x9B);
    segment(kSelStack0, kStack0, 0x93);
    segment(kSelData0, kData0, 0x93);
    gate(kGdt + kSelGate0, kSelCode0, kTarget, 0x84, 0);  // call gate, DPL 0
    segment(kSelTssA, kTssA, 0x83, 0x2B);                 // busy TSS: the current task
    segment(kSelTssB, kTssB, 0x81, 0x2B);                 // available TSS
    gate(kGdt + kSelTaskGate, kSelTssB, 0, 0x85, 0);      // task gate, DPL 0
    segment(kSelCode3 & ~3, kCode3, 0xFB);
    segment(kSelStack3 & ~3, kStack3, 0xF3);
    gate(kGdt + (kSelGate3 & ~3), kSelCode0, kTarget, 0xE4, 0);         // call gate, DPL 3
    gate(kGdt + (kSelGate3Params & ~3), kSelCode0, kTarget, 0xE4, 2);  // 2 parameter words
    gate(kIdt + kVecIntGate * 8, kSelCode0, kTarget, 0xE6, 0);  // interrupt gate, DPL 3
    gate(kIdt + kVecTaskGate * 8, kSelTssB, 0, 0xE5, 0);        // task gate, DPL 3
    // TSS A: the ring-0 stack for inner-level calls. TSS B: the task switched to (PRM 8.2).
    write16(kTssA + 2, 0x0F00);
    write16(kTssA + 4, kSelStack0);
    write16(kTssB + 14, kTarget);  // IP
    write16(kTssB + 16, 0x0002);   // FLAGS
    write16(kTssB + 26, 0x0E00);   // SP
    write16(kTssB + 34, kSelData0);
    write16(kTssB + 36, kSelCode0);
    write16(kTssB + 38, kSelStack0);
    write16(kTssB + 40, kSelData0);
    bus.poke8(kCode0 + kTarget, 0xF4);  // HLT
    load(kCode3 + kTarget, {0xEB, 0xFE});  // JMP $ (HLT would fault at CPL 3)
  }
  void segment(std::uint16_t sel, std::uint32_t base, std::uint8_t access,
               std::uint16_t limit = 0xFFFF) {
    const std::uint32_t d = kGdt + (sel & ~7u);
    write16(d, limit);
    write16(d + 2, std::uint16_t(base));
    bus.poke8(d + 4, std::uint8_t(base >> 16));
    bus.poke8(d + 5, access);
  }
  void gate(std::uint32_t d, std::uint16_t sel, std::uint16_t off, std::uint8_t access,
            std::uint8_t words) {
    write16(d, off);
    write16(d + 2, sel);
    bus.poke8(d + 4, words);
    bus.poke8(d + 5, access);
  }
};

SegmentCache cache(std::uint32_t base, std::uint8_t access) { return {base, 0xFFFF, access, true}; }

// Protected mode at CPL 0 (code0, stack0, data0) or CPL 3 (code3, stack3, data0 in DS/ES),
// with TSS A as the current task.
CpuState pm_state(unsigned cpl) {
  CpuState s;
  s.msw = 0xFFF1;
  s.gdtr = {kGdt, 0xFF};
  s.idtr = {kIdt, 0x3FF};
  s.tr = kSelTssA;
  s.tr_cache = {kTssA, 0x2B, 0x83, true};
  s.cpl = std::uint8_t(cpl);
  s.flags = 0x0002;
  s.sp = 0x0F00;
  s.ds = s.es = kSelData0;
  s.seg_cache[0] = s.seg_cache[3] = cache(kData0, 0x93);
  if (cpl == 0) {
    s.cs = kSelCode0;
    s.seg_cache[1] = cache(kCode0, 0x9B);
    s.ss = kSelStack0;
    s.seg_cache[2] = cache(kStack0, 0x93);
  } else {
    s.cs = kSelCode3;
    s.seg_cache[1] = cache(kCode3, 0xFB);
    s.ss = kSelStack3;
    s.seg_cache[2] = cache(kStack3, 0xF3);
    s.ds = s.es = 0;
    s.seg_cache[0] = s.seg_cache[3] = SegmentCache{0, 0, 0, false};
  }
  return s;
}

struct Run {
  unsigned halt = ~0u;         // clock of the halt cycle
  unsigned target_fetch = ~0u;  // clock of the first code fetch at `target`
};

// Runs `code` (at offset 0 of the current code segment) in state `s` and times it.
Run run(const std::vector<std::uint8_t>& code, CpuState s, std::uint32_t target,
        PmRig& r) {
  r.load(s.seg_cache[1].base, code);
  s.ip = 0;
  TraceRecorder rec;
  r.cpu->set_trace(&rec);
  r.cpu->conformance_begin(s, {});
  r.run_to_halt(4);
  r.cpu->set_trace(nullptr);
  Run out;
  const std::vector<TsClock> ts = ts_clocks(rec.cycles);
  out.halt = first_ts(ts, kStatusHalt);
  for (const TsClock& t : ts) {
    if (t.status == kStatusCode && (rec.cycles[t.clock].address & ~1u) == (target & ~1u)) {
      out.target_fetch = t.clock;
      break;
    }
  }
  return out;
}

Run run(const std::vector<std::uint8_t>& code, CpuState s, std::uint32_t target) {
  PmRig r;
  return run(code, s, target, r);
}

// JMP/CALL far immediate: EA/9A + 4 bytes, decoded at 5-9, EU start 12.
std::vector<std::uint8_t> far_ptr(std::uint8_t op, std::uint16_t sel, std::uint16_t off = 0) {
  return {op, std::uint8_t(off), std::uint8_t(off >> 8), std::uint8_t(sel), std::uint8_t(sel >> 8)};
}
constexpr unsigned kFarPtrStart = 12;

}  // namespace

namespace {

// The clock of the halt cycle a HLT at the target would give: the target's first code fetch
// plus the fetch-to-halt distance of the same-level JMP (the HLT's fetch, decode and start).
unsigned halt_equivalent(const Run& r) {
  static const unsigned fetch_to_halt = [] {
    const Run j = run(far_ptr(0xEA, kSelCode0, kTarget), pm_state(0), kCode0 + kTarget);
    return j.halt - j.target_fetch;
  }();
  return r.target_fetch + fetch_to_halt;
}

// DS:BX -> the far pointer sel:off (data0:0010).
void far_pointer(PmRig& r, std::uint16_t sel, std::uint16_t off) {
  r.write16(kData0 + 0x10, off);
  r.write16(kData0 + 0x12, sel);
}

Run run_indirect(std::uint8_t modrm, std::uint16_t sel, std::uint16_t off, CpuState s) {
  PmRig r;
  if (s.cpl == 3) {
    // At CPL 3 the pointer is read through a DPL-3 data segment: stack3 in DS.
    r.write16(kStack3 + 0x10, off);
    r.write16(kStack3 + 0x12, sel);
    s.ds = kSelStack3;
    s.seg_cache[3] = cache(kStack3, 0xF3);
  } else {
    far_pointer(r, sel, off);
  }
  s.bx = 0x10;
  return run({0xFF, modrm}, s, kCode0 + kTarget, r);
}
constexpr unsigned kModrmStart = 9;  // FF /r [BX]: decoded at 5-6

}  // namespace

TEST_CASE("286 protected-mode JMP far: 23, call gate 38, TSS 175, task gate 180 (+m)",
          "[cpu][286][pm-timing]") {
  const CpuState s0 = pm_state(0);
  const std::uint32_t t = kCode0 + kTarget;
  CHECK(run(far_ptr(0xEA, kSelCode0, kTarget), s0, t).halt == kFarPtrStart + 23 + m);
  CHECK(run(far_ptr(0xEA, kSelGate0), s0, t).halt == kFarPtrStart + 38 + m);
  CHECK(run(far_ptr(0xEA, kSelTssB), s0, t).halt == kFarPtrStart + 175 + m);
  CHECK(run(far_ptr(0xEA, kSelTaskGate), s0, t).halt == kFarPtrStart + 180 + m);
}

TEST_CASE("286 protected-mode JMP m16:16: 26, call gate 41, TSS 178, task gate 183 (+m)",
          "[cpu][286][pm-timing]") {
  const CpuState s0 = pm_state(0);
  CHECK(run_indirect(0x2F, kSelCode0, kTarget, s0).halt == kModrmStart + 26 + m);
  CHECK(run_indirect(0x2F, kSelGate0, 0, s0).halt == kModrmStart + 41 + m);
  CHECK(run_indirect(0x2F, kSelTssB, 0, s0).halt == kModrmStart + 178 + m);
  CHECK(run_indirect(0x2F, kSelTaskGate, 0, s0).halt == kModrmStart + 183 + m);
}

TEST_CASE("286 protected-mode CALL far: 26, gate 41, more privilege 82 / 86+4X, TSS 177, "
          "task gate 182 (+m)",
          "[cpu][286][pm-timing]") {
  const CpuState s0 = pm_state(0), s3 = pm_state(3);
  const std::uint32_t t = kCode0 + kTarget;
  CHECK(run(far_ptr(0x9A, kSelCode0, kTarget), s0, t).halt == kFarPtrStart + 26 + m);
  CHECK(run(far_ptr(0x9A, kSelGate0), s0, t).halt == kFarPtrStart + 41 + m);
  CHECK(run(far_ptr(0x9A, kSelGate3), s3, t).halt == kFarPtrStart + 82 + m);
  CHECK(run(far_ptr(0x9A, kSelGate3Params), s3, t).halt == kFarPtrStart + 86 + 4 * 2 + m);
  CHECK(run(far_ptr(0x9A, kSelTssB), s0, t).halt == kFarPtrStart + 177 + m);
  CHECK(run(far_ptr(0x9A, kSelTaskGate), s0, t).halt == kFarPtrStart + 182 + m);
}

TEST_CASE("286 protected-mode CALL m16:16: 29, gate 44, more privilege 83 / 90+4X, TSS 180, "
          "task gate 185 (+m)",
          "[cpu][286][pm-timing]") {
  const CpuState s0 = pm_state(0), s3 = pm_state(3);
  CHECK(run_indirect(0x1F, kSelCode0, kTarget, s0).halt == kModrmStart + 29 + m);
  CHECK(run_indirect(0x1F, kSelGate0, 0, s0).halt == kModrmStart + 44 + m);
  CHECK(run_indirect(0x1F, kSelGate3, 0, s3).halt == kModrmStart + 83 + m);
  CHECK(run_indirect(0x1F, kSelGate3Params, 0, s3).halt == kModrmStart + 90 + 4 * 2 + m);
  CHECK(run_indirect(0x1F, kSelTssB, 0, s0).halt == kModrmStart + 180 + m);
  CHECK(run_indirect(0x1F, kSelTaskGate, 0, s0).halt == kModrmStart + 185 + m);
}

TEST_CASE("286 protected-mode RETF 25, to lesser privilege 55, and IRET 31, lesser privilege 55, "
          "task 169 (+m)",
          "[cpu][286][pm-timing]") {
  constexpr unsigned kStart = 8;  // one byte, decoded at 5
  const CpuState s0 = pm_state(0);
  {
    PmRig r;  // IP, CS, FLAGS of a same-level return
    r.write16(kStack0 + 0x0F00, kTarget);
    r.write16(kStack0 + 0x0F02, kSelCode0);
    r.write16(kStack0 + 0x0F04, 0x0002);
    CHECK(run({0xCB}, s0, kCode0 + kTarget, r).halt == kStart + 25 + m);
    CHECK(run({0xCF}, s0, kCode0 + kTarget, r).halt == kStart + 31 + m);
  }
  {
    PmRig r;  // to CPL 3: IP, CS (RPL 3), [FLAGS,] SP, SS
    r.write16(kStack0 + 0x0F00, kTarget);
    r.write16(kStack0 + 0x0F02, kSelCode3);
    r.write16(kStack0 + 0x0F04, 0x0E00);
    r.write16(kStack0 + 0x0F06, kSelStack3);
    CHECK(halt_equivalent(run({0xCB}, s0, kCode3 + kTarget, r)) == kStart + 55 + m);
    r.write16(kStack0 + 0x0F04, 0x0002);
    r.write16(kStack0 + 0x0F06, 0x0E00);
    r.write16(kStack0 + 0x0F08, kSelStack3);
    CHECK(halt_equivalent(run({0xCF}, s0, kCode3 + kTarget, r)) == kStart + 55 + m);
  }
  {
    PmRig r;  // NT = 1: back to the task in TSS A's back link
    r.write16(kTssA, kSelTssB);
    r.segment(kSelTssB, kTssB, 0x83, 0x2B);  // busy
    CpuState s = s0;
    s.flags = 0x4002;
    const Run iret = run({0xCF}, s, kCode0 + kTarget, r);
    CHECK(iret.halt == kStart + 169 + m);
    CHECK(r.cpu->state().tr == kSelTssB);
  }
}

TEST_CASE("286 protected-mode INT n: same privilege 40, more privilege 78, task gate 167 (+m)",
          "[cpu][286][pm-timing]") {
  constexpr unsigned kStart = 9;  // CD ib, decoded at 5-6
  const std::uint32_t t = kCode0 + kTarget;
  CHECK(run({0xCD, kVecIntGate}, pm_state(0), t).halt == kStart + 40 + m);
  PmRig r;
  CHECK(run({0xCD, kVecIntGate}, pm_state(3), t, r).halt == kStart + 78 + m);
  CHECK(r.cpu->state().cpl == 0);
  CHECK(run({0xCD, kVecTaskGate}, pm_state(0), t).halt == kStart + 167 + m);
}

TEST_CASE("286 protected-mode segment loads: MOV Sreg,r 17, MOV Sreg,m 19, POP Sreg 20, "
          "LDS 21",
          "[cpu][286][pm-timing]") {
  // Each against the same code in real mode (MOV 2 / 5, POP 5, LDS 7): the difference is
  // the PRM's.
  auto pm_minus_real = [](const std::vector<std::uint8_t>& code) {
    PmRig r;
    r.write16(kData0 + 0x10, 0x1234);
    r.write16(kData0 + 0x12, kSelData0);
    r.write16(kStack0 + 0x0F00, kSelData0);
    CpuState s = pm_state(0);
    s.ax = kSelData0;
    s.bx = 0x10;
    const Run pm = run(code, s, 0, r);
    REQUIRE(r.cpu->state().ds == kSelData0);
    CpuRig rr(CpuModel::i80286);
    CpuState rs;
    rs.ax = 0x3000;
    rs.bx = 0x10;
    rs.ds = 0x3000;
    rs.ss = 0x2000;
    rs.sp = 0x0F00;
    const unsigned real = first_ts(ts_clocks(trace_286(rr, code, rs)), kStatusHalt);
    return int(pm.halt) - int(real);
  };
  CHECK(pm_minus_real({0x8E, 0xD8, 0xF4}) == 17 - 2);        // MOV DS,AX
  CHECK(pm_minus_real({0x8E, 0x5F, 0x02, 0xF4}) == 19 - 5);  // MOV DS,[BX+2]
  CHECK(pm_minus_real({0x1F, 0xF4}) == 20 - 5);              // POP DS
  CHECK(pm_minus_real({0xC5, 0x37, 0xF4}) == 21 - 7);        // LDS SI,[BX]
}

TEST_CASE("286 set_state in protected mode loads the hidden registers and keeps IOPL and NT",
          "[cpu][286]") {
  PmRig r;
  CpuState s = pm_state(3);
  s.flags = 0x7202;  // NT, IOPL 3, IF
  r.cpu->set_state(s);
  const CpuState o = r.cpu->state();
  CHECK(o.flags == 0x7202);
  CHECK(o.cpl == 3);
  CHECK(o.gdtr.base == kGdt);
  CHECK(o.idtr.limit == 0x3FF);
  CHECK(o.tr == kSelTssA);
  CHECK(o.seg_cache[1].base == kCode3);
  CHECK_FALSE(o.seg_cache[3].valid);
}

TEST_CASE("286 system instructions take the PRM's clocks (LLDT 17, LTR 17, VERR 14, LAR 14, "
          "ARPL 10, SGDT 11, LIDT 12, LMSW 3/6 ...)",
          "[cpu][286][pm-timing]") {
  // Each instruction, then HLT, at CPL 0, timed against a reference of the same length and
  // decoding (ADD AX,imm16: 3 clocks; ADD AX,BX: 2): the difference of the halt cycles is
  // the difference of the PRM's counts. Memory operands are at DS:BX = data0:0018, which
  // holds a selector (or a pseudo-descriptor: limit, base 001000h).
  struct Row {
    const char* name;
    std::vector<std::uint8_t> code;
    std::uint16_t ax_or_word;  // AX (register forms) or the word at [BX] (memory forms)
    unsigned prm;
  };
  const std::uint16_t kLdt = 0x60;
  const std::vector<Row> rows{
      {"SLDT AX", {0x0F, 0x00, 0xC0}, 0, 2},          {"STR AX", {0x0F, 0x00, 0xC8}, 0, 2},
      {"LLDT AX", {0x0F, 0x00, 0xD0}, kLdt, 17},      {"LTR AX", {0x0F, 0x00, 0xD8}, kSelTssB, 17},
      {"VERR AX", {0x0F, 0x00, 0xE0}, kSelData0, 14}, {"VERW AX", {0x0F, 0x00, 0xE8}, kSelData0, 14},
      {"LAR AX,BX", {0x0F, 0x02, 0xC3}, 0, 14},       {"LSL AX,BX", {0x0F, 0x03, 0xC3}, 0, 14},
      {"SMSW AX", {0x0F, 0x01, 0xE0}, 0, 2},          {"LMSW AX", {0x0F, 0x01, 0xF0}, 0xFFF1, 3},
      {"SGDT [BX]", {0x0F, 0x01, 0x07}, 0, 11},       {"SIDT [BX]", {0x0F, 0x01, 0x0F}, 0, 12},
      {"LGDT [BX]", {0x0F, 0x01, 0x17}, 0xFF, 11},    {"LIDT [BX]", {0x0F, 0x01, 0x1F}, 0x3FF, 12},
      {"SMSW [BX]", {0x0F, 0x01, 0x27}, 0, 3},        {"LMSW [BX]", {0x0F, 0x01, 0x37}, 0xFFF1, 6},
      {"SLDT [BX]", {0x0F, 0x00, 0x07}, 0, 3},        {"STR [BX]", {0x0F, 0x00, 0x0F}, 0, 3},
      {"LLDT [BX]", {0x0F, 0x00, 0x17}, kLdt, 19},    {"LTR [BX]", {0x0F, 0x00, 0x1F}, kSelTssB, 19},
      {"VERR [BX]", {0x0F, 0x00, 0x27}, kSelData0, 16}, {"VERW [BX]", {0x0F, 0x00, 0x2F}, kSelData0, 16},
      {"LAR AX,[BX]", {0x0F, 0x02, 0x07}, kSelData0, 16}, {"LSL AX,[BX]", {0x0F, 0x03, 0x07}, kSelData0, 16},
      {"CLTS", {0x0F, 0x06}, 0, 2},                   {"ARPL AX,BX", {0x63, 0xD8}, 0, 10},
      {"ARPL [BX],AX", {0x63, 0x07}, 0, 11},
  };
  auto halt_of = [&](std::vector<std::uint8_t> code, std::uint16_t v) {
    PmRig r;
    r.segment(kLdt, 0x70000, 0x82, 0x00FF);  // an LDT descriptor
    r.write16(kData0 + 0x18, v);
    r.write16(kData0 + 0x1A, 0x1000);
    CpuState s = pm_state(0);
    s.ax = v;
    s.bx = code.size() == 3 && code[2] < 0xC0 ? 0x18 : kSelData0;
    if (code[0] == 0x63) s.bx = 0x18;
    code.push_back(0xF4);
    return int(run(code, s, 0, r).halt);
  };
  const int add3 = halt_of({0x05, 0x34, 0x12}, 0), add2 = halt_of({0x01, 0xD8}, 0);
  for (const Row& row : rows) {
    INFO(row.name);
    const bool two = row.code.size() == 2;
    CHECK(halt_of(row.code, row.ax_or_word) - (two ? add2 : add3) == int(row.prm) - (two ? 2 : 3));
  }
}
