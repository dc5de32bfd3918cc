#pragma once
// Port 92h, "system control port A" (PS/2 and most AT-compatible chipsets): bit 1 gates
// address line 20 ("fast A20"), bit 0 written 0->1 pulses the CPU reset line ("fast reset").
// The other bits are kept and read back. The effective A20 on a board is the OR of this
// bit and the 8042 output port bit 1: the board combines them before calling Bus::set_a20.
#include <cstdint>
#include <functional>
#include <string_view>

#include "devices/device.hpp"

namespace quartz {

class Port92 : public IoDevice {
 public:
  static constexpr std::uint16_t kPort = 0x92;

  std::string_view name() const override { return "port92"; }
  void reset() override;
  void sync(Tick /*now*/) override {}

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  bool a20() const { return value_ & 0x02; }
  void set_on_a20(std::function<void(bool)> cb) { on_a20_ = std::move(cb); }
  void set_on_reset(std::function<void()> cb) { on_reset_ = std::move(cb); }

 private:
  std::uint8_t value_ = 0;
  std::function<void(bool)> on_a20_;
  std::function<void()> on_reset_;
};

}  // namespace quartz
