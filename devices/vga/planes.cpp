#include "devices/vga/planes.hpp"

namespace quartz {

namespace {
// One bit per plane -> one byte of 0xFF per plane.
constexpr std::uint32_t expand(unsigned nibble) {
  return (nibble & 1 ? 0x000000FFu : 0) | (nibble & 2 ? 0x0000FF00u : 0) |
         (nibble & 4 ? 0x00FF0000u : 0) | (nibble & 8 ? 0xFF000000u : 0);
}
constexpr std::uint8_t ror8(std::uint8_t v, unsigned n) {
  return n ? std::uint8_t((v >> n) | (v << (8 - n))) : v;
}
std::uint32_t alu(unsigned fn, std::uint32_t data, std::uint32_t latch) {
  switch (fn) {
    case 1: return data & latch;
    case 2: return data | latch;
    case 3: return data ^ latch;
    default: return data;
  }
}
}  // namespace

std::uint8_t Planes::cpu_read(std::uint32_t offset, const Sequencer& seq,
                              const GraphicsController& gc) {
  unsigned plane_sel = gc.read_map_select();
  std::uint32_t addr = offset;
  if (seq.chain4()) {
    // Chain 4: CPU A1-A0 pick the plane; the planes see the address with those bits clear.
    plane_sel = offset & 3;
    addr = offset & ~3u;
  } else if (gc.host_odd_even()) {
    // Odd/even: A0 picks plane 0/1 (or 2/3 with read map select bit 1).
    plane_sel = (plane_sel & 2) | (offset & 1);
    addr = offset & ~1u;
  }
  addr &= kPlaneSize - 1;
  latch = vram[addr];
  if (gc.read_mode() == 0) return std::uint8_t(latch >> (8 * plane_sel));
  // Read mode 1: a 1 where every plane enabled in color don't care matches color compare.
  std::uint32_t diff = (latch ^ expand(gc.color_compare())) & expand(gc.color_dont_care());
  std::uint8_t any = std::uint8_t(diff | diff >> 8 | diff >> 16 | diff >> 24);
  return std::uint8_t(~any);
}

void Planes::cpu_write(std::uint32_t offset, std::uint8_t v, const Sequencer& seq,
                       const GraphicsController& gc) {
  std::uint32_t planes = expand(seq.map_mask());
  std::uint32_t addr = offset;
  if (seq.chain4()) {
    planes &= expand(1u << (offset & 3));
    addr = offset & ~3u;
  } else if (seq.odd_even()) {
    planes &= expand(offset & 1 ? 0xA : 0x5);
    addr = offset & ~1u;
  }
  addr &= kPlaneSize - 1;
  if (!planes) return;

  const std::uint8_t rotated = ror8(v, gc.rotate_count());
  const unsigned fn = gc.function_select();
  std::uint32_t data;
  std::uint32_t mask = std::uint32_t(gc.bit_mask()) * 0x01010101u;
  switch (gc.write_mode()) {
    case 0: {
      const std::uint32_t esr = expand(gc.enable_set_reset());
      data = (std::uint32_t(rotated) * 0x01010101u & ~esr) | (expand(gc.set_reset()) & esr);
      data = alu(fn, data, latch);
      break;
    }
    case 1:
      // Latches written as they are; bit mask and function do not apply.
      data = latch;
      mask = 0xFFFFFFFFu;
      break;
    case 2:
      data = alu(fn, expand(v & 0x0F), latch);
      break;
    default:
      // Write mode 3: set/reset supplies the colour, rotated data ANDed with the bit mask
      // gives the bits to change.
      mask = std::uint32_t(rotated & gc.bit_mask()) * 0x01010101u;
      data = alu(fn, expand(gc.set_reset()), latch);
      break;
  }
  data = (data & mask) | (latch & ~mask);
  vram[addr] = (vram[addr] & ~planes) | (data & planes);
}

}  // namespace quartz
