#pragma once
// The POST-code port (80h). BIOSes write a progress byte here before each power-on self-test
// step; diagnostic cards latch and display it. On the PC/AT the address also decodes to an
// unused 74LS612 page-register slot, which reads back the last value written, so reads
// return the latched code.
#include <cstdint>
#include <functional>
#include <string_view>
#include <deque>

#include "devices/device.hpp"

namespace quartz {

struct PostCode {
  Tick when = 0;
  std::uint8_t code = 0;
};

class PostPort : public IoDevice {
 public:
  static constexpr std::uint16_t kPort = 0x80;

  std::string_view name() const override { return "post"; }
  void reset() override { latch_ = 0; }  // the log survives resets: it is the debugging record
  void sync(Tick now) override { now_ = now; }

  std::uint8_t io_read(std::uint16_t port) override;
  void io_write(std::uint16_t port, std::uint8_t value) override;

  std::uint8_t last_code() const { return latch_; }
  // Every code written, with the master tick of the write, oldest first. The log keeps at
  // most `limit` entries (older ones are dropped) so a BIOS looping on port 80h as an I/O
  // delay cannot exhaust memory.
  const std::deque<PostCode>& log() const { return log_; }
  void clear_log() { log_.clear(); }
  void set_log_limit(std::size_t limit) { limit_ = limit; }
  // Optional observer (debugger/headless runner), called on every write.
  void set_on_code(std::function<void(const PostCode&)> cb) { on_code_ = std::move(cb); }

 private:
  Tick now_ = 0;
  std::uint8_t latch_ = 0;
  std::size_t limit_ = 4096;
  std::deque<PostCode> log_;
  std::function<void(const PostCode&)> on_code_;
};

}  // namespace quartz
