#pragma once
// The AT's two cascaded 8237A controllers plus the 74LS612 page registers:
//  - controller 1 (8-bit, channels 0-3) at 00h-0Fh;
//  - controller 2 (16-bit, channels 4-7) at C0h-DEh (even ports), whose channel 4 is wired
//    to controller 1's HRQ/HLDA and must be programmed in cascade mode and unmasked (as
//    the AT BIOS does) for channels 0-3 to get the bus;
//  - page registers at 81h-8Fh: 87h ch0, 83h ch1, 81h ch2, 82h ch3, 8Fh ch4 (unused),
//    8Bh ch5, 89h ch6, 8Ah ch7. The remaining slots of the 74LS612 are readable scratch
//    registers. 80h is left to the POST-code port.
// With at = false (IBM PC/XT) there is only controller 1 and the 4-bit page registers at
// 81h (ch2), 82h (ch3), 83h (ch1); channel 0 (DRAM refresh) has none.
#include <array>
#include <cstdint>
#include <string_view>

#include "devices/dma.hpp"

namespace quartz {

class DmaPair : public IoDevice {
 public:
  DmaPair(Bus& bus, bool at = true);

  std::string_view name() const override { return "dma"; }
  void reset() override;
  void sync(Tick /*now*/) override {}

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  // Map 00-0Fh, 81-8Fh (81-83h on the PC) and C0-DFh to this device.
  void map_ports(Bus& bus);

  // Channels are numbered 0-7 as on the AT bus.
  void set_client(unsigned ch, DmaClient* client);
  void set_dreq(unsigned ch, bool level);
  void request(unsigned ch, bool level) { set_dreq(ch, level); }  // DREQn
  // Run pending transfers (the board calls this after a DREQ rises). Returns the count.
  unsigned service(unsigned max_transfers = 65536);
  bool pending() const;

  Dma8237& controller(unsigned i) { return i ? dma16_ : dma8_; }
  const Dma8237& controller(unsigned i) const { return i ? dma16_ : dma8_; }
  std::uint8_t page_register(std::uint16_t port) const { return pages_[port & 0x0F]; }
  bool at() const { return at_; }

 private:
  bool cascade_open() const;

  Bus& bus_;
  bool at_;
  Dma8237 dma8_;
  Dma8237 dma16_;
  std::array<std::uint8_t, 16> pages_{};
};

}  // namespace quartz
