// MUL/IMUL/DIV/IDIV (group F6/F7 /4-/7) and AAM/AAD. The 8086 multiplies and divides in
// microcode loops, one bit per iteration, so the clock count depends on the operands
// (Intel's table gives ranges: MUL r8 70-77, r16 118-133; IMUL 80-98 / 128-154; DIV 80-90 /
// 144-162; IDIV 101-112 / 165-184). Quirks of the 808x microcode reproduced here:
//  - a REP/REPNE prefix negates the product of IMUL and the quotient of IDIV;
//  - IDIV faults on a quotient of 80h/8000h (the 8086 range is -7Fh..7Fh / -7FFFh..7FFFh);
//  - a divide error is INT 0 pushing the address of the next instruction (808x).
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

std::uint16_t operand(Cpu808x& c) {
  Insn& d = c.insn();
  if (c.rm_is_reg()) return c.reg(d.rm, d.w);
  return c.mem_read(d.ea_seg, d.ea, d.w);
}

unsigned div_fault_clocks(Cpu808x& c, bool is_signed) {
  // Clocks from the ModRM byte to the start of the type-0 sequence when the divider finds
  // the quotient too large (or the divisor zero) in its first step.
  return (is_signed ? 12u : 16u) + (c.rm_is_reg() ? 0u : 2u);
}

unsigned ones(std::uint32_t v) {
  unsigned n = 0;
  for (; v; v &= v - 1) ++n;
  return n;
}

// 80286 divider: the captures show the same time for any operands (iAPX 286 PRM: DIV r8 14,
// r16 22, m8 17, m16 25; IDIV r8 17, r16 25, m8 20, m16 28), and a divide error found at a
// fixed point whatever the cause (zero divisor, quotient too large in the first step or
// after the loop). Memory forms: clocks after the operand read (two clocks) ends.
struct DivTiming286 {
  std::uint8_t reg, mem;              // to the end of the instruction
  std::uint8_t fault_reg, fault_mem;  // to the start of the type-0 interrupt sequence
};
constexpr DivTiming286 kDiv286[2][2] = {
    {{14, 15, 15, 16}, {22, 23, 23, 24}},  // DIV r/m8, r/m16
    {{17, 18, 20, 21}, {25, 26, 28, 29}},  // IDIV r/m8, r/m16
};

// Spends a divide's clocks: the 808x count computed by the caller, or the 286 row.
void div_clk(Cpu808x& c, unsigned clocks_808x, bool fault) {
  if (!c.traits().pipelined_bus) {
    c.clk(clocks_808x);
    return;
  }
  const Insn& d = c.insn();
  const DivTiming286& t = kDiv286[d.reg == 7 ? 1 : 0][d.w ? 1 : 0];
  const bool reg = c.rm_is_reg();
  c.clk(fault ? (reg ? t.fault_reg : t.fault_mem) : (reg ? t.reg : t.mem));
}

}  // namespace

// F6/F7 /4 MUL, /5 IMUL.
void op_mul(Cpu808x& c) {
  Insn& d = c.insn();
  const bool is_signed = d.reg == 5;
  const std::uint16_t src = operand(c);
  std::uint32_t a = d.w ? c.r16(kAX) : c.r8(0);
  std::uint32_t b = src;
  bool negate = false;
  if (is_signed) {
    const std::uint32_t msb = d.w ? 0x8000u : 0x80u;
    if (a & msb) { a = ((~a + 1) & (d.w ? 0xFFFFu : 0xFFu)); negate = !negate; }
    if (b & msb) { b = ((~b + 1) & (d.w ? 0xFFFFu : 0xFFu)); negate = !negate; }
    if (d.rep && c.traits().rep_negates_muldiv) negate = !negate;
  }
  std::uint32_t p = a * b;
  // Clocks measured on the P80C86A-2 (SingleStepTests): the multiply loop takes one extra
  // clock per set bit of the accumulator operand (AL/AX, made positive for IMUL); IMUL adds
  // the sign fix-ups: 11 when only the source is negative, 14 when only AL/AX is, 1 for both.
  const std::uint32_t acc_mag = a;
  unsigned clocks = (d.w ? 115u : 67u) + ones(acc_mag);
  if (is_signed) {
    const std::uint32_t msb = d.w ? 0x8000u : 0x80u;
    const bool acc_neg = (d.w ? c.r16(kAX) : c.r8(0)) & msb;
    const bool src_neg = src & msb;
    clocks += 10 + (acc_neg && src_neg ? 1 : acc_neg ? 14 : src_neg ? 11 : 0);
  }
  if (!c.rm_is_reg()) clocks += 2;
  if (negate) p = ~p + 1;
  if (d.w) {
    p &= 0xFFFFFFFFu;
    c.r16(kAX) = std::uint16_t(p);
    c.r16(kDX) = std::uint16_t(p >> 16);
    const bool high = is_signed ? (std::int32_t(p) != std::int16_t(std::uint16_t(p))) : (p >> 16) != 0;
    c.set_flag(flag::CF, high);
    c.set_flag(flag::OF, high);
    set_szp(c, std::uint16_t(p >> 16), true);
    if (!high) ++clocks;  // the microcode's "upper half used" test falls through a clock later
  } else {
    p &= 0xFFFF;
    c.r16(kAX) = std::uint16_t(p);
    const bool high = is_signed ? (std::int16_t(p) != std::int8_t(std::uint8_t(p))) : (p >> 8) != 0;
    c.set_flag(flag::CF, high);
    c.set_flag(flag::OF, high);
    set_szp(c, std::uint16_t(p >> 8), false);
    if (!high) ++clocks;
  }
  c.clk(clocks);
}

// Clocks of the divide loop, measured on the P80C86A-2 (SingleStepTests): the CORD microcode
// shifts the partial remainder left once per quotient bit and subtracts the divisor; an
// iteration where the subtraction succeeds without a carry out of the shift costs one more
// clock, and a set low quotient bit two more. Base totals (register operand, counting from
// the opcode fetch): DIV 80/144; IDIV 101/165, minus 1 for a negative divisor, plus 4 for a
// negative dividend.
unsigned divide_clocks(std::uint32_t num, std::uint32_t d, unsigned bits) {
  const std::uint32_t mask = (1u << bits) - 1;
  std::uint64_t rem = num >> bits, lo = num & mask;
  unsigned no_carry_subtracts = 0;
  for (unsigned i = 0; i < bits; ++i) {
    const bool carry = (rem >> (bits - 1)) & 1;
    rem = (rem << 1) | ((lo >> (bits - 1)) & 1);
    lo = (lo << 1) & mask;
    if (carry) {
      rem -= d;
    } else if (rem >= d) {
      rem -= d;
      ++no_carry_subtracts;
    }
  }
  return no_carry_subtracts + ((num / d) & 1 ? 2 : 0);
}

// The flags a zero divisor leaves on the 286 (pushed by the divide error; the manuals call
// them undefined). The captures fit one rule: SF/ZF/PF of the dividend shifted right once for
// the unsigned divides (DIV r/m8: AX>>1, 9 of 9 captures; DIV r/m16: DX:AX>>1, 9 of 9; AAM 0:
// 0:AL>>1, 4 of 4) and of its low half for IDIV (AL 22 of 22, AX 10 of 10), as if the
// divider's first step had run. The 808x keeps the flags of its overflow subtraction.
namespace {
void div0_flags(Cpu808x& c, std::uint16_t value, bool w) {
  if (c.traits().div0_flags_from_dividend) set_szp(c, value, w);
}

// The 286 (and the 386) IDIV r/m8 quirk: a division whose quotient does not fit, but whose
// dividend magnitude has bit 14 set and gives a quotient of exactly -128 once that bit is
// taken away, returns AL = 80h and the remainder of the reduced dividend instead of raising
// the divide error. Found on real chips by the SingleStepTests 80386 suite (issue 3, eight
// captures, "the 286 tests show the same behaviour") and in the 286 suite here (F6.7, AX =
// 8C60h). A negative quotient only: no capture shows +128.
bool idiv8_slips(std::uint32_t an, std::uint32_t as, bool negative) {
  if (as == 0 || !negative || !(an & 0x4000u)) return false;
  // A negative quotient fits down to -128: it overflows above a magnitude of 80h.
  return an / as > 0x80u && (an ^ 0x4000u) / as == 0x80u;
}
}  // namespace

// F6/F7 /6 DIV, /7 IDIV.
void op_div(Cpu808x& c) {
  Insn& d = c.insn();
  const bool is_signed = d.reg == 7;
  const std::uint16_t src = operand(c);
  const unsigned bits = d.w ? 16 : 8;
  // Register-operand clocks after the ModRM byte; a memory operand adds two.
  const unsigned extra = c.rm_is_reg() ? 0 : 2;
  if (d.w) {
    const std::uint32_t dividend = (std::uint32_t(c.r16(kDX)) << 16) | c.r16(kAX);
    if (!is_signed) {
      if (src == 0 || dividend / src > 0xFFFF) {
        // The overflow test is the subtraction DX - divisor; its flags are what gets pushed.
        alu(c, kSub, c.r16(kDX), src, true);
        if (src == 0) div0_flags(c, std::uint16_t(dividend >> 1), true);
        div_clk(c, div_fault_clocks(c, false), true);
        c.divide_error();
        return;
      }
      div_clk(c, 142 + extra + divide_clocks(dividend, src, bits), false);
      c.r16(kAX) = std::uint16_t(dividend / src);
      c.r16(kDX) = std::uint16_t(dividend % src);
      return;
    }
    const std::int32_t n = std::int32_t(dividend);
    const std::int32_t s = std::int16_t(src);
    const std::uint32_t an = std::uint32_t(n < 0 ? -std::int64_t(n) : n);
    const std::uint32_t as = std::uint32_t(s < 0 ? -s : s);
    const unsigned signs = (s < 0 ? 0u : 1u) + (n < 0 ? 4u : 0u);
    if (as == 0 || (an >> bits) >= as) {
      // The first step already overflows.
      alu(c, kSub, std::uint16_t(an >> bits), std::uint16_t(as), true);
      if (as == 0) div0_flags(c, c.r16(kAX), true);
      div_clk(c, div_fault_clocks(c, true) + 13 + signs, true);
      c.divide_error();
      return;
    }
    std::int64_t q = std::int64_t(n) / s;
    const std::int64_t r = std::int64_t(n) % s;
    const unsigned loop = 162 + extra + signs + divide_clocks(an, as, bits);
    if (q > 0x7FFF || q < (c.traits().idiv_min_quotient_ok ? -0x8000 : -0x7FFF)) {
      // The magnitude fits but the signed quotient does not: found after the loop.
      div_clk(c, loop - 2, true);
      c.divide_error();
      return;
    }
    div_clk(c, loop, false);
    if (d.rep && c.traits().rep_negates_muldiv) q = -q;
    c.r16(kAX) = std::uint16_t(q);
    c.r16(kDX) = std::uint16_t(r);
    return;
  }
  const std::uint16_t dividend = c.r16(kAX);
  const std::uint8_t divisor = std::uint8_t(src);
  if (!is_signed) {
    if (divisor == 0 || dividend / divisor > 0xFF) {
      alu(c, kSub, c.r8(4), divisor, false);
      if (divisor == 0) div0_flags(c, std::uint8_t(dividend >> 1), false);
      div_clk(c, div_fault_clocks(c, false), true);
      c.divide_error();
      return;
    }
    div_clk(c, 78 + extra + divide_clocks(dividend, divisor, bits), false);
    c.set_r8(0, std::uint8_t(dividend / divisor));
    c.set_r8(4, std::uint8_t(dividend % divisor));
    return;
  }
  const std::int32_t n = std::int16_t(dividend);
  const std::int32_t s = std::int8_t(divisor);
  const std::uint32_t an = std::uint32_t(n < 0 ? -n : n), as = std::uint32_t(s < 0 ? -s : s);
  const unsigned signs = (s < 0 ? 0u : 1u) + (n < 0 ? 4u : 0u);
  if (c.traits().idiv8_bit14_slip && idiv8_slips(an, as, (n < 0) != (s < 0))) {
    div_clk(c, 98 + extra + signs + divide_clocks(an ^ 0x4000u, as, bits), false);
    const std::uint8_t rem = std::uint8_t((an ^ 0x4000u) % as);
    c.set_r8(0, 0x80);
    c.set_r8(4, std::uint8_t(n < 0 ? -rem : rem));
    return;
  }
  if (as == 0 || (an >> bits) >= as) {
    alu(c, kSub, std::uint16_t(an >> bits), std::uint16_t(as), false);
    if (as == 0) div0_flags(c, c.r8(0), false);
    div_clk(c, div_fault_clocks(c, true) + 13 + signs, true);
    c.divide_error();
    return;
  }
  std::int32_t q = n / s;
  const std::int32_t r = n % s;
  const unsigned loop = 98 + extra + signs + divide_clocks(an, as, bits);
  if (q > 0x7F || q < (c.traits().idiv_min_quotient_ok ? -0x80 : -0x7F)) {
    div_clk(c, loop - 2, true);
    c.divide_error();
    return;
  }
  div_clk(c, loop, false);
  if (d.rep && c.traits().rep_negates_muldiv) q = -q;
  c.set_r8(0, std::uint8_t(q));
  c.set_r8(4, std::uint8_t(r));
}

// AAM clocks. 808x: around the immediate byte, then the divide loop (captures: 77 +
// divide_clocks). 80286: PRM 16 for any operand (captures), the immediate costs nothing.
struct AamTiming {
  std::uint8_t before_imm, after_imm;
  std::uint8_t fault;  // a zero base: to the start of the type-0 interrupt sequence
  std::uint8_t done;   // to the end, plus the divide loop on the 808x
  bool divide_loop;
};
constexpr AamTiming kAam808x{1, 1, 12, 73, true};
constexpr AamTiming kAam286{0, 0, 16, 16, false};

// D4 ib: AAM (base imm8; 0 raises INT 0).
void op_aam(Cpu808x& c) {
  const AamTiming& tm = c.traits().pipelined_bus ? kAam286 : kAam808x;
  c.clk(tm.before_imm);
  const std::uint8_t base = c.q_read8();
  c.clk(tm.after_imm);
  if (base == 0) {
    // The divider finds the zero divisor after its set-up. The flags it leaves (pushed by
    // the divide error) are those of a zero result on the 808x; on the 286 those of the
    // dividend 0:AL shifted right once, as for DIV (div0_flags).
    c.clk(tm.fault);
    set_szp(c, c.traits().div0_flags_from_dividend ? std::uint8_t(c.r8(0) >> 1) : 0, false);
    c.divide_error();
    return;
  }
  const std::uint8_t al = c.r8(0);
  const std::uint8_t q = std::uint8_t(al / base);
  // The same divide loop as DIV.
  c.clk(tm.done + (tm.divide_loop ? divide_clocks(al, base, 8) : 0));
  c.set_r8(4, q);
  c.set_r8(0, std::uint8_t(al % base));
  set_szp(c, c.r8(0), false);
}

// D5 ib: AAD: AL = AL + AH * imm8, AH = 0; flags as the final ADD.
void op_aad(Cpu808x& c) {
  c.clk(1);
  const std::uint8_t base = c.q_read8();
  // The multiply loop adds once per set bit of the immediate (captures: 59 + ones(imm)).
  c.clk(56 + ones(base));
  const std::uint8_t prod = std::uint8_t(c.r8(4) * base);
  const std::uint8_t r = std::uint8_t(alu(c, kAdd, c.r8(0), prod, false));
  c.r16(kAX) = r;
}

}  // namespace quartz
