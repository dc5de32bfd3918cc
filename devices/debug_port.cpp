#include "devices/debug_port.hpp"

namespace quartz {

namespace {
constexpr std::string_view kShutdownWord = "Shutdown";
}

std::uint8_t DebugPort::io_read(std::uint16_t port) {
  if (port == kConsolePort) return 0xE9;
  return 0xFF;  // nothing drives the bus
}

void DebugPort::io_write(std::uint16_t port, std::uint8_t value) {
  if (port == kConsolePort) {
    if (sink_) sink_(value);
    return;
  }
  if (port != kShutdownPort) return;
  if (value == std::uint8_t(kShutdownWord[shutdown_matched_])) {
    if (++shutdown_matched_ == kShutdownWord.size()) {
      shutdown_matched_ = 0;
      if (on_shutdown_) on_shutdown_();
    }
  } else {
    // A wrong byte restarts the match; it may itself be the first letter of a new attempt.
    shutdown_matched_ = (value == std::uint8_t(kShutdownWord[0])) ? 1 : 0;
  }
}

}  // namespace quartz
