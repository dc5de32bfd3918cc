#pragma once
// Emulator debug ports (a Bochs-compatible convention, not real hardware):
//  - E9h: every byte written is handed to a sink (the machine prints it); reading returns
//    E9h so guest code can detect that the port exists.
//  - 8900h: writing the ASCII bytes "Shutdown" one after the other requests power-off.
#include <cstdint>
#include <functional>
#include <string_view>

#include "devices/device.hpp"

namespace quartz {

class DebugPort : public IoDevice {
 public:
  static constexpr std::uint16_t kConsolePort = 0xE9;
  static constexpr std::uint16_t kShutdownPort = 0x8900;

  std::string_view name() const override { return "debug"; }
  void reset() override { shutdown_matched_ = 0; }
  void sync(Tick /*now*/) override {}

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  void set_sink(std::function<void(std::uint8_t)> sink) { sink_ = std::move(sink); }
  void set_on_shutdown(std::function<void()> cb) { on_shutdown_ = std::move(cb); }

 private:
  std::function<void(std::uint8_t)> sink_;
  std::function<void()> on_shutdown_;
  std::size_t shutdown_matched_ = 0;  // how many bytes of "Shutdown" have been seen in order
};

}  // namespace quartz
