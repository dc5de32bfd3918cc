#pragma once
// The VGA DAC (IBM INMOS G171 compatible): 256 x 18-bit colour table, PEL mask (3C6h), read
// index (3C7h write), DAC state (3C7h read), write index (3C8h), data (3C9h, three 6-bit
// components per entry, the index auto-increments after the third).
#include <array>
#include <cstdint>

namespace quartz {

class Dac {
 public:
  void reset();
  void set_write_index(std::uint8_t v) { write_index = v; component = 0; state = 0x00; }
  void set_read_index(std::uint8_t v) { read_index = v; component = 0; state = 0x03; }
  std::uint8_t read_write_index() const { return write_index; }
  std::uint8_t read_state() const { return state; }  // 00 = write mode, 11b = read mode
  void write_data(std::uint8_t v);
  std::uint8_t read_data();

  // 0x00RRGGBB (8 bits per component, 6-bit DAC values widened) for DAC entry `i`.
  std::uint32_t rgb(std::uint8_t i) const { return rgb32[i]; }

  // Entry i as the 4 bytes R, G, B, 255 in memory order (copied straight into a Frame).
  std::uint32_t rgba_bytes(std::uint8_t i) const { return rgba[i]; }

  std::array<std::uint8_t, 256 * 3> table{};  // 6-bit R, G, B
  std::array<std::uint32_t, 256> rgb32{};
  std::array<std::uint32_t, 256> rgba{};
  std::uint8_t write_index = 0, read_index = 0, component = 0, state = 0;
  std::uint8_t pel_mask = 0xFF;
  std::array<std::uint8_t, 3> pending{};

 private:
  void update(std::uint8_t i);
};

}  // namespace quartz
