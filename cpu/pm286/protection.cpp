#include "cpu/pm286/protection.hpp"

namespace quartz::pm286 {
namespace {

enum class FaultStyle { kInstruction, kTask };

MaybeFault load_checked(PmContext& ctx, int seg, std::uint16_t value, FaultStyle style) {
  CpuState& s = ctx.state;
  const Selector sel{value};
  const std::uint16_t err = sel.error(ctx.ext);
  // A task switch reports every descriptor problem as #TS (PRM 8.4, table 8-2); the present
  // checks keep #NP / #SS.
  auto bad = [&](std::uint16_t e) { return style == FaultStyle::kTask ? ts(e) : gp(e); };

  if (sel.null()) {
    if (seg == kSS) return bad(style == FaultStyle::kTask ? err : std::uint16_t(ctx.ext ? 1 : 0));
    selector_register(s, seg) = value;
    s.seg_cache[seg] = SegmentCache{0, 0, 0, false};
    return std::nullopt;
  }
  Descriptor d;
  std::uint32_t where = 0;
  if (!read_descriptor(ctx, sel, d, where)) return bad(err);
  if (seg == kSS) {
    if (sel.rpl() != s.cpl) return bad(err);
    if (!d.writable() || d.dpl() != s.cpl) return bad(err);
    if (!d.present()) return ss_fault(err);
  } else {
    if (!d.readable()) return bad(err);
    if (!d.conforming() && (d.dpl() < s.cpl || d.dpl() < sel.rpl())) return bad(err);
    if (!d.present()) return np(err);
  }
  mark_accessed(ctx, where, d);
  selector_register(s, seg) = value;
  s.seg_cache[seg] = d.to_cache();
  return std::nullopt;
}

}  // namespace

MaybeFault load_segment(PmContext& ctx, int seg, std::uint16_t selector) {
  return load_checked(ctx, seg, selector, FaultStyle::kInstruction);
}

MaybeFault load_segment_for_task(PmContext& ctx, int seg, std::uint16_t selector) {
  return load_checked(ctx, seg, selector, FaultStyle::kTask);
}

bool offset_in_limit(const SegmentCache& c, std::uint32_t offset, unsigned size) {
  const std::uint32_t last = offset + size - 1;
  const bool data = (c.access & (kAccSegment | kAccCode)) == kAccSegment;
  if (data && (c.access & kAccExpandDown)) return offset > c.limit && last <= 0xFFFF;
  return last <= c.limit;
}

MaybeFault check_access(const CpuState& s, int seg, std::uint16_t offset, unsigned size,
                        Access kind) {
  const SegmentCache& c = s.seg_cache[seg];
  const Fault f = seg == kSS ? ss_fault(0) : gp(0);
  if (!c.valid) return f;
  const bool code = (c.access & kAccCode) != 0;
  switch (kind) {
    case Access::kWrite:
      if (code || !(c.access & kAccWritable)) return f;
      break;
    case Access::kRead:
      if (code && !(c.access & kAccReadable)) return f;
      break;
    case Access::kExecute:
      if (!code) return f;
      break;
  }
  if (!offset_in_limit(c, offset, size)) return f;
  return std::nullopt;
}

// Stack frames are checked word by word at the offsets the pushes and pops will use, so a
// frame that wraps around offset 0 / FFFFh behaves as the individual word accesses would
// (SP arithmetic is modulo 64 KiB on the 80286).
bool stack_has_room(const CpuState& s, unsigned bytes) {
  const SegmentCache& c = s.seg_cache[kSS];
  if (!c.valid) return bytes == 0;
  for (unsigned i = 2; i <= bytes; i += 2)
    if (!offset_in_limit(c, std::uint16_t(s.sp - i), 2)) return false;
  return true;
}

bool stack_has_data(const CpuState& s, unsigned offset, unsigned bytes) {
  const SegmentCache& c = s.seg_cache[kSS];
  if (!c.valid) return bytes == 0;
  for (unsigned i = 0; i < bytes; i += 2)
    if (!offset_in_limit(c, std::uint16_t(s.sp + offset + i), 2)) return false;
  return true;
}

void push16(PmContext& ctx, CpuState& s, std::uint16_t v) {
  s.sp = std::uint16_t(s.sp - 2);
  ctx.mem.write16((s.seg_cache[kSS].base + s.sp) & 0xFFFFFF, v);
}

std::uint16_t read_stack16(PmContext& ctx, const CpuState& s, unsigned offset) {
  return ctx.mem.read16((s.seg_cache[kSS].base + std::uint16_t(s.sp + offset)) & 0xFFFFFF);
}

std::uint16_t merge_popped_flags(std::uint16_t old_flags, std::uint16_t popped, std::uint8_t cpl) {
  std::uint16_t keep = 0x8000;  // bit 15 is always 0 in protected mode on the 80286
  const unsigned iopl = (old_flags & kFlagIOPL) >> 12;
  if (cpl != 0) keep |= kFlagIOPL;
  if (cpl > iopl) keep |= kFlagIF;
  std::uint16_t f = std::uint16_t((popped & ~keep) | (old_flags & keep & ~0x8000));
  return std::uint16_t((f & 0x7FD7) | 0x0002);  // reserved bits 3, 5 read 0, bit 1 reads 1
}

}  // namespace quartz::pm286
