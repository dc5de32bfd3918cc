#pragma once
// The VGA display memory: 256 KiB as four 64 KiB planes, with the four 8-bit latches and the
// CPU data path of the graphics controller (IBM VGA Technical Reference, "Graphics Controller"
// write modes 0-3, read modes 0-1, and the sequencer's chain-4 and odd/even addressing).
// Each 32-bit word of `vram` holds one address across the planes: byte p is plane p.
#include <cstdint>
#include <vector>

#include "devices/vga/graphics_controller.hpp"
#include "devices/vga/sequencer.hpp"

namespace quartz {

class Planes {
 public:
  static constexpr std::uint32_t kPlaneSize = 0x10000;

  Planes() : vram(kPlaneSize, 0) {}
  void reset() { std::fill(vram.begin(), vram.end(), 0); latch = 0; }

  // CPU access at `offset` inside the window the graphics controller selects.
  std::uint8_t cpu_read(std::uint32_t offset, const Sequencer& seq, const GraphicsController& gc);
  void cpu_write(std::uint32_t offset, std::uint8_t v, const Sequencer& seq,
                 const GraphicsController& gc);

  std::uint8_t plane(unsigned p, std::uint32_t addr) const {
    return std::uint8_t(vram[addr & (kPlaneSize - 1)] >> (8 * p));
  }
  void set_plane(unsigned p, std::uint32_t addr, std::uint8_t v) {
    std::uint32_t& w = vram[addr & (kPlaneSize - 1)];
    w = (w & ~(0xFFu << (8 * p))) | (std::uint32_t(v) << (8 * p));
  }
  std::uint8_t latch_byte(unsigned p) const { return std::uint8_t(latch >> (8 * p)); }

  std::vector<std::uint32_t> vram;
  std::uint32_t latch = 0;
};

}  // namespace quartz
