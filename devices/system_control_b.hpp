#pragma once
// PC/AT "System Control Port B", port 61h (IBM PC/AT Technical Reference, System Board I/O
// address map / port 061h):
//   write/read back: bit 0 timer 2 GATE, bit 1 speaker data, bit 2 enable RAM parity check
//   (active low), bit 3 enable I/O channel check (active low);
//   read only: bit 4 refresh request toggle, bit 5 timer 2 OUT, bit 6 I/O channel check,
//   bit 7 RAM parity check. Quartz has no parity/channel errors, so bits 6-7 read 0.
// The refresh toggle flips with every DRAM refresh request, which PIT counter 1 issues every
// 18 PIT clocks = 216 master ticks (15.085 us); it is derived here from the master clock.
#include <cstdint>
#include <string_view>

#include "devices/device.hpp"
#include "devices/pit.hpp"
#include "devices/speaker.hpp"

namespace quartz {

class SystemControlB : public IoDevice {
 public:
  static constexpr Tick kRefreshToggleTicks = 216;

  SystemControlB(Pit& pit, Speaker& speaker);

  std::string_view name() const override { return "port61"; }
  void reset() override;
  void sync(Tick now) override;

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  std::uint8_t control() const { return control_; }  // bits 0-3 as written

 private:
  Pit& pit_;
  Speaker& speaker_;
  std::uint8_t control_ = 0;
  Tick now_ = 0;
};

}  // namespace quartz
