#include "devices/vga/crtc.hpp"

namespace quartz {

bool Crtc::write_data(std::uint8_t v) {
  if (index >= kRegCount) return false;
  if (protect() && index <= 0x07) {
    if (index != 0x07) return false;
    // Only the line compare bit 8 stays writable in the overflow register.
    regs[0x07] = std::uint8_t((regs[0x07] & ~0x10) | (v & 0x10));
    return true;
  }
  regs[index] = v;
  return true;
}

std::uint32_t Crtc::memory_address(std::uint32_t ma, unsigned row) const {
  std::uint32_t a;
  if (doubleword()) {
    a = (ma << 2) | ((ma >> 14) & 0x03);
  } else if (!byte_mode()) {
    // Word mode rotates the counter left one bit; MA13 or MA15 (address wrap) fills bit 0.
    a = (ma << 1) | ((ma >> (address_wrap() ? 15 : 13)) & 0x01);
  } else {
    a = ma;
  }
  if (cga_compat()) a = (a & ~0x2000u) | ((row & 1u) << 13);
  if (hercules_compat()) a = (a & ~0x4000u) | (((row >> 1) & 1u) << 14);
  return a & 0xFFFF;
}

}  // namespace quartz
