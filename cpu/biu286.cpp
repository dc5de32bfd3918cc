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

#include <array>

namespace quartz {

namespace {

// Instruction formats for the decoder's length count (iAPX 286 Programmer's Reference,
// appendix "Instruction set": opcode map and operand encodings): bit 7 = ModRM follows,
// bits 0-2 = immediate/offset bytes, bit 6 = F6/F7 (immediate only for /0 and /1),
// bit 5 = prefix.
constexpr std::uint8_t kModrm = 0x80, kTestImm = 0x40, kPrefix = 0x20;

constexpr std::array<std::uint8_t, 256> make_formats() {
  std::array<std::uint8_t, 256> f{};
  for (int row = 0; row < 0x40; row += 8) {
    for (int i = 0; i < 4; ++i) f[row + i] = kModrm;  // ALU r/m forms
    f[row + 4] = 1;                                    // ALU AL, imm8
    f[row + 5] = 2;                                    // ALU AX, imm16
  }
  for (int p : {0x26, 0x2E, 0x36, 0x3E, 0xF0, 0xF2, 0xF3}) f[p] = kPrefix;
  f[0x62] = f[0x63] = kModrm;
  f[0x68] = 2;
  f[0x69] = kModrm | 2;
  f[0x6A] = 1;
  f[0x6B] = kModrm | 1;
  for (int i = 0x70; i < 0x80; ++i) f[i] = 1;
  f[0x80] = kModrm | 1; f[0x81] = kModrm | 2; f[0x82] = kModrm | 1; f[0x83] = kModrm | 1;
  for (int i = 0x84; i < 0x90; ++i) f[i] = kModrm;
  f[0x9A] = 4;
  for (int i = 0xA0; i < 0xA4; ++i) f[i] = 2;
  f[0xA8] = 1; f[0xA9] = 2;
  for (int i = 0xB0; i < 0xB8; ++i) f[i] = 1;
  for (int i = 0xB8; i < 0xC0; ++i) f[i] = 2;
  f[0xC0] = f[0xC1] = kModrm | 1;
  f[0xC2] = f[0xCA] = 2;
  f[0xC4] = f[0xC5] = kModrm;
  f[0xC6] = kModrm | 1; f[0xC7] = kModrm | 2;
  f[0xC8] = 3;
  f[0xCD] = 1;
  for (int i = 0xD0; i < 0xD4; ++i) f[i] = kModrm;
  f[0xD4] = f[0xD5] = 1;
  for (int i = 0xD8; i < 0xE0; ++i) f[i] = kModrm;
  for (int i = 0xE0; i < 0xE8; ++i) f[i] = 1;
  f[0xE8] = f[0xE9] = 2;
  f[0xEA] = 4;
  f[0xEB] = 1;
  f[0xF6] = kModrm | kTestImm | 1; f[0xF7] = kModrm | kTestImm | 2;
  f[0xFE] = f[0xFF] = kModrm;
  return f;
}
constexpr auto kFormats = make_formats();

// Length of the instruction starting `at` bytes into the queue, or 0 while it is incomplete.
unsigned insn_length(const PrefetchQueue& q, unsigned at) {
  const unsigned n = q.size();
  unsigned i = at;
  while (i < n && (kFormats[q.at(std::uint8_t(i))] & kPrefix)) ++i;
  if (i >= n) return 0;
  const std::uint8_t op = q.at(std::uint8_t(i++));
  std::uint8_t f = kFormats[op];
  if (op == 0x0F) {
    // 0F 00-03 take ModRM (80286 PRM: SLDT..LSL); CLTS and LOADALL do not.
    if (i >= n) return 0;
    f = q.at(std::uint8_t(i++)) <= 3 ? kModrm : 0;
  }
  if (f & kModrm) {
    if (i >= n) return 0;
    const std::uint8_t m = q.at(std::uint8_t(i++));
    const unsigned mod = m >> 6, rm = m & 7;
    if (mod == 1) i += 1;
    else if (mod == 2 || (mod == 0 && rm == 6)) i += 2;
    if ((f & kTestImm) && ((m >> 3) & 7) > 1) f = std::uint8_t(f & ~7u);
  }
  i += f & 7u;
  return i <= n ? i - at : 0;
}

// HLT and the unconditional control transfers: the decoder does not go past them.
bool ends_decoding(const PrefetchQueue& q, unsigned op_at) {
  switch (q.at(std::uint8_t(op_at))) {
    case 0x9A: case 0xC2: case 0xC3: case 0xCA: case 0xCB: case 0xCC: case 0xCD: case 0xCF:
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: case 0xF4:
      return true;
    case 0xFF: {
      const unsigned reg = (q.at(std::uint8_t(op_at + 1)) >> 3) & 7;
      return reg >= 2 && reg <= 5;
    }
    default: return false;
  }
}

// Bytes the decoder spends two clocks on: 8-bit values it sign-extends to 16 bits (a
// ModRM disp8, the imm8 of 6A/6B/83, the rel8 of short jumps). Captures: each such byte
// delays the end of decoding, and the refill of its room, by one clock.
bool sign_extended_byte(const PrefetchQueue& q, unsigned start, unsigned j) {
  unsigned i = start;
  while (i < j && (kFormats[q.at(std::uint8_t(i))] & kPrefix)) ++i;
  if (i >= j) return false;
  const std::uint8_t op = q.at(std::uint8_t(i));
  if (op == 0x0F) return false;
  if ((op >= 0x70 && op <= 0x7F) || (op >= 0xE0 && op <= 0xE3) || op == 0xEB || op == 0x6A)
    return j == i + 1;
  if (!(kFormats[op] & kModrm) || j == i + 1) return false;
  const std::uint8_t m = q.at(std::uint8_t(i + 1));
  const unsigned mod = m >> 6, rm = m & 7;
  if (mod == 1 && j == i + 2) return true;
  const unsigned disp = mod == 1 ? 1 : (mod == 2 || (mod == 0 && rm == 6)) ? 2 : 0;
  return (op == 0x83 || op == 0x6B) && j == i + 2 + disp;
}

// One clock of the instruction decoder (80286 datasheet, "instruction unit": it decodes
// from the prefetch queue into a three-deep decoded-instruction queue). It takes one byte
// per clock once the byte has been in the queue for `code_ready_delay` clocks.
[[gnu::always_inline]] inline void decode_step(PrefetchQueue& q, std::uint64_t c,
                                              const ModelTraits& tr) {
  auto& d = q.dec;
  if (d.stopped || d.n_done >= tr.decoded_queue || c < d.free_at) return;
  const unsigned j = q.decoded();
  if (j >= q.size() || q.ready_at(std::uint8_t(j)) > c) return;
  const unsigned start = j - d.insn_bytes;
  const unsigned cost = sign_extended_byte(q, start, j) ? 2 : 1;
  q.decode_one();
  ++d.insn_bytes;
  d.free_at = c + cost;
  if (!d.len) d.len = std::uint8_t(insn_length(q, start));
  const unsigned len = d.len;
  // An instruction longer than the 286 allows (10 bytes, redundant prefixes) is handed over
  // marked: the EU raises interrupt 13 instead of starting it (80286 PRM, "instruction
  // length limit"; captures: no bus cycle of the instruction runs).
  const bool too_long = tr.max_insn_len && d.insn_bytes > tr.max_insn_len;
  if ((len && d.insn_bytes >= len) || too_long) {
    const bool marked = too_long || (len > tr.max_insn_len && tr.max_insn_len);
    d.too_long[d.n_done] = marked;
    d.done_at[d.n_done++] = c + cost - 1;
    d.insn_bytes = 0;
    d.len = 0;
    // A marked instruction is not decoded as what its opcode says, so a marked far JMP or
    // CALL does not stop the decoder (captures: 11-byte EA/9A, the prefetcher goes on).
    if (marked) return;
    unsigned op = start;
    while (op + 1 < q.decoded() && (kFormats[q.at(std::uint8_t(op))] & kPrefix)) ++op;
    if (ends_decoding(q, op)) d.stopped = true;
    // INTO and LOOP/LOOPZ/LOOPNZ (transfers that depend on what the EU computes) hold the
    // prefetcher but not the decoder until the EU has finished them (captures: INTO; HLT
    // fetches no fourth word, yet the HLT is decoded in time to start as INTO ends; LOCK
    // LOOP rel8; HLT fetches no fifth word, LOCK JCXZ rel8; HLT does).
    else if (const std::uint8_t o = q.at(std::uint8_t(op)); o == 0xCE || (o >= 0xE0 && o <= 0xE2))
      d.fetch_hold = std::uint8_t(d.n_done + 1);
  }
}

}  // namespace

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

// The prefetcher's word fetch, the 286's most frequent bus cycle, done here rather than
// through the general Cpu808x::start_cycle()/transfer() (same effect, fewer branches).
[[gnu::always_inline]] inline void BiuAccess::start_code_fetch(Cpu808x& cpu) {
  const std::uint32_t a = cpu.code_phys(cpu.pf_ip_) & cpu.bus_.address_mask();
  cpu.cur_eu_ = false;
  cpu.cur_status_ = bus_status::kCode;
  cpu.cur_addr_ = a;
  cpu.cur_width_ = (a & 1) ? 1 : 2;
  cpu.cur_seg_ = 2;     // MOO segment code of CS
  cpu.cur_data_ = 0;
  cpu.bhe_ = false;     // BHE# active: a word, or the odd byte
  cpu.waits_ = cpu.bus_.mem_wait_states(a);
  cpu.bus_lines_ = a;
}

[[gnu::always_inline]] inline void BiuAccess::code_transfer(Cpu808x& cpu, std::uint64_t c) {
  const std::uint32_t a = cpu.cur_addr_;
  const std::uint64_t ready = c + cpu.traits_.code_ready_delay;
  const std::uint8_t b0 = cpu.bus_.read8(a);
  cpu.q_.push(b0, ready);
  if (cpu.cur_width_ == 2) {
    const std::uint8_t b1 = cpu.bus_.read8(a + 1);
    cpu.q_.push(b1, ready);
    cpu.cur_data_ = std::uint16_t(b0 | (b1 << 8));
  } else {
    cpu.cur_data_ = std::uint16_t(b0 << 8);  // an odd address: the byte is on D15-D8
  }
  cpu.pf_ip_ = std::uint16_t(cpu.pf_ip_ + cpu.cur_width_);
}

// Why the prefetcher may start no fetch whatever room the queue has:
//  - the decoder has stopped (HLT, an unconditional transfer; captures: after a CALL's flush
//    only the words up to the target's HLT are fetched), or holds fetching for INTO/LOOP;
//  - the code segment's end: the fetch offset does not wrap from FFFF to 0 (captures: after
//    a jump to FFFF only that byte is fetched), so queued bytes with the fetch offset at 0
//    came from the segment's last word.
[[gnu::always_inline]] inline bool BiuAccess::prefetch_held286(const Cpu808x& cpu) {
  return cpu.q_.dec.stopped || cpu.q_.dec.fetch_hold || at_segment_end286(cpu);
}

[[gnu::always_inline]] inline bool BiuAccess::at_segment_end286(const Cpu808x& cpu) {
  return cpu.pf_ip_ == 0 && cpu.q_.size() != 0;
}

[[gnu::always_inline]] inline void BiuAccess::tick286_inline(Cpu808x& cpu) {
  const std::uint64_t c = cpu.cycles_;
  // The decision for this clock's Ts was made before the decoder's step in this clock.
  const bool held = prefetch_held286(cpu);
  decode_step(cpu.q_, c, cpu.traits_);
  std::uint8_t t;
  if (cpu.t_ == kT1) {
    t = kT2;  // Ts -> Tc
  } else if (cpu.t_ == kT2 && cpu.waits_) {
    --cpu.waits_;
    t = kT2;  // wait state: Tc repeats
  } else {
    // Ti, or the last Tc of a cycle: the next cycle's Ts may go out now (pipelined).
    t = kTi;
    if (cpu.split_write_.active) {
      // The high byte of an odd-address word write goes out before anything else.
      auto& w = cpu.split_write_;
      w.active = false;
      cpu.cur_eu_ = false;
      cpu.cur_status_ = w.status;
      cpu.cur_addr_ = w.addr;
      cpu.cur_width_ = 1;
      cpu.cur_seg_ = w.seg;
      cpu.cur_data_ = w.data;
      cpu.bhe_ = !(w.addr & 1);
      cpu.waits_ = w.status == bus_status::kIoWrite ? cpu.bus_.io_wait_states()
                                                    : cpu.bus_.mem_wait_states(w.addr);
      cpu.bus_lines_ = w.addr;
      t = kT1;
    } else if (cpu.eu_req_ && !cpu.eu_started_ && cpu.eu_req_at_ <= c) {
      cpu.start_cycle(c, true);
      t = kT1;
    } else if (!cpu.fetch_suspended_ && !cpu.eu_req_ && !held &&
               cpu.q_.room() >= int(cpu.traits_.fetch_threshold) &&
               c >= cpu.fetch_at_) {
      start_code_fetch(cpu);
      t = kT1;
    }
  }
  if (t == kT2 && cpu.waits_ == 0) {
    if (cpu.cur_status_ == bus_status::kCode && !cpu.fetch_discard_) [[likely]]
      code_transfer(cpu, c);
    else
      cpu.transfer(c);
    cpu.last_t4_ = std::int64_t(c);
  }
  // The HALT cycle has no command phase the EU waits for: the EU stops after its Ts (the
  // 286 captures end on it).
  if (t == kT1 && cpu.cur_eu_ && cpu.cur_status_ == bus_status::kHalt) cpu.eu_done_ = true;
  // Writes are posted: the bus unit has latched address and data at Ts, so the EU goes on
  // while Tc runs (captures: a STOSB's HALT cycle follows its write by three clocks).
  if (t == kT1 && cpu.cur_eu_ &&
      (cpu.cur_status_ == bus_status::kMemWrite || cpu.cur_status_ == bus_status::kIoWrite)) {
    cpu.eu_done_ = true;
    cpu.cur_eu_ = false;  // its Tc must not complete the EU's next request
  }
  cpu.t_ = t;
  if (cpu.sink_) [[unlikely]] emit_trace286(cpu, t);
  cpu.qop_ = 0;
  cpu.cycles_ = c + 1;
}

void BiuAccess::tick286(Cpu808x& cpu) { tick286_inline(cpu); }

void BiuAccess::run_clocks286(Cpu808x& cpu, unsigned n) {
  while (n) {
    // Nothing happens while the bus is idle, no fetch can start (the queue has no room, or
    // the decoder has stopped) and the decoder has nothing to do (stopped, its output full,
    // or every queued byte taken): the clocks pass in one step.
    if (!cpu.sink_ && (cpu.t_ == kTi || (cpu.t_ == kT2 && cpu.waits_ == 0)) &&
        !cpu.split_write_.active && idle286(cpu)) {
      cpu.cycles_ += n;
      cpu.t_ = kTi;
      return;
    }
    tick286_inline(cpu);
    --n;
  }
}

void BiuAccess::run_until_eu_done286(Cpu808x& cpu) {
  while (!cpu.eu_done_) tick286_inline(cpu);
}

bool BiuAccess::idle286(const Cpu808x& cpu) {
  const auto& d = cpu.q_.dec;
  const bool fetch_blocked = cpu.fetch_suspended_ || prefetch_held286(cpu) ||
                             cpu.q_.room() < int(cpu.traits_.fetch_threshold);
  const bool decoder_idle =
      d.stopped || d.n_done >= cpu.traits_.decoded_queue || cpu.q_.decoded() >= cpu.q_.size();
  return fetch_blocked && decoder_idle;
}

void BiuAccess::wait_decoded(Cpu808x& cpu) {
  auto& d = cpu.q_.dec;
  // Nothing left to decode after a HLT or jump that did not leave (an interrupt return
  // resumes here): let the decoder go on.
  if (d.n_done == 0 && d.stopped) d.stopped = false;
  // The held INTO/LOOP has finished: prefetching may resume (it must, if the queue holds
  // nothing more to decode).
  if (d.fetch_hold == 1) d.fetch_hold = 0;
  const bool suspended = cpu.fetch_suspended_;
  cpu.fetch_suspended_ = false;  // the instruction's own bytes are still fetched
  while (d.n_done == 0 || cpu.cycles_ < d.done_at[0] + cpu.traits_.decode_to_execute) {
    // An instruction that runs past offset FFFFh of CS: the prefetcher stops at the segment's
    // end, so its remaining bytes never come; real mode raises interrupt 13 for it (80286
    // PRM, real address mode: "segment wrap").
    if (d.n_done == 0 && d.insn_bytes && at_segment_end286(cpu) &&
        cpu.q_.decoded() >= cpu.q_.size()) [[unlikely]] {
      cpu.fetch_suspended_ = suspended;
      cpu.fault(13, true);
    }
    // The EU needs an instruction, and neither the decoder nor the prefetcher can move:
    // whatever stopped them is over (never wait forever on a stale hold).
    if (d.n_done == 0 && cpu.t_ == kTi && !cpu.split_write_.active && idle286(cpu)) [[unlikely]] {
      d.stopped = false;
      d.fetch_hold = 0;
      cpu.fetch_suspended_ = false;
    }
    tick286_inline(cpu);
  }
  cpu.fetch_suspended_ = suspended;
  if (d.fetch_hold) --d.fetch_hold;
  if (cpu.q_.start_decoded()) [[unlikely]] cpu.fault(13, true);
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
