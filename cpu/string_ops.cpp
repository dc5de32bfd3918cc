// String instructions MOVS CMPS STOS LODS SCAS with optional REP/REPE/REPNE. The source
// (DS:SI) honours a segment override, the destination is always ES:DI. REP tests CX before
// each iteration and, for CMPS/SCAS, ZF after it (F3: stop when ZF=0, F2: stop when ZF=1).
// A pending interrupt ends the instruction between iterations with IP pointing back at the
// prefix, so the string op resumes after the handler returns (8086 manual, "REP").
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

enum class StrKind { kMovs, kCmps, kStos, kLods, kScas };

void string_op(Cpu808x& c, StrKind k) {
  Insn& d = c.insn();
  const bool w = d.w;
  const std::uint16_t step = std::uint16_t((c.get_flag(flag::DF) ? -1 : 1) * (w ? 2 : 1));
  const unsigned src = c.seg_for(kDS);
  const bool rep = d.rep != 0;
  const bool compares = (k == StrKind::kCmps || k == StrKind::kScas);
  if (rep) c.clk(1);
  bool first = true;
  for (;;) {
    if (rep) {
      if (c.r16(kCX) == 0) {
        c.clk(1);
        return;
      }
      if (!first && c.interrupt_pending()) {
        c.rep_restart();
        c.flush_queue();
        return;
      }
    }
    first = false;
    switch (k) {
      case StrKind::kMovs: {
        c.clk(1);
        const std::uint16_t v = c.mem_read(src, c.r16(kSI), w);
        c.clk(1);
        c.mem_write(kES, c.r16(kDI), w, v);
        c.r16(kSI) = std::uint16_t(c.r16(kSI) + step);
        c.r16(kDI) = std::uint16_t(c.r16(kDI) + step);
        c.clk(rep ? 1 : 2);
        break;
      }
      case StrKind::kCmps: {
        c.clk(1);
        const std::uint16_t a = c.mem_read(src, c.r16(kSI), w);
        c.clk(1);
        const std::uint16_t b = c.mem_read(kES, c.r16(kDI), w);
        alu(c, kCmp, a, b, w);
        c.r16(kSI) = std::uint16_t(c.r16(kSI) + step);
        c.r16(kDI) = std::uint16_t(c.r16(kDI) + step);
        c.clk(rep ? 4 : 5);
        break;
      }
      case StrKind::kStos: {
        c.clk(1);
        c.mem_write(kES, c.r16(kDI), w, c.reg(kAX, w));
        c.r16(kDI) = std::uint16_t(c.r16(kDI) + step);
        c.clk(rep ? 1 : 2);
        break;
      }
      case StrKind::kLods: {
        c.clk(1);
        const std::uint16_t v = c.mem_read(src, c.r16(kSI), w);
        c.set_reg(kAX, w, v);
        c.r16(kSI) = std::uint16_t(c.r16(kSI) + step);
        c.clk(rep ? 3 : 4);
        break;
      }
      case StrKind::kScas: {
        c.clk(1);
        const std::uint16_t b = c.mem_read(kES, c.r16(kDI), w);
        alu(c, kCmp, c.reg(kAX, w), b, w);
        c.r16(kDI) = std::uint16_t(c.r16(kDI) + step);
        c.clk(rep ? 4 : 5);
        break;
      }
    }
    if (!rep) return;
    c.r16(kCX) = std::uint16_t(c.r16(kCX) - 1);
    if (compares) {
      const bool zf = c.get_flag(flag::ZF);
      if ((d.rep == 0xF3 && !zf) || (d.rep == 0xF2 && zf)) return;
    }
  }
}

}  // namespace

void op_movs(Cpu808x& c) { string_op(c, StrKind::kMovs); }
void op_cmps(Cpu808x& c) { string_op(c, StrKind::kCmps); }
void op_stos(Cpu808x& c) { string_op(c, StrKind::kStos); }
void op_lods(Cpu808x& c) { string_op(c, StrKind::kLods); }
void op_scas(Cpu808x& c) { string_op(c, StrKind::kScas); }

}  // namespace quartz
