#include "devices/vga/graphics_controller.hpp"

namespace quartz {

namespace {
constexpr std::array<std::uint8_t, GraphicsController::kRegCount> kWritable = {
    0x0F, 0x0F, 0x0F, 0x1F, 0x03, 0x7B, 0x0F, 0x0F, 0xFF};
// Memory map select: 00 A0000h 128K, 01 A0000h 64K, 10 B0000h 32K, 11 B8000h 32K.
constexpr std::uint32_t kBase[4] = {0xA0000, 0xA0000, 0xB0000, 0xB8000};
constexpr std::uint32_t kSize[4] = {0x20000, 0x10000, 0x8000, 0x8000};
}  // namespace

void GraphicsController::write_data(std::uint8_t v) {
  if (index < kRegCount) regs[index] = v & kWritable[index];
}

std::uint32_t GraphicsController::window_base() const { return kBase[memory_map()]; }
std::uint32_t GraphicsController::window_size() const { return kSize[memory_map()]; }

}  // namespace quartz
