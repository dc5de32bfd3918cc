// Decimal adjust instructions DAA DAS AAA AAS (AAM/AAD live with the divider in muldiv.cpp).
// The 808x microcode compares AL against 9Fh instead of 99h when AF is set (reenigne's
// analysis of the 8088 microcode; the SingleStepTests captures agree).
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

void op_daa(Cpu808x& c) {
  c.clk(c.insn().clocks);
  const std::uint8_t old_al = c.r8(0);
  const bool old_cf = c.get_flag(flag::CF), old_af = c.get_flag(flag::AF);
  std::uint8_t al = old_al;
  bool cf = false, af = false;
  if ((old_al & 0x0F) > 9 || old_af) {
    al = std::uint8_t(al + 6);
    af = true;
  }
  if (old_cf || old_al > (old_af && c.traits().bcd_808x_microcode ? 0x9F : 0x99)) {
    al = std::uint8_t(al + 0x60);
    cf = true;
  }
  c.set_r8(0, al);
  c.set_flag(flag::CF, cf);
  c.set_flag(flag::AF, af);
  set_szp(c, al, false);
}

void op_das(Cpu808x& c) {
  c.clk(c.insn().clocks);
  const std::uint8_t old_al = c.r8(0);
  const bool old_cf = c.get_flag(flag::CF), old_af = c.get_flag(flag::AF);
  std::uint8_t al = old_al;
  bool cf = false, af = false;
  if ((old_al & 0x0F) > 9 || old_af) {
    // Intel's DAS: CF also takes the borrow out of AL - 6 (286; the 808x microcode does not).
    if (!c.traits().bcd_808x_microcode && al < 6) cf = true;
    al = std::uint8_t(al - 6);
    af = true;
  }
  if (old_cf || old_al > (old_af && c.traits().bcd_808x_microcode ? 0x9F : 0x99)) {
    al = std::uint8_t(al - 0x60);
    cf = true;
  }
  c.set_r8(0, al);
  c.set_flag(flag::CF, cf);
  c.set_flag(flag::AF, af);
  set_szp(c, al, false);
}

// AAA: if the low nibble of AL is above 9 or AF is set, AL += 6 and AH += 1 (the 808x adds
// to AL and AH separately, without a carry from AL into AH), AF = CF = 1; AL &= 0Fh.
void op_aaa(Cpu808x& c) {
  std::uint8_t al = c.r8(0);
  const bool adjust = (al & 0x0F) > 9 || c.get_flag(flag::AF);
  c.clk(adjust ? 7 : 8);  // the no-adjust path is a clock longer (captures)
  if (adjust) {
    set_szp(c, std::uint8_t(al + 6), false);
    if (c.traits().bcd_808x_microcode) {
      al = std::uint8_t(al + 6);
      c.set_r8(4, std::uint8_t(c.r8(4) + 1));
    } else {
      // 286: one 16-bit addition AX + 106h, so a carry out of AL reaches AH.
      c.r16(kAX) = std::uint16_t(c.r16(kAX) + 0x106);
      al = c.r8(0);
    }
  } else {
    set_szp(c, al, false);
  }
  c.set_flag(flag::AF, adjust);
  c.set_flag(flag::CF, adjust);
  c.set_r8(0, al & 0x0F);
}

void op_aas(Cpu808x& c) {
  std::uint8_t al = c.r8(0);
  const bool adjust = (al & 0x0F) > 9 || c.get_flag(flag::AF);
  c.clk(adjust ? 7 : 8);
  if (adjust) {
    set_szp(c, std::uint8_t(al - 6), false);
    if (c.traits().bcd_808x_microcode) {
      al = std::uint8_t(al - 6);
      c.set_r8(4, std::uint8_t(c.r8(4) - 1));
    } else {
      c.r16(kAX) = std::uint16_t(c.r16(kAX) - 0x106);
      al = c.r8(0);
    }
  } else {
    set_szp(c, al, false);
  }
  c.set_flag(flag::AF, adjust);
  c.set_flag(flag::CF, adjust);
  c.set_r8(0, al & 0x0F);
}

}  // namespace quartz
