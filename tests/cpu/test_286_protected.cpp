// 80286 system instructions on the core (0F 00, 0F 01, 0F 02, 0F 03, 0F 06, 63): results
// follow the instruction pages of the 80286 Programmer's Reference Manual, appendix B, and
// the descriptor formats of chapter 6/8 (8-byte descriptors: limit, 24-bit base, access
// byte). Protected-mode cases enter PE with LMSW and stay in the real-mode CS/DS caches, as
// the chip does until the first far jump or segment load.
#include <catch2/catch.hpp>

#include "tests/cpu/cpu_rig.hpp"

using namespace quartz;
using namespace quartz::test;

namespace {

struct Rig286 : CpuRig {
  Rig286() : CpuRig(CpuModel::i80286) {}

  void descriptor(std::uint32_t at, std::uint16_t limit, std::uint32_t base,
                  std::uint8_t access) {
    write16(at, limit);
    write16(at + 2, std::uint16_t(base));
    bus.poke8(at + 4, std::uint8_t(base >> 16));
    bus.poke8(at + 5, access);
    write16(at + 6, 0);
  }
  // GDT at 800h (limit 37h: 7 entries) described by the pseudo-descriptor at 700h:
  // 08h writable data DPL 0, 10h execute-only code, 18h LDT, 20h available 286 TSS,
  // 28h and 30h readable code DPL 0 at 40000h and 50000h.
  void gdt() {
    write16(0x700, 0x0037);
    write16(0x702, 0x0800);
    write16(0x704, 0x0000);
    descriptor(0x800, 0, 0, 0);
    descriptor(0x808, 0x0FFF, 0x030000, 0x92);
    descriptor(0x810, 0x00FF, 0x040000, 0x98);
    descriptor(0x818, 0x000F, 0x000900, 0x82);
    descriptor(0x820, 0x002B, 0x000A00, 0x81);
    descriptor(0x828, 0xFFFF, 0x040000, 0x9A);
    descriptor(0x830, 0xFFFF, 0x050000, 0x9A);
  }
};

constexpr std::uint8_t kEnterPm[] = {
    0x0F, 0x01, 0x16, 0x00, 0x07,  // LGDT [0700h]
    0xB8, 0x01, 0x00,              // MOV AX,1
    0x0F, 0x01, 0xF0,              // LMSW AX
};

std::vector<std::uint8_t> pm_program(std::initializer_list<std::uint8_t> body) {
  std::vector<std::uint8_t> v(std::begin(kEnterPm), std::end(kEnterPm));
  for (std::uint8_t b : body) v.push_back(b);
  v.push_back(0xF4);  // HLT
  return v;
}

}  // namespace

TEST_CASE("286 LGDT/LIDT load and SGDT/SIDT store a 24-bit base with FFh in byte 5",
          "[cpu][286][pm]") {
  Rig286 r;
  r.load(0x700, {0x34, 0x12, 0x78, 0x56, 0x0A, 0x00});  // limit 1234h base 0A5678h
  r.load(0x720, {0xFF, 0x03, 0x00, 0x10, 0x02, 0x00});  // limit 3FFh base 021000h
  r.start({0x0F, 0x01, 0x16, 0x00, 0x07,    // LGDT [0700h]
           0x0F, 0x01, 0x06, 0x10, 0x07,    // SGDT [0710h]
           0x0F, 0x01, 0x1E, 0x20, 0x07,    // LIDT [0720h]
           0x0F, 0x01, 0x0E, 0x30, 0x07,    // SIDT [0730h]
           0xF4});
  r.run_to_halt();
  const std::uint8_t gdt[] = {0x34, 0x12, 0x78, 0x56, 0x0A, 0xFF};
  const std::uint8_t idt[] = {0xFF, 0x03, 0x00, 0x10, 0x02, 0xFF};
  for (unsigned i = 0; i < 6; ++i) {
    CHECK(r.bus.peek8(0x710 + i) == gdt[i]);
    CHECK(r.bus.peek8(0x730 + i) == idt[i]);
  }
}

TEST_CASE("286 CLTS clears MSW.TS and leaves MP", "[cpu][286][pm]") {
  Rig286 r;
  r.start({0xB8, 0x0A, 0x00,        // MOV AX,000Ah (TS | MP)
           0x0F, 0x01, 0xF0,        // LMSW AX
           0x0F, 0x01, 0xE3,        // SMSW BX
           0x0F, 0x06,              // CLTS
           0x0F, 0x01, 0xE1,        // SMSW CX
           0xF4});
  r.run_to_halt();
  CHECK(r.cpu->state().bx == 0xFFFA);
  CHECK(r.cpu->state().cx == 0xFFF2);
}

TEST_CASE("286 LLDT/LTR/SLDT/STR/LAR/LSL/VERR/VERW/ARPL are undefined in real mode",
          "[cpu][286][pm]") {
  const std::vector<std::vector<std::uint8_t>> forms = {
      {0x0F, 0x00, 0xC0},  // SLDT AX
      {0x0F, 0x00, 0xD0},  // LLDT AX
      {0x0F, 0x00, 0xE0},  // VERR AX
      {0x0F, 0x02, 0xC0},  // LAR AX,AX
      {0x0F, 0x03, 0xC0},  // LSL AX,AX
      {0x63, 0xC0},        // ARPL AX,AX
  };
  for (const auto& f : forms) {
    Rig286 r;
    r.hlt_vector(6);
    CpuState s;
    s.sp = 0x100;
    std::vector<std::uint8_t> code = {0x90};  // NOP
    code.insert(code.end(), f.begin(), f.end());
    code.push_back(0xF4);
    r.start(code, s);
    r.run_to_halt();
    CHECK(r.cpu->state().cs == 0x0050);
    CHECK(r.stack(0) == 1);  // the faulting instruction
  }
}

TEST_CASE("286 protected mode LLDT/LTR load the registers, LTR marks the TSS busy, LAR/LSL",
          "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  r.start(pm_program({
      0xB8, 0x18, 0x00,  // MOV AX,18h
      0x0F, 0x00, 0xD0,  // LLDT AX
      0xB8, 0x20, 0x00,  // MOV AX,20h
      0x0F, 0x00, 0xD8,  // LTR AX
      0x0F, 0x00, 0xC3,  // SLDT BX
      0x0F, 0x00, 0xC9,  // STR CX
      0xBE, 0x08, 0x00,  // MOV SI,08h
      0x0F, 0x02, 0xD6,  // LAR DX,SI
      0x0F, 0x03, 0xFE,  // LSL DI,SI
  }));
  r.run_to_halt();
  const CpuState s = r.cpu->state();
  CHECK(s.msw == 0xFFF1);
  CHECK(s.bx == 0x0018);
  CHECK(s.cx == 0x0020);
  CHECK(s.dx == 0x9200);  // access byte in the high byte (PRM appendix B, LAR)
  CHECK(s.di == 0x0FFF);  // the limit
  CHECK((s.flags & ZF) != 0);
  CHECK(r.bus.peek8(0x825) == 0x83);  // busy 286 TSS (PRM 8.2: LTR sets the busy bit)
  // The hidden registers as Cpu::state() reports them.
  CHECK(s.gdtr.base == 0x000800);
  CHECK(s.gdtr.limit == 0x0037);
  CHECK(s.ldtr_cache.base == 0x000900);
  CHECK(s.tr_cache.base == 0x000A00);
  CHECK(s.seg_cache[1].base == 0x10000);  // CS still holds its real-mode base after LMSW
}

TEST_CASE("286 protected mode VERR/VERW/ARPL set ZF, LAR of the null selector fails",
          "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  r.start(pm_program({
      0xBE, 0x10, 0x00,  // MOV SI,10h (execute-only code)
      0x0F, 0x00, 0xE6,  // VERR SI -> ZF=0
      0x9F, 0x88, 0xE3,  // LAHF; MOV BL,AH
      0xBE, 0x08, 0x00,  // MOV SI,08h (writable data)
      0x0F, 0x00, 0xEE,  // VERW SI -> ZF=1
      0x9F, 0x88, 0xE7,  // LAHF; MOV BH,AH
      0xB8, 0x08, 0x00,  // MOV AX,0008h
      0xBA, 0x03, 0x00,  // MOV DX,0003h
      0x63, 0xD0,        // ARPL AX,DX -> AX=000Bh, ZF=1
      0x89, 0xC6,        // MOV SI,AX
      0x9F, 0x88, 0xE6,  // LAHF; MOV DH,AH
      0xB9, 0x34, 0x12,  // MOV CX,1234h
      0xBF, 0x00, 0x00,  // MOV DI,0
      0x0F, 0x02, 0xCF,  // LAR CX,DI -> ZF=0, CX unchanged
  }));
  r.run_to_halt();
  const CpuState s = r.cpu->state();
  CHECK((s.bx & 0x0040) == 0);       // VERR of execute-only code
  CHECK((s.bx & 0x4000) == 0x4000);  // VERW of writable data
  CHECK(s.si == 0x000B);
  CHECK((s.dx & 0x4000) == 0x4000);
  CHECK(s.cx == 0x1234);
  CHECK((s.flags & ZF) == 0);
}

TEST_CASE("286 LMSW cannot clear PE once set", "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  r.start(pm_program({
      0x31, 0xC0,        // XOR AX,AX
      0x0F, 0x01, 0xF0,  // LMSW AX
      0x0F, 0x01, 0xE3,  // SMSW BX
  }));
  r.run_to_halt();
  CHECK(r.cpu->state().bx == 0xFFF1);
}

TEST_CASE("286 ESC with MSW.EM or MSW.TS, WAIT with TS and MP raise #NM (7) at the instruction",
          "[cpu][286][pm]") {
  struct Case {
    std::uint16_t msw;
    std::uint8_t op[2];
    unsigned len;
    bool faults;
  };
  // PRM 10.1.2, table 10-1.
  const Case cases[] = {
      {0x0004, {0xD9, 0xC0}, 2, true},   // EM: ESC (FLD ST0) faults
      {0x0008, {0xD9, 0xC0}, 2, true},   // TS: ESC faults
      {0x0002, {0xD9, 0xC0}, 2, false},  // MP only: ESC runs
      {0x000A, {0x9B, 0x90}, 1, true},   // TS+MP: WAIT faults
      {0x0008, {0x9B, 0x90}, 1, false},  // TS only: WAIT runs
      {0x0004, {0x9B, 0x90}, 1, false},  // EM only: WAIT runs
  };
  for (const Case& k : cases) {
    Rig286 r;
    r.hlt_vector(7);
    CpuState s;
    s.sp = 0x100;
    std::vector<std::uint8_t> code = {0x90, 0xB8, std::uint8_t(k.msw), 0x00,  // NOP; MOV AX,msw
                                      0x0F, 0x01, 0xF0};                      // LMSW AX
    for (unsigned i = 0; i < k.len; ++i) code.push_back(k.op[i]);
    code.push_back(0xF4);
    r.start(code, s);
    r.run_to_halt();
    if (k.faults) {
      CHECK(r.cpu->state().cs == 0x0050);
      CHECK(r.stack(0) == 7);  // the ESC/WAIT itself
    } else {
      CHECK(r.cpu->state().cs == CpuRig::kCodeSeg);
      CHECK(r.cpu->state().ip == 7 + k.len + 1);  // past the HLT
    }
  }
}

TEST_CASE("286 protected mode far JMP, CALL and RETF load CS from the GDT and fetch from its base",
          "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  r.load(0x40000, {0x9A, 0x00, 0x00, 0x30, 0x00,  // CALL FAR 0030:0000
                   0xBB, 0x78, 0x56,              // MOV BX,5678h
                   0xF4});                        // HLT
  r.load(0x50000, {0xB9, 0xBC, 0x9A,              // MOV CX,9ABCh
                   0xCB});                        // RETF
  r.start(pm_program({0xEA, 0x00, 0x00, 0x28, 0x00}));  // JMP FAR 0028:0000
  r.run_to_halt();
  const CpuState s = r.cpu->state();
  CHECK(s.cs == 0x0028);
  CHECK(s.ip == 9);  // past the HLT at 0028:0008
  CHECK(s.bx == 0x5678);
  CHECK(s.cx == 0x9ABC);
  CHECK(s.sp == 0x0000);
  // CALL pushed CS then IP on the stack whose cache still holds the real-mode base 20000h.
  CHECK(r.read16(0x2FFFE) == 0x0028);
  CHECK(r.read16(0x2FFFC) == 0x0005);
  CHECK(r.bus.peek8(0x82D) == 0x9B);  // accessed bit set by the load (PRM 6.3.1)
}

TEST_CASE("286 protected mode INT n through an IDT interrupt gate, IRET back, #GP error code",
          "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  // IDT at C00h, limit 3FFh. Gates (PRM 9.3): offset, selector, word count, access.
  r.load(0x710, {0xFF, 0x03, 0x00, 0x0C, 0x00, 0x00});
  auto gate = [&](std::uint8_t v, std::uint16_t off) {
    const std::uint32_t at = 0xC00 + v * 8u;
    r.write16(at, off);
    r.write16(at + 2, 0x0030);
    r.bus.poke8(at + 4, 0);
    r.bus.poke8(at + 5, 0x86);  // present, DPL 0, 286 interrupt gate
    r.write16(at + 6, 0);
  };
  gate(0x40, 0x0000);
  gate(13, 0x0010);
  r.load(0x40000, {0xCD, 0x40,                    // INT 40h
                   0xBB, 0x78, 0x56,              // MOV BX,5678h
                   0xEA, 0x00, 0x00, 0x00, 0x01,  // JMP FAR 0100:0000 (beyond the GDT)
                   0xF4});
  r.load(0x50000, {0x9C, 0x5A,                    // PUSHF; POP DX
                   0xB9, 0xBC, 0x9A,              // MOV CX,9ABCh
                   0xCF});                        // IRET
  r.load(0x50010, {0x5E, 0xF4});                  // POP SI (error code); HLT
  CpuState init;
  init.flags = 0x0202;  // IF
  r.start({0x0F, 0x01, 0x16, 0x00, 0x07,  // LGDT [0700h]
           0x0F, 0x01, 0x1E, 0x10, 0x07,  // LIDT [0710h]
           0xB8, 0x01, 0x00,              // MOV AX,1
           0x0F, 0x01, 0xF0,              // LMSW AX
           0xEA, 0x00, 0x00, 0x28, 0x00}, // JMP FAR 0028:0000
          init);
  r.run_to_halt();
  const CpuState s = r.cpu->state();
  CHECK((s.dx & IF) == 0);  // the interrupt gate cleared IF
  CHECK(s.cx == 0x9ABC);
  CHECK(s.bx == 0x5678);    // IRET returned after the INT
  CHECK(s.si == 0x0100);    // #GP(selector) error code (PRM 9.7)
  CHECK(s.cs == 0x0030);
  CHECK(r.stack(0) == 0x0005);  // the faulting JMP's IP
  CHECK(r.stack(2) == 0x0028);
  CHECK((r.stack(4) & IF) != 0);  // FLAGS with IF restored by IRET
}

TEST_CASE("286 protected mode MOV Sreg checks the descriptor: accessed bit, #GP(selector)",
          "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  r.load(0x710, {0xFF, 0x03, 0x00, 0x0C, 0x00, 0x00});  // IDT at C00h
  r.write16(0xC00 + 13 * 8, 0x0010);                     // #GP -> 0030:0010
  r.write16(0xC00 + 13 * 8 + 2, 0x0030);
  r.bus.poke8(0xC00 + 13 * 8 + 5, 0x86);
  r.load(0x40000, {0xB8, 0x08, 0x00,   // MOV AX,0008h (writable data)
                   0x8E, 0xC0,         // MOV ES,AX
                   0x8C, 0xC3,         // MOV BX,ES
                   0xB8, 0x10, 0x00,   // MOV AX,0010h (execute-only code)
                   0x8E, 0xD8,         // MOV DS,AX -> #GP(0010h) (PRM 7.3: not readable)
                   0xF4});
  r.load(0x50010, {0x5E, 0xF4});       // POP SI (error code); HLT
  r.start({0x0F, 0x01, 0x16, 0x00, 0x07,  // LGDT [0700h]
           0x0F, 0x01, 0x1E, 0x10, 0x07,  // LIDT [0710h]
           0xB8, 0x01, 0x00,              // MOV AX,1
           0x0F, 0x01, 0xF0,              // LMSW AX
           0xEA, 0x00, 0x00, 0x28, 0x00});  // JMP FAR 0028:0000
  r.run_to_halt();
  const CpuState s = r.cpu->state();
  CHECK(s.bx == 0x0008);
  CHECK(r.bus.peek8(0x80D) == 0x93);  // accessed bit set by the ES load
  CHECK(s.si == 0x0010);
  CHECK(s.ds == 0x0000);              // not loaded
  CHECK(r.stack(0) == 10);            // the MOV DS restarts
  CHECK(s.cs == 0x0030);
}

TEST_CASE("286 IRET to ring 3, CLI there raises #GP(0) onto the ring-0 stack from the TSS",
          "[cpu][286][pm]") {
  Rig286 r;
  r.gdt();
  r.write16(0x700, 0x0047);                       // 9 entries
  r.descriptor(0x838, 0x0FFF, 0x0003B0, 0xF2);    // 3Bh: ring-3 stack (writable data, DPL 3)
  r.descriptor(0x840, 0xFFFF, 0x060000, 0xFA);    // 43h: ring-3 code (readable, DPL 3)
  r.write16(0xA02, 0x1000);                       // TSS SP0 (PRM 8.1, figure 8-1)
  r.write16(0xA04, 0x0008);                       // TSS SS0: data DPL 0 at 30000h
  r.load(0x710, {0xFF, 0x03, 0x00, 0x0C, 0x00, 0x00});  // IDT at C00h
  r.write16(0xC00 + 13 * 8, 0x0010);              // #GP -> 0030:0010, interrupt gate
  r.write16(0xC00 + 13 * 8 + 2, 0x0030);
  r.bus.poke8(0xC00 + 13 * 8 + 5, 0x86);
  r.load(0x60000, {0xFA, 0xF4});                  // CLI; HLT (ring 3, IOPL 0)
  r.load(0x50010, {0xF4});                        // HLT
  r.start(pm_program({
      0x0F, 0x01, 0x1E, 0x10, 0x07,  // LIDT [0710h]
      0xB8, 0x20, 0x00,  // MOV AX,20h
      0x0F, 0x00, 0xD8,  // LTR AX
      0x6A, 0x3B,        // PUSH 3Bh (SS)
      0x68, 0x00, 0x01,  // PUSH 0100h (SP)
      0x9C,              // PUSHF
      0x6A, 0x43,        // PUSH 43h (CS)
      0x6A, 0x00,        // PUSH 0 (IP)
      0xCF,              // IRET -> 0043:0000 at CPL 3
  }));
  r.run_to_halt();
  const CpuState s = r.cpu->state();
  CHECK(s.cs == 0x0030);
  CHECK(s.ss == 0x0008);
  CHECK(s.sp == 0x0FF4);
  CHECK(r.read16(0x30FFE) == 0x003B);  // old SS
  CHECK(r.read16(0x30FFC) == 0x0100);  // old SP
  CHECK(r.read16(0x30FF8) == 0x0043);  // CS
  CHECK(r.read16(0x30FF6) == 0x0000);  // IP of the CLI
  CHECK(r.read16(0x30FF4) == 0x0000);  // error code 0
}
