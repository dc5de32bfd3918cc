#include "cpu/pm286/interrupts.hpp"

#include <array>

#include "cpu/pm286/descriptor.hpp"
#include "cpu/pm286/protection.hpp"
#include "cpu/pm286/task_switch.hpp"

namespace quartz::pm286 {

namespace {

// PRM table 9-1 / 9-3: per exception vector, its double-fault class and whether it pushes an
// error code. Vectors 17-31 are reserved (benign, no error code).
struct ExceptionInfo {
  ExceptionClass cls;
  bool error_code;
};
constexpr ExceptionClass B = ExceptionClass::kBenign, C = ExceptionClass::kContributory;
constexpr std::array<ExceptionInfo, 17> kExceptionInfo{{
    {C, false},  // 0 divide error
    {B, false},  // 1 single step
    {B, false},  // 2 NMI
    {B, false},  // 3 breakpoint
    {B, false},  // 4 INTO overflow
    {B, false},  // 5 BOUND range
    {B, false},  // 6 invalid opcode
    {B, false},  // 7 processor extension not available
    {B, true},   // 8 double fault (error code 0)
    {B, false},  // 9 processor extension segment overrun
    {C, true},   // 10 invalid TSS
    {C, true},   // 11 segment not present
    {C, true},   // 12 stack fault
    {C, true},   // 13 general protection
    {B, false},  // 14 reserved
    {B, false},  // 15 reserved
    {B, false},  // 16 processor extension error
}};

}  // namespace

ExceptionClass exception_class(std::uint8_t vector) {
  return vector < kExceptionInfo.size() ? kExceptionInfo[vector].cls : ExceptionClass::kBenign;
}

bool pushes_error_code(std::uint8_t vector) {
  return vector < kExceptionInfo.size() && kExceptionInfo[vector].error_code;
}

MaybeFault deliver(PmContext& ctx, std::uint8_t vector, EventSource source,
                   std::optional<std::uint16_t> error_code, std::uint16_t return_ip) {
  CpuState& s = ctx.state;
  const bool ext = ctx.ext;
  // Error code naming an IDT entry: index, IDT bit (bit 1), EXT (PRM 9.7).
  const std::uint16_t idt_err = std::uint16_t(vector * 8 + 2 + (ext ? 1 : 0));
  if (std::uint32_t(vector) * 8 + 7 > s.idtr.limit) return gp(idt_err);
  const std::uint32_t where = (s.idtr.base + vector * 8u) & 0xFFFFFF;
  const Descriptor gate = Descriptor::decode(read_descriptor_bytes(ctx.mem, where));
  const SystemType type = gate.system_type();
  if (gate.is_segment() || (type != SystemType::kInterruptGate &&
                            type != SystemType::kTrapGate && type != SystemType::kTaskGate))
    return gp(idt_err);
  if (source == EventSource::kSoftware && gate.dpl() < s.cpl) return gp(idt_err);
  if (!gate.present()) return np(idt_err);

  if (type == SystemType::kTaskGate) {
    ctx.path = Path::kTaskGate;
    const Selector tsel{gate.gate_selector()};
    Descriptor d;
    std::uint32_t dwhere = 0;
    if (tsel.ti() || !read_descriptor(ctx, tsel, d, dwhere) || !d.is_system() ||
        d.system_type() != SystemType::kAvailableTss)
      return gp(tsel.error(ext));
    if (!d.present()) return np(tsel.error(ext));
    if (auto f = task_switch(ctx, tsel, d, dwhere, TaskSwitchReason::kInterrupt, return_ip))
      return f;
    if (error_code) {
      if (!stack_has_room(s, 2)) return ss_fault(0);
      push16(ctx, s, *error_code);
    }
    return std::nullopt;
  }

  const Selector csel{gate.gate_selector()};
  if (csel.null()) return gp(ext ? 1 : 0);
  const std::uint16_t cerr = csel.error(ext);
  Descriptor code;
  std::uint32_t cwhere = 0;
  if (!read_descriptor(ctx, csel, code, cwhere) || !code.is_code() || code.dpl() > s.cpl)
    return gp(cerr);
  if (!code.present()) return np(cerr);
  const std::uint16_t offset = gate.gate_offset();
  const unsigned frame = 6 + (error_code ? 2 : 0);

  CpuState n = s;
  const bool inner = !code.conforming() && code.dpl() < s.cpl;
  ctx.path = inner ? Path::kInnerLevel : Path::kGate;
  if (inner) {
    const std::uint8_t dpl = code.dpl();
    if (tss::ss_for(dpl) + 1 > s.tr_cache.limit) return ts(Selector{s.tr}.error(ext));
    const std::uint16_t new_sp = ctx.mem.read16((s.tr_cache.base + tss::sp_for(dpl)) & 0xFFFFFF);
    const Selector ssel{ctx.mem.read16((s.tr_cache.base + tss::ss_for(dpl)) & 0xFFFFFF)};
    Descriptor ssd;
    std::uint32_t sswhere = 0;
    if (ssel.null() || !read_descriptor(ctx, ssel, ssd, sswhere) || ssel.rpl() != dpl ||
        ssd.dpl() != dpl || !ssd.writable())
      return ts(ssel.error(ext));
    if (!ssd.present()) return ss_fault(ssel.error(ext));
    n.ss = ssel.value;
    n.sp = new_sp;
    n.seg_cache[kSS] = ssd.to_cache();
    // 80286 PRM appendix B, INT: "new stack must have room for 10 bytes else #SS(0)"
    // (12 with an error code); unlike the CALL gate case the selector is not reported.
    if (!stack_has_room(n, frame + 4)) return ss_fault(0);
    if (offset > code.limit) return gp(0);
    mark_accessed(ctx, sswhere, ssd);
    n.seg_cache[kSS] = ssd.to_cache();
    push16(ctx, n, s.ss);
    push16(ctx, n, s.sp);
    n.cpl = dpl;
  } else {
    // Same level: "current stack limits must allow pushing 6 bytes else #SS(0)"; "IP must
    // be in CS limit else #GP(0)" (PRM appendix B, INT) — no selector, no EXT.
    if (!stack_has_room(n, frame)) return ss_fault(0);
    if (offset > code.limit) return gp(0);
  }
  mark_accessed(ctx, cwhere, code);
  push16(ctx, n, s.flags);
  push16(ctx, n, s.cs);
  push16(ctx, n, return_ip);
  if (error_code) push16(ctx, n, *error_code);
  n.cs = std::uint16_t((csel.value & 0xFFFC) | n.cpl);
  n.seg_cache[kCS] = code.to_cache();
  n.ip = offset;
  // PRM 9.4: both gates clear TF and NT; an interrupt gate also clears IF.
  n.flags &= std::uint16_t(~(kFlagTF | kFlagNT));
  if (type == SystemType::kInterruptGate) n.flags &= std::uint16_t(~kFlagIF);
  s = n;
  return std::nullopt;
}

DeliveryResult raise(PmContext& ctx, std::uint8_t vector, EventSource source,
                     std::optional<std::uint16_t> error_code, std::uint16_t return_ip) {
  const bool saved_ext = ctx.ext;
  std::uint8_t v = vector;
  EventSource src = source;
  std::optional<std::uint16_t> err = error_code;
  std::uint16_t ip = return_ip;
  DeliveryResult result = DeliveryResult::kDelivered;
  for (;;) {
    ctx.ext = src != EventSource::kSoftware;
    const MaybeFault f = deliver(ctx, v, src, err, ip);
    if (!f) break;
    if (v == kDoubleFault) {
      result = DeliveryResult::kShutdown;
      break;
    }
    // The nested fault is reported against state.ip: the instruction that caused the event
    // (or, between instructions, the one about to run); after a committed task switch, the
    // new task's IP.
    ip = ctx.state.ip;
    if (src == EventSource::kException && exception_class(v) == ExceptionClass::kContributory &&
        exception_class(f->vector) == ExceptionClass::kContributory) {
      v = kDoubleFault;
      err = 0;
    } else {
      v = f->vector;
      err = f->has_error ? std::optional<std::uint16_t>(f->error) : std::nullopt;
    }
    src = EventSource::kException;
  }
  ctx.ext = saved_ext;
  return result;
}

}  // namespace quartz::pm286
