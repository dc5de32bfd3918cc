#include "cpu/pm286/control_transfer.hpp"

#include "cpu/pm286/protection.hpp"
#include "cpu/pm286/task_switch.hpp"

namespace quartz::pm286 {
namespace {

void set_cs(CpuState& s, std::uint16_t selector, const Descriptor& d, std::uint8_t cpl) {
  s.cs = std::uint16_t((selector & 0xFFFC) | cpl);
  s.seg_cache[kCS] = d.to_cache();
  s.cpl = cpl;
}

// Direct JMP/CALL to a code segment (no privilege change possible).
MaybeFault to_code_segment(PmContext& ctx, Selector sel, Descriptor d, std::uint32_t where,
                           std::uint16_t offset, std::uint16_t next_ip, bool call) {
  CpuState& s = ctx.state;
  const std::uint16_t err = sel.error(ctx.ext);
  if (d.conforming()) {
    if (d.dpl() > s.cpl) return gp(err);
  } else if (sel.rpl() > s.cpl || d.dpl() != s.cpl) {
    return gp(err);
  }
  if (!d.present()) return np(err);
  CpuState n = s;
  if (call && !stack_has_room(n, 4)) return ss_fault(0);
  if (offset > d.limit) return gp(0);
  mark_accessed(ctx, where, d);
  if (call) {
    push16(ctx, n, s.cs);
    push16(ctx, n, next_ip);
  }
  set_cs(n, sel.value, d, s.cpl);
  n.ip = offset;
  s = n;
  ctx.path = Path::kSameLevel;
  return std::nullopt;
}

// Reads the stack for privilege level `dpl` from the current TSS and checks it (PRM 7.5.2.2
// and the CALL entry of appendix B): #TS(SS selector) for a bad selector/descriptor,
// #SS(SS selector) if not present.
MaybeFault inner_stack(PmContext& ctx, std::uint8_t dpl, std::uint16_t& ss_out,
                       std::uint16_t& sp_out, Descriptor& ss_desc, std::uint32_t& ss_where) {
  const CpuState& s = ctx.state;
  if (tss::ss_for(dpl) + 1 > s.tr_cache.limit) return ts(Selector{s.tr}.error(ctx.ext));
  sp_out = ctx.mem.read16((s.tr_cache.base + tss::sp_for(dpl)) & 0xFFFFFF);
  ss_out = ctx.mem.read16((s.tr_cache.base + tss::ss_for(dpl)) & 0xFFFFFF);
  const Selector ssel{ss_out};
  const std::uint16_t err = ssel.error(ctx.ext);
  if (ssel.null()) return ts(err);
  if (!read_descriptor(ctx, ssel, ss_desc, ss_where)) return ts(err);
  if (ssel.rpl() != dpl || ss_desc.dpl() != dpl || !ss_desc.writable()) return ts(err);
  if (!ss_desc.present()) return ss_fault(err);
  return std::nullopt;
}

MaybeFault through_call_gate(PmContext& ctx, Selector gsel, const Descriptor& gate,
                             std::uint16_t next_ip, bool call) {
  CpuState& s = ctx.state;
  const std::uint16_t gerr = gsel.error(ctx.ext);
  if (gate.dpl() < s.cpl || gate.dpl() < gsel.rpl()) return gp(gerr);
  if (!gate.present()) return np(gerr);
  const Selector csel{gate.gate_selector()};
  if (csel.null()) return gp(std::uint16_t(ctx.ext ? 1 : 0));
  const std::uint16_t cerr = csel.error(ctx.ext);
  Descriptor code;
  std::uint32_t cwhere = 0;
  if (!read_descriptor(ctx, csel, code, cwhere) || !code.is_code()) return gp(cerr);
  if (code.dpl() > s.cpl) return gp(cerr);
  if (!code.present()) return np(cerr);
  const std::uint16_t offset = gate.gate_offset();

  const bool inner = !code.conforming() && code.dpl() < s.cpl;
  if (!call) {
    // A JMP through a call gate never changes privilege (PRM 7.5.1).
    if (!code.conforming() && code.dpl() != s.cpl) return gp(cerr);
    if (offset > code.limit) return gp(0);
    mark_accessed(ctx, cwhere, code);
    set_cs(s, csel.value, code, s.cpl);
    s.ip = offset;
    ctx.path = Path::kGate;
    return std::nullopt;
  }
  CpuState n = s;
  if (!inner) {
    if (!stack_has_room(n, 4)) return ss_fault(0);
    if (offset > code.limit) return gp(0);
    mark_accessed(ctx, cwhere, code);
    push16(ctx, n, s.cs);
    push16(ctx, n, next_ip);
    set_cs(n, csel.value, code, s.cpl);
    n.ip = offset;
    s = n;
    ctx.path = Path::kGate;
    return std::nullopt;
  }
  // Inter-level call (PRM 7.5.2.2): new stack from the TSS, then SS, SP, parameters, CS, IP.
  const std::uint8_t dpl = code.dpl();
  std::uint16_t new_ss = 0, new_sp = 0;
  Descriptor ssd;
  std::uint32_t sswhere = 0;
  if (auto f = inner_stack(ctx, dpl, new_ss, new_sp, ssd, sswhere)) return f;
  const unsigned words = gate.gate_word_count();
  n.ss = new_ss;
  n.sp = new_sp;
  n.seg_cache[kSS] = ssd.to_cache();
  if (!stack_has_room(n, 8 + 2 * words)) return ss_fault(Selector{new_ss}.error(ctx.ext));
  if (!stack_has_data(s, 0, 2 * words)) return ss_fault(0);
  if (offset > code.limit) return gp(0);
  mark_accessed(ctx, sswhere, ssd);
  n.seg_cache[kSS] = ssd.to_cache();
  mark_accessed(ctx, cwhere, code);
  push16(ctx, n, s.ss);
  push16(ctx, n, s.sp);
  for (unsigned i = words; i-- > 0;) push16(ctx, n, read_stack16(ctx, s, 2 * i));
  push16(ctx, n, s.cs);
  push16(ctx, n, next_ip);
  set_cs(n, csel.value, code, dpl);
  n.ip = offset;
  s = n;
  ctx.path = Path::kInnerLevel;
  ctx.gate_words = std::uint8_t(words);
  return std::nullopt;
}

MaybeFault to_task(PmContext& ctx, Selector tss_sel, std::uint16_t next_ip, bool call,
                   std::uint16_t check_error) {
  // The TSS must be in the GDT, available and present (PRM 8.3).
  const std::uint16_t err = tss_sel.error(ctx.ext);
  Descriptor d;
  std::uint32_t where = 0;
  if (tss_sel.ti() || !read_descriptor(ctx, tss_sel, d, where) || !d.is_system() ||
      d.system_type() != SystemType::kAvailableTss)
    return gp(check_error ? check_error : err);
  if (!d.present()) return np(err);
  return task_switch(ctx, tss_sel, d, where,
                     call ? TaskSwitchReason::kCall : TaskSwitchReason::kJmp, next_ip);
}

MaybeFault far_transfer(PmContext& ctx, std::uint16_t selector, std::uint16_t offset,
                        std::uint16_t next_ip, bool call) {
  CpuState& s = ctx.state;
  const Selector sel{selector};
  if (sel.null()) return gp(0);
  const std::uint16_t err = sel.error(ctx.ext);
  Descriptor d;
  std::uint32_t where = 0;
  if (!read_descriptor(ctx, sel, d, where)) return gp(err);
  if (d.is_code()) return to_code_segment(ctx, sel, d, where, offset, next_ip, call);
  if (d.is_data()) return gp(err);
  switch (d.system_type()) {
    case SystemType::kCallGate:
      return through_call_gate(ctx, sel, d, next_ip, call);
    case SystemType::kTaskGate: {
      if (d.dpl() < s.cpl || d.dpl() < sel.rpl()) return gp(err);
      if (!d.present()) return np(err);
      const Selector target{d.gate_selector()};
      ctx.path = Path::kTaskGate;
      return to_task(ctx, target, next_ip, call, 0);
    }
    case SystemType::kAvailableTss:
      if (d.dpl() < s.cpl || d.dpl() < sel.rpl()) return gp(err);
      ctx.path = Path::kTss;
      return to_task(ctx, sel, next_ip, call, 0);
    default:
      return gp(err);
  }
}

// Checks the code segment a RET/IRET returns to (PRM appendix B, RET).
MaybeFault check_return_cs(PmContext& ctx, Selector csel, std::uint8_t new_cpl, Descriptor& d,
                           std::uint32_t& where) {
  if (csel.null()) return gp(0);
  const std::uint16_t err = csel.error(ctx.ext);
  if (!read_descriptor(ctx, csel, d, where) || !d.is_code()) return gp(err);
  if (d.conforming() ? d.dpl() > new_cpl : d.dpl() != new_cpl) return gp(err);
  if (!d.present()) return np(err);
  return std::nullopt;
}

// Loads the outer-level SS popped by RET/IRET: RPL and DPL must equal the new CPL.
MaybeFault check_return_ss(PmContext& ctx, Selector ssel, std::uint8_t new_cpl, Descriptor& d,
                           std::uint32_t& where) {
  if (ssel.null()) return gp(0);
  const std::uint16_t err = ssel.error(ctx.ext);
  if (!read_descriptor(ctx, ssel, d, where)) return gp(err);
  if (ssel.rpl() != new_cpl || !d.writable() || d.dpl() != new_cpl) return gp(err);
  if (!d.present()) return ss_fault(err);
  return std::nullopt;
}

// The common tail of RET and IRET. `frame` is the size of IP, CS (and FLAGS) on the stack.
MaybeFault return_to(PmContext& ctx, unsigned frame, std::uint16_t pop_bytes, bool iret) {
  CpuState& s = ctx.state;
  if (!stack_has_data(s, 0, frame)) return ss_fault(0);
  const std::uint16_t new_ip = read_stack16(ctx, s, 0);
  const Selector csel{read_stack16(ctx, s, 2)};
  const std::uint16_t popped_flags = iret ? read_stack16(ctx, s, 4) : 0;
  if (csel.rpl() < s.cpl) return gp(csel.error(ctx.ext));
  Descriptor code;
  std::uint32_t cwhere = 0;
  if (auto f = check_return_cs(ctx, csel, csel.rpl(), code, cwhere)) return f;
  CpuState n = s;
  ctx.path = csel.rpl() == s.cpl ? Path::kSameLevel : Path::kOuterLevel;
  if (csel.rpl() == s.cpl) {
    if (!stack_has_data(s, 0, frame + pop_bytes)) return ss_fault(0);
    if (new_ip > code.limit) return gp(0);
    n.sp = std::uint16_t(s.sp + frame + pop_bytes);
  } else {
    // Outer level: SP and SS follow the (skipped) parameters.
    if (!stack_has_data(s, 0, frame + pop_bytes + 4)) return ss_fault(0);
    const std::uint16_t new_sp = read_stack16(ctx, s, frame + pop_bytes);
    const Selector ssel{read_stack16(ctx, s, frame + pop_bytes + 2)};
    Descriptor ssd;
    std::uint32_t sswhere = 0;
    if (auto f = check_return_ss(ctx, ssel, csel.rpl(), ssd, sswhere)) return f;
    if (new_ip > code.limit) return gp(0);
    mark_accessed(ctx, sswhere, ssd);
    n.ss = ssel.value;
    n.seg_cache[kSS] = ssd.to_cache();
    n.sp = std::uint16_t(new_sp + pop_bytes);
  }
  mark_accessed(ctx, cwhere, code);
  if (iret) n.flags = merge_popped_flags(s.flags, popped_flags, s.cpl);
  set_cs(n, csel.value, code, csel.rpl());
  n.ip = new_ip;
  if (n.cpl != s.cpl) invalidate_inaccessible_segments(n);
  s = n;
  return std::nullopt;
}

}  // namespace

MaybeFault far_jump(PmContext& ctx, std::uint16_t selector, std::uint16_t offset,
                    std::uint16_t next_ip) {
  return far_transfer(ctx, selector, offset, next_ip, false);
}

MaybeFault far_call(PmContext& ctx, std::uint16_t selector, std::uint16_t offset,
                    std::uint16_t next_ip) {
  return far_transfer(ctx, selector, offset, next_ip, true);
}

MaybeFault far_return(PmContext& ctx, std::uint16_t pop_bytes) {
  return return_to(ctx, 4, pop_bytes, false);
}

MaybeFault interrupt_return(PmContext& ctx, std::uint16_t next_ip) {
  CpuState& s = ctx.state;
  if (s.flags & kFlagNT) {
    // Task return (PRM 8.5): the back link must name a busy TSS in the GDT.
    const Selector link{ctx.mem.read16(s.tr_cache.base & 0xFFFFFF)};
    const std::uint16_t err = link.error(ctx.ext);
    Descriptor d;
    std::uint32_t where = 0;
    if (link.ti() || !read_descriptor(ctx, link, d, where) || !d.is_system() ||
        d.system_type() != SystemType::kBusyTss)
      return ts(err);
    if (!d.present()) return np(err);
    ctx.path = Path::kTss;
    return task_switch(ctx, link, d, where, TaskSwitchReason::kIret, next_ip);
  }
  return return_to(ctx, 6, 0, true);
}

void invalidate_inaccessible_segments(CpuState& s) {
  for (int seg : {kES, kDS}) {
    const SegmentCache& c = s.seg_cache[seg];
    if (!c.valid) continue;
    const bool conforming_code = (c.access & (kAccSegment | kAccCode | kAccConforming)) ==
                                 (kAccSegment | kAccCode | kAccConforming);
    const std::uint8_t dpl = (c.access >> 5) & 3;
    if (!conforming_code && dpl < s.cpl) {
      selector_register(s, seg) = 0;
      s.seg_cache[seg] = SegmentCache{0, 0, 0, false};
    }
  }
}

}  // namespace quartz::pm286
