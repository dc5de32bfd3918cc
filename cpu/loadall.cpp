// 0F 05 LOADALL, the undocumented 80286 instruction that loads the whole processor state,
// hidden descriptor caches included, from a 102-byte table at physical 000800h (Intel's
// LOADALL documentation for the 80286; Ralf Brown's list, "LOADALL"). HIMEM.SYS and
// RAMDRIVE use it in real mode to point a segment's cache above 1 MiB.
//
// Table layout (offsets from 800h; a descriptor cache is 3 bytes of 24-bit base, the access
// byte, whose P bit is the cache's valid bit, and a 16-bit limit; GDTR and IDTR use the same
// 6-byte shape with a zero access byte):
//   00 6 unused   06 MSW   08 14 unused   16 TR   18 FLAGS   1A IP   1C LDTR   1E DS   20 SS
//   22 CS   24 ES   26 DI   28 SI   2A BP   2C SP   2E BX   30 DX   32 CX   34 AX
//   36 ES cache   3C CS cache   42 SS cache   48 DS cache   4E GDTR   54 LDT cache
//   5A IDTR   60 TSS cache
#include <array>

#include "cpu/handlers.hpp"
#include "cpu/pm286/pm_context.hpp"

namespace quartz {

namespace {

constexpr std::uint16_t kTableBase = 0x0800;
constexpr unsigned kTableWords = 51;  // 102 bytes
// Intel's figure for the whole instruction.
constexpr unsigned kLoadallClocks = 195;

// Word offsets into the table, as data.
struct LoadallLayout {
  std::uint8_t msw, tr, flags, ip, ldtr;
  std::array<std::uint8_t, 4> sreg;       // ES, CS, SS, DS (x86 order)
  std::array<std::uint8_t, 8> reg;        // AX, CX, DX, BX, SP, BP, SI, DI (ModRM order)
  std::array<std::uint8_t, 4> seg_cache;  // ES, CS, SS, DS
  std::uint8_t gdtr, ldt_cache, idtr, tss_cache;
};
constexpr LoadallLayout kLayout{
    0x06, 0x16, 0x18, 0x1A, 0x1C,
    {0x24, 0x22, 0x20, 0x1E},
    {0x34, 0x32, 0x30, 0x2E, 0x2C, 0x2A, 0x28, 0x26},
    {0x36, 0x3C, 0x42, 0x48},
    0x4E, 0x54, 0x5A, 0x60};

class Table {
 public:
  explicit Table(const std::array<std::uint8_t, 2 * kTableWords>& b) : b_(b) {}
  std::uint16_t word(unsigned off) const { return std::uint16_t(b_[off] | (b_[off + 1] << 8)); }
  SegmentCache cache(unsigned off) const {
    SegmentCache c;
    c.base = std::uint32_t(b_[off]) | (std::uint32_t(b_[off + 1]) << 8) |
             (std::uint32_t(b_[off + 2]) << 16);
    c.access = b_[off + 3];
    c.limit = word(off + 4);
    c.valid = (c.access & 0x80) != 0;  // the P bit is the cache's valid bit
    return c;
  }
  DescriptorTableReg table_reg(unsigned off) const {
    const SegmentCache c = cache(off);
    return {c.base, c.limit};
  }

 private:
  const std::array<std::uint8_t, 2 * kTableWords>& b_;
};

}  // namespace

void op_loadall(Cpu808x& c) {
  // A privileged instruction: CPL 0 only in protected mode (#GP(0)), any time in real mode.
  pm_check_privilege(c, PmPrivilege::kCpl0);
  const std::uint64_t start = c.cycles();
  c.suspend_prefetch();
  // The table is read with physical word cycles, like the interrupt-vector fetch.
  std::array<std::uint8_t, 2 * kTableWords> bytes{};
  for (unsigned i = 0; i < kTableWords; ++i) {
    const std::uint16_t w = c.vector_read16(std::uint16_t(kTableBase + 2 * i));
    bytes[2 * i] = std::uint8_t(w);
    bytes[2 * i + 1] = std::uint8_t(w >> 8);
  }
  const Table t(bytes);

  // MSW first (FLAGS keep IOPL/NT only in protected mode): the reserved bits stay set and PE,
  // once set, cannot be cleared (as for LMSW, PRM 10.1).
  const bool was_pe = (c.msw_ & pm286::kMswPE) != 0;
  c.msw_ = std::uint16_t(0xFFF0 | (t.word(kLayout.msw) & 0x000F) | (was_pe ? 1 : 0));
  const bool pe = (c.msw_ & pm286::kMswPE) != 0;

  for (unsigned r = 0; r < 8; ++r) c.r16(r) = t.word(kLayout.reg[r]);
  for (unsigned s = 0; s < 4; ++s) {
    c.sreg(s) = t.word(kLayout.sreg[s]);
    c.pm_.seg_cache[s] = t.cache(kLayout.seg_cache[s]);
    c.pm_.loadall_sel[s] = c.sreg(s);
  }
  // Real mode: the caches stand until their segment register is reloaded.
  c.pm_.loadall_mask = pe ? 0 : 0x0F;
  c.pm_.gdtr = t.table_reg(kLayout.gdtr);
  c.pm_.idtr = t.table_reg(kLayout.idtr);
  c.pm_.ldtr = t.word(kLayout.ldtr);
  c.pm_.ldtr_cache = t.cache(kLayout.ldt_cache);
  c.pm_.tr = t.word(kLayout.tr);
  c.pm_.tr_cache = t.cache(kLayout.tss_cache);
  // The CPL is the DPL of the CS cache (Ralf Brown's list: the CS and SS cache DPLs
  // determine it); real mode runs at 0.
  c.pm_.cpl = pe ? std::uint8_t((c.pm_.seg_cache[kCS].access >> 5) & 3) : 0;
  c.set_flags(t.word(kLayout.flags));
  c.ip_set(t.word(kLayout.ip));

  // The rest of Intel's 195 clocks, then execution resumes at the new CS:IP.
  const std::uint64_t used = c.cycles() - start;
  if (used + 2 < kLoadallClocks) c.clk(unsigned(kLoadallClocks - 2 - used));
  c.flush_after(0);
}

// The real-mode instructions that load a segment register (8086 manual / PRM appendix B):
// each sets that segment's base to selector * 16, ending a LOADALL cache. Rows: opcode,
// segment (x86 order), or -1 when ModRM.reg names it (8E) or selects CS (FF /3, /5).
namespace {
struct SegmentLoad {
  std::uint8_t op;
  std::int8_t seg;
};
constexpr SegmentLoad kSegmentLoads[] = {
    {0x07, kES}, {0x17, kSS}, {0x1F, kDS}, {0xC4, kES}, {0xC5, kDS}, {0x8E, -1},
    {0xEA, kCS}, {0x9A, kCS}, {0xCA, kCS}, {0xCB, kCS}, {0xCF, kCS}, {0xFF, -1},
};
}  // namespace

void Cpu808x::loadall_after_instruction() {
  if (msw_ & pm286::kMswPE) {
    pm_.loadall_mask = 0;  // protected mode always uses the caches
    return;
  }
  for (const SegmentLoad& l : kSegmentLoads) {
    if (l.op != d_.op) continue;
    int seg = l.seg;
    if (l.op == 0x8E) seg = d_.reg & 3;
    if (l.op == 0xFF) seg = (d_.reg == 3 || d_.reg == 5) ? int(kCS) : -1;
    if (seg >= 0) pm_.loadall_mask &= std::uint8_t(~(1u << seg));
  }
}

}  // namespace quartz
