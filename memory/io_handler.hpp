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
  // A 16-bit I/O cycle at an even port (on the ISA bus: a word cycle to a card that asserts
  // IOCS16#, e.g. the ATA data register 1F0h). The default is what an 8-bit card sees when
  // the bus splits the word: the low byte at `port`, then the high byte at `port + 1`.
  // Override when a port is natively 16 bits wide. Called by Bus::io_read16/io_write16 only
  // when both byte ports belong to this handler.
  virtual std::uint16_t io_read16(std::uint16_t port) {
    std::uint8_t lo = io_read(port);
    std::uint8_t hi = io_read(std::uint16_t(port + 1));
    return std::uint16_t(lo | (hi << 8));
  }
  virtual void io_write16(std::uint16_t port, std::uint16_t value) {
    io_write(port, std::uint8_t(value));
    io_write(std::uint16_t(port + 1), std::uint8_t(value >> 8));
  }
};

// A memory-mapped responder (VGA windows, option-ROM shadows with side effects...).
// Addresses are physical, after A20 masking.
class MmioHandler {
 public:
  virtual ~MmioHandler() = default;
  virtual void mmio_sync(Tick /*now*/) {}
  virtual std::uint8_t mmio_read(std::uint32_t addr) = 0;
  virtual void mmio_write(std::uint32_t addr, std::uint8_t value) = 0;
  // What a read would return, without its side effects (latch loads, status clears), for
  // debuggers and disassemblers. Handlers that cannot answer that way float the bus.
  virtual std::uint8_t mmio_peek(std::uint32_t /*addr*/) const { return 0xFF; }
};

}  // namespace quartz
