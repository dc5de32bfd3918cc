// Construction, reset, state access and the SingleStepTests entry points of the 808x core.
#include "cpu/cpu808x.hpp"

namespace quartz {

Cpu808x::Cpu808x(CpuModel model, Bus& bus)
    : bus_(bus), traits_(model_traits(model)), map_(traits_.opcode_map()) {
  q_.set_capacity(traits_.queue_size);
  bus_.set_code_write_listener(this);
  reset();
}

Cpu808x::~Cpu808x() { bus_.set_code_write_listener(nullptr); }

void Cpu808x::reset() {
  // 8086 datasheet, RESET: FLAGS, IP, DS, SS, ES cleared, CS = FFFFh, queue emptied; the 286
  // starts at F000:FFF0 (80286 PRM, "System Initialization"; the model row holds both).
  regs_.fill(0);
  sregs_.fill(0);
  sregs_[kCS] = traits_.reset_cs;
  ip_ = traits_.reset_ip;
  flags_ = normalize_flags(0);
  msw_ = 0xFFF0;  // 80286 PRM, RESET: MSW = FFF0h (real mode)
  pm_ = PmRegs{};
  q_.flush();
  pf_ip_ = ip_;
  t_ = kTi;
  eu_req_ = eu_started_ = eu_done_ = false;
  fetch_at_ = cycles_;
  last_t4_ = std::int64_t(cycles_) - 16;
  fetch_discard_ = false;
  halted_ = false;
  shutdown_ = shutdown_entered_ = false;  // RESET ends shutdown (80286 PRM 11.6)
  inhibit_irq_ = false;
  nmi_pending_ = false;
  cur_status_ = bus_status::kPassive;
}

CpuState Cpu808x::state() const {
  CpuState s;
  s.ax = regs_[kAX]; s.cx = regs_[kCX]; s.dx = regs_[kDX]; s.bx = regs_[kBX];
  s.sp = regs_[kSP]; s.bp = regs_[kBP]; s.si = regs_[kSI]; s.di = regs_[kDI];
  s.es = sregs_[kES]; s.cs = sregs_[kCS]; s.ss = sregs_[kSS]; s.ds = sregs_[kDS];
  s.ip = ip_;
  s.flags = flags_;
  s.msw = msw_;
  for (int i = 0; i < 4; ++i) s.seg_cache[i].base = std::uint32_t(sregs_[i]) << 4;
  // 80286 protected mode: the hidden registers (cpu/protected_mode.hpp).
  if (msw_ & 1) copy_hidden_registers(s, pm_);
  return s;
}

void Cpu808x::set_state(const CpuState& s) {
  regs_[kAX] = s.ax; regs_[kCX] = s.cx; regs_[kDX] = s.dx; regs_[kBX] = s.bx;
  regs_[kSP] = s.sp; regs_[kBP] = s.bp; regs_[kSI] = s.si; regs_[kDI] = s.di;
  sregs_[kES] = s.es; sregs_[kCS] = s.cs; sregs_[kSS] = s.ss; sregs_[kDS] = s.ds;
  msw_ = s.msw;  // first: in protected mode FLAGS keeps IOPL and NT
  flags_ = normalize_flags(s.flags);
  ip_ = s.ip;
  // 80286 protected mode: the hidden registers too, as state() reports them.
  if (msw_ & 1) copy_hidden_registers(pm_, s);
  // A new CS:IP means a new instruction stream.
  q_.flush();
  pf_ip_ = ip_;
  fetch_at_ = cycles_;
}

std::vector<std::uint8_t> Cpu808x::queue() const {
  std::vector<std::uint8_t> v;
  // After conformance_step the next instruction's first byte has been taken (the suite
  // records the queue after that read).
  for (std::uint8_t i = conf_next_read_ ? 1 : 0; i < q_.size(); ++i) v.push_back(q_.at(i));
  return v;
}

void Cpu808x::set_decode_cache(bool on) {
  cache_on_ = on;
  cache_.clear();
}

void Cpu808x::on_code_write(std::uint32_t phys) { cache_.invalidate(phys); }

void Cpu808x::conformance_begin(const CpuState& init, std::span<const std::uint8_t> queue) {
  set_state(init);
  halted_ = false;
  shutdown_ = shutdown_entered_ = false;
  inhibit_irq_ = false;
  nmi_pending_ = false;
  intr_ = false;
  for (std::uint8_t b : queue) {
    if (q_.free() == 0) break;
    q_.push(b);
  }
  // The queue holds the bytes at CS:IP onwards; fetching continues after them.
  pf_ip_ = std::uint16_t(ip_ + q_.size());
  t_ = kTi;
  eu_req_ = eu_started_ = eu_done_ = false;
  fetch_at_ = cycles_;
  last_t4_ = std::int64_t(cycles_) - 16;
  fetch_discard_ = false;
  continue_fetch_ = false;
  eu_not_before_ = 0;
  trace_pending_ = false;
  cur_status_ = bus_status::kPassive;
  conf_next_read_ = false;
}

void Cpu808x::conformance_step() {
  conf_next_read_ = false;
  step();
  if (traits_.sst_frame_runs_hlt) {
    // 80286 captures: the instruction (or its exception, whose handler starts with an
    // injected HLT) is followed by a HLT; the capture ends with its HALT bus cycle
    // (80286 README.upstream.md). When the instruction under test is itself a HLT, its own
    // halt cycle ends the capture.
    if (!halted_) step();
    flush_trace();
    return;
  }
  // The suite's frame ends where the next instruction's first byte leaves the queue.
  while (q_.empty() || cycles_ < q_.front_ready()) tick();
  flush_trace();
  conf_next_read_ = true;
}

}  // namespace quartz
