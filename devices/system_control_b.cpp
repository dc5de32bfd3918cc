#include "devices/system_control_b.hpp"

namespace quartz {

SystemControlB::SystemControlB(Pit& pit, Speaker& speaker) : pit_(pit), speaker_(speaker) {
  reset();
}

void SystemControlB::reset() {
  // Power-on: all written bits 0 (gate 2 low, speaker off, checks enabled).
  control_ = 0;
  pit_.set_gate(2, false, now_);
  speaker_.set_data_enable(false, now_);
}

void SystemControlB::sync(Tick now) {
  if (now > now_) now_ = now;
  pit_.sync(now);
  speaker_.sync(now);
}

std::uint8_t SystemControlB::io_read(std::uint16_t) {
  std::uint8_t v = control_ & 0x0F;
  if ((now_ / kRefreshToggleTicks) & 1) v |= 0x10;
  if (pit_.out(2)) v |= 0x20;
  return v;
}

void SystemControlB::io_write(std::uint16_t, std::uint8_t value) {
  control_ = value & 0x0F;
  pit_.set_gate(2, value & 0x01, now_);
  speaker_.set_data_enable(value & 0x02, now_);
}

}  // namespace quartz
