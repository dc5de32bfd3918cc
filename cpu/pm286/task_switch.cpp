#include "cpu/pm286/task_switch.hpp"

#include "cpu/pm286/protection.hpp"

namespace quartz::pm286 {
namespace {

void set_busy(PmContext& ctx, std::uint32_t desc_linear, bool busy) {
  std::uint8_t a = ctx.mem.read8((desc_linear + 5) & 0xFFFFFF);
  a = busy ? std::uint8_t(a | kAccBusy) : std::uint8_t(a & ~kAccBusy);
  ctx.mem.write8((desc_linear + 5) & 0xFFFFFF, a);
}

// Loads and checks the new task's LDT, CS, SS, DS and ES (PRM 8.4 step list and table 8-2).
MaybeFault validate_new_task(PmContext& ctx, std::uint16_t ldt, std::uint16_t cs,
                             std::uint16_t ss, std::uint16_t ds, std::uint16_t es) {
  CpuState& s = ctx.state;
  // LDT: null is allowed (no LDT); otherwise a present LDT descriptor in the GDT.
  s.ldtr = ldt;
  s.ldtr_cache = SegmentCache{0, 0, 0, false};
  const Selector lsel{ldt};
  if (!lsel.null()) {
    Descriptor d;
    std::uint32_t where = 0;
    if (lsel.ti() || !read_descriptor(ctx, lsel, d, where) || !d.is_system() ||
        d.system_type() != SystemType::kLdt || !d.present())
      return ts(lsel.error(ctx.ext));
    s.ldtr_cache = d.to_cache();
  }
  // Invalidate the segment caches until each one is checked, so nothing of the old task
  // leaks into the new one if a check fails.
  for (auto& c : s.seg_cache) c = SegmentCache{0, 0, 0, false};
  s.es = es; s.cs = cs; s.ss = ss; s.ds = ds;

  // CS: its RPL is the new CPL.
  const Selector csel{cs};
  s.cpl = csel.rpl();
  {
    Descriptor d;
    std::uint32_t where = 0;
    if (csel.null() || !read_descriptor(ctx, csel, d, where) || !d.is_code())
      return ts(csel.error(ctx.ext));
    if (d.conforming() ? d.dpl() > csel.rpl() : d.dpl() != csel.rpl())
      return ts(csel.error(ctx.ext));
    if (!d.present()) return np(csel.error(ctx.ext));
    mark_accessed(ctx, where, d);
    s.seg_cache[kCS] = d.to_cache();
  }
  if (auto f = load_segment_for_task(ctx, kSS, ss)) return f;
  if (auto f = load_segment_for_task(ctx, kDS, ds)) return f;
  if (auto f = load_segment_for_task(ctx, kES, es)) return f;
  return std::nullopt;
}

}  // namespace

MaybeFault task_switch(PmContext& ctx, Selector new_tss, Descriptor desc,
                       std::uint32_t desc_linear, TaskSwitchReason reason,
                       std::uint16_t outgoing_ip) {
  CpuState& s = ctx.state;
  if (desc.limit < tss::kMinLimit) return ts(new_tss.error(ctx.ext));

  // 1. Save the outgoing task's dynamic state in its TSS (PRM 8.4). IRET clears NT in the
  // saved image so the old task is no longer marked nested.
  const std::uint32_t old_base = s.tr_cache.base;
  auto put = [&](std::uint16_t off, std::uint16_t v) {
    ctx.mem.write16((old_base + off) & 0xFFFFFF, v);
  };
  std::uint16_t saved_flags = s.flags;
  if (reason == TaskSwitchReason::kIret) saved_flags &= std::uint16_t(~kFlagNT);
  put(tss::kIp, outgoing_ip);
  put(tss::kFlags, saved_flags);
  put(tss::kAx, s.ax); put(tss::kCx, s.cx); put(tss::kDx, s.dx); put(tss::kBx, s.bx);
  put(tss::kSp, s.sp); put(tss::kBp, s.bp); put(tss::kSi, s.si); put(tss::kDi, s.di);
  put(tss::kEs, s.es); put(tss::kCs, s.cs); put(tss::kSs, s.ss); put(tss::kDs, s.ds);

  // 2. Busy bits: a JMP or IRET leaves the old task, so it is no longer busy; CALL and
  // interrupts nest, keeping it busy and linking the new TSS back to it.
  const bool nesting = reason == TaskSwitchReason::kCall || reason == TaskSwitchReason::kInterrupt;
  std::uint32_t old_desc = 0;
  if ((reason == TaskSwitchReason::kJmp || reason == TaskSwitchReason::kIret) &&
      descriptor_address(s, Selector{std::uint16_t(s.tr & 0xFFF8)}, old_desc))
    set_busy(ctx, old_desc, false);
  const std::uint32_t nb = desc.base;
  if (nesting) ctx.mem.write16(nb & 0xFFFFFF, s.tr);
  if (reason != TaskSwitchReason::kIret) set_busy(ctx, desc_linear, true);

  // 3. TR and the MSW's task-switched bit (PRM 10.1.3: TS makes the next ESC trap so the
  // math coprocessor state can be switched lazily).
  desc.access |= kAccBusy;
  s.tr = new_tss.value;
  s.tr_cache = desc.to_cache();
  s.msw |= kMswTS;

  // 4. Load the new task's registers.
  auto get = [&](std::uint16_t off) { return ctx.mem.read16((nb + off) & 0xFFFFFF); };
  s.ip = get(tss::kIp);
  s.flags = std::uint16_t((get(tss::kFlags) & 0x7FD7) | 0x0002);
  if (nesting) s.flags |= kFlagNT;
  s.ax = get(tss::kAx); s.cx = get(tss::kCx); s.dx = get(tss::kDx); s.bx = get(tss::kBx);
  s.sp = get(tss::kSp); s.bp = get(tss::kBp); s.si = get(tss::kSi); s.di = get(tss::kDi);
  // Faults from here on belong to the new task.
  return validate_new_task(ctx, get(tss::kLdt), get(tss::kCs), get(tss::kSs), get(tss::kDs),
                           get(tss::kEs));
}

}  // namespace quartz::pm286
