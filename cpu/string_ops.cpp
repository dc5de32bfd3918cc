// String instructions MOVS CMPS STOS LODS SCAS with optional REP/REPE/REPNE. The source
// (DS:SI) honours a segment override, the destination is always ES:DI. REP tests CX before
// each iteration and, for CMPS/SCAS, ZF after it (F3: stop when ZF=0, F2: stop when ZF=1).
// A pending interrupt ends the instruction between iterations with IP pointing back at the
// prefix, so the string op resumes after the handler returns (8086 manual, "REP").
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

enum class StrKind : std::uint8_t { kMovs, kCmps, kStos, kLods, kScas };

// EU clocks around the bus cycles of one string instruction, measured on the P80C86A-2
// captures. They reproduce Intel's totals: MOVS 18 / REP 9+17n, CMPS 22 / 9+22n, STOS 11 /
// 9+10n, LODS 12 / 9+13n, SCAS 15 / 9+15n (bus cycles count 4 clocks each).
struct StrTiming {
  std::uint8_t rep_check;   // REP: clocks after the opcode before CX is tested
  std::uint8_t rep_first;   // REP: clocks from the test to the first bus request
  std::uint8_t first;       // no REP: clocks after the opcode to the first bus request
  std::uint8_t mid;         // between the two bus cycles (MOVS, CMPS)
  std::uint8_t tail;        // no REP: clocks after the last bus cycle
  std::uint8_t rep_next;    // REP: clocks from the last bus cycle to the next iteration's
  std::uint8_t rep_end;     // REP: clocks from the last bus cycle to the end (CX = 0)
  std::uint8_t rep_mid;     // REP: between the two bus cycles (MOVS, CMPS)
  std::uint8_t rep_zero;    // REP with CX = 0 on entry: clocks after the test
  std::uint8_t rep_end_zf;  // REPE/REPNE ending on the ZF test: as rep_end
};

constexpr StrTiming kStrTiming[5] = {
    /* MOVS */ {6, 4, 3, 3, 3, 6, 4, 3, 0, 3},
    /* CMPS */ {6, 5, 4, 4, 5, 10, 7, 4, 0, 6},
    /* STOS */ {6, 4, 3, 0, 3, 6, 4, 0, 0, 3},
    /* LODS */ {6, 4, 3, 0, 4, 9, 7, 0, 0, 6},
    /* SCAS */ {6, 6, 5, 0, 5, 11, 7, 0, 0, 6},
};

// 80286, counted from the clock the decoded instruction starts (2-clock reads, writes
// posted one clock after their Ts), fitted to the SingleStepTests 80286 captures. Per
// iteration they give the iAPX 286 PRM's REP rates: MOVS 4n (read 2 + write 1 + 1), CMPS 9n
// (2 reads + 5), STOS 3n (write 1 + 2), LODS 4n (read 2 + 2), SCAS 8n (read 2 + 6). Single
// instructions: MOVS 7 (PRM 5), CMPS 8, STOS 3, LODS 5, SCAS 7 to the next instruction; a
// REP with CX = 0 ends after 7 (MOVS), 6 (STOS) or 5 clocks. Unlike the 8086, REPE/REPNE
// ending on ZF takes as long as ending on CX = 0.
constexpr StrTiming kStrTiming286[5] = {
    /* MOVS */ {0, 4, 0, 2, 2, 1, 3, 0, 7, 3},
    /* CMPS */ {0, 3, 0, 0, 4, 5, 7, 0, 5, 7},
    /* STOS */ {0, 4, 0, 0, 2, 2, 3, 0, 6, 3},
    /* LODS */ {0, 3, 0, 0, 3, 2, 4, 0, 5, 4},
    /* SCAS */ {0, 3, 0, 0, 5, 6, 8, 0, 5, 8},
};

// The current SI (DI) for an access; the register moves on by `step` before the access.
std::uint16_t next_si(Cpu808x& c, std::uint16_t step) {
  const std::uint16_t off = c.r16(kSI);
  c.r16(kSI) = std::uint16_t(off + step);
  return off;
}
std::uint16_t next_di(Cpu808x& c, std::uint16_t step) {
  const std::uint16_t off = c.r16(kDI);
  c.r16(kDI) = std::uint16_t(off + step);
  return off;
}

void store(Cpu808x& c, std::uint16_t off, bool w, std::uint16_t v, bool hold_odd = false) {
  if (w) rep_store_fault_count(c, off);
  if (hold_odd && w && (off & 1)) {
    store_word_held(c, kES, off, v);
    return;
  }
  c.mem_write(kES, off, w, v);
}

void string_op(Cpu808x& c, StrKind k) {
  Insn& d = c.insn();
  const StrTiming& tm = (c.traits().pipelined_bus ? kStrTiming286 : kStrTiming)[unsigned(k)];
  const bool w = d.w;
  const std::uint16_t step = std::uint16_t((c.get_flag(flag::DF) ? -1 : 1) * (w ? 2 : 1));
  const unsigned src = c.seg_for(kDS);
  const bool rep = d.rep != 0;
  const bool compares = (k == StrKind::kCmps || k == StrKind::kScas);
  if (rep) {
    c.clk(tm.rep_check);
    if (c.r16(kCX) == 0) {
      c.clk(tm.rep_zero);
      return;
    }
    c.clk(tm.rep_first);
  } else {
    c.clk(tm.first);
  }
  for (;;) {
    // CX counts the iteration down before its transfers, except for CMPS, between its reads:
    // that is what a 286 fault inside the iteration leaves (SingleStepTests 80286); on the
    // 808x the order is invisible.
    const bool count_first = k != StrKind::kCmps;
    if (rep && count_first) c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
    switch (k) {
      case StrKind::kMovs: {
        // Each pointer advances with its own access: a 286 segment-wrap fault on the
        // store leaves both advanced, on the load only SI (SingleStepTests 80286).
        const std::uint16_t v = c.mem_read(src, next_si(c, step), w);
        c.clk(rep ? tm.rep_mid : tm.mid);
        // 286 REP MOVS holds the EU for both byte cycles of an odd word store (captures:
        // the next read, or the end, comes 2 clocks later than after an even store; a single
        // MOVS, like STOS, leaves the second byte to the bus unit).
        store(c, next_di(c, step), w, v, rep && c.traits().pipelined_bus);
        break;
      }
      case StrKind::kCmps: {
        // The 286 reads ES:DI first (which pointer has advanced when one faults shows it).
        std::uint16_t a, b;
        if (c.traits().cmps_reads_di_first) {
          b = c.mem_read(kES, next_di(c, step), w);
          if (rep) c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
          c.clk(rep ? tm.rep_mid : tm.mid);
          a = c.mem_read(src, next_si(c, step), w);
        } else {
          a = c.mem_read(src, next_si(c, step), w);
          if (rep) c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
          c.clk(rep ? tm.rep_mid : tm.mid);
          b = c.mem_read(kES, next_di(c, step), w);
        }
        alu(c, kCmp, a, b, w);
        break;
      }
      case StrKind::kStos:
        store(c, next_di(c, step), w, c.reg(kAX, w));
        break;
      case StrKind::kLods: {
        const std::uint16_t v = c.mem_read(src, next_si(c, step), w);
        c.set_reg(kAX, w, v);
        break;
      }
      case StrKind::kScas: {
        const std::uint16_t b = c.mem_read(kES, next_di(c, step), w);
        alu(c, kCmp, c.reg(kAX, w), b, w);
        break;
      }
    }
    if (!rep) {
      c.clk(tm.tail);
      return;
    }
    bool done = c.r16(kCX) == 0;
    if (compares) {
      const bool zf = c.get_flag(flag::ZF);
      if ((d.rep == 0xF3 && !zf) || (d.rep == 0xF2 && zf)) {
        // 8086: ending on the ZF test is one clock quicker than ending on CX = 0.
        c.clk(done ? tm.rep_end : tm.rep_end_zf);
        return;
      }
    }
    if (done) {
      c.clk(tm.rep_end);
      return;
    }
    if (c.interrupt_pending()) {
      // Resume at the prefix after the interrupt returns (8086: the last, 286: the first).
      c.clk(tm.rep_end);
      c.rep_restart();
      c.flush_queue();
      return;
    }
    c.clk(tm.rep_next);
  }
}

}  // namespace

void store_word_held(Cpu808x& c, unsigned seg, std::uint16_t off, std::uint16_t v) {
  // At FFFFh (interrupt 13) and in protected mode (the word's limit check) the word access
  // is left to mem_write16.
  if (off == 0xFFFF || (c.msw_ & 1)) {
    c.mem_write16(seg, off, v);
    return;
  }
  c.mem_write8(seg, off, std::uint8_t(v));
  c.mem_write8(seg, std::uint16_t(off + 1), std::uint8_t(v >> 8));
}

void rep_store_fault_count(Cpu808x& c, std::uint16_t off) {
  const Insn& d = c.insn();
  if (d.rep && d.w && off == 0xFFFF && c.traits().segment_wrap_faults && c.r16(kCX) != 0)
    c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
}

void op_movs(Cpu808x& c) { string_op(c, StrKind::kMovs); }
void op_cmps(Cpu808x& c) { string_op(c, StrKind::kCmps); }
void op_stos(Cpu808x& c) { string_op(c, StrKind::kStos); }
void op_lods(Cpu808x& c) { string_op(c, StrKind::kLods); }
void op_scas(Cpu808x& c) { string_op(c, StrKind::kScas); }

}  // namespace quartz
