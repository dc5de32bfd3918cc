#include "cpu/pm286/system_insns.hpp"

namespace quartz::pm286 {
namespace {

bool privileged_ok(const CpuState& s) { return !protected_mode(s) || s.cpl == 0; }

DescriptorTableReg table_from(const std::array<std::uint8_t, 6>& op) {
  return DescriptorTableReg{std::uint32_t(op[2]) | (std::uint32_t(op[3]) << 8) |
                                (std::uint32_t(op[4]) << 16),
                            std::uint16_t(op[0] | (op[1] << 8))};
}

std::array<std::uint8_t, 6> table_to(const DescriptorTableReg& r) {
  return {std::uint8_t(r.limit), std::uint8_t(r.limit >> 8), std::uint8_t(r.base),
          std::uint8_t(r.base >> 8), std::uint8_t(r.base >> 16), 0xFF};
}

// Descriptor lookup for LAR/LSL/VERR/VERW: a null or out-of-table selector just clears ZF.
bool visible(PmContext& ctx, std::uint16_t selector, Descriptor& d) {
  const Selector sel{selector};
  std::uint32_t where = 0;
  if (sel.null() || !read_descriptor(ctx, sel, d, where)) return false;
  // Conforming code is visible from any level; everything else needs DPL >= CPL and RPL.
  if (d.conforming()) return true;
  return d.dpl() >= ctx.state.cpl && d.dpl() >= sel.rpl();
}

}  // namespace

MaybeFault lgdt(PmContext& ctx, const std::array<std::uint8_t, 6>& operand) {
  if (!privileged_ok(ctx.state)) return gp(0);
  ctx.state.gdtr = table_from(operand);
  return std::nullopt;
}

MaybeFault lidt(PmContext& ctx, const std::array<std::uint8_t, 6>& operand) {
  if (!privileged_ok(ctx.state)) return gp(0);
  ctx.state.idtr = table_from(operand);
  return std::nullopt;
}

std::array<std::uint8_t, 6> sgdt(const CpuState& s) { return table_to(s.gdtr); }
std::array<std::uint8_t, 6> sidt(const CpuState& s) { return table_to(s.idtr); }

MaybeFault lldt(PmContext& ctx, std::uint16_t selector) {
  CpuState& s = ctx.state;
  if (s.cpl != 0) return gp(0);
  const Selector sel{selector};
  if (sel.null()) {
    s.ldtr = selector;
    s.ldtr_cache = SegmentCache{0, 0, 0, false};
    return std::nullopt;
  }
  const std::uint16_t err = sel.error(ctx.ext);
  Descriptor d;
  std::uint32_t where = 0;
  if (sel.ti() || !read_descriptor(ctx, sel, d, where) || !d.is_system() ||
      d.system_type() != SystemType::kLdt)
    return gp(err);
  if (!d.present()) return np(err);
  s.ldtr = selector;
  s.ldtr_cache = d.to_cache();
  return std::nullopt;
}

std::uint16_t sldt(const CpuState& s) { return s.ldtr; }

MaybeFault ltr(PmContext& ctx, std::uint16_t selector) {
  CpuState& s = ctx.state;
  if (s.cpl != 0) return gp(0);
  const Selector sel{selector};
  if (sel.null()) return gp(0);
  const std::uint16_t err = sel.error(ctx.ext);
  Descriptor d;
  std::uint32_t where = 0;
  if (sel.ti() || !read_descriptor(ctx, sel, d, where) || !d.is_system() ||
      d.system_type() != SystemType::kAvailableTss)
    return gp(err);
  if (!d.present()) return np(err);
  // LTR marks the TSS busy (PRM appendix B, LTR).
  d.access |= kAccBusy;
  ctx.mem.write8((where + 5) & 0xFFFFFF, d.access);
  s.tr = selector;
  s.tr_cache = d.to_cache();
  return std::nullopt;
}

std::uint16_t str(const CpuState& s) { return s.tr; }

MaybeFault lmsw(PmContext& ctx, std::uint16_t value) {
  CpuState& s = ctx.state;
  if (!privileged_ok(s)) return gp(0);
  const std::uint16_t low = std::uint16_t((value & 0x000F) | (s.msw & kMswPE));
  s.msw = std::uint16_t((s.msw & 0xFFF0) | low);
  return std::nullopt;
}

std::uint16_t smsw(const CpuState& s) { return s.msw; }

MaybeFault clts(PmContext& ctx) {
  if (!privileged_ok(ctx.state)) return gp(0);
  ctx.state.msw &= std::uint16_t(~kMswTS);
  return std::nullopt;
}

ArplResult arpl(std::uint16_t dest, std::uint16_t src) {
  if ((dest & 3) < (src & 3)) return {std::uint16_t((dest & 0xFFFC) | (src & 3)), true};
  return {dest, false};
}

QueryResult lar(PmContext& ctx, std::uint16_t selector) {
  Descriptor d;
  if (!visible(ctx, selector, d)) return {false, 0};
  // Every segment and system types 1..7 are valid for LAR; type 0 is not.
  if (d.is_system() && d.system_type() == SystemType::kInvalid) return {false, 0};
  if (d.is_system() && (d.access & 0x08)) return {false, 0};  // 386 types, invalid on 286
  return {true, std::uint16_t(d.access << 8)};
}

QueryResult lsl(PmContext& ctx, std::uint16_t selector) {
  Descriptor d;
  if (!visible(ctx, selector, d)) return {false, 0};
  // Gates have no limit: only segments, TSS and LDT descriptors qualify.
  if (d.is_system() && d.system_type() != SystemType::kAvailableTss &&
      d.system_type() != SystemType::kBusyTss && d.system_type() != SystemType::kLdt)
    return {false, 0};
  return {true, d.limit};
}

bool verr(PmContext& ctx, std::uint16_t selector) {
  Descriptor d;
  return visible(ctx, selector, d) && d.is_segment() && d.readable();
}

bool verw(PmContext& ctx, std::uint16_t selector) {
  Descriptor d;
  return visible(ctx, selector, d) && d.writable();
}

MaybeFault check_io_privilege(const CpuState& s) {
  if (protected_mode(s) && s.cpl > ((s.flags & kFlagIOPL) >> 12)) return gp(0);
  return std::nullopt;
}

MaybeFault check_cpl0(const CpuState& s) {
  if (!privileged_ok(s)) return gp(0);
  return std::nullopt;
}

MaybeFault check_esc(const CpuState& s) {
  if (s.msw & (kMswEM | kMswTS)) return Fault{kNoMathUnit, 0, false};
  return std::nullopt;
}

MaybeFault check_wait(const CpuState& s) {
  if ((s.msw & kMswTS) && (s.msw & kMswMP)) return Fault{kNoMathUnit, 0, false};
  return std::nullopt;
}

}  // namespace quartz::pm286
