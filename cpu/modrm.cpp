// ModRM decoding and effective-address calculation with the EU clocks of each addressing
// mode. Intel's 8086 timing table gives EA times of 6 (disp16), 5 (base or index), 7/8
// (BX+SI, BP+DI / BX+DI, BP+SI), 9 (base or index + disp) and 11/12 (base + index + disp);
// the captures show the displacement is read from the queue partway through, after the
// register sum, so the disp read position is part of the row below.
#include "cpu/cpu808x.hpp"

#include "cpu/biu286.hpp"

namespace quartz {

namespace {

struct EaMode {
  std::int8_t base, index;  // register numbers or -1
  std::uint8_t seg;         // default segment (SS when BP is the base)
  std::uint8_t clocks;      // EA clocks after the ModRM byte, displacement reads included
  std::uint8_t pre_disp;    // clocks before the displacement is read
};

// Indexed by rm; mod 0 uses clocks without displacement, mod 1/2 add the displacement.
constexpr EaMode kModes[8] = {
    {kBX, kSI, kDS, 7, 5},  // [BX+SI]
    {kBX, kDI, kDS, 8, 6},  // [BX+DI]
    {kBP, kSI, kSS, 8, 6},  // [BP+SI]
    {kBP, kDI, kSS, 7, 5},  // [BP+DI]
    {kSI, -1, kDS, 5, 3},   // [SI]
    {kDI, -1, kDS, 5, 3},   // [DI]
    {kBP, -1, kSS, 5, 3},   // [BP] (mod 0: [disp16])
    {kBX, -1, kDS, 5, 3},   // [BX]
};

}  // namespace

void Cpu808x::read_modrm() {
  const std::uint8_t m = q_read8();
  d_.modrm = m;
  d_.mod = m >> 6;
  d_.reg = (m >> 3) & 7;
  d_.rm = m & 7;
  if (d_.mod == 3) return;
  if (traits_.ea_in_address_unit) [[unlikely]] {
    BiuAccess::read_modrm_286(*this);
    return;
  }
  if (d_.mod == 0 && d_.rm == 6) {
    // [disp16]: EA time 6.
    clk(1);
    d_.ea = q_read16();
    clk(2);
    d_.ea_seg = std::uint8_t(seg_for(kDS));
    return;
  }
  const EaMode& e = kModes[d_.rm];
  std::uint16_t ea = regs_[e.base];
  if (e.index >= 0) ea = std::uint16_t(ea + regs_[e.index]);
  if (d_.mod == 0) {
    clk(e.clocks - 1u);
  } else {
    // Base/index + displacement: 4 more clocks than the plain form (Intel: 9, 11, 12).
    clk(e.pre_disp);
    std::uint16_t disp;
    unsigned used = e.pre_disp;
    if (d_.mod == 1) {
      disp = std::uint16_t(std::int16_t(std::int8_t(q_read8())));
      used += 1;
    } else {
      disp = q_read16();
      used += 2;
    }
    ea = std::uint16_t(ea + disp);
    const unsigned total = e.clocks + 4u - 1u;
    if (total > used) clk(total - used);
  }
  d_.ea = ea;
  d_.ea_seg = std::uint8_t(seg_for(e.seg));
}

// 80286: a separate address unit computes the EA; the PRM's instruction times include it
// except for base + index + displacement, which adds one clock (iAPX 286 PRM, instruction
// set timing notes).
void BiuAccess::read_modrm_286(Cpu808x& c) {
  Insn& d = c.d_;
  if (d.mod == 0 && d.rm == 6) {
    d.ea = c.q_read16();
    d.ea_seg = std::uint8_t(c.seg_for(kDS));
    return;
  }
  const EaMode& e = kModes[d.rm];
  std::uint16_t ea = c.regs_[e.base];
  if (e.index >= 0) ea = std::uint16_t(ea + c.regs_[e.index]);
  if (d.mod == 1) ea = std::uint16_t(ea + std::uint16_t(std::int16_t(std::int8_t(c.q_read8()))));
  else if (d.mod == 2) ea = std::uint16_t(ea + c.q_read16());
  d.ea_extra = d.mod != 0 && e.index >= 0;  // spent by dispatch() (execute.cpp)
  d.ea = ea;
  d.ea_seg = std::uint8_t(c.seg_for(e.seg));
}

std::uint16_t Cpu808x::rm_read_w(bool w) {
  if (d_.mod == 3) return reg(d_.rm, w);
  return mem_read(d_.ea_seg, d_.ea, w);
}

void Cpu808x::rm_write_w(bool w, std::uint16_t v) {
  if (d_.mod == 3) {
    set_reg(d_.rm, w, v);
    return;
  }
  mem_write(d_.ea_seg, d_.ea, w, v);
}

std::uint16_t Cpu808x::rm_read() { return rm_read_w(d_.w); }
void Cpu808x::rm_write(std::uint16_t v) { rm_write_w(d_.w, v); }

}  // namespace quartz
