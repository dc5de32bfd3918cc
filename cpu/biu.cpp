// The bus interface unit of the 8086/8088, one CPU clock per tick().
//
// Bus cycles are T1 T2 T3 [Tw...] T4 (8086 Family User's Manual, "Bus operation"); data moves
// at T3 or the last Tw. The BIU prefetches code words (bytes on the 8088) whenever the queue
// has room and the EU does not want the bus. The arbitration rules below are those the
// SingleStepTests captures of a P80C86A-2 show:
//  - an EU request registered before the T4 clock of the running cycle gets the very next
//    T1; a request that arrives later, or on an idle bus, starts no sooner than the clock
//    after it was made and no sooner than three clocks after the last T4;
//  - a read that makes room in a queue that had none delays the next fetch by two clocks
//    (the README's "two Ti states" of prefetched tests);
//  - a fetched byte is readable by the EU from the third clock after its T3.
#include "cpu/cpu808x.hpp"

#include <algorithm>

#include "cpu/biu286.hpp"

namespace quartz {

namespace {
// MOO/8086 S4:S3 segment codes: 0 ES, 1 SS, 2 CS or none, 3 DS.
constexpr std::uint8_t kSegCode[4] = {0, 2, 1, 3};
}  // namespace

void Cpu808x::tick() {
  if (traits_.pipelined_bus) [[unlikely]] {
    BiuAccess::tick286(*this);
    return;
  }
  const std::uint64_t c = cycles_;
  // A code fetch whose T1 went out on the previous clock is abandoned when the EU asked for
  // the bus by now: the captures show the fetch address on the bus without ALE, and the
  // EU's T1 two clocks after the abandoned one.
  if (t_ == kT1 && !cur_eu_ && eu_req_ && !eu_started_ && eu_req_at_ <= c) [[unlikely]] {
    t_ = kTi;
    eu_not_before_ = std::int64_t(c) + 1;
    cur_status_ = bus_status::kPassive;
    if (trace_pending_) {
      trace_buf_.ale = 0;
      trace_buf_.t_state = kTi;
      trace_buf_.bus_status = bus_status::kPassive;
      trace_buf_.segment = 4;
    }
    bus_lines_ = cur_addr_;
  }
  std::uint8_t t;
  switch (t_) {
    case kT1: t = kT2; break;
    case kT2: t = kT3; break;
    case kT3:
    case kTw:
      if (waits_) {
        --waits_;
        t = kTw;
      } else {
        t = kT4;
      }
      break;
    default: {
      // T4 or Ti: decide what this clock does.
      const bool after_t4 = (t_ == kT4);
      t = kTi;
      bool started = false;
      if (eu_req_ && !eu_started_ && eu_req_at_ < c) {
        const bool allowed = eu_not_before_ ? std::int64_t(c) >= eu_not_before_
                                            : (after_t4 || std::int64_t(c) >= last_t4_ + 3);
        if (allowed) {
          eu_not_before_ = 0;
          start_cycle(c, true);
          t = kT1;
          started = true;
        }
      }
      // A fetch may start even though the EU has just asked for the bus: it is abandoned on
      // the next clock (see above).
      if (!started && !eu_not_before_ &&
          (after_t4 ? continue_fetch_
                    : (!fetch_suspended_ && q_.free() >= traits_.fetch_threshold &&
                       c >= fetch_at_ && std::int64_t(c) >= last_t4_ + 4))) {
        start_cycle(c, false);
        t = kT1;
      }
      break;
    }
  }
  if ((t == kT3 || t == kTw) && waits_ == 0) {
    transfer(c);
    // The BIU decides during T3 whether the next cycle continues prefetching.
    continue_fetch_ = !fetch_suspended_ && q_.free() >= traits_.fetch_threshold;
  }
  if (t == kT4) last_t4_ = std::int64_t(c);
  t_ = t;
  if (sink_) [[unlikely]] emit_trace(t);
  qop_ = 0;
  cycles_ = c + 1;
}

void Cpu808x::eu_clocks(unsigned n) {
  if (traits_.pipelined_bus) [[unlikely]] {
    BiuAccess::run_clocks286(*this, n);
    return;
  }
  while (n) {
    // Idle clocks that nothing observes are skipped in one step: the bus is in Ti, the EU is
    // computing (no request), and no code fetch can start before the earliest clock the
    // queue/turnaround rules allow.
    if (!sink_ && t_ == kTi && !eu_not_before_) [[likely]] {
      std::uint64_t idle = n;
      if (!fetch_suspended_ && q_.free() >= traits_.fetch_threshold) {
        std::int64_t earliest = std::max<std::int64_t>(std::int64_t(fetch_at_), last_t4_ + 4);
        idle = earliest > std::int64_t(cycles_) ? std::min<std::uint64_t>(n, std::uint64_t(earliest) - cycles_) : 0;
      }
      if (idle) {
        cycles_ += idle;
        qop_ = 0;
        n -= unsigned(idle);
        continue;
      }
    }
    tick();
    --n;
  }
}

void Cpu808x::flush_trace() {
  if (sink_ && trace_pending_) sink_->on_cycle(trace_buf_);
  trace_pending_ = false;
}

void Cpu808x::start_cycle(std::uint64_t, bool eu) {
  cur_eu_ = eu;
  if (eu) {
    eu_started_ = true;
    cur_status_ = eu_status_;
    cur_addr_ = eu_addr_;
    cur_width_ = eu_width_;
    cur_seg_ = eu_seg_;
    cur_data_ = eu_data_;
  } else {
    cur_status_ = bus_status::kCode;
    cur_addr_ = code_phys(pf_ip_) & bus_.address_mask();
    cur_width_ = (traits_.bus_bytes == 2 && !(cur_addr_ & 1)) ? 2 : 1;
    cur_seg_ = kSegCode[kCS];
    cur_data_ = 0;
  }
  // BHE# (active low) enables the high byte lane: words and odd bytes (8086 datasheet).
  bhe_ = traits_.bus_bytes == 2 ? !(cur_width_ == 2 || (cur_addr_ & 1)) : false;
  switch (cur_status_) {
    case bus_status::kIoRead:
    case bus_status::kIoWrite: waits_ = bus_.io_wait_states(); break;
    case bus_status::kCode:
    case bus_status::kMemRead:
    case bus_status::kMemWrite: waits_ = bus_.mem_wait_states(cur_addr_); break;
    default: waits_ = 0; break;
  }
  bus_lines_ = cur_addr_;
}

void Cpu808x::transfer(std::uint64_t c) {
  const std::uint32_t a = cur_addr_;
  if (cur_status_ == bus_status::kCode && !fetch_discard_) [[likely]] {
    const std::uint8_t b0 = bus_.read8(a);
    // A fetched byte can be taken by the EU from the third clock after T3 (captures).
    q_.push(b0, c + traits_.code_ready_delay);
    if (cur_width_ == 2) {
      const std::uint8_t b1 = bus_.read8(a + 1);
      q_.push(b1, c + traits_.code_ready_delay);
      cur_data_ = std::uint16_t(b0 | (b1 << 8));
    } else {
      cur_data_ = (a & 1) && traits_.bus_bytes == 2 ? std::uint16_t(b0 << 8) : b0;
    }
    pf_ip_ = std::uint16_t(pf_ip_ + cur_width_);
    return;
  }
  switch (cur_status_) {
    case bus_status::kCode: {
      if (fetch_discard_) {
        // A flush during this fetch: the bytes still cross the bus but are dropped.
        fetch_discard_ = false;
        cur_data_ = std::uint16_t(bus_.read8(a) | (cur_width_ == 2 ? bus_.read8(a + 1) << 8 : 0));
        break;
      }
      break;  // (normal code fetches take the fast path above)
    }
    case bus_status::kMemRead: {
      std::uint16_t v = bus_.read8(a);
      if (cur_width_ == 2) v = std::uint16_t(v | (bus_.read8(a + 1) << 8));
      eu_data_ = v;
      cur_data_ = (cur_width_ == 1 && (a & 1) && traits_.bus_bytes == 2) ? std::uint16_t(v << 8) : v;
      break;
    }
    case bus_status::kMemWrite: {
      // The value latched at the start of the cycle (the 286 EU may have moved on).
      const std::uint16_t v = cur_data_;
      bus_.write8(a, std::uint8_t(v));
      if (cur_width_ == 2) bus_.write8(a + 1, std::uint8_t(v >> 8));
      cur_data_ = (cur_width_ == 1 && (a & 1) && traits_.bus_bytes == 2)
                      ? std::uint16_t((v & 0xFF) << 8)
                      : (cur_width_ == 1 ? std::uint16_t(v & 0xFF) : v);
      break;
    }
    case bus_status::kIoRead: {
      const std::uint16_t port = std::uint16_t(a);
      std::uint16_t v = bus_.io_read8(port);
      if (cur_width_ == 2) v = std::uint16_t(v | (bus_.io_read8(std::uint16_t(port + 1)) << 8));
      eu_data_ = v;
      cur_data_ = (cur_width_ == 1 && (a & 1) && traits_.bus_bytes == 2) ? std::uint16_t(v << 8) : v;
      break;
    }
    case bus_status::kIoWrite: {
      const std::uint16_t port = std::uint16_t(a);
      const std::uint16_t v = cur_data_;
      bus_.io_write8(port, std::uint8_t(v));
      if (cur_width_ == 2) bus_.io_write8(std::uint16_t(port + 1), std::uint8_t(v >> 8));
      cur_data_ = (cur_width_ == 1 && (a & 1) && traits_.bus_bytes == 2)
                      ? std::uint16_t((v & 0xFF) << 8)
                      : (cur_width_ == 1 ? std::uint16_t(v & 0xFF) : v);
      break;
    }
    case bus_status::kInta:
      // The vector is driven by the interrupt controller in the second INTA cycle; the
      // EU decides which one it wants (eu_data_ = 1 marks the second).
      if (eu_data_ == 1) eu_data_ = pic_ ? pic_->acknowledge() : 0xFF;
      cur_data_ = 0;
      break;
    default: break;
  }
  if (cur_eu_) eu_done_ = true;
}

std::uint16_t Cpu808x::eu_bus(std::uint8_t status, unsigned seg_code, std::uint32_t addr,
                              std::uint16_t data, std::uint8_t width) {
  if (t286_) [[unlikely]] {
    const unsigned n = t286_no_gap_ ? 0 : bus_count_ ? t286_->gap : t286_->pre;
    t286_no_gap_ = false;
    ++bus_count_;
    eu_clocks(n);
  }
  eu_req_ = true;
  eu_started_ = false;
  eu_done_ = false;
  eu_req_at_ = cycles_;
  eu_status_ = status;
  eu_seg_ = std::uint8_t(seg_code);
  eu_addr_ = addr & bus_.address_mask();
  eu_data_ = data;
  eu_width_ = width;
  if (traits_.pipelined_bus) {
    BiuAccess::run_until_eu_done286(*this);
  } else {
    while (!eu_done_) tick();
  }
  eu_req_ = false;
  return eu_data_;
}

std::uint8_t Cpu808x::q_read8_slow(bool first) {
  // 80286 PRM: an instruction longer than 10 bytes (redundant prefixes) raises interrupt 13.
  if (traits_.max_insn_len && insn_len_ >= traits_.max_insn_len) [[unlikely]] fault(13);
  ++insn_len_;
  if (traits_.pipelined_bus) {
    // 80286: the decoder has already taken the instruction's bytes; the EU reads its
    // operands from the decoded instruction without spending clocks.
    while (q_.empty()) tick();
    ++ip_;
    return q_.pop();
  }
  if (q_.empty() && fetch_suspended_) [[unlikely]] {
    // An instruction that suspended prefetching still needs its own remaining bytes: the
    // BIU fetches them (the suspend takes effect for the bytes after them).
    fetch_suspended_ = false;
    while (q_.empty() || cycles_ < q_.front_ready()) tick();
    fetch_suspended_ = true;
  }
  while (q_.empty() || cycles_ < q_.front_ready()) tick();
  const std::uint8_t free_before = q_.free();
  const std::uint8_t b = q_.pop();
  ++ip_;
  if (!traits_.pipelined_bus && free_before < traits_.fetch_threshold &&
      q_.free() >= traits_.fetch_threshold)
    fetch_at_ = cycles_ + 2;
  qop_ = first ? 1 : 3;
  qbyte_ = b;
  tick();
  return b;
}

void Cpu808x::flush_queue() {
  q_.flush();
  pf_ip_ = ip_;
  if (traits_.pipelined_bus) {
    // 80286 (SingleStepTests captures): the first fetch at the new address goes out in the
    // clock of the flush; a fetch whose Tc is still to come completes but is discarded.
    if ((t_ == kT1 || (t_ == kT2 && waits_)) && cur_status_ == bus_status::kCode && !cur_eu_)
      fetch_discard_ = true;
    fetch_at_ = cycles_;
    qop_ = 2;
    qbyte_ = 0;
    return;
  }
  // A fetch already on the bus completes but its bytes are discarded.
  if (t_ != kT4 && t_ != kTi && cur_status_ == bus_status::kCode && !cur_eu_) fetch_discard_ = true;
  fetch_at_ = cycles_ + 2;
  // After a flush the first fetch goes out two clocks later however recent the last T4.
  if (last_t4_ + 4 > std::int64_t(cycles_) + 2) last_t4_ = std::int64_t(cycles_) - 2;
  qop_ = 2;
  qbyte_ = 0;
}

void Cpu808x::flush_after(unsigned d) {
  fetch_suspended_ = true;
  while ((t_ != kTi && t_ != kT4) || std::int64_t(cycles_) < last_t4_ + std::int64_t(d)) tick();
  fetch_suspended_ = false;
  flush_queue();
}

void Cpu808x::wait_quiet(unsigned d) {
  fetch_suspended_ = true;
  while ((t_ != kTi && t_ != kT4) || std::int64_t(cycles_) < last_t4_ + std::int64_t(d)) tick();
}

std::uint8_t Cpu808x::mem_read8(unsigned seg, std::uint16_t off) {
  if (msw_ & 1) [[unlikely]] pm_check_data(*this, seg, off, 1, false);
  return std::uint8_t(eu_bus(bus_status::kMemRead, kSegCode[seg],
                             (seg_base(seg)) + off, 0, 1));
}

std::uint16_t Cpu808x::mem_read16(unsigned seg, std::uint16_t off) {
  if (msw_ & 1) [[unlikely]] pm_check_data(*this, seg, off, 2, false);
  // 80286: a word at offset FFFF raises interrupt 13 (its entry clocks: timing_286.cpp).
  if (off == 0xFFFF && traits_.segment_wrap_faults) [[unlikely]] fault(13);
  const std::uint32_t base = seg_base(seg);
  if (traits_.bus_bytes == 2 && !(off & 1))
    return eu_bus(bus_status::kMemRead, kSegCode[seg], base + off, 0, 2);
  // Odd addresses (8086) and every word on the 8-bit bus (8088) take two byte cycles; the
  // offset wraps within the segment.
  std::uint16_t lo = eu_bus(bus_status::kMemRead, kSegCode[seg], base + off, 0, 1);
  t286_no_gap_ = true;
  std::uint16_t hi = eu_bus(bus_status::kMemRead, kSegCode[seg],
                            base + std::uint16_t(off + 1), 0, 1);
  return std::uint16_t((lo & 0xFF) | (hi << 8));
}

std::uint16_t Cpu808x::vector_read16(std::uint16_t off) {
  // The interrupt table starts at the IDTR base: 0 after RESET; on the 286 LIDT may move it
  // in real mode too (80286 PRM, "Interrupt vector table"). The 808x has no LIDT.
  const std::uint32_t base = pm_.idtr.base;
  if (traits_.bus_bytes == 2 && !(off & 1))
    return eu_bus(bus_status::kMemRead, 2, base + off, 0, 2);
  std::uint16_t lo = eu_bus(bus_status::kMemRead, 2, base + off, 0, 1);
  std::uint16_t hi = eu_bus(bus_status::kMemRead, 2, base + std::uint16_t(off + 1), 0, 1);
  return std::uint16_t((lo & 0xFF) | (hi << 8));
}

std::uint16_t Cpu808x::system_read(std::uint32_t phys, bool word) {
  return eu_bus(bus_status::kMemRead, 2, phys, 0, word ? 2 : 1);
}

void Cpu808x::system_write(std::uint32_t phys, bool word, std::uint16_t v) {
  eu_bus(bus_status::kMemWrite, 2, phys, word ? v : std::uint16_t(v & 0xFF), word ? 2 : 1);
}

void Cpu808x::mem_write8(unsigned seg, std::uint16_t off, std::uint8_t v) {
  if (msw_ & 1) [[unlikely]] pm_check_data(*this, seg, off, 1, true);
  eu_bus(bus_status::kMemWrite, kSegCode[seg], (seg_base(seg)) + off, v, 1);
}

void Cpu808x::mem_write16(unsigned seg, std::uint16_t off, std::uint16_t v) {
  if (msw_ & 1) [[unlikely]] pm_check_data(*this, seg, off, 2, true);
  if (off == 0xFFFF && traits_.segment_wrap_faults) [[unlikely]] fault(13);
  const std::uint32_t base = seg_base(seg);
  if (traits_.bus_bytes == 2 && !(off & 1)) {
    eu_bus(bus_status::kMemWrite, kSegCode[seg], base + off, v, 2);
    return;
  }
  if (traits_.pipelined_bus) {
    // 80286: the bus unit splits the word itself; the EU is released after the first Ts
    // (captures: STOSW to an odd address ends 2 clocks after the second Ts).
    eu_bus(bus_status::kMemWrite, kSegCode[seg], base + off, v & 0xFF, 1);
    split_write_ = {true, bus_status::kMemWrite, std::uint8_t(kSegCode[seg]),
                    (base + std::uint16_t(off + 1)) & bus_.address_mask(), std::uint8_t(v >> 8)};
    return;
  }
  eu_bus(bus_status::kMemWrite, kSegCode[seg], base + off, v & 0xFF, 1);
  eu_bus(bus_status::kMemWrite, kSegCode[seg], base + std::uint16_t(off + 1), v >> 8, 1);
}

// The second byte of a word at an odd port: the 286 puts the carry of FFFFh + 1 on A16
// (captures: address 10000h; the board decodes A0-A15, so port 0 answers); the 808x wraps.
std::uint32_t Cpu808x::io_next_port(std::uint32_t port) const {
  return traits_.pipelined_bus ? port + 1 : std::uint16_t(port + 1);
}

std::uint16_t Cpu808x::io_read(std::uint32_t port, bool w) {
  if (!w) return std::uint8_t(eu_bus(bus_status::kIoRead, 2, port, 0, 1));
  if (traits_.bus_bytes == 2 && !(port & 1)) return eu_bus(bus_status::kIoRead, 2, port, 0, 2);
  std::uint16_t lo = eu_bus(bus_status::kIoRead, 2, port, 0, 1);
  std::uint16_t hi = eu_bus(bus_status::kIoRead, 2, io_next_port(port), 0, 1);
  return std::uint16_t((lo & 0xFF) | (hi << 8));
}

void Cpu808x::io_write(std::uint32_t port, bool w, std::uint16_t v) {
  if (!w) {
    eu_bus(bus_status::kIoWrite, 2, port, v & 0xFF, 1);
  } else if (traits_.bus_bytes == 2 && !(port & 1)) {
    eu_bus(bus_status::kIoWrite, 2, port, v, 2);
  } else if (traits_.pipelined_bus) {
    // 80286: split by the bus unit, as for memory words (mem_write16).
    eu_bus(bus_status::kIoWrite, 2, port, v & 0xFF, 1);
    split_write_ = {true, bus_status::kIoWrite, 2, io_next_port(port), std::uint8_t(v >> 8)};
  } else {
    eu_bus(bus_status::kIoWrite, 2, port, v & 0xFF, 1);
    eu_bus(bus_status::kIoWrite, 2, io_next_port(port), v >> 8, 1);
  }
}

std::uint8_t Cpu808x::inta_cycles() {
  // 8086 datasheet, "Interrupt acknowledge": two INTA cycles; the second carries the type.
  // The 8259A resolves priority and sets ISR at the first INTA pulse (an IR input that has
  // fallen by then gives IR7, "Interrupt sequence"), so the controller is asked during the
  // first cycle (eu_data_ = 1) and the type it drives in the second is that answer.
  const std::uint8_t type = std::uint8_t(eu_bus(bus_status::kInta, 2, 0, 1, 1));
  clk(2);
  eu_bus(bus_status::kInta, 2, 0, 0, 1);
  return type;
}

void Cpu808x::halt_cycle() {
  // 80286 datasheet: the halt cycle drives address 2 (shutdown: 0), as a word (BHE# low).
  if (traits_.pipelined_bus) {
    eu_bus(bus_status::kHalt, 2, 2, 0, 2);
    return;
  }
  eu_bus(bus_status::kHalt, 2, 0, 0, 1);
}

void Cpu808x::emit_trace(std::uint8_t t) {
  BusCycle b;
  const bool active = (t != kTi);
  const bool is_write = cur_status_ == bus_status::kMemWrite || cur_status_ == bus_status::kIoWrite;
  const bool is_io = cur_status_ == bus_status::kIoRead || cur_status_ == bus_status::kIoWrite;
  const bool is_mem = cur_status_ == bus_status::kMemRead || cur_status_ == bus_status::kMemWrite ||
                      cur_status_ == bus_status::kCode;
  // AD19-16 carry S6-S3 after T1: S4:S3 segment, S5 = IF.
  const std::uint32_t status_hi =
      (std::uint32_t(cur_seg_ & 3) << 16) | ((flags_ & flag::IF) ? (1u << 18) : 0);
  b.ale = (t == kT1);
  b.bhe = bhe_ ? 1 : 0;
  if (t == kT1) {
    b.address = cur_addr_;
  } else if (t == kT2) {
    bus_lines_ = (cur_addr_ & 0xFFFF) | status_hi;
  } else if (t == kT3 && waits_ == 0) {
    std::uint32_t lines = bus_lines_ & 0xFFFF;
    if (cur_width_ == 2) lines = cur_data_;
    else if ((cur_addr_ & 1) && traits_.bus_bytes == 2) lines = (lines & 0x00FF) | (cur_data_ & 0xFF00);
    else lines = (lines & 0xFF00) | (cur_data_ & 0x00FF);
    bus_lines_ = lines | status_hi;
  }
  if (t != kT1) b.address = bus_lines_;
  if (active && t != kT1) {
    b.segment = cur_seg_;
    std::uint8_t st = 0;
    if (t == kT2 || t == kT3 || t == kTw) st = is_write ? (t == kT2 ? 2 : 3) : 4;
    if (is_mem) b.mem_status = st;
    if (is_io) b.io_status = st;
  } else if (t == kT1) {
    b.segment = 4;
  }
  if (cur_status_ == bus_status::kCode || cur_status_ == bus_status::kInta) {
    if (t != kT1 && active) b.segment = cur_status_ == bus_status::kCode ? cur_seg_ : 2;
  }
  b.bus_status = (t == kT1 || t == kT2) ? cur_status_ : bus_status::kPassive;
  if ((t == kT3 || t == kTw) && waits_ == 0 && cur_status_ != bus_status::kInta) b.data = cur_data_;
  b.t_state = t;
  b.queue_op = qop_;
  b.queue_byte = qop_ == 1 || qop_ == 3 ? qbyte_ : 0;
  if (qop_ == 2) b.queue_byte = 0;
  // One clock of delay: an abandoned fetch rewrites its T1 when the next clock is known.
  if (trace_pending_) sink_->on_cycle(trace_buf_);
  trace_buf_ = b;
  trace_pending_ = true;
}

}  // namespace quartz
