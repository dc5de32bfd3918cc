// The 80286 system instructions on the core, through cpu/pm286/system_insns (80286 PRM,
// chapter 10 and appendix B). The core's registers plus its PmRegs are assembled into a
// CpuState for each call; only what the instruction changes is written back.
#include "cpu/protected_mode.hpp"

#include "cpu/cpu808x.hpp"
#include "cpu/handlers.hpp"
#include "cpu/pm286/control_transfer.hpp"
#include "cpu/pm286/interrupts.hpp"
#include "cpu/pm286/protection.hpp"
#include "cpu/pm286/system_insns.hpp"

namespace quartz {

namespace {

// Linear memory for the pm286 library: the 24-bit physical bus (no paging on the 286).
// Descriptor, gate and TSS accesses are real bus cycles of the core (their clocks and the
// trace include them): words at even addresses in one cycle, the rest byte by byte.
class CoreMemory final : public pm286::PmMemory {
 public:
  explicit CoreMemory(Cpu808x& c) : c_(c) {}
  std::uint8_t read8(std::uint32_t linear) override {
    return std::uint8_t(c_.system_read(linear & 0xFFFFFF, false));
  }
  void write8(std::uint32_t linear, std::uint8_t v) override {
    c_.system_write(linear & 0xFFFFFF, false, v);
  }
  std::uint16_t read16(std::uint32_t linear) override {
    if (linear & 1) return PmMemory::read16(linear);
    return c_.system_read(linear & 0xFFFFFF, true);
  }
  void write16(std::uint32_t linear, std::uint16_t v) override {
    if (linear & 1) return PmMemory::write16(linear, v);
    c_.system_write(linear & 0xFFFFFF, true, v);
  }

 private:
  Cpu808x& c_;
};

// The core's state as pm286 expects it: IP of the first byte of the instruction (PRM 9.4:
// faults restart it), hidden registers from PmRegs.
CpuState capture(Cpu808x& c) {
  CpuState s;
  s.ax = c.r16(kAX); s.cx = c.r16(kCX); s.dx = c.r16(kDX); s.bx = c.r16(kBX);
  s.sp = c.r16(kSP); s.bp = c.r16(kBP); s.si = c.r16(kSI); s.di = c.r16(kDI);
  s.es = c.sreg(kES); s.cs = c.sreg(kCS); s.ss = c.sreg(kSS); s.ds = c.sreg(kDS);
  s.ip = c.insn().insn_ip;
  s.flags = c.flags();
  s.msw = c.msw_;
  copy_hidden_registers(s, c.pm_);
  // Real mode: base = selector * 16 (PRM 5.1); protected mode: the descriptor caches.
  for (unsigned i = 0; i < 4; ++i) {
    // Real mode after LOADALL: the cache it loaded, while the selector is unchanged.
    const bool loaded = ((c.pm_.loadall_mask >> i) & 1) && c.sreg(i) == c.pm_.loadall_sel[i];
    if ((c.msw_ & pm286::kMswPE) || loaded) s.seg_cache[i] = c.pm_.seg_cache[i];
    else s.seg_cache[i] = SegmentCache{.base = std::uint32_t(c.sreg(i)) << 4};
  }
  return s;
}

// System instructions change only MSW and the hidden registers (CPL stays as captured).
void commit_system(Cpu808x& c, const CpuState& s) {
  c.msw_ = s.msw;
  copy_hidden_registers(c.pm_, s);
}

// Far transfers and task switches may change every register.
void commit_all(Cpu808x& c, const CpuState& s) {
  commit_system(c, s);
  c.r16(kAX) = s.ax; c.r16(kCX) = s.cx; c.r16(kDX) = s.dx; c.r16(kBX) = s.bx;
  c.r16(kSP) = s.sp; c.r16(kBP) = s.bp; c.r16(kSI) = s.si; c.r16(kDI) = s.di;
  c.sreg(kES) = s.es; c.sreg(kCS) = s.cs; c.sreg(kSS) = s.ss; c.sreg(kDS) = s.ds;
  c.set_flags(s.flags);
  c.ip_set(s.ip);
}

// A fault found by pm286 restarts the instruction through the core's exception path
// (Cpu808x::interrupt -> pm_interrupt), which pushes the error code kept here.
void check(Cpu808x& c, const pm286::MaybeFault& f) {
  if (!f) return;
  c.pm_.fault_error = f->error;
  c.fault(f->vector);
}

bool pm(Cpu808x& c) { return (c.msw_ & pm286::kMswPE) != 0; }

// Reads the 6-byte pseudo-descriptor of LGDT/LIDT (PRM appendix B, LGDT: limit word, 24-bit
// base, one byte ignored) as three word cycles.
std::array<std::uint8_t, 6> read_pseudo_descriptor(Cpu808x& c) {
  const Insn& d = c.insn();
  std::array<std::uint8_t, 6> b{};
  for (unsigned i = 0; i < 6; i += 2) {
    const std::uint16_t w = c.mem_read16(d.ea_seg, std::uint16_t(d.ea + i));
    b[i] = std::uint8_t(w);
    b[i + 1] = std::uint8_t(w >> 8);
  }
  return b;
}

void write_pseudo_descriptor(Cpu808x& c, const std::array<std::uint8_t, 6>& b) {
  const Insn& d = c.insn();
  for (unsigned i = 0; i < 6; i += 2)
    c.mem_write16(d.ea_seg, std::uint16_t(d.ea + i), std::uint16_t(b[i] | (b[i + 1] << 8)));
}

// SLDT, STR and SMSW take the PRM's 2 clocks with a register operand; with a memory operand
// 1 EU clock, the store making up the PRM's 3.
unsigned store_clocks(Cpu808x& c) { return c.rm_is_reg() ? 2 : 1; }

// 0F 00: SLDT, STR, LLDT, LTR, VERR, VERW (/6, /7 undefined). All are #UD in real mode
// (PRM appendix B), checked before the ModRM byte is read. Register-form totals with the
// descriptor and TSS bus cycles, as the PRM gives them: SLDT/STR 2, LLDT/LTR 17, VERR/VERW
// 14; LAR/LSL 14 and ARPL 10 below (tests/cpu/test_286_pm_timing.cpp).
void op_grp6(Cpu808x& c) {
  if (!pm(c)) c.fault(6);
  c.read_modrm();
  const Insn& d = c.insn();
  if (d.reg >= 6) c.fault(6);
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  switch (d.reg) {
    case 0: c.clk(store_clocks(c)); c.rm_write_w(true, pm286::sldt(s)); return;
    case 1: c.clk(store_clocks(c)); c.rm_write_w(true, pm286::str(s)); return;
    case 2: {
      const std::uint16_t sel = c.rm_read_w(true);
      c.clk(11);
      check(c, pm286::lldt(ctx, sel));
      commit_system(c, s);
      return;
    }
    case 3: {
      const std::uint16_t sel = c.rm_read_w(true);
      c.clk(9);
      check(c, pm286::ltr(ctx, sel));
      commit_system(c, s);
      return;
    }
    case 4: {
      const std::uint16_t sel = c.rm_read_w(true);
      c.clk(8);
      c.set_flag(flag::ZF, pm286::verr(ctx, sel));
      return;
    }
    default: {
      const std::uint16_t sel = c.rm_read_w(true);
      c.clk(8);
      c.set_flag(flag::ZF, pm286::verw(ctx, sel));
      return;
    }
  }
}

// 0F 01: SGDT, SIDT, LGDT, LIDT (memory operand only), SMSW, LMSW; valid in both modes. PRM
// totals: SGDT/LGDT 11, SIDT/LIDT 12, SMSW 2 / 3, LMSW 3 / 6 (register / memory). The
// real-mode captures have no 0F opcodes, so these follow the PRM alone.
void op_grp7(Cpu808x& c) {
  c.read_modrm();
  const Insn& d = c.insn();
  if (d.reg == 5 || d.reg == 7) c.fault(6);
  if (d.reg < 4 && c.rm_is_reg()) c.fault(6);
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  switch (d.reg) {
    case 0: c.clk(5); write_pseudo_descriptor(c, pm286::sgdt(s)); return;
    case 1: c.clk(6); write_pseudo_descriptor(c, pm286::sidt(s)); return;
    case 2: {
      const auto b = read_pseudo_descriptor(c);
      c.clk(5);
      check(c, pm286::lgdt(ctx, b));
      commit_system(c, s);
      return;
    }
    case 3: {
      const auto b = read_pseudo_descriptor(c);
      c.clk(6);
      check(c, pm286::lidt(ctx, b));
      commit_system(c, s);
      return;
    }
    case 4: c.clk(store_clocks(c)); c.rm_write_w(true, pm286::smsw(s)); return;
    default: {
      // LMSW can set PE but not clear it (PRM 10.1); CPL 0 only in protected mode.
      const std::uint16_t v = c.rm_read_w(true);
      c.clk(c.rm_is_reg() ? 3 : 4);  // PRM 3; 6 with the memory operand's read
      check(c, pm286::lmsw(ctx, v));
      commit_system(c, s);
      return;
    }
  }
}

// 0F 02 LAR / 0F 03 LSL r16, r/m16: ZF=1 and the register loaded when the descriptor is
// visible; ZF=0 and the register unchanged otherwise. #UD in real mode.
void op_lar_lsl(Cpu808x& c, bool lsl) {
  if (!pm(c)) c.fault(6);
  c.read_modrm();
  const std::uint16_t sel = c.rm_read_w(true);
  c.clk(8);
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  const pm286::QueryResult r = lsl ? pm286::lsl(ctx, sel) : pm286::lar(ctx, sel);
  if (r.zf) c.r16(c.insn().reg) = r.value;
  c.set_flag(flag::ZF, r.zf);
}
void op_lar(Cpu808x& c) { op_lar_lsl(c, false); }
void op_lsl(Cpu808x& c) { op_lar_lsl(c, true); }

// 0F 06 CLTS: clears MSW.TS; CPL 0 only in protected mode, valid in real mode.
void op_clts(Cpu808x& c) {
  c.clk(2);
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  check(c, pm286::clts(ctx));
  commit_system(c, s);
}

// The two-byte map rows the 286 defines (PRM appendix A, opcode map, second byte).
struct TwoByteRow {
  std::uint8_t op2;
  Handler fn;
};
constexpr TwoByteRow kTwoByteMap[] = {
    {0x00, op_grp6}, {0x01, op_grp7}, {0x02, op_lar}, {0x03, op_lsl}, {0x05, op_loadall},
    {0x06, op_clts},
};

// The end of a successful transfer: the protection microcode's clocks for the path taken
// (cpu/pm_timing_286.hpp), the new state, and the new code stream.
void finish_transfer(Cpu808x& c, PmTransfer286 kind, const pm286::PmContext& ctx) {
  c.eu_clocks(pm_transfer_clocks_286(kind, ctx.path, ctx.gate_words));
  commit_all(c, ctx.state);
  c.flush_after(0);
}

}  // namespace

void op_0f(Cpu808x& c) {
  const std::uint8_t op2 = c.q_read8();
  for (const TwoByteRow& r : kTwoByteMap)
    if (r.op2 == op2) return r.fn(c);
  c.fault(6);
}

void check_coprocessor(Cpu808x& c, bool wait) {
  if (c.traits().model != CpuModel::i80286) return;
  CpuState s;
  s.msw = c.msw_;
  check(c, wait ? pm286::check_wait(s) : pm286::check_esc(s));
}

void pm_far_transfer(Cpu808x& c, PmTransfer286 kind, std::uint16_t selector,
                     std::uint16_t offset, std::uint16_t next_ip) {
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  check(c, is_jump(kind) ? pm286::far_jump(ctx, selector, offset, next_ip)
                         : pm286::far_call(ctx, selector, offset, next_ip));
  finish_transfer(c, kind, ctx);
}

void pm_far_return(Cpu808x& c, std::uint16_t pop_bytes) {
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  check(c, pm286::far_return(ctx, pop_bytes));
  finish_transfer(c, PmTransfer286::kRetFar, ctx);
}

void pm_iret(Cpu808x& c) {
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  check(c, pm286::interrupt_return(ctx, c.ip()));
  finish_transfer(c, PmTransfer286::kIret, ctx);
}

std::uint16_t pm_popped_flags(Cpu808x& c, std::uint16_t popped) {
  return pm286::merge_popped_flags(c.flags(), popped, c.pm_.cpl);
}

void pm_check_privilege(Cpu808x& c, PmPrivilege p) {
  if (!(c.msw_ & pm286::kMswPE)) return;
  CpuState s;
  s.msw = c.msw_;
  s.flags = c.flags();
  s.cpl = c.pm_.cpl;
  check(c, p == PmPrivilege::kIopl ? pm286::check_io_privilege(s) : pm286::check_cpl0(s));
}

void pm_check_data(Cpu808x& c, unsigned seg, std::uint16_t offset, unsigned size, bool write) {
  CpuState s;
  s.msw = c.msw_;
  s.seg_cache = c.pm_.seg_cache;
  check(c, pm286::check_access(s, int(seg & 3), offset, size,
                               write ? pm286::Access::kWrite : pm286::Access::kRead));
}

void pm_load_segment(Cpu808x& c, unsigned seg, std::uint16_t selector, PmSegLoad286 kind) {
  CoreMemory mem(c);
  CpuState s = capture(c);
  pm286::PmContext ctx{s, mem};
  check(c, pm286::load_segment(ctx, int(seg & 3), selector));
  c.eu_clocks(pm_segment_load_clocks_286(kind));
  c.sreg(seg) = pm286::selector_register(s, int(seg & 3));
  c.pm_.seg_cache[seg & 3] = s.seg_cache[seg & 3];
}

void pm_interrupt(Cpu808x& c, std::uint8_t vector, std::uint16_t return_ip, bool software) {
  const bool raised = c.pm_.fault_pending;
  const std::uint16_t error = c.pm_.fault_error;
  c.pm_.fault_pending = false;
  c.pm_.fault_error = 0;  // faults the core raises itself (#UD, ...) carry error code 0
  const pm286::EventSource source = software ? pm286::EventSource::kSoftware
                                    : raised ? pm286::EventSource::kException
                                             : pm286::EventSource::kExternal;
  std::optional<std::uint16_t> code;
  if (source == pm286::EventSource::kException && pm286::pushes_error_code(vector))
    code = raised ? error : 0;
  CoreMemory mem(c);
  CpuState s = capture(c);
  s.ip = return_ip;
  pm286::PmContext ctx{s, mem, source != pm286::EventSource::kSoftware};
  if (pm286::raise(ctx, vector, source, code, return_ip) == pm286::DeliveryResult::kShutdown) {
    // Shutdown (PRM 9.8, 11.6): step() runs the shutdown bus cycle and stops the core.
    c.shutdown_at(software ? c.insn().insn_ip : return_ip);
  }
  // The PRM times INT n; exceptions and external interrupts take the same paths.
  finish_transfer(c, PmTransfer286::kInt, ctx);
}

// 63 /r ARPL r/m16, r16 (PRM appendix B): #UD in real mode, checked before the ModRM byte.
void op_arpl(Cpu808x& c) {
  if (!pm(c)) c.fault(6);
  c.read_modrm();
  const std::uint16_t dest = c.rm_read_w(true);
  c.clk(c.rm_is_reg() ? 10 : 9);  // PRM: 10, memory operand 11 with its read
  const pm286::ArplResult r = pm286::arpl(dest, c.r16(c.insn().reg));
  if (r.zf) c.rm_write_w(true, r.value);
  c.set_flag(flag::ZF, r.zf);
}

}  // namespace quartz
