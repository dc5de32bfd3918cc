#pragma once
// A bare 80286 protected-mode world for the cpu/pm286 unit tests: flat RAM, a GDT, an LDT,
// an IDT and TSSs built from descriptors the tests choose.
#include <array>
#include <cstdint>
#include <vector>

#include "cpu/pm286/descriptor.hpp"
#include "cpu/pm286/task_switch.hpp"

namespace quartz::pm286::test {

class FlatMemory : public PmMemory {
 public:
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(1u << 20, 0);
  std::uint8_t read8(std::uint32_t a) override { return ram[a & 0xFFFFF]; }
  void write8(std::uint32_t a, std::uint8_t v) override { ram[a & 0xFFFFF] = v; }
};

// Memory map of the rig.
inline constexpr std::uint32_t kGdtBase = 0x1000, kLdtBase = 0x1800, kIdtBase = 0x2000,
                               kTss0 = 0x3000, kTss1 = 0x3100, kTss2 = 0x3200;

// Access bytes.
inline constexpr std::uint8_t kCode0 = 0x9A, kData0 = 0x92, kCode3 = 0xFA, kData3 = 0xF2;

struct Rig {
  FlatMemory mem;
  CpuState s;
  PmContext ctx{s, mem};

  Rig() {
    s.msw = 0xFFF1;  // PE set (upper bits read as 1 on the 80286)
    s.gdtr = {kGdtBase, 0x7FF};
    s.idtr = {kIdtBase, 0x7FF};
    s.ldtr = 0;
    s.ldtr_cache = SegmentCache{0, 0, 0, false};
  }
  void set_gdt(unsigned index, const Descriptor& d) { put(kGdtBase + index * 8, d); }
  void set_ldt(unsigned index, const Descriptor& d) { put(kLdtBase + index * 8, d); }
  void set_idt(unsigned vector, const Descriptor& d) { put(kIdtBase + vector * 8, d); }
  void put(std::uint32_t at, const Descriptor& d) {
    const auto raw = d.encode();
    for (unsigned i = 0; i < 8; ++i) mem.ram[at + i] = raw[i];
  }
  Descriptor gdt(unsigned index) {
    std::array<std::uint8_t, 8> raw{};
    for (unsigned i = 0; i < 8; ++i) raw[i] = mem.ram[kGdtBase + index * 8 + i];
    return Descriptor::decode(raw);
  }
  std::uint16_t word(std::uint32_t a) { return std::uint16_t(mem.ram[a] | (mem.ram[a + 1] << 8)); }
  void set_word(std::uint32_t a, std::uint16_t v) {
    mem.ram[a] = std::uint8_t(v);
    mem.ram[a + 1] = std::uint8_t(v >> 8);
  }
  // Runs at `cpl` with CS = GDT entry cs_index and SS = GDT entry ss_index (both must exist).
  void enter(std::uint8_t cpl, unsigned cs_index, unsigned ss_index, std::uint16_t sp) {
    s.cpl = cpl;
    s.cs = std::uint16_t(cs_index * 8 | cpl);
    s.seg_cache[kCS] = gdt(cs_index).to_cache();
    s.ss = std::uint16_t(ss_index * 8 | cpl);
    s.seg_cache[kSS] = gdt(ss_index).to_cache();
    s.sp = sp;
  }
  std::uint16_t stack_word(unsigned offset) {
    return word(s.seg_cache[kSS].base + std::uint16_t(s.sp + offset));
  }
};

// The GDT most tests share (selectors with RPL 0 shown).
enum Gdt : std::uint16_t {
  kSelCode0 = 0x08, kSelData0 = 0x10, kSelCode3 = 0x18, kSelData3 = 0x20, kSelTss0 = 0x28,
  kSelTss1 = 0x30, kSelLdt = 0x38, kSelAbsent0 = 0x40, kSelRoData3 = 0x48, kSelConf0 = 0x50,
  kSelExecOnly3 = 0x58, kSelCallGate = 0x60, kSelDown3 = 0x68, kSelAbsent3 = 0x70,
  kSelData1 = 0x78, kSelTaskGate = 0x80, kSelStack1 = 0x88,
};

inline void standard_gdt(Rig& r) {
  r.set_gdt(1, Descriptor::segment(0x10000, 0xFFFF, kCode0));
  r.set_gdt(2, Descriptor::segment(0x20000, 0xFFFF, kData0));
  r.set_gdt(3, Descriptor::segment(0x30000, 0xFFFF, kCode3));
  r.set_gdt(4, Descriptor::segment(0x40000, 0xFFFF, kData3));
  r.set_gdt(5, Descriptor::segment(kTss0, 0x2B, 0x81));  // available TSS, DPL 0
  r.set_gdt(6, Descriptor::segment(kTss1, 0x2B, 0x81));
  r.set_gdt(7, Descriptor::segment(kLdtBase, 0x3F, 0x82));  // LDT
  r.set_gdt(8, Descriptor::segment(0x60000, 0xFFFF, 0x12));  // data DPL0, not present
  r.set_gdt(9, Descriptor::segment(0x61000, 0x00FF, 0xF0));  // read-only data DPL3
  r.set_gdt(10, Descriptor::segment(0x62000, 0xFFFF, 0x9E));  // conforming readable DPL0
  r.set_gdt(11, Descriptor::segment(0x63000, 0xFFFF, 0xF8));  // execute-only code DPL3
  r.set_gdt(12, Descriptor::gate(SystemType::kCallGate, 3, kSelCode0, 0x0100, 2));
  r.set_gdt(13, Descriptor::segment(0x50000, 0x0FFF, 0xF6));  // expand-down data DPL3
  r.set_gdt(14, Descriptor::segment(0x64000, 0xFFFF, 0x72));  // data DPL3, not present
  r.set_gdt(15, Descriptor::segment(0x65000, 0xFFFF, 0xB2));  // data DPL1
  r.set_gdt(16, Descriptor::gate(SystemType::kTaskGate, 3, kSelTss1, 0));
  r.set_gdt(17, Descriptor::segment(0x66000, 0xFFFF, 0xB2));  // data DPL1 (ring-1 stack)
  r.s.tr = kSelTss0;
  r.s.tr_cache = r.gdt(5).to_cache();
}

}  // namespace quartz::pm286::test
