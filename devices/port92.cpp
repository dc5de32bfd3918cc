#include "devices/port92.hpp"

namespace quartz {

void Port92::reset() {
  const bool was = a20();
  value_ = 0;
  if (was && on_a20_) on_a20_(false);
}

std::uint8_t Port92::io_read(std::uint16_t /*port*/) { return value_; }

void Port92::io_write(std::uint16_t /*port*/, std::uint8_t value) {
  const std::uint8_t old = value_;
  value_ = value;
  if (((old ^ value) & 0x02) && on_a20_) on_a20_(a20());
  // Only a 0->1 transition of bit 0 resets; software that rewrites the port with bit 0
  // still set (read-modify-write of A20) must not reset again.
  if (!(old & 0x01) && (value & 0x01) && on_reset_) on_reset_();
}

}  // namespace quartz
