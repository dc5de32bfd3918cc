#pragma once
// Interfaces through which the bus reaches chips. The bus calls sync(now) on the owning
// device before every access, so the device answers with its state at the exact cycle of the
// access (lazy catch-up, see docs/architecture.md).
#include <cstdint>

#include "memory/clock.hpp"

namespace quartz {

// An I/O-port responder. Ports are decoded by the bus; a handler sees the full 16-bit port.
class IoHandler {
 public:
  virtual ~IoHandler() = default;
  virtual void io_sync(Tick /*now*/) {}
  virtual std::uint8_t io_read(std::uint16_t port) = 0;
  virtual void io_write(std::uint16_t port, std::uint8_t value) = 0;
};

// A memory-mapped responder (VGA windows, option-ROM shadows with side effects...).
// Addresses are physical, after A20 masking.
class MmioHandler {
 public:
  virtual ~MmioHandler() = default;
  virtual void mmio_sync(Tick /*now*/) {}
  virtual std::uint8_t mmio_read(std::uint32_t addr) = 0;
  virtual void mmio_write(std::uint32_t addr, std::uint8_t value) = 0;
};

}  // namespace quartz
