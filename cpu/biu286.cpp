// The 80286 bus unit, one processor clock (two CLK periods) per tick.
//
// 80286 datasheet, "Bus operation": every bus cycle is Ts (status out, ALE) followed by Tc
// (command active, data sampled/driven at its end); wait states repeat Tc. Addressing is
// pipelined: the next cycle's address and status are driven during the current Tc, so a Ts
// may directly follow a Tc and back-to-back cycles take two clocks each. The prefetcher
// fetches aligned words while the 6-byte queue has two free bytes (the SingleStepTests
// 80286 captures start with four back-to-back code fetches after the jump).
#include "cpu/biu286.hpp"

#include "cpu/cpu808x.hpp"

namespace quartz {

std::uint8_t status_286(std::uint8_t s) {
  // Datasheet table "Bus cycle status definition" (COD/INTA#, M/IO#, S1#, S0#).
  switch (s) {
    case bus_status::kInta: return 0;
    case bus_status::kHalt: return 4;
    case bus_status::kMemRead: return 5;
    case bus_status::kMemWrite: return 6;
    case bus_status::kIoRead: return 9;
    case bus_status::kIoWrite: return 10;
    case bus_status::kCode: return 13;
    default: return 15;  // passive: S1# = S0# = 1
  }
}

void BiuAccess::tick286(Cpu808x& cpu) {
  const std::uint64_t c = cpu.cycles_;
  std::uint8_t t;
  if (cpu.t_ == kT1) {
    t = kT2;  // Ts -> Tc
  } else if (cpu.t_ == kT2 && cpu.waits_) {
    --cpu.waits_;
    t = kT2;  // wait state: Tc repeats
  } else {
    // Ti, or the last Tc of a cycle: the next cycle's Ts may go out now (pipelined).
    t = kTi;
    if (cpu.eu_req_ && !cpu.eu_started_ && cpu.eu_req_at_ <= c) {
      cpu.start_cycle(c, true);
      t = kT1;
    } else if (!cpu.fetch_suspended_ && !cpu.eu_req_ &&
               cpu.q_.free() >= cpu.traits_.fetch_threshold && c >= cpu.fetch_at_) {
      cpu.start_cycle(c, false);
      t = kT1;
    }
  }
  if (t == kT2 && cpu.waits_ == 0) {
    cpu.transfer(c);
    cpu.last_t4_ = std::int64_t(c);
  }
  // The HALT cycle has no command phase the EU waits for: the EU stops after its Ts (the
  // 286 captures end on it).
  if (t == kT1 && cpu.cur_eu_ && cpu.cur_status_ == bus_status::kHalt) cpu.eu_done_ = true;
  cpu.t_ = t;
  if (cpu.sink_) [[unlikely]] emit_trace286(cpu, t);
  cpu.qop_ = 0;
  cpu.cycles_ = c + 1;
}

void BiuAccess::emit_trace286(Cpu808x& cpu, std::uint8_t t) {
  BusCycle b;
  const std::uint8_t s = cpu.cur_status_;
  const bool is_write = s == bus_status::kMemWrite || s == bus_status::kIoWrite;
  const bool is_io = s == bus_status::kIoRead || s == bus_status::kIoWrite;
  const bool is_mem = s == bus_status::kMemRead || s == bus_status::kMemWrite || s == bus_status::kCode;
  b.t_state = t == kT1 ? 1 : t == kT2 ? 2 : 0;
  b.bus_status = 15;
  b.segment = 4;
  b.bhe = cpu.bhe_ ? 1 : 0;
  if (t == kT1) {
    b.ale = 1;
    b.address = cpu.cur_addr_;
    b.bus_status = status_286(s);
  } else if (t == kT2) {
    b.address = cpu.cur_addr_;
    // MOO command bits: 4 = read (MRDC#/IORC#), 1 = write (MWTC#/IOWC#), active in Tc.
    const std::uint8_t cmd = is_write ? 1 : 4;
    if (is_mem) b.mem_status = cmd;
    if (is_io) b.io_status = cmd;
    if (cpu.waits_ == 0) b.data = cpu.cur_data_;
  }
  if (cpu.trace_pending_) cpu.sink_->on_cycle(cpu.trace_buf_);
  cpu.trace_buf_ = b;
  cpu.trace_pending_ = true;
}

}  // namespace quartz
