#pragma once
// Common shape of every chip model in devices/. Devices never include CPU or machine
// headers: they see time as master-clock Ticks, talk to the CPU side through the Bus
// (memory/) and raise interrupt and DMA request lines through the small interfaces below,
// which the machine/ board implements and wires.
#include <cstdint>
#include <string_view>

#include "memory/clock.hpp"
#include "memory/io_handler.hpp"

namespace quartz {

class Device {
 public:
  virtual ~Device() = default;
  virtual std::string_view name() const = 0;
  // Power-on / hardware RESET line.
  virtual void reset() = 0;
  // Catch the chip's internal state up to master tick `now`. Called lazily: before every
  // access to the chip and when its next_event() deadline is reached.
  virtual void sync(Tick now) = 0;
  // Absolute master tick at which the chip will next change an output on its own (a timer
  // output edge, an interrupt, the end of a busy period), or kNever. The machine's scheduler
  // runs the CPU no further than the earliest such deadline.
  virtual Tick next_event() const { return kNever; }
};

// An interrupt request input (e.g. a 8259A IR pin). Level is the electrical level of the
// line: edge-triggered receivers latch a low-to-high transition.
class IrqLine {
 public:
  virtual ~IrqLine() = default;
  virtual void set_level(bool high) = 0;
  void raise() { set_level(true); }
  void lower() { set_level(false); }
};

// A DMA request line into the 8237 (DREQn) plus the data path the controller uses when it
// grants the channel (DACKn): the device supplies or consumes one byte per transfer.
class DmaClient {
 public:
  virtual ~DmaClient() = default;
  virtual std::uint8_t dma_read() = 0;          // memory <- device (a "write" transfer)
  virtual void dma_write(std::uint8_t v) = 0;   // device <- memory (a "read" transfer)
  virtual void dma_terminal_count() {}          // TC asserted on the last transfer
};

// Helpers for devices that are also I/O responders: sync before every port access.
class IoDevice : public Device, public IoHandler {
 public:
  void io_sync(Tick now) override { sync(now); }
};

}  // namespace quartz
