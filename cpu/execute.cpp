// The EU's instruction loop: interrupt recognition at instruction boundaries, prefixes,
// opcode-map dispatch (through the decode cache when it is on), single-step traps.
#include "cpu/handlers.hpp"

#include "cpu/biu286.hpp"
#include "cpu/timing_286.hpp"

namespace quartz {

bool Cpu808x::interrupt_pending() const {
  return nmi_pending_ || (intr_ && (flags_ & flag::IF));
}

bool Cpu808x::service_interrupts() {
  // MOV/POP to a segment register, STI and prefixes hold recognition off for one
  // instruction (8086 manual, "Interrupt system").
  if (inhibit_irq_) {
    inhibit_irq_ = false;
    return false;
  }
  if (nmi_pending_) {
    nmi_pending_ = false;
    clk(2);
    interrupt(2, ip_);
    return true;
  }
  if (intr_ && (flags_ & flag::IF)) {
    clk(2);
    const std::uint8_t v = inta_cycles();
    clk(1);
    interrupt(v, ip_);
    return true;
  }
  return false;
}

void Cpu808x::dispatch(const OpcodeInfo* info) {
  d_.arg = info->arg;
  d_.clocks = info->clocks;
  if (info->form == Form::kModrm) {
    read_modrm();
  } else if (info->form == Form::kGroup) {
    read_modrm();
    info = &info->group[d_.reg];
    d_.arg = info->arg;
    d_.clocks = info->clocks;
  }
  // 80286: base+index+displacement takes the address unit one more clock, which delays
  // the instruction unless its first bus cycle does not need the EA.
  if (d_.ea_extra) [[unlikely]] {
    d_.ea_extra = false;
    if (!info->t286.ea_overlaps) eu_clocks(1);
  }
  if (!info->t286.generic) [[likely]] {
    info->fn(*this);
    return;
  }
  // 80286 generic timing row: the row, not the handler, spends the EU clocks.
  struct Unmute {
    Cpu808x& c;
    ~Unmute() {
      c.mute_clk_ = false;
      c.t286_ = nullptr;
    }
  } unmute{*this};
  t286_ = &info->t286;
  mute_clk_ = true;
  bus_count_ = 0;
  t286_no_gap_ = false;
  info->fn(*this);
  // eu_clocks() is not muted and issues no EU bus request, so `unmute` can wait for the end.
  eu_clocks(bus_count_ ? info->t286.post : info->t286.reg);
}

void Cpu808x::execute_one() {
  d_.seg_override = -1;
  d_.rep = 0;
  d_.lock = false;
  d_.mod = 3;
  d_.ea = 0;
  d_.ea_extra = false;
  d_.start_ip = ip_;
  d_.insn_ip = ip_;
  insn_len_ = 0;
  // 80286: the EU starts an instruction only once the decoder has handed it over whole.
  if (traits_.pipelined_bus) BiuAccess::wait_decoded(*this);
  std::uint16_t op_ip = ip_;
  std::uint8_t op = q_read8(true);
  const OpcodeInfo* info = &map_[op];
  while (info->form == Form::kPrefix) [[unlikely]] {
    switch (info->arg) {
      case 4: d_.lock = true; break;
      case 5: d_.rep = 0xF2; break;
      case 6: d_.rep = 0xF3; break;
      default: d_.seg_override = std::int8_t(info->arg); break;
    }
    // The 8086 remembers only the last prefix for a REP restart (interrupted string
    // instructions resume at it, dropping any earlier override).
    d_.start_ip = op_ip;
    clk(traits_.prefix_clocks);
    op_ip = ip_;
    op = q_read8(true);
    info = &map_[op];
  }
  d_.op = op;
  d_.w = op & 1;
  if (cache_on_) {
    // The cache maps the opcode's physical address to its row; the row is reused only if
    // the byte taken from the queue is the one the entry was built from.
    const std::uint32_t phys = code_phys(op_ip) & bus_.address_mask();
    DecodedEntry& e = cache_.slot(phys);
    if (e.tag == phys && e.op == op) {
      ++cache_.hits;
      info = e.info;
    } else {
      ++cache_.misses;
      e.tag = phys;
      e.op = op;
      e.info = info;
      bus_.watch_code_page(phys, true);
    }
  }
  dispatch(info);
}

std::uint32_t Cpu808x::step() {
  const std::uint64_t start = cycles_;
  if (traits_.segment_wrap_faults) {
    try {
      step_body();
    } catch (const CpuFault&) {
      // A fault escaping an interrupt or exception delivery: the 286 shuts down (80286
      // datasheet, "Shutdown"; cpu/shutdown.cpp).
      enter_shutdown();
    } catch (const CpuShutdown&) {
      enter_shutdown();
    }
  } else {
    step_body();
  }
  last_insn_cycles_ = std::uint32_t(cycles_ - start);
  return last_insn_cycles_;
}

void Cpu808x::step_body() {
  if (halted_) {
    if (shutdown_ ? !shutdown_nmi_exits() : !nmi_pending_ && !(intr_ && (flags_ & flag::IF))) {
      tick();
      return;
    }
    halted_ = false;
    shutdown_ = false;
    inhibit_irq_ = false;
  }
  if (!service_interrupts()) {
    const bool trap = flags_ & flag::TF;
    if (traits_.segment_wrap_faults) {
      // Registers keep what the instruction did before the fault (the captures show SP
      // and string pointers advanced); handlers that must not commit use temporaries.
      try {
        execute_one();
      } catch (const CpuFault& f) {
        if (f.vector == 13 && stack_wrap_shuts_down()) [[unlikely]] shutdown_at(d_.insn_ip);
        if (traits_.pipelined_bus) {
          // The 286 stops prefetching as soon as the EU raises the exception (captures: no
          // code fetch starts between the fault and the interrupt's pushes).
          suspend_prefetch();
          eu_clocks(fault_entry_clocks_286(f.vector, f.at_decode, d_.op, d_.rep != 0));
        }
        interrupt(f.vector, d_.insn_ip);
      }
    } else {
      execute_one();
    }
    if (pm_.loadall_mask) [[unlikely]] loadall_after_instruction();
    // Single step: after an instruction that began with TF set, INT 1 (not after the
    // instruction that set TF, and not across an interrupt-inhibiting instruction).
    if (trap && !inhibit_irq_) interrupt(1, ip_);
  }
}

StopReason Cpu808x::run(std::uint64_t deadline) {
  return_requested_ = false;
  while (cycles_ < deadline) {
    if (hooks_ && hooks_->before_instruction(code_phys(ip_) & bus_.address_mask()))
      return StopReason::kHook;
    // Shutdown ignores INTR (PRM 11.6); step() decides whether an NMI ends it.
    if (halted_ && !nmi_pending_ && (shutdown_ || !(intr_ && (flags_ & flag::IF)))) {
      // Nothing observes idle clocks while halted: jump to the deadline unless traced.
      if (!sink_) {
        cycles_ = deadline;
        return StopReason::kHalted;
      }
      tick();
      continue;
    }
    step();
    if (shutdown_entered_) [[unlikely]] {
      shutdown_entered_ = false;
      return StopReason::kShutdown;
    }
    if (return_requested_) {
      return_requested_ = false;
      break;
    }
  }
  return halted_ ? StopReason::kHalted : StopReason::kBudget;
}

}  // namespace quartz
