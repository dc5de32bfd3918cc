#include "devices/post_port.hpp"

namespace quartz {

std::uint8_t PostPort::io_read(std::uint16_t /*port*/) { return latch_; }

void PostPort::io_write(std::uint16_t /*port*/, std::uint8_t value) {
  latch_ = value;
  PostCode entry{now_, value};
  if (limit_ != 0 && log_.size() >= limit_) log_.pop_front();
  if (limit_ != 0) log_.push_back(entry);
  if (on_code_) on_code_(entry);
}

}  // namespace quartz
