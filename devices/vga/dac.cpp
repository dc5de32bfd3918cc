#include "devices/vga/dac.hpp"

#include <cstring>

namespace quartz {

void Dac::reset() {
  table.fill(0);
  for (unsigned i = 0; i < 256; ++i) update(std::uint8_t(i));
  write_index = read_index = component = state = 0;
  pel_mask = 0xFF;
}

void Dac::update(std::uint8_t i) {
  // Widen 6 bits to 8 the way a linear DAC spans full scale: v*255/63 (63 -> 255).
  auto w = [](std::uint8_t v) { return std::uint32_t((v * 255 + 31) / 63); };
  rgb32[i] = w(table[i * 3]) << 16 | w(table[i * 3 + 1]) << 8 | w(table[i * 3 + 2]);
  const std::uint8_t bytes[4] = {std::uint8_t(w(table[i * 3])), std::uint8_t(w(table[i * 3 + 1])),
                                 std::uint8_t(w(table[i * 3 + 2])), 0xFF};
  std::memcpy(&rgba[i], bytes, 4);
}

void Dac::write_data(std::uint8_t v) {
  // The three components are held until the third arrives, then written as one entry.
  pending[component] = v & 0x3F;
  if (++component == 3) {
    component = 0;
    for (int c = 0; c < 3; ++c) table[write_index * 3 + c] = pending[c];
    update(write_index);
    ++write_index;
  }
}

std::uint8_t Dac::read_data() {
  std::uint8_t v = table[read_index * 3 + component];
  if (++component == 3) {
    component = 0;
    ++read_index;
  }
  return v;
}

}  // namespace quartz
