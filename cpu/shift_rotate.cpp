// Group 2 (D0-D3): ROL ROR RCL RCR SHL SHR SETMO SAR by 1 or by CL. The 808x shifts one bit
// per microcode iteration and does not mask CL (80186 and later use CL mod 32), so counts
// up to 255 run in full; a count of 0 leaves operand and flags untouched. ModRM.reg 6 is
// the undocumented SETMO/SETMOC: the result is all ones. OF is computed by the last step.
#include "cpu/alu.hpp"
#include "cpu/handlers.hpp"

namespace quartz {

namespace {

std::uint16_t shift_step(Cpu808x& c, unsigned op, std::uint16_t v, bool w) {
  const std::uint16_t msb = w ? 0x8000 : 0x80;
  const std::uint16_t mask = w ? 0xFFFF : 0xFF;
  bool cf = c.get_flag(flag::CF);
  bool of = false;
  std::uint16_t r = v;
  switch (op) {
    case 0:  // ROL
      cf = v & msb;
      r = std::uint16_t(((v << 1) | (cf ? 1 : 0)) & mask);
      of = bool(r & msb) != cf;
      break;
    case 1:  // ROR
      cf = v & 1;
      r = std::uint16_t((v >> 1) | (cf ? msb : 0));
      of = bool(r & msb) != bool(r & (msb >> 1));
      break;
    case 2: {  // RCL
      const bool in = cf;
      cf = v & msb;
      r = std::uint16_t(((v << 1) | (in ? 1 : 0)) & mask);
      of = bool(r & msb) != cf;
      break;
    }
    case 3: {  // RCR
      const bool in = cf;
      cf = v & 1;
      r = std::uint16_t((v >> 1) | (in ? msb : 0));
      of = bool(r & msb) != bool(r & (msb >> 1));
      break;
    }
    case 4:  // SHL/SAL
      cf = v & msb;
      r = std::uint16_t((v << 1) & mask);
      of = bool(r & msb) != cf;
      break;
    case 5:  // SHR
      cf = v & 1;
      r = std::uint16_t(v >> 1);
      of = v & msb;
      break;
    case 6:  // SETMO
      cf = false;
      r = mask;
      of = false;
      break;
    default:  // SAR
      cf = v & 1;
      r = std::uint16_t((v >> 1) | (v & msb));
      of = false;
      break;
  }
  c.set_flag(flag::CF, cf);
  c.set_flag(flag::OF, of);
  if (op >= 4) {
    set_szp(c, r, w);
    if (op == 6) c.set_flag(flag::AF, false);
  }
  return r;
}

}  // namespace

namespace {

// EU clocks of a shift or rotate around its operand's bus cycles; a count of n adds
// `per_bit` * n.
struct ShiftTiming {
  std::uint8_t reg_one, reg_count;  // register operand: by 1 / by CL or imm8 (before the bits)
  std::uint8_t mem_one, mem_count;  // memory operand: after the read, before the bits
  std::uint8_t per_bit;
  std::uint8_t before_write;        // after the bits, before the write-back
  std::uint8_t after_write;         // after the write-back
  bool zero_count_writes;           // a count of 0 still writes the memory operand back
  std::uint8_t no_write_tail;       // otherwise: clocks after the bits of a count of 0
};

// 808x (P80C86A-2 captures): one microcode iteration of 4 clocks per bit.
constexpr ShiftTiming kShift808x{0, 6, 5, 10, 4, 1, 0, true, 0};
// 80286 (iAPX 286 PRM: reg by 1 2, mem by 1 7, reg by CL/imm 5+n, mem 8+n; a read takes two
// clocks and a write is posted, so mem by 1 is read + 2 + write + 2 and mem by CL/imm is
// read + 3+n + write + 2). Captures: a count of 0 (after masking) writes nothing back and
// the instruction ends 4 clocks after the read.
constexpr ShiftTiming kShift286{2, 5, 2, 3, 1, 0, 2, false, 1};

}  // namespace

// D0/D1: by 1; D2/D3: by CL; C0/C1 (186+): by an immediate byte after the ModRM operand.
void op_shift(Cpu808x& c) {
  Insn& d = c.insn();
  const ShiftTiming& tm = c.traits().pipelined_bus ? kShift286 : kShift808x;
  const bool by_imm = d.op < 0xD0;
  const bool by_cl = (d.op & 2) || by_imm;
  unsigned count = by_imm ? c.q_read8() : (d.op & 2) ? c.r8(1) : 1;
  if (c.traits().shift_count_masked) count &= 31;
  std::uint16_t v;
  if (c.rm_is_reg()) {
    v = c.reg(d.rm, d.w);
    c.clk(by_cl ? tm.reg_count : tm.reg_one);
  } else {
    v = c.mem_read(d.ea_seg, d.ea, d.w);
    c.clk(by_cl ? tm.mem_count : tm.mem_one);
  }
  // The row's parameter is the operation (ModRM.reg, or the one it aliases).
  for (unsigned i = 0; i < count; ++i) v = shift_step(c, d.arg, v, d.w);
  if (by_cl) c.clk(tm.per_bit * count);
  if (c.rm_is_reg()) {
    c.set_reg(d.rm, d.w, v);
    return;
  }
  if (count == 0 && !tm.zero_count_writes) {
    c.clk(tm.no_write_tail);
    return;
  }
  c.clk(tm.before_write);
  c.mem_write(d.ea_seg, d.ea, d.w, v);
  c.clk(tm.after_write);
}

}  // namespace quartz
