#include "devices/vga/sequencer.hpp"

namespace quartz {

namespace {
// Implemented bits per register (IBM VGA Technical Reference, sequencer register tables).
constexpr std::array<std::uint8_t, Sequencer::kRegCount> kWritable = {0x03, 0x3D, 0x0F, 0x3F,
                                                                      0x0E};
constexpr std::uint32_t kFontOffsets[8] = {0x0000, 0x4000, 0x8000, 0xC000,
                                           0x2000, 0x6000, 0xA000, 0xE000};
}  // namespace

void Sequencer::write_data(std::uint8_t v) {
  if (index < kRegCount) regs[index] = v & kWritable[index];
}

std::uint32_t Sequencer::font_base(bool attr_bit3) const {
  std::uint8_t cms = regs[3];
  unsigned map = attr_bit3 ? (((cms >> 5) & 1) << 2) | ((cms >> 2) & 3)
                           : (((cms >> 4) & 1) << 2) | (cms & 3);
  return kFontOffsets[map];
}

}  // namespace quartz
